//! Reads test counts out of test runners' output lines, so `cargo xtask test` can end
//! with one honest total across cargo test, wasm-bindgen-test and node's test runner.

/// Tests passed and failed, as reported by runners.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
}

impl Counts {
    pub fn add(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
    }

    /// Adds whatever this output line reports, if it is a runner's result line.
    pub fn observe(&mut self, line: &str) {
        if let Some(found) = parse_line(line) {
            self.add(found);
        }
    }
}

/// Removes ANSI colour sequences (`ESC [ ... letter`).
fn strip_ansi(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The number just before `word` in `text`: `number_before("3 passed", " passed")` is 3.
fn number_before(text: &str, word: &str) -> Option<u64> {
    let at = text.find(word)?;
    text[..at].split_whitespace().last()?.parse().ok()
}

/// Recognises the result lines of:
/// - cargo test and wasm-bindgen-test-runner: `test result: ok. 6 passed; 0 failed; ...`
/// - node's test runner, TAP or spec reporter: `# pass 6` / `ℹ pass 6`, `# fail 0` / `ℹ fail 0`
pub fn parse_line(line: &str) -> Option<Counts> {
    let line = strip_ansi(line);
    let line = line.trim();
    if let Some(rest) = line.strip_prefix("test result:") {
        return Some(Counts {
            passed: number_before(rest, " passed")?,
            failed: number_before(rest, " failed")?,
        });
    }
    let rest = line
        .strip_prefix("# ")
        .or_else(|| line.strip_prefix("ℹ "))?
        .trim();
    let (word, number) = rest.split_once(' ')?;
    let number: u64 = number.trim().parse().ok()?;
    match word {
        "pass" => Some(Counts {
            passed: number,
            failed: 0,
        }),
        "fail" => Some(Counts {
            passed: 0,
            failed: number,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cargo_test_result_line() {
        let line = "test result: ok. 12 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s";
        assert_eq!(
            parse_line(line),
            Some(Counts {
                passed: 12,
                failed: 0
            })
        );
    }

    #[test]
    fn reads_failed_cargo_test_result_line() {
        let line = "test result: FAILED. 3 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out";
        assert_eq!(
            parse_line(line),
            Some(Counts {
                passed: 3,
                failed: 2
            })
        );
    }

    #[test]
    fn reads_node_tap_and_spec_summaries() {
        assert_eq!(parse_line("# pass 7").map(|c| c.passed), Some(7));
        assert_eq!(parse_line("# fail 1").map(|c| c.failed), Some(1));
        assert_eq!(parse_line("ℹ pass 4").map(|c| c.passed), Some(4));
        assert_eq!(
            parse_line("\u{1b}[34mℹ fail 0\u{1b}[39m").map(|c| c.failed),
            Some(0)
        );
    }

    #[test]
    fn ignores_other_lines() {
        assert_eq!(parse_line("# tests 7"), None);
        assert_eq!(parse_line("# skipped 0"), None);
        assert_eq!(parse_line("test foo::bar ... ok"), None);
        assert_eq!(parse_line("# pass"), None);
        assert_eq!(parse_line("running 3 tests"), None);
    }

    #[test]
    fn counts_accumulate_over_lines() {
        let mut counts = Counts::default();
        for line in [
            "test result: ok. 2 passed; 0 failed; 0 ignored",
            "noise",
            "test result: ok. 3 passed; 1 failed; 0 ignored",
            "# pass 5",
        ] {
            counts.observe(line);
        }
        assert_eq!(
            counts,
            Counts {
                passed: 10,
                failed: 1
            }
        );
    }
}
