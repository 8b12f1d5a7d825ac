//! The interface's own text follows the house typography (`src/typography.rs`), as the data
//! does: every string literal in the app's sources that reads as visitor-facing text is
//! checked with the French rules (English text never puts a space before a colon, so the
//! French rules cost it nothing), and a straight apostrophe is refused in both languages.
#![cfg(not(target_arch = "wasm32"))]

use cancer_atlas::typography::fault;
use std::path::{Path, PathBuf};

/// A string literal: where it starts (line) and its value, escapes decoded.
struct Literal {
    line: usize,
    value: String,
}

/// The non-raw string literals of Rust source `text`, outside comments and char literals.
fn literals(text: &str) -> Vec<Literal> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\n' => line += 1,
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            // Raw strings (r"…", r#"…"#) are markup in tests, not prose: skipped whole.
            'r' if matches!(chars.get(i + 1), Some('"' | '#'))
                && (i == 0 || !chars[i - 1].is_alphanumeric() && chars[i - 1] != '_') =>
            {
                let mut hashes = 0;
                let mut j = i + 1;
                while chars.get(j) == Some(&'#') {
                    hashes += 1;
                    j += 1;
                }
                if chars.get(j) == Some(&'"') {
                    j += 1;
                    loop {
                        match chars.get(j) {
                            None => break,
                            Some('\n') => line += 1,
                            Some('"') if (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')) => {
                                j += 1 + hashes;
                                break;
                            }
                            _ => {}
                        }
                        j += 1;
                    }
                    i = j;
                    continue;
                }
            }
            // A char literal ('x', '\'', '\u{202f}'), not a lifetime ('static).
            '\'' => {
                if chars.get(i + 1) == Some(&'\\') {
                    let mut j = i + 2;
                    while j < chars.len() && chars[j] != '\'' {
                        j += 1;
                    }
                    i = j + 1;
                    continue;
                }
                if chars.get(i + 2) == Some(&'\'') {
                    i += 3;
                    continue;
                }
            }
            '"' => {
                let start = line;
                let mut value = String::new();
                let mut j = i + 1;
                while j < chars.len() && chars[j] != '"' {
                    if chars[j] == '\n' {
                        line += 1;
                    }
                    if chars[j] == '\\' {
                        j += 1;
                        match chars.get(j) {
                            Some('n') => value.push('\n'),
                            Some('t') => value.push('\t'),
                            Some('u') => {
                                let close = (j..chars.len()).find(|&k| chars[k] == '}').unwrap();
                                let hex: String = chars[j + 2..close].iter().collect();
                                value.push(
                                    char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap(),
                                );
                                j = close;
                            }
                            // A line continuation: the newline and the next line's indent go.
                            Some('\n') => {
                                line += 1;
                                while matches!(chars.get(j + 1), Some(' ' | '\t')) {
                                    j += 1;
                                }
                            }
                            Some(&other) => value.push(other),
                            None => {}
                        }
                    } else {
                        value.push(chars[j]);
                    }
                    j += 1;
                }
                out.push(Literal { line: start, value });
                i = j + 1;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Prose, not code: markup, selectors, attributes, keys and JSON templates are left out.
fn is_prose(text: &str) -> bool {
    // A separator alone (" ; ", " : ") is prose's punctuation too.
    let separator = [" :", " ;", " !", " ?"].iter().any(|p| text.contains(p));
    text.contains(' ')
        && (separator || text.chars().any(char::is_alphabetic))
        && !text.contains(['<', '>', '=', '[', '#'])
        && !text.contains("\": ")
        && !text.starts_with(['.', '-'])
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_interface_text_follows_the_house_typography() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    // xtask writes the prerendered pages' titles, descriptions and image captions (its
    // other modules talk to developers, in a console).
    for page in ["prerender.rs", "embed.rs", "site.rs"] {
        files.push(root.join("xtask/src").join(page));
    }
    // The document for visitors without JavaScript, and the link preview's picture.
    rust_files(&root.join("xtask/prerender/src"), &mut files);
    files.sort();
    let mut faults = Vec::new();
    let mut checked = 0;
    // The rules' own module names the characters it asks for.
    files.retain(|p| !p.ends_with("typography.rs"));
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        // A file's tests quote wrong text on purpose (this rule's own tests among them).
        let app = text.split("#[cfg(test)]").next().unwrap();
        for lit in literals(app).into_iter().filter(|l| is_prose(&l.value)) {
            checked += 1;
            if let Some(f) = fault(&lit.value, true) {
                faults.push(format!(
                    "{}:{}: {} in {:?}",
                    path.strip_prefix(root).unwrap().display(),
                    lit.line,
                    f.what,
                    lit.value
                ));
            }
        }
    }
    assert!(
        checked > 300,
        "only {checked} strings read: the scan is broken"
    );
    assert!(
        faults.is_empty(),
        "{} string(s):\n{}",
        faults.len(),
        faults.join("\n")
    );
}

#[test]
fn the_scan_reads_escapes_and_skips_comments_chars_and_raw_strings() {
    let src = "// \"Nom : x\"\nlet a = '\\'';\nlet b: &'static str = \"Nom\\u{202f}: l’a\";\nlet c = r#\"x : y\"#;\nlet d = \"deux \\\n    lignes ?\";";
    let lits = literals(src);
    let values: Vec<&str> = lits.iter().map(|l| l.value.as_str()).collect();
    assert_eq!(values, ["Nom\u{202f}: l’a", "deux lignes ?"]);
    assert_eq!(lits[1].line, 5);
    assert!(fault(values[0], true).is_none());
    assert!(
        fault(values[1], true).is_some(),
        "the rule would catch an ordinary space"
    );
}
