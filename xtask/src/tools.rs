//! Finding and installing the tools the project needs, idempotently: each check reads the
//! installed version first and installs only what is missing or at the wrong version.

use crate::proc;
use std::path::{Path, PathBuf};
use std::process::Command;

/// trunk's version, pinned: 0.22.1 needs rustc >= 1.96.1 (see xtask/boot/src/pin.rs).
pub const TRUNK_VERSION: &str = "0.22.1";
/// binaryen's version from npm (tools/package.json), the one Trunk.toml asks for.
pub const WASM_OPT_VERSION: &str = "131";
/// Oldest Node.js the end-to-end tests run on: 20 for netlify-cli 26 (tests/netlify;
/// >= 20.12.2) and Netlify's rule parsers (>= 18.14).
pub const NODE_MIN_MAJOR: u64 = 20;
/// The directory holding the end-to-end tests and their package.json.
pub const E2E_DIR: &str = "tests/e2e";
/// Netlify's own local server (netlify-cli), with its package.json: apart from tests/e2e,
/// as it is large (about 420 MB installed).
pub const NETLIFY_DIR: &str = "tests/netlify";
/// The Firefox ESR journeys, a folder of their own under [`E2E_DIR`] (their own step).
pub const FIREFOX_E2E_DIR: &str = "tests/e2e/firefox";
/// Build tools from npm (wasm-opt), with their package.json.
pub const BUILD_TOOLS_DIR: &str = "tools";

/// The repository root: the parent of this crate's manifest directory.
pub fn repo_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(Path::to_path_buf).unwrap_or(manifest)
}

/// Where `cargo install` puts binaries: `$CARGO_HOME/bin`, by default `~/.cargo/bin`.
pub fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
        .join("bin")
}

/// Puts `dir` first on PATH for every child process (moving it there if it is further
/// down), so the tools set-up installed win over other versions elsewhere on PATH. Only
/// called before any thread starts, so nothing else reads the environment meanwhile.
pub fn put_first_on_path(dir: PathBuf) {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs: Vec<PathBuf> = std::env::split_paths(&path).filter(|d| *d != dir).collect();
    dirs.insert(0, dir);
    if let Ok(joined) = std::env::join_paths(dirs) {
        std::env::set_var("PATH", joined);
    }
}

/// The file PATH resolves `program` to, as a shell would (first executable match).
pub fn which(program: &str) -> Option<PathBuf> {
    which_in(program, &std::env::var_os("PATH")?)
}

/// The same for a given PATH value.
pub fn which_in(program: &str, path: &std::ffi::OsStr) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let candidate = Path::new(program);
    if candidate.components().count() > 1 {
        return candidate.is_file().then(|| candidate.to_path_buf());
    }
    std::env::split_paths(path)
        .map(|dir| dir.join(program))
        .find(|p| {
            std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
}

/// A short hex digest of some bytes (stamps of what was installed from which lock file).
pub fn digest(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(bytes))
}

/// Bytes as lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The version of package `name` recorded in a Cargo.lock text, if exactly one is.
pub fn locked_version(lock: &str, name: &str) -> Option<String> {
    let mut found = Vec::new();
    for block in lock.split("[[package]]").skip(1) {
        let field = |key: &str| {
            block.lines().find_map(|l| {
                let (k, v) = l.split_once('=')?;
                (k.trim() == key).then(|| v.trim().trim_matches('"').to_owned())
            })
        };
        if field("name").as_deref() == Some(name) {
            found.extend(field("version"));
        }
    }
    found.dedup();
    match found.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// The version a tool prints as `name X.Y.Z ...` on its first line.
pub fn version_word(output: &str) -> Option<String> {
    output
        .lines()
        .next()?
        .split_whitespace()
        .map(|w| w.trim_start_matches('v'))
        .find(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .map(str::to_owned)
}

/// The major number of `v20.11.1` or `20.11.1`.
pub fn major(version: &str) -> Option<u64> {
    version
        .trim()
        .trim_start_matches('v')
        .split('.')
        .next()?
        .parse()
        .ok()
}

/// What `program --version` says its version is; None if it does not run.
pub fn installed_version(program: &str) -> Option<String> {
    proc::output(Command::new(program).arg("--version")).and_then(|o| version_word(&o))
}

pub fn is_root() -> bool {
    proc::output(Command::new("id").arg("-u")).is_some_and(|o| o.trim() == "0")
}

/// The wasm-bindgen version in Cargo.lock (the CLI must match it exactly).
pub fn wasm_bindgen_version(root: &Path) -> Result<String, String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    locked_version(&lock, "wasm-bindgen")
        .ok_or_else(|| "Cargo.lock does not name exactly one wasm-bindgen version".to_owned())
}

/// Makes sure Cargo.lock exists (a fresh clone has it; a first checkout may not).
pub fn ensure_lockfile(root: &Path) -> Result<(), String> {
    if root.join("Cargo.lock").exists() {
        return Ok(());
    }
    proc::run(
        Command::new("cargo")
            .arg("generate-lockfile")
            .current_dir(root),
    )
}

/// Path of the Chromium binary for the browser tests (`CHROMIUM` overrides).
pub fn chromium_path() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned())
}

/// Path of Debian's Firefox ESR for the Firefox end-to-end journeys (`FIREFOX` overrides).
pub fn firefox_path() -> String {
    std::env::var("FIREFOX").unwrap_or_else(|_| "/usr/bin/firefox-esr".to_owned())
}

/// Path of ChromeDriver for wasm-bindgen-test (`CHROMEDRIVER` overrides).
pub fn chromedriver_path() -> String {
    std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".to_owned())
}

/// netlify-cli's command, as `npm ci` installs it under [`NETLIFY_DIR`].
pub fn netlify_cli(root: &Path) -> PathBuf {
    root.join(NETLIFY_DIR).join("node_modules/.bin/netlify")
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
version = 4

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "wasm-bindgen-backend"
version = "0.2.130"

[[package]]
name = "trunk-like"
version = "1.0.0"
"#;

    #[test]
    fn finds_the_locked_version_of_an_exact_package_name() {
        assert_eq!(
            locked_version(LOCK, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(locked_version(LOCK, "wasm"), None);
    }

    #[test]
    fn refuses_ambiguous_locks() {
        let twice = format!("{LOCK}\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.99\"\n");
        assert_eq!(locked_version(&twice, "wasm-bindgen"), None);
    }

    #[test]
    fn reads_tool_versions_from_their_banners() {
        assert_eq!(version_word("trunk 0.22.1").as_deref(), Some("0.22.1"));
        assert_eq!(
            version_word("wasm-bindgen 0.2.130\n").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(
            version_word("Chromium 156.0.8078.73 built on Debian").as_deref(),
            Some("156.0.8078.73")
        );
        assert_eq!(
            version_word("Mozilla Firefox 153.8.0esr").as_deref(),
            Some("153.8.0esr")
        );
        assert_eq!(version_word("v20.20.2").as_deref(), Some("20.20.2"));
        assert_eq!(version_word(""), None);
    }

    #[test]
    fn wasm_opt_is_pinned_alike_in_trunk_toml_and_tools_package_json() {
        let root = repo_root();
        let trunk = std::fs::read_to_string(root.join("Trunk.toml")).unwrap();
        assert!(
            trunk.contains(&format!("wasm_opt = \"version_{WASM_OPT_VERSION}\"")),
            "Trunk.toml asks for another wasm-opt"
        );
        let npm = std::fs::read_to_string(root.join(BUILD_TOOLS_DIR).join("package.json")).unwrap();
        assert!(
            npm.contains(&format!("\"binaryen\": \"{WASM_OPT_VERSION}.0.0\"")),
            "tools/package.json pins another binaryen"
        );
    }

    #[test]
    fn path_lookup_finds_executables_only() {
        assert!(which("sh").is_some_and(|p| p.is_absolute()));
        assert_eq!(which("no-such-program-xtask"), None);
        assert_eq!(which("/no/such/dir/sh"), None);
    }

    #[test]
    fn reads_major_versions() {
        assert_eq!(major("v20.20.2"), Some(20));
        assert_eq!(major("18"), Some(18));
        assert_eq!(major("x"), None);
    }
}
