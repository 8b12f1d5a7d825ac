//! Finding and installing the tools the project needs, idempotently: each check reads the
//! installed version first and installs only what is missing or at the wrong version.

use crate::proc;
use std::path::{Path, PathBuf};
use std::process::Command;

/// trunk's version, pinned: 0.22.1 needs rustc >= 1.96.1 (see rust-toolchain.toml).
pub const TRUNK_VERSION: &str = "0.22.1";
/// Oldest Node.js the end-to-end tests run on (node:test with the spec reporter).
pub const NODE_MIN_MAJOR: u64 = 18;
/// The directory holding the end-to-end tests and their package.json.
pub const E2E_DIR: &str = "tests/e2e";
/// Build tools from npm (wasm-opt), with their package.json.
pub const BUILD_TOOLS_DIR: &str = "tools";

/// The repository root: the parent of this crate's manifest directory.
pub fn repo_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(Path::to_path_buf).unwrap_or(manifest)
}

/// `cargo install` puts binaries in `$CARGO_HOME/bin`; make sure children find them
/// even when a fresh shell has not put that directory on PATH yet.
pub fn put_cargo_bin_on_path() {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    if let Some(bin) = cargo_home.map(|h| h.join("bin")) {
        prepend_to_path(bin);
    }
}

/// Puts `dir` first on PATH for every child process. Only called during set-up, before
/// any step starts a thread, so nothing else reads the environment meanwhile.
fn prepend_to_path(dir: PathBuf) {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs: Vec<PathBuf> = std::env::split_paths(&path).collect();
    if !dirs.contains(&dir) {
        dirs.insert(0, dir);
        if let Ok(joined) = std::env::join_paths(dirs) {
            std::env::set_var("PATH", joined);
        }
    }
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

fn installed_version(program: &str) -> Option<String> {
    proc::output(Command::new(program).arg("--version")).and_then(|o| version_word(&o))
}

fn is_root() -> bool {
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

/// The wasm32 target for the pinned toolchain (rust-toolchain.toml usually brings it).
pub fn ensure_wasm_target(root: &Path) -> Result<(), String> {
    let installed = proc::output(
        Command::new("rustup")
            .args(["target", "list", "--installed"])
            .current_dir(root),
    );
    match installed {
        Some(list) if list.lines().any(|l| l.trim() == "wasm32-unknown-unknown") => Ok(()),
        Some(_) => proc::run(
            Command::new("rustup")
                .args(["target", "add", "wasm32-unknown-unknown"])
                .current_dir(root),
        ),
        None => {
            println!("rustup not found: assuming the wasm32-unknown-unknown target is present");
            Ok(())
        }
    }
}

/// `cargo install` a crate at an exact version unless `program --version` already says it.
fn ensure_cargo_tool(
    root: &Path,
    program: &str,
    krate: &str,
    version: &str,
    locked: bool,
) -> Result<(), String> {
    match installed_version(program) {
        Some(v) if v == version => {
            println!("ok: {program} {v}");
            return Ok(());
        }
        Some(v) => println!("{program} {v} found, {version} needed: installing"),
        None => println!("{program} not found: installing {krate} {version}"),
    }
    let mut cmd = Command::new("cargo");
    cmd.args(["install", krate, "--version", version])
        .current_dir(root);
    if locked {
        cmd.arg("--locked");
    }
    proc::run(&mut cmd)?;
    match installed_version(program) {
        Some(v) if v == version => Ok(()),
        other => Err(format!(
            "installed {krate} {version}, but `{program} --version` says {other:?}: \
             is another {program} earlier on PATH?"
        )),
    }
}

pub fn ensure_trunk(root: &Path) -> Result<(), String> {
    ensure_cargo_tool(root, "trunk", "trunk", TRUNK_VERSION, true)
}

/// wasm-bindgen-cli at exactly the Cargo.lock version; it also provides
/// wasm-bindgen-test-runner. Installed without --locked: its own lock file pins crates
/// that newer compilers reject.
pub fn ensure_wasm_bindgen(root: &Path) -> Result<(), String> {
    let version = wasm_bindgen_version(root)?;
    ensure_cargo_tool(root, "wasm-bindgen", "wasm-bindgen-cli", &version, false)?;
    match installed_version("wasm-bindgen-test-runner") {
        Some(v) if v == version => Ok(()),
        other => Err(format!(
            "wasm-bindgen-test-runner is {other:?}, expected {version}: \
             reinstall with `cargo install wasm-bindgen-cli --version {version} --force`"
        )),
    }
}

/// Path of the Chromium binary for the browser tests (`CHROMIUM` overrides).
pub fn chromium_path() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned())
}

/// Path of ChromeDriver for wasm-bindgen-test (`CHROMEDRIVER` overrides).
pub fn chromedriver_path() -> String {
    std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".to_owned())
}

/// Runs `apt-get install` for these packages when root; a clear message otherwise.
fn apt_install(packages: &[&str], why: &str) -> Result<(), String> {
    if !is_root() {
        return Err(format!(
            "{why} is missing and this is not root, so it cannot be installed here.\n\
             Install it with: sudo apt-get update && sudo apt-get install -y {}",
            packages.join(" ")
        ));
    }
    proc::run(Command::new("apt-get").args(["update", "-qq"]))?;
    proc::run(
        Command::new("apt-get")
            .args(["install", "-y", "-qq", "--no-install-recommends"])
            .args(packages)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

/// Debian's Chromium and ChromeDriver (never a downloaded browser build).
pub fn ensure_chromium() -> Result<(), String> {
    let browser = installed_version(&chromium_path());
    let driver = installed_version(&chromedriver_path());
    if let (Some(b), Some(d)) = (&browser, &driver) {
        println!("ok: chromium {b}, chromedriver {d}");
        return Ok(());
    }
    apt_install(&["chromium", "chromium-driver"], "Chromium or ChromeDriver")?;
    match (
        installed_version(&chromium_path()),
        installed_version(&chromedriver_path()),
    ) {
        (Some(_), Some(_)) => Ok(()),
        _ => Err("Chromium or ChromeDriver still missing after apt-get install".to_owned()),
    }
}

/// Node.js and npm (for wasm-opt and the end-to-end tests).
fn ensure_node() -> Result<(), String> {
    match installed_version("node").as_deref().and_then(major) {
        Some(m) if m >= NODE_MIN_MAJOR => {
            println!("ok: node major version {m}");
            Ok(())
        }
        found => {
            println!("node {found:?} found, >= {NODE_MIN_MAJOR} needed: installing");
            apt_install(&["nodejs", "npm"], "Node.js")
        }
    }
}

/// binaryen's wasm-opt from npm, at the version Trunk expects, first on PATH.
pub fn ensure_wasm_opt(root: &Path) -> Result<(), String> {
    ensure_npm_packages(root, BUILD_TOOLS_DIR)?;
    prepend_to_path(root.join(BUILD_TOOLS_DIR).join("node_modules/.bin"));
    match installed_version("wasm-opt") {
        Some(v) => {
            println!("ok: wasm-opt {v}");
            Ok(())
        }
        None => Err("wasm-opt not found after npm ci in tools/".to_owned()),
    }
}

/// Node.js, then the pinned npm packages of `dir` (`npm ci`), skipped when
/// node_modules is newer than package-lock.json.
pub fn ensure_npm_packages(root: &Path, dir: &str) -> Result<(), String> {
    ensure_node()?;
    let name = dir;
    let dir = root.join(dir);
    let lock = dir.join("package-lock.json");
    let stamp = dir.join("node_modules/.package-lock.json");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    if let (Some(lock_time), Some(stamp_time)) = (modified(&lock), modified(&stamp)) {
        if stamp_time >= lock_time {
            println!("ok: npm packages in {name}");
            return Ok(());
        }
    }
    proc::run(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&dir),
    )
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
        assert_eq!(version_word("v20.20.2").as_deref(), Some("20.20.2"));
        assert_eq!(version_word(""), None);
    }

    #[test]
    fn reads_major_versions() {
        assert_eq!(major("v20.20.2"), Some(20));
        assert_eq!(major("18"), Some(18));
        assert_eq!(major("x"), None);
    }
}
