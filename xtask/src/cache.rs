//! Remembering passes: a slow step whose inputs are byte for byte what they were when it
//! last passed need not run again on a warm re-run. Only passes are kept, each under the
//! digest of every input (file paths and contents, tool versions); any change, a failure,
//! `--rerun` or CI (`CI=true`) runs the step. Used for the end-to-end suite, whose inputs
//! are all files: the built `dist/`, the test files, and the browser and Node versions.

use std::path::{Path, PathBuf};

/// What is kept of a step's last pass.
#[derive(Debug, PartialEq, Eq)]
pub struct Pass {
    pub digest: String,
    /// Tests it passed.
    pub passed: u64,
}

/// Every file under `dir`, sorted, skipping directories named in `skip`.
pub fn files_under(dir: &Path, skip: &[&str]) -> Result<Vec<PathBuf>, String> {
    fn walk(dir: &Path, skip: &[&str], out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir() {
                if !skip.contains(&name) {
                    walk(&path, skip, out)?;
                }
            } else {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, skip, &mut out).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    out.sort();
    Ok(out)
}

/// The digest of these files (paths relative to `root`, and contents) and facts.
pub fn digest(root: &Path, files: &[PathBuf], facts: &[String]) -> Result<String, String> {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    for file in files {
        let rel = file.strip_prefix(root).unwrap_or(file);
        let bytes =
            std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        hash.update(rel.to_string_lossy().as_bytes());
        hash.update([0]);
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(&bytes);
    }
    for fact in facts {
        hash.update(fact.as_bytes());
        hash.update([0]);
    }
    Ok(crate::tools::hex(&hash.finalize()))
}

fn record_path(root: &Path, step: &str) -> PathBuf {
    root.join("target/xtask-cache").join(format!("{step}.pass"))
}

/// The step's last pass, if one is kept.
pub fn last_pass(root: &Path, step: &str) -> Option<Pass> {
    let text = std::fs::read_to_string(record_path(root, step)).ok()?;
    let mut words = text.split_whitespace();
    let digest = words.next()?.to_owned();
    let passed = words.next()?.parse().ok()?;
    Some(Pass { digest, passed })
}

/// Keeps a pass (a failure to write it only costs a re-run).
pub fn record_pass(root: &Path, step: &str, pass: &Pass) {
    let path = record_path(root, step);
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = std::fs::write(path, format!("{} {}\n", pass.digest, pass.passed));
}

/// Forgets a step's pass (after a failure, or before it runs).
pub fn forget(root: &Path, step: &str) {
    let _ = std::fs::remove_file(record_path(root, step));
}

/// Whether this run is CI's (`CI` set to anything but empty, `0` or `false`).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-cache-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("dist/assets")).unwrap();
        std::fs::create_dir_all(dir.join("tests/node_modules/x")).unwrap();
        std::fs::write(dir.join("dist/index.html"), "<html>").unwrap();
        std::fs::write(dir.join("dist/assets/app.wasm"), [0u8, 97, 115, 109]).unwrap();
        std::fs::write(dir.join("tests/a.test.mjs"), "test()").unwrap();
        std::fs::write(dir.join("tests/node_modules/x/index.js"), "1").unwrap();
        dir
    }

    fn inputs(dir: &Path, facts: &[String]) -> String {
        let mut files = files_under(&dir.join("dist"), &[]).unwrap();
        files.extend(files_under(&dir.join("tests"), &["node_modules"]).unwrap());
        digest(dir, &files, facts).unwrap()
    }

    #[test]
    fn the_digest_changes_with_any_input_and_nothing_else() {
        let dir = scratch("digest");
        let facts = vec!["Chromium 156".to_owned()];
        let first = inputs(&dir, &facts);
        assert_eq!(inputs(&dir, &facts), first, "same inputs, same digest");
        std::fs::write(dir.join("tests/node_modules/x/index.js"), "2").unwrap();
        assert_eq!(inputs(&dir, &facts), first, "node_modules is not an input");
        assert_ne!(
            inputs(&dir, &["Chromium 157".to_owned()]),
            first,
            "a new browser"
        );
        std::fs::write(dir.join("dist/assets/app.wasm"), [0u8, 97, 115, 110]).unwrap();
        let changed = inputs(&dir, &facts);
        assert_ne!(changed, first, "one byte of the build");
        std::fs::rename(dir.join("tests/a.test.mjs"), dir.join("tests/b.test.mjs")).unwrap();
        assert_ne!(inputs(&dir, &facts), changed, "a renamed test file");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_pass_is_kept_read_back_and_forgotten() {
        let dir = scratch("pass");
        assert_eq!(last_pass(&dir, "e2e"), None);
        let pass = Pass {
            digest: "abc".to_owned(),
            passed: 54,
        };
        record_pass(&dir, "e2e", &pass);
        assert_eq!(last_pass(&dir, "e2e"), Some(pass));
        forget(&dir, "e2e");
        assert_eq!(last_pass(&dir, "e2e"), None);
        std::fs::create_dir_all(dir.join("target/xtask-cache")).unwrap();
        std::fs::write(dir.join("target/xtask-cache/e2e.pass"), "garbage").unwrap();
        assert_eq!(
            last_pass(&dir, "e2e"),
            None,
            "an unreadable record is no pass"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
