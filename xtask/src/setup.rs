//! Installing what a task needs: every tool is checked first (version and place on PATH),
//! and only what is missing or wrong is installed, in the background, while the task goes
//! on with the steps that do not need it. A step asks for a tool with [`Setup::wait`].
//!
//! Two installers run side by side: cargo (wasm-bindgen-cli, then trunk: CPU-bound, in
//! that order because the browser tests need wasm-bindgen long before the release build
//! needs trunk) and the system one (apt for Chromium, Firefox ESR and Node.js, then `npm ci`: mostly
//! network and disk). Their output goes to `target/setup/*.log`; the console gets one line
//! when each starts and ends. A failed install says which, how to retry, and leaves nothing
//! that the next run's check would trust.
//!
//! This module never sets environment variables after a thread has started: PATH is set
//! once, in [`Setup::start`], before any installer runs.

use crate::{frictionless, html_check, proc, tools};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Instant;

/// What a task can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    /// wasm-bindgen and wasm-bindgen-test-runner at the Cargo.lock version.
    WasmBindgen,
    /// trunk at [`tools::TRUNK_VERSION`].
    Trunk,
    /// binaryen's wasm-opt from npm (tools/), first on PATH.
    WasmOpt,
    /// Debian's Chromium and ChromeDriver.
    Chromium,
    /// Debian's Firefox ESR (driven over WebDriver BiDi by puppeteer-core, from the
    /// end-to-end tests' npm packages: no geckodriver).
    Firefox,
    /// The end-to-end tests' npm packages (tests/e2e).
    E2ePackages,
    /// Netlify's local server, netlify-cli from npm (tests/netlify).
    NetlifyCli,
    /// PyPI's frictionless at [`frictionless::VERSION`], in a virtual environment under
    /// `target/venv` (Debian's python3-venv from apt first, if missing).
    Frictionless,
    /// A Java runtime for the Nu HTML Checker (vnu.jar, from npm in tools/): Debian's
    /// default-jre-headless when `java` is missing or older than
    /// [`html_check::JAVA_MIN_MAJOR`].
    Java,
}

impl Tool {
    pub fn name(self) -> &'static str {
        match self {
            Tool::WasmBindgen => "wasm-bindgen-cli",
            Tool::Trunk => "trunk",
            Tool::WasmOpt => "wasm-opt (npm, tools/)",
            Tool::Chromium => "Chromium and ChromeDriver",
            Tool::Firefox => "Firefox ESR",
            Tool::E2ePackages => "the end-to-end tests' npm packages",
            Tool::NetlifyCli => "netlify-cli (npm, tests/netlify)",
            Tool::Frictionless => "frictionless (PyPI, target/venv)",
            Tool::Java => "Java (default-jre-headless, for vnu.jar)",
        }
    }
}

/// How an install ended: Err says what failed and how to retry.
type Outcome = Result<(), String>;

/// A result that one thread sets once and others wait for.
#[derive(Clone, Default)]
struct Ready(Arc<(Mutex<Option<Outcome>>, Condvar)>);

impl Ready {
    fn done() -> Ready {
        let ready = Ready::default();
        ready.set(Ok(()));
        ready
    }

    fn set(&self, outcome: Result<(), String>) {
        let (lock, signal) = &*self.0;
        let mut slot = lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if slot.is_none() {
            *slot = Some(outcome);
        }
        signal.notify_all();
    }

    fn is_set(&self) -> bool {
        let (lock, _) = &*self.0;
        lock.lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .is_some()
    }

    fn wait(&self) -> Result<(), String> {
        let (lock, signal) = &*self.0;
        let mut slot = lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        while slot.is_none() {
            slot = signal
                .wait(slot)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        slot.clone().unwrap_or(Ok(()))
    }
}

/// The tools a task asked for, each ready now or being installed.
pub struct Setup {
    cells: Vec<(Tool, Ready)>,
    started: Instant,
}

impl Setup {
    /// Checks every tool in `wanted` now and starts installing the missing ones.
    pub fn start(root: &Path, wanted: &[Tool]) -> Result<Setup, String> {
        let started = Instant::now();
        tools::ensure_lockfile(root)?;
        // Installed tools come first on PATH, so that another version elsewhere is never
        // picked up (each is still checked where it resolves).
        tools::put_first_on_path(root.join(tools::BUILD_TOOLS_DIR).join("node_modules/.bin"));
        // wasm-opt's cache (tools/bin/wasm-opt) comes before the real one.
        tools::put_first_on_path(root.join(tools::BUILD_TOOLS_DIR).join("bin"));
        tools::put_first_on_path(tools::cargo_bin());
        let log_dir = root.join("target/setup");
        let want = |tool| wanted.contains(&tool);
        let mut cells = Vec::new();

        // cargo: wasm-bindgen-cli first, then trunk.
        let mut cargo_jobs: Vec<(CargoTool, Ready)> = Vec::new();
        if want(Tool::WasmBindgen) {
            let tool = CargoTool::wasm_bindgen(root)?;
            cells.push((Tool::WasmBindgen, tool.check_or_queue(&mut cargo_jobs)));
        }
        if want(Tool::Trunk) {
            let tool = CargoTool::trunk();
            cells.push((Tool::Trunk, tool.check_or_queue(&mut cargo_jobs)));
        }
        if !cargo_jobs.is_empty() {
            let (root, log_dir) = (root.to_path_buf(), log_dir.clone());
            std::thread::spawn(move || {
                for (tool, ready) in cargo_jobs {
                    ready.set(tool.install(&root, &log_dir));
                }
            });
        }

        // The system: apt (Chromium, Firefox ESR, Node.js), then npm ci in each directory.
        let chromium = if want(Tool::Chromium) {
            check_chromium()
        } else {
            Some(Ok(()))
        };
        let firefox = if want(Tool::Firefox) {
            check_firefox()
        } else {
            Some(Ok(()))
        };
        let npm_dirs: Vec<(Tool, &'static str)> = [
            (Tool::WasmOpt, tools::BUILD_TOOLS_DIR),
            (Tool::E2ePackages, tools::E2E_DIR),
            (Tool::NetlifyCli, tools::NETLIFY_DIR),
        ]
        .into_iter()
        .filter(|(tool, _)| want(*tool))
        .collect();
        let node_ok = npm_dirs.is_empty() || check_node();
        let mut apt_packages: Vec<&str> = Vec::new();
        if chromium.is_none() {
            apt_packages.extend(["chromium", "chromium-driver"]);
        }
        if firefox.is_none() {
            apt_packages.push(FIREFOX_PACKAGE);
        }
        // Java before `npm ci` in tools/ (the same thread, in that order): vnu-jar's
        // postinstall looks for one (tools/.npmrc keeps it from running anyway).
        let java_ready = Ready::default();
        if want(Tool::Java) {
            if check_java() {
                java_ready.set(Ok(()));
            } else {
                apt_packages.push("default-jre-headless");
            }
            cells.push((Tool::Java, java_ready.clone()));
        } else {
            java_ready.set(Ok(()));
        }
        if !node_ok {
            apt_packages.extend(["nodejs", "npm"]);
        }
        // frictionless: ready if the venv holds the pinned version; else Python's venv
        // module from apt when this Python cannot make one, then a venv and pip.
        let venv_ready = Ready::default();
        let venv_job = if want(Tool::Frictionless) {
            if frictionless::installed(root) {
                println!(
                    "ok: frictionless {} in {}",
                    frictionless::VERSION,
                    frictionless::VENV
                );
                venv_ready.set(Ok(()));
                false
            } else {
                if !frictionless::python_can_make_venvs() {
                    println!("setup: python3 cannot make a virtual environment: installing python3-venv with apt-get in the background");
                    apt_packages.extend(["python3", "python3-venv"]);
                }
                true
            }
        } else {
            false
        };
        if want(Tool::Frictionless) {
            cells.push((Tool::Frictionless, venv_ready.clone()));
        }
        let chromium_ready = Ready::default();
        if let Some(outcome) = chromium {
            chromium_ready.set(outcome);
        }
        if want(Tool::Chromium) {
            cells.push((Tool::Chromium, chromium_ready.clone()));
        }
        let firefox_ready = Ready::default();
        if let Some(outcome) = firefox {
            firefox_ready.set(outcome);
        }
        if want(Tool::Firefox) {
            cells.push((Tool::Firefox, firefox_ready.clone()));
        }
        let mut npm_jobs: Vec<(Tool, PathBuf, Ready)> = Vec::new();
        for (tool, dir) in npm_dirs {
            let dir = root.join(dir);
            let ready = if npm_stamp_is_current(&dir) && (tool != Tool::WasmOpt || wasm_opt_ok()) {
                println!("ok: npm packages in {}", rel(root, &dir));
                Ready::done()
            } else {
                Ready::default()
            };
            if !ready.is_set() {
                npm_jobs.push((tool, dir, ready.clone()));
            }
            cells.push((tool, ready));
        }
        if !apt_packages.is_empty() || !npm_jobs.is_empty() || venv_job {
            let (root, log_dir) = (root.to_path_buf(), log_dir);
            std::thread::spawn(move || {
                let apt = if apt_packages.is_empty() {
                    Ok(())
                } else {
                    apt_install(&apt_packages, &log_dir)
                };
                if !chromium_ready.is_set() {
                    chromium_ready.set(apt.clone().and_then(|()| {
                        check_chromium().unwrap_or_else(|| {
                            Err(
                                "Chromium or ChromeDriver still missing after apt-get install"
                                    .to_owned(),
                            )
                        })
                    }));
                }
                if !firefox_ready.is_set() {
                    firefox_ready.set(apt.clone().and_then(|()| {
                        check_firefox().unwrap_or_else(|| {
                            Err(format!(
                                "{} still missing after apt-get install {FIREFOX_PACKAGE}",
                                tools::firefox_path()
                            ))
                        })
                    }));
                }
                if !java_ready.is_set() {
                    java_ready.set(apt.clone().and_then(|()| {
                        if check_java() {
                            Ok(())
                        } else {
                            Err(format!(
                                "java {} or later is still missing after apt-get install \
                                 default-jre-headless",
                                html_check::JAVA_MIN_MAJOR
                            ))
                        }
                    }));
                }
                if venv_job {
                    venv_ready.set(apt.clone().and_then(|()| venv_install(&root, &log_dir)));
                }
                let node = apt.and_then(|()| {
                    if check_node() {
                        Ok(())
                    } else {
                        Err(format!(
                            "Node.js >= {} is still missing after apt-get install",
                            tools::NODE_MIN_MAJOR
                        ))
                    }
                });
                for (tool, dir, ready) in npm_jobs {
                    ready.set(
                        node.clone()
                            .and_then(|()| npm_ci(&root, &dir, &log_dir))
                            .and_then(|()| {
                                if tool == Tool::WasmOpt && !wasm_opt_ok() {
                                    Err(wasm_opt_problem())
                                } else {
                                    Ok(())
                                }
                            }),
                    );
                }
            });
        }
        Ok(Setup { cells, started })
    }

    /// Waits until `tool` is installed; Err names the failed install and how to retry.
    pub fn wait(&self, tool: Tool) -> Result<(), String> {
        let Some((_, ready)) = self.cells.iter().find(|(t, _)| *t == tool) else {
            return Err(format!(
                "{} was not part of this task's set-up (a bug in xtask)",
                tool.name()
            ));
        };
        if !ready.is_set() {
            println!(
                "setup: waiting for {} (set-up started {:.0} s ago)",
                tool.name(),
                self.started.elapsed().as_secs_f64()
            );
        }
        ready.wait()
    }

    /// Whether `tool` is installed already (never waits).
    pub fn is_ready(&self, tool: Tool) -> bool {
        self.cells
            .iter()
            .any(|(t, ready)| *t == tool && ready.is_set() && ready.wait().is_ok())
    }

    /// Waits for all of them; the first failure is returned, after every install has ended.
    pub fn wait_all(&self) -> Result<(), String> {
        let outcomes: Vec<Result<(), String>> = self
            .cells
            .iter()
            .map(|(tool, _)| self.wait(*tool))
            .collect();
        let outcome = outcomes.into_iter().collect::<Result<(), String>>();
        if outcome.is_ok() {
            println!(
                "set-up done in {:.1} s",
                self.started.elapsed().as_secs_f64()
            );
        }
        outcome
    }
}

fn rel(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// A tool that `cargo install` provides.
struct CargoTool {
    /// The crate.
    krate: &'static str,
    version: String,
    /// Programs it installs, each checked with `--version`.
    programs: &'static [&'static str],
    /// Extra `cargo install` arguments.
    args: &'static [&'static str],
    /// The optimisation level it is built at (see FAST_TOOL_PROFILE).
    opt_level: &'static str,
}

impl CargoTool {
    fn trunk() -> CargoTool {
        CargoTool {
            krate: "trunk",
            version: tools::TRUNK_VERSION.to_owned(),
            programs: &["trunk"],
            // Default features less the update check (a request to crates.io on every
            // run). Trunk insists on one TLS stack even though it never downloads here
            // (offline = true): rustls, its default, needs no system library.
            args: &["--locked", "--no-default-features", "--features", "rustls"],
            // Its own work (minifying a few KB, hashing) is small beside cargo's.
            opt_level: "0",
        }
    }

    /// wasm-bindgen-cli at exactly the Cargo.lock version. Installed without --locked: its
    /// own lock file pins crates that newer compilers reject.
    fn wasm_bindgen(root: &Path) -> Result<CargoTool, String> {
        Ok(CargoTool {
            krate: "wasm-bindgen-cli",
            version: tools::wasm_bindgen_version(root)?,
            programs: &["wasm-bindgen", "wasm-bindgen-test-runner"],
            args: &[],
            // It reads and rewrites every test binary on every test run: at opt-level 0
            // that took 7.3 s per binary, at 1 3.7 s, for 17 s more compile time once.
            opt_level: "1",
        })
    }

    /// The first program that is missing or at another version, said as a sentence.
    fn problem(&self) -> Option<String> {
        self.problem_on(&std::env::var_os("PATH").unwrap_or_default())
    }

    /// The same, for a given PATH.
    fn problem_on(&self, path: &std::ffi::OsStr) -> Option<String> {
        self.programs.iter().find_map(|program| {
            let found = tools::which_in(program, path);
            let version = found
                .as_ref()
                .and_then(|p| tools::installed_version(&p.to_string_lossy()));
            match (found, version) {
                (Some(_), Some(v)) if v == self.version => None,
                (Some(path), Some(v)) => Some(format!(
                    "{program} {v} at {} is not the {} needed",
                    path.display(),
                    self.version
                )),
                (Some(path), None) => Some(format!(
                    "{program} at {} does not say its version",
                    path.display()
                )),
                (None, _) => Some(format!("{program} not found")),
            }
        })
    }

    /// Ready now if installed at the right version; otherwise queued for the installer.
    fn check_or_queue(self, queue: &mut Vec<(CargoTool, Ready)>) -> Ready {
        match self.problem() {
            None => {
                println!("ok: {} {}", self.krate, self.version);
                Ready::done()
            }
            Some(problem) => {
                println!(
                    "setup: {problem}: installing {} {} in the background",
                    self.krate, self.version
                );
                let ready = Ready::default();
                queue.push((self, ready.clone()));
                ready
            }
        }
    }

    fn install_command(&self, root: &Path) -> Command {
        let mut cmd = Command::new("cargo");
        cmd.arg("install")
            .arg(format!("{}@{}", self.krate, self.version))
            .args(self.args)
            .current_dir(root);
        // Tools are built for a quick install, not for speed: see FAST_TOOL_PROFILE.
        for (key, value) in FAST_TOOL_PROFILE {
            cmd.env(key, value);
        }
        cmd.env("CARGO_PROFILE_RELEASE_OPT_LEVEL", self.opt_level);
        cmd
    }

    fn install(&self, root: &Path, log_dir: &Path) -> Result<(), String> {
        self.install_with(&mut self.install_command(root), log_dir)
    }

    fn install_with(&self, cmd: &mut Command, log_dir: &Path) -> Result<(), String> {
        let what = format!("{} {}", self.krate, self.version);
        run_logged(
            cmd,
            &format!("installing {what}"),
            &log_dir.join(format!("{}.log", self.krate)),
        )
        .map_err(|failure| {
            format!(
                "{failure}\ncargo install puts the binaries in place only once they are \
                     built, so nothing was installed. Check that crates.io is reachable, then \
                     run the same command again."
            )
        })?;
        match self.problem() {
            None => Ok(()),
            Some(problem) => Err(format!(
                "installed {what} into {}, but {problem}: is another one earlier on PATH?",
                tools::cargo_bin().display()
            )),
        }
    }
}

/// The release profile `cargo install` builds trunk and wasm-bindgen-cli with, beside each
/// one's opt-level. Their own profiles ask for fat LTO and one codegen unit (trunk: 10 min
/// 45 s on the 2-core machine); tools that spend most of their time waiting on cargo need
/// no LTO and no debug info, and compile several times faster without. The numbers are in
/// docs/performance.md ("Set-up and test times").
pub const FAST_TOOL_PROFILE: [(&str, &str); 4] = [
    ("CARGO_PROFILE_RELEASE_LTO", "off"),
    ("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "256"),
    ("CARGO_PROFILE_RELEASE_DEBUG", "0"),
    ("CARGO_PROFILE_RELEASE_INCREMENTAL", "false"),
];

/// Runs an install with its output in `log`; one console line when it starts and ends.
fn run_logged(cmd: &mut Command, what: &str, log: &Path) -> Result<(), String> {
    if let Some(dir) = log.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let file = File::create(log).map_err(|e| format!("cannot write {}: {e}", log.display()))?;
    let err = file
        .try_clone()
        .map_err(|e| format!("cannot write {}: {e}", log.display()))?;
    let line = proc::describe(cmd);
    {
        use std::io::Write;
        let mut f = &file;
        let _ = writeln!(f, "$ {line}");
    }
    println!("setup: {what}: `{line}` (log: {})", log.display());
    let started = Instant::now();
    let status = cmd
        .stdin(std::process::Stdio::null())
        .stdout(file)
        .stderr(err)
        .status();
    let seconds = started.elapsed().as_secs_f64();
    match status {
        Ok(s) if s.success() => {
            println!("setup: {what}: done in {seconds:.1} s");
            Ok(())
        }
        Ok(s) => Err(format!(
            "{what} failed after {seconds:.1} s (`{line}`: {s}). Its last lines \
             (all of them in {}):\n{}",
            log.display(),
            tail(log, 25)
        )),
        Err(e) => Err(format!("{what}: cannot run `{line}`: {e}")),
    }
}

/// The last `n` lines of a log file, indented.
fn tail(log: &Path, n: usize) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..]
        .iter()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Ok when both are there, Err when one is at a place that does not run, None when missing.
fn check_chromium() -> Option<Result<(), String>> {
    let browser = tools::installed_version(&tools::chromium_path());
    let driver = tools::installed_version(&tools::chromedriver_path());
    match (browser, driver) {
        (Some(b), Some(d)) => {
            println!("ok: chromium {b}, chromedriver {d}");
            Some(Ok(()))
        }
        _ if std::env::var_os("CHROMIUM").is_some() || std::env::var_os("CHROMEDRIVER").is_some() => {
            Some(Err(format!(
                "CHROMIUM={} or CHROMEDRIVER={} does not run (`--version` fails); fix or unset them",
                tools::chromium_path(),
                tools::chromedriver_path()
            )))
        }
        _ => {
            println!("setup: Chromium or ChromeDriver missing: installing them with apt-get in the background");
            None
        }
    }
}

/// Debian's package for Firefox ESR.
const FIREFOX_PACKAGE: &str = "firefox-esr";

/// Ok when Firefox ESR runs, Err when `FIREFOX` names one that does not, None when missing.
fn check_firefox() -> Option<Result<(), String>> {
    match tools::installed_version(&tools::firefox_path()) {
        Some(version) => {
            println!("ok: firefox {version}");
            Some(Ok(()))
        }
        None if std::env::var_os("FIREFOX").is_some() => Some(Err(format!(
            "FIREFOX={} does not run (`--version` fails); fix or unset it",
            tools::firefox_path()
        ))),
        None => {
            println!("setup: Firefox ESR missing: installing {FIREFOX_PACKAGE} with apt-get in the background");
            None
        }
    }
}

/// Whether `java` runs and is recent enough for vnu.jar.
fn check_java() -> bool {
    match html_check::java_version() {
        Some(m) if m >= html_check::JAVA_MIN_MAJOR => {
            println!("ok: java {m}");
            true
        }
        found => {
            println!(
                "setup: java {} found, {} or later needed (the Nu HTML Checker): installing \
                 default-jre-headless with apt-get in the background",
                found.map_or("not".to_owned(), |m| m.to_string()),
                html_check::JAVA_MIN_MAJOR
            );
            false
        }
    }
}

fn check_node() -> bool {
    match tools::installed_version("node")
        .as_deref()
        .and_then(tools::major)
    {
        Some(m) if m >= tools::NODE_MIN_MAJOR => {
            println!("ok: node major version {m}");
            true
        }
        found => {
            println!(
                "setup: node {found:?} found, >= {} needed: installing it with apt-get in the background",
                tools::NODE_MIN_MAJOR
            );
            false
        }
    }
}

/// `apt-get install` when root; the command to type otherwise.
fn apt_install(packages: &[&str], log_dir: &Path) -> Result<(), String> {
    if !tools::is_root() {
        return Err(format!(
            "{} missing and this is not root, so they cannot be installed here.\n\
             Install them with: sudo apt-get update && sudo apt-get install -y {}",
            packages.join(", "),
            packages.join(" ")
        ));
    }
    let log = log_dir.join("apt.log");
    let retry = "Check that Debian's package mirrors are reachable, then run the same command \
                 again (apt-get finishes or undoes its own work; run `dpkg --configure -a` if \
                 it says so).";
    let what = format!("installing {} (apt-get)", packages.join(" "));
    if packages.contains(&"default-jre-headless") {
        // Slim Debian images leave out /usr/share/man, and the JRE's postinst fails when
        // update-alternatives cannot link its manual page there.
        let _ = std::fs::create_dir_all("/usr/share/man/man1");
    }
    run_logged(
        Command::new("apt-get")
            .args(["update", "-qq"])
            .env("DEBIAN_FRONTEND", "noninteractive"),
        "updating apt's package lists",
        &log_dir.join("apt-update.log"),
    )
    .map_err(|f| format!("{f}\n{retry}"))?;
    run_logged(
        Command::new("apt-get")
            .args(["install", "-y", "-qq", "--no-install-recommends"])
            .args(packages)
            .env("DEBIAN_FRONTEND", "noninteractive"),
        &what,
        &log,
    )
    .map_err(|f| format!("{f}\n{retry}"))
}

/// The stamp `npm ci` leaves once it has succeeded: the package-lock.json it installed.
const NPM_STAMP: &str = "node_modules/.xtask-installed";

/// Whether node_modules was installed, in full, from this package-lock.json.
fn npm_stamp_is_current(dir: &Path) -> bool {
    match (
        std::fs::read(dir.join("package-lock.json")),
        std::fs::read(dir.join(NPM_STAMP)),
    ) {
        (Ok(lock), Ok(stamp)) => stamp == tools::digest(&lock).into_bytes(),
        _ => false,
    }
}

/// `npm ci`, then the stamp; a failure removes node_modules so no half-install is trusted.
fn npm_ci(root: &Path, dir: &Path, log_dir: &Path) -> Result<(), String> {
    let name = rel(root, dir);
    let lock = std::fs::read(dir.join("package-lock.json"))
        .map_err(|e| format!("cannot read {name}/package-lock.json: {e}"))?;
    let _ = std::fs::remove_file(dir.join(NPM_STAMP));
    let log = log_dir.join(format!("npm-{}.log", name.replace('/', "-")));
    let outcome = run_logged(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(dir),
        &format!("installing the npm packages of {name} (npm ci)"),
        &log,
    );
    if let Err(failure) = outcome {
        let _ = std::fs::remove_dir_all(dir.join("node_modules"));
        return Err(format!(
            "{failure}\n{name}/node_modules was removed. Check that the npm registry is \
             reachable, then run the same command again."
        ));
    }
    std::fs::write(dir.join(NPM_STAMP), tools::digest(&lock))
        .map_err(|e| format!("cannot write {name}/{NPM_STAMP}: {e}"))
}

/// A fresh virtual environment with frictionless at the pinned version; a failure removes
/// the environment, so that no half-install is trusted.
fn venv_install(root: &Path, log_dir: &Path) -> Result<(), String> {
    let venv = root.join(frictionless::VENV);
    for (step, (what, mut cmd)) in frictionless::install_commands(root).into_iter().enumerate() {
        let log = log_dir.join(format!("frictionless-{}.log", ["venv", "pip"][step]));
        if let Err(failure) = run_logged(&mut cmd, &what, &log) {
            let _ = std::fs::remove_dir_all(&venv);
            return Err(format!(
                "{failure}\n{} was removed. Check that PyPI is reachable, then run the same \
                 command again.",
                frictionless::VENV
            ));
        }
    }
    if frictionless::installed(root) {
        Ok(())
    } else {
        let _ = std::fs::remove_dir_all(&venv);
        Err(format!(
            "frictionless in {} does not say it is {} after pip install",
            frictionless::VENV,
            frictionless::VERSION
        ))
    }
}

fn wasm_opt_ok() -> bool {
    tools::installed_version("wasm-opt").as_deref() == Some(tools::WASM_OPT_VERSION)
}

fn wasm_opt_problem() -> String {
    match (
        tools::which("wasm-opt"),
        tools::installed_version("wasm-opt"),
    ) {
        (Some(path), Some(v)) => format!(
            "wasm-opt {v} at {} is not binaryen {} from tools/ (npm)",
            path.display(),
            tools::WASM_OPT_VERSION
        ),
        _ => "wasm-opt does not run after npm ci in tools/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_set_once_is_seen_by_every_waiter_and_not_replaced() {
        let ready = Ready::default();
        assert!(!ready.is_set());
        let waiter = {
            let ready = ready.clone();
            std::thread::spawn(move || ready.wait())
        };
        ready.set(Err("no network".to_owned()));
        ready.set(Ok(()));
        assert_eq!(waiter.join().unwrap(), Err("no network".to_owned()));
        assert_eq!(ready.wait(), Err("no network".to_owned()));
    }

    #[test]
    fn the_log_tail_keeps_the_last_lines() {
        let dir = std::env::temp_dir().join(format!("xtask-tail-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let log = dir.join("x.log");
        let text: String = (1..=30).map(|i| format!("line {i}\n")).collect();
        std::fs::write(&log, text).unwrap();
        let tail = tail(&log, 3);
        assert_eq!(tail, "    line 28\n    line 29\n    line 30");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_failed_install_says_what_failed_and_leaves_its_log() {
        let dir = std::env::temp_dir().join(format!("xtask-fail-{}", std::process::id()));
        let log = dir.join("tool.log");
        let err = run_logged(
            Command::new("sh").args([
                "-c",
                "echo downloading; echo 'error: registry refused' >&2; exit 3",
            ]),
            "installing a tool 1.0",
            &log,
        )
        .unwrap_err();
        assert!(err.starts_with("installing a tool 1.0 failed"), "{err}");
        assert!(err.contains("error: registry refused"), "{err}");
        assert!(std::fs::read_to_string(&log)
            .unwrap()
            .contains("downloading"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// A program in `dir` that prints `banner` for `--version`.
    fn fake_program(dir: &Path, name: &str, banner: &str) {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.join(name);
        std::fs::write(&path, format!("#!/bin/sh\necho '{banner}'\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    #[test]
    fn a_wrong_version_first_on_path_is_named_and_never_taken_for_the_pin() {
        let (old, new) = (scratch("old-trunk"), scratch("new-trunk"));
        fake_program(&old, "trunk", "trunk 0.21.14");
        fake_program(&new, "trunk", &format!("trunk {}", tools::TRUNK_VERSION));
        let trunk = CargoTool::trunk();
        let path = std::env::join_paths([&old, &new]).unwrap();
        let problem = trunk.problem_on(&path).expect("0.21.14 comes first");
        assert!(problem.contains("trunk 0.21.14 at"), "{problem}");
        assert!(problem.contains(&old.display().to_string()), "{problem}");
        let path = std::env::join_paths([&new, &old]).unwrap();
        assert_eq!(trunk.problem_on(&path), None);
        assert_eq!(
            trunk.problem_on(std::ffi::OsStr::new("")),
            Some("trunk not found".to_owned())
        );
    }

    #[test]
    fn wasm_bindgen_needs_its_test_runner_at_the_same_version() {
        let dir = scratch("wasm-bindgen");
        let tool = CargoTool {
            krate: "wasm-bindgen-cli",
            version: "0.2.130".to_owned(),
            programs: &["wasm-bindgen", "wasm-bindgen-test-runner"],
            args: &[],
            opt_level: "1",
        };
        fake_program(&dir, "wasm-bindgen", "wasm-bindgen 0.2.130");
        fake_program(
            &dir,
            "wasm-bindgen-test-runner",
            "wasm-bindgen-test-runner 0.2.99",
        );
        let problem = tool.problem_on(dir.as_os_str()).unwrap();
        assert!(
            problem.starts_with("wasm-bindgen-test-runner 0.2.99 at"),
            "{problem}"
        );
    }

    #[test]
    fn an_unreachable_registry_fails_the_install_with_a_retry_hint_and_installs_nothing() {
        let dir = scratch("no-registry");
        // A CARGO_HOME whose crates.io is a closed port on loopback.
        std::fs::write(
            dir.join("config.toml"),
            "[source.crates-io]\nreplace-with = \"closed\"\n\
             [source.closed]\nregistry = \"sparse+http://127.0.0.1:9/index/\"\n\
             [net]\nretry = 0\n",
        )
        .unwrap();
        let tool = CargoTool::trunk();
        let mut cmd = tool.install_command(&tools::repo_root());
        cmd.env("CARGO_HOME", &dir)
            .arg("--root")
            .arg(dir.join("root"));
        let err = tool.install_with(&mut cmd, &dir.join("logs")).unwrap_err();
        assert!(err.starts_with("installing trunk 0.22.1 failed"), "{err}");
        assert!(err.contains("Check that crates.io is reachable"), "{err}");
        assert!(
            err.contains("127.0.0.1"),
            "the log tail shows cargo's own error: {err}"
        );
        assert!(!dir.join("root/bin/trunk").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_failed_npm_ci_removes_node_modules_and_leaves_no_stamp() {
        let dir = scratch("npm-fail");
        std::fs::write(
            dir.join(".npmrc"),
            "registry=http://127.0.0.1:9/\nfetch-retries=0\noffline=false\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("package.json"),
            r#"{"name": "x", "private": true, "dependencies": {"xtask-absent": "1.0.0"}}"#,
        )
        .unwrap();
        std::fs::write(
            dir.join("package-lock.json"),
            r#"{"name": "x", "lockfileVersion": 3, "requires": true, "packages": {
              "": {"name": "x", "dependencies": {"xtask-absent": "1.0.0"}},
              "node_modules/xtask-absent": {"version": "1.0.0",
                "resolved": "http://127.0.0.1:9/xtask-absent/-/xtask-absent-1.0.0.tgz",
                "integrity": "sha512-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=="}}}"#,
        )
        .unwrap();
        // A stale stamp and a half-filled node_modules from an earlier, broken run.
        std::fs::create_dir_all(dir.join("node_modules/left-over")).unwrap();
        std::fs::write(dir.join(NPM_STAMP), "stale").unwrap();
        let err = npm_ci(&dir, &dir, &dir.join("logs")).unwrap_err();
        assert!(err.contains("npm ci"), "{err}");
        assert!(err.contains("run the same command again"), "{err}");
        assert!(!dir.join("node_modules").exists());
        assert!(!npm_stamp_is_current(&dir));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_npm_stamp_must_match_the_lock_file() {
        let dir = std::env::temp_dir().join(format!("xtask-npm-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("node_modules")).unwrap();
        std::fs::write(dir.join("package-lock.json"), "{\"v\": 1}").unwrap();
        assert!(!npm_stamp_is_current(&dir), "no stamp yet");
        std::fs::write(dir.join(NPM_STAMP), tools::digest(b"{\"v\": 1}")).unwrap();
        assert!(npm_stamp_is_current(&dir));
        std::fs::write(dir.join("package-lock.json"), "{\"v\": 2}").unwrap();
        assert!(!npm_stamp_is_current(&dir), "the lock file changed");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
