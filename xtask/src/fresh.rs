//! `cargo xtask fresh-machine`: proves the set-up path from nothing, without a new machine.
//!
//! For each of the README's two commands it makes a throwaway directory with a clean clone
//! of the committed HEAD, an empty `RUSTUP_HOME` and `CARGO_HOME` (so no toolchain, no
//! trunk, no wasm-bindgen, no crate downloads), an empty npm cache, and a PATH without the
//! machine's `~/.cargo/bin`. Only the machine's own default toolchain is put in, as a
//! fresh Debian machine with rustup has it, and `RUSTUP_AUTO_INSTALL=0` is set. Then it
//! runs the command there and times it: `cargo xtask serve` until the app answers on
//! localhost, `cargo xtask test` to its end, then `cargo xtask test` again (the warm
//! re-run). Debian's Chromium and Firefox ESR are system-wide: `--purge-apt` removes them
//! first so that their install is timed too. The report goes to `target/fresh-machine.md`.
//!
//! It never touches the machine's own RUSTUP_HOME or CARGO_HOME (only reads them to find
//! rustup and the default toolchain's version).

use crate::{proc, tools};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long each command may take before the check gives up on it.
const SERVE_LIMIT: Duration = Duration::from_secs(40 * 60);
const TEST_LIMIT: Duration = Duration::from_secs(90 * 60);
/// A port of its own, so a `trunk serve` already running on 8080 is not mistaken for it.
const PORT: u16 = 18_080;

/// Programs rustup answers for when called by these names.
const PROXIES: [&str; 8] = [
    "cargo",
    "rustc",
    "rustup",
    "rustdoc",
    "rustfmt",
    "cargo-fmt",
    "cargo-clippy",
    "clippy-driver",
];

struct Options {
    serve: bool,
    test: bool,
    purge_apt: bool,
    keep: bool,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        serve: true,
        test: true,
        purge_apt: false,
        keep: false,
    };
    for arg in args {
        match arg.as_str() {
            "--serve-only" => options.test = false,
            "--test-only" => options.serve = false,
            "--purge-apt" => options.purge_apt = true,
            "--keep" => options.keep = true,
            other => {
                return Err(format!(
                    "fresh-machine: unknown option `{other}` \
                     (--serve-only, --test-only, --purge-apt, --keep)"
                ))
            }
        }
    }
    if !options.serve && !options.test {
        return Err("fresh-machine: --serve-only and --test-only exclude each other".to_owned());
    }
    Ok(options)
}

/// A throwaway machine: its directories and the environment its commands run in.
struct Machine {
    dir: PathBuf,
    clone: PathBuf,
    env: Vec<(String, String)>,
}

impl Machine {
    /// A clean clone and empty homes, with the machine's default toolchain put in.
    fn new(root: &Path, name: &str, report: &mut Vec<String>) -> Result<Machine, String> {
        let dir = std::env::temp_dir().join(format!("atlas-fresh-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let clone = dir.join("atlas");
        proc::run(
            Command::new("git")
                .args(["clone", "--quiet", "--no-local"])
                .arg(root)
                .arg(&clone),
        )?;
        let (rustup_home, cargo_home) = (dir.join("rustup"), dir.join("cargo"));
        let bin = cargo_home.join("bin");
        std::fs::create_dir_all(&bin).map_err(|e| format!("{}: {e}", bin.display()))?;
        let rustup = tools::which("rustup")
            .and_then(|p| p.canonicalize().ok())
            .ok_or("fresh-machine needs rustup on PATH")?;
        for proxy in PROXIES {
            std::os::unix::fs::symlink(&rustup, bin.join(proxy))
                .map_err(|e| format!("cannot link {proxy}: {e}"))?;
        }
        // PATH as the machine has it, less every directory with a cargo-installed tool.
        let system_path = std::env::var_os("PATH").unwrap_or_default();
        let mut dirs = vec![bin.clone()];
        let own_bin = tools::cargo_bin();
        dirs.extend(std::env::split_paths(&system_path).filter(|d| {
            *d != own_bin
                && !d.join("cargo").exists()
                && !d.join("trunk").exists()
                && !d.join("wasm-bindgen").exists()
                && !d.ends_with("node_modules/.bin")
        }));
        let path = std::env::join_paths(dirs).map_err(|e| e.to_string())?;
        let env = vec![
            ("RUSTUP_HOME".to_owned(), rustup_home.display().to_string()),
            ("CARGO_HOME".to_owned(), cargo_home.display().to_string()),
            ("PATH".to_owned(), path.to_string_lossy().into_owned()),
            ("RUSTUP_AUTO_INSTALL".to_owned(), "0".to_owned()),
            (
                "npm_config_cache".to_owned(),
                dir.join("npm-cache").display().to_string(),
            ),
        ];
        let machine = Machine { dir, clone, env };
        let default = default_toolchain_version()?;
        let started = Instant::now();
        let mut install = machine.command("rustup");
        install.args([
            "toolchain",
            "install",
            &default,
            "--profile",
            "minimal",
            "--no-self-update",
        ]);
        proc::run(&mut install)?;
        proc::run(machine.command("rustup").args(["default", &default]))?;
        report.push(format!(
            "- {name}: the machine's own toolchain ({default}) put into the empty RUSTUP_HOME \
             in {:.0} s (not counted: a machine comes with it)",
            started.elapsed().as_secs_f64()
        ));
        Ok(machine)
    }

    /// A command in the clone, with this machine's environment and none of ours that
    /// would leak the real toolchain into it.
    fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new(program);
        cmd.current_dir(&self.clone);
        for (key, _) in std::env::vars_os() {
            let key = key.to_string_lossy();
            if key.starts_with("CARGO") || key.starts_with("RUSTUP") || key == "RUSTC" {
                cmd.env_remove(&*key);
            }
        }
        for (key, value) in &self.env {
            cmd.env(key, value);
        }
        cmd
    }
}

/// The version of the machine's default toolchain ("1.95.0"), read with the real rustup.
fn default_toolchain_version() -> Result<String, String> {
    let mut cmd = Command::new("rustup");
    cmd.arg("default").env_remove("RUSTUP_TOOLCHAIN");
    let out = proc::output(&mut cmd).ok_or("cannot ask rustup for the default toolchain")?;
    // "stable-x86_64-unknown-linux-gnu (default)"
    let name = out
        .split_whitespace()
        .next()
        .ok_or("rustup names no default toolchain")?
        .to_owned();
    let mut cmd = Command::new("rustup");
    cmd.args(["run", &name, "rustc", "--version"])
        .env_remove("RUSTUP_TOOLCHAIN");
    let out = proc::output(&mut cmd)
        .ok_or_else(|| format!("cannot run rustc of the default toolchain {name}"))?;
    out.split_whitespace()
        .nth(1)
        .map(str::to_owned)
        .ok_or_else(|| format!("unexpected `rustc --version`: {out}"))
}

/// Whether an HTTP server on localhost:`port` answers `/` with 200 and an HTML page.
fn answers(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    if stream
        .write_all(b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        .is_err()
    {
        return false;
    }
    let mut reply = String::new();
    let _ = stream.read_to_string(&mut reply);
    let status = reply.split_whitespace().nth(1);
    reply.starts_with("HTTP/1.") && status == Some("200") && reply.contains("<html")
}

/// Ends a command started in its own process group, with everything it started.
fn stop(child: &mut Child) {
    let group = format!("-{}", child.id());
    let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
    std::thread::sleep(Duration::from_secs(2));
    let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
    let _ = child.wait();
}

fn log_file(machine: &Machine, name: &str) -> Result<(std::fs::File, PathBuf), String> {
    let path = machine.dir.join(format!("{name}.log"));
    let file = std::fs::File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((file, path))
}

/// Starts `cargo xtask ARGS` on the machine in a process group of its own, its output in
/// `<name>.log`: the child, the log's path and when it started.
fn start_xtask(
    machine: &Machine,
    name: &str,
    args: &[&str],
) -> Result<(Child, PathBuf, Instant), String> {
    use std::os::unix::process::CommandExt;
    let (log, path) = log_file(machine, name)?;
    let mut cmd = machine.command("cargo");
    cmd.arg("xtask")
        .args(args)
        .stdin(Stdio::null())
        .stdout(log.try_clone().map_err(|e| e.to_string())?)
        .stderr(log)
        .process_group(0);
    println!(
        "fresh-machine: `cargo xtask {}` ({name}) in {} (log: {})",
        args.join(" "),
        machine.clone.display(),
        path.display()
    );
    let started = Instant::now();
    let child = cmd
        .spawn()
        .map_err(|e| format!("cannot start cargo: {e}"))?;
    Ok((child, path, started))
}

/// `cargo xtask serve` on a fresh machine: the time until the app answers.
fn check_serve(machine: &Machine) -> Result<f64, String> {
    let port = PORT.to_string();
    let (mut child, path, started) = start_xtask(machine, "serve", &["serve", "--port", &port])?;
    loop {
        if answers(PORT) {
            let seconds = started.elapsed().as_secs_f64();
            stop(&mut child);
            return Ok(seconds);
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!(
                "`cargo xtask serve` ended ({status}) before serving; see {}",
                path.display()
            ));
        }
        if started.elapsed() > SERVE_LIMIT {
            stop(&mut child);
            return Err(format!(
                "nothing served within {} min; see {}",
                SERVE_LIMIT.as_secs() / 60,
                path.display()
            ));
        }
        std::thread::sleep(Duration::from_secs(2));
    }
}

/// `cargo xtask test` on a machine: its time and closing line.
fn check_test(machine: &Machine, name: &str) -> Result<(f64, String), String> {
    let (mut child, path, started) = start_xtask(machine, name, &["test"])?;
    let status = loop {
        if let Ok(Some(status)) = child.try_wait() {
            break status;
        }
        if started.elapsed() > TEST_LIMIT {
            stop(&mut child);
            return Err(format!("not done within {} min", TEST_LIMIT.as_secs() / 60));
        }
        std::thread::sleep(Duration::from_secs(2));
    };
    let seconds = started.elapsed().as_secs_f64();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let closing = text
        .lines()
        .rev()
        .find(|l| l.starts_with("xtask: "))
        .unwrap_or("(no closing line)")
        .to_owned();
    let installs: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(": done in ") || l.starts_with("set-up done"))
        .collect();
    println!("{}", installs.join("\n"));
    if status.success() {
        Ok((seconds, closing))
    } else {
        Err(format!(
            "`cargo xtask test` failed ({status}) after {seconds:.0} s: {closing}; see {}",
            path.display()
        ))
    }
}

fn minutes(seconds: f64) -> String {
    format!(
        "{} min {:02} s",
        (seconds / 60.0) as u64,
        (seconds % 60.0) as u64
    )
}

pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let options = parse(args)?;
    let dirty = proc::output(
        Command::new("git")
            .args(["status", "--porcelain", "--untracked-files=no"])
            .current_dir(root),
    )
    .unwrap_or_default();
    if !dirty.trim().is_empty() {
        println!("fresh-machine: note: uncommitted changes are not in the clone (it takes HEAD)");
    }
    let mut report = vec![format!(
        "# Fresh-machine check\n\nHEAD {}, {} cores; `cargo xtask fresh-machine {}`\n",
        proc::output(
            Command::new("git")
                .args(["rev-parse", "--short", "HEAD"])
                .current_dir(root)
        )
        .unwrap_or_default()
        .trim(),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        args.join(" ")
    )];
    let mut outcome = Ok(());
    let mut machines = Vec::new();
    if options.test {
        if options.purge_apt {
            purge_browsers()?;
        }
        let machine = Machine::new(root, "test", &mut report)?;
        match check_test(&machine, "test-cold") {
            Ok((seconds, closing)) => {
                report.push(format!(
                    "- `cargo xtask test`, cold: **{}** ({seconds:.0} s), `{closing}`",
                    minutes(seconds)
                ));
                match check_test(&machine, "test-warm") {
                    Ok((seconds, closing)) => report.push(format!(
                        "- `cargo xtask test`, warm re-run, nothing changed: **{seconds:.0} s**, \
                         `{closing}`"
                    )),
                    Err(e) => outcome = Err(e),
                }
            }
            Err(e) => outcome = Err(e),
        }
        machines.push(machine);
    }
    if options.serve && outcome.is_ok() {
        let machine = Machine::new(root, "serve", &mut report)?;
        match check_serve(&machine) {
            Ok(seconds) => report.push(format!(
                "- `cargo xtask serve`, cold, until the app answers on localhost: **{}** \
                 ({seconds:.0} s)",
                minutes(seconds)
            )),
            Err(e) => outcome = Err(e),
        }
        machines.push(machine);
    }
    if let Err(e) = &outcome {
        report.push(format!("- FAILED: {e}"));
    }
    let text = report.join("\n") + "\n";
    print!("\n{text}");
    let _ = std::fs::create_dir_all(root.join("target"));
    let _ = std::fs::write(root.join("target/fresh-machine.md"), &text);
    if options.keep || outcome.is_err() {
        for machine in &machines {
            println!("kept: {}", machine.dir.display());
        }
    } else {
        for machine in &machines {
            let _ = std::fs::remove_dir_all(&machine.dir);
        }
    }
    outcome
}

/// Removes Debian's Chromium and Firefox ESR so the fresh test run installs (and times)
/// them again.
fn purge_browsers() -> Result<(), String> {
    if !tools::is_root() {
        return Err("--purge-apt needs root".to_owned());
    }
    proc::run(
        Command::new("apt-get")
            .args([
                "purge",
                "-y",
                "-qq",
                "chromium",
                "chromium-driver",
                "firefox-esr",
            ])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_choose_which_commands_run() {
        let o = parse(&[]).unwrap();
        assert!(o.serve && o.test && !o.purge_apt && !o.keep);
        let o = parse(&["--serve-only".to_owned(), "--keep".to_owned()]).unwrap();
        assert!(o.serve && !o.test && o.keep);
        assert!(parse(&["--serve-only".to_owned(), "--test-only".to_owned()]).is_err());
        assert!(parse(&["--fast".to_owned()]).is_err());
    }

    #[test]
    fn minutes_read_like_the_readme() {
        assert_eq!(minutes(125.4), "2 min 05 s");
        assert_eq!(minutes(59.0), "0 min 59 s");
    }

    #[test]
    fn nothing_listening_is_not_served() {
        // Port 9 (discard) is not served on loopback here.
        assert!(!answers(9));
    }
}
