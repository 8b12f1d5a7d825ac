//! `cargo xtask`'s first stage: the alias in `.cargo/config.toml` runs this crate under
//! whatever toolchain the machine has. It makes sure the project's pinned toolchain
//! (`pin.rs`) is installed with its components and target, installing what is missing with
//! rustup, then runs the real xtask (`xtask/`) under that toolchain with the same arguments.
//!
//! It must never need more than std and an old compiler: it is the one piece of the project
//! that runs before the pinned toolchain exists.

mod pin;

use std::ffi::OsString;
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    if let Err(message) = ensure_toolchain() {
        eprintln!("xtask: {message}");
        return ExitCode::FAILURE;
    }
    run_xtask(&args)
}

/// Whether `rustup toolchain list` shows `name` ("1.99.1-x86_64-unknown-linux-gnu (default)"
/// is 1.99.1; "1.99.10-…" is not).
fn has_toolchain(list: &str, name: &str) -> bool {
    list.lines()
        .filter_map(|line| line.split_whitespace().next())
        .any(|toolchain| {
            toolchain == name
                || toolchain
                    .strip_prefix(name)
                    .is_some_and(|rest| rest.starts_with('-'))
        })
}

/// What `rustup component list --installed` lacks of the pin's components and target,
/// as (components, target missing).
fn missing_parts(installed: &str) -> (Vec<&'static str>, bool) {
    let lines: Vec<&str> = installed.lines().map(str::trim).collect();
    let components = pin::COMPONENTS
        .iter()
        .copied()
        .filter(|c| {
            !lines
                .iter()
                .any(|l| l.strip_prefix(c).is_some_and(|rest| rest.starts_with('-')))
        })
        .collect();
    let std_for_target = format!("rust-std-{}", pin::TARGET);
    let target_missing = !lines.iter().any(|l| *l == std_for_target);
    (components, target_missing)
}

/// Output of a rustup command, or why it could not run.
fn rustup_output(args: &[&str]) -> Result<String, String> {
    let out = Command::new("rustup")
        .args(args)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run `rustup {}`: {e}", args.join(" ")))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!(
            "`rustup {}` failed ({})",
            args.join(" "),
            out.status
        ))
    }
}

fn rustup(args: &[&str]) -> Result<(), String> {
    println!("$ rustup {}", args.join(" "));
    let status = Command::new("rustup")
        .args(args)
        .status()
        .map_err(|e| format!("cannot run `rustup {}`: {e}", args.join(" ")))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`rustup {}` failed ({status})", args.join(" ")))
    }
}

/// How to retry after a failed install, said the same way each time.
fn retry_hint(what: &str) -> String {
    format!(
        "{what}\nrustup needs its download server (static.rust-lang.org, or RUSTUP_DIST_SERVER); \
         check the network or proxy, then run the same command again."
    )
}

fn ensure_toolchain() -> Result<(), String> {
    let toolchain = pin::TOOLCHAIN;
    let list = match rustup_output(&["toolchain", "list"]) {
        Ok(list) => list,
        Err(why) => return without_rustup(&why),
    };
    if !has_toolchain(&list, toolchain) {
        let started = Instant::now();
        println!(
            "xtask: installing Rust {toolchain} (minimal profile, {}, target {}) with rustup",
            pin::COMPONENTS.join(", "),
            pin::TARGET
        );
        let mut args = vec![
            "toolchain",
            "install",
            toolchain,
            "--profile",
            "minimal",
            "--no-self-update",
            "--target",
            pin::TARGET,
        ];
        for component in pin::COMPONENTS {
            args.extend(["--component", component]);
        }
        if let Err(why) = rustup(&args) {
            // Leave nothing that the next run's check would take for a whole toolchain.
            let _ = rustup(&["toolchain", "uninstall", toolchain]);
            return Err(retry_hint(&format!(
                "could not install Rust {toolchain}: {why}"
            )));
        }
        println!(
            "xtask: Rust {toolchain} installed in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        return Ok(());
    }
    let installed = rustup_output(&["component", "list", "--installed", "--toolchain", toolchain])?;
    let (components, target_missing) = missing_parts(&installed);
    if !components.is_empty() {
        println!(
            "xtask: adding {} to Rust {toolchain}",
            components.join(", ")
        );
        let mut args = vec!["component", "add", "--toolchain", toolchain];
        args.extend(components);
        rustup(&args).map_err(|why| retry_hint(&why))?;
    }
    if target_missing {
        println!(
            "xtask: adding the {} target to Rust {toolchain}",
            pin::TARGET
        );
        rustup(&["target", "add", "--toolchain", toolchain, pin::TARGET])
            .map_err(|why| retry_hint(&why))?;
    }
    Ok(())
}

/// Without rustup the toolchain on PATH must already be the pinned one.
fn without_rustup(why: &str) -> Result<(), String> {
    let version = Command::new("rustc")
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    if version.split_whitespace().nth(1) == Some(pin::TOOLCHAIN) {
        return Ok(());
    }
    Err(format!(
        "{why}\nWithout rustup, the rustc on PATH must be {} (it is {:?}), with clippy, rustfmt \
         and the {} target. Install rustup (https://rustup.rs) and run the same command again.",
        pin::TOOLCHAIN,
        version.trim(),
        pin::TARGET
    ))
}

/// Runs `cargo run --package xtask -- ARGS` under the pinned toolchain; every cargo, trunk
/// and test runner below it inherits RUSTUP_TOOLCHAIN.
fn run_xtask(args: &[OsString]) -> ExitCode {
    let mut cmd = Command::new("cargo");
    cmd.args(["run", "--quiet", "--package", "xtask", "--"])
        .args(args)
        .env("RUSTUP_TOOLCHAIN", pin::TOOLCHAIN);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let err = cmd.exec();
        eprintln!("xtask: cannot run cargo: {err}");
        ExitCode::FAILURE
    }
    #[cfg(not(unix))]
    match cmd.status() {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(status) => ExitCode::from(status.code().unwrap_or(1).clamp(1, 255) as u8),
        Err(err) => {
            eprintln!("xtask: cannot run cargo: {err}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_pinned_toolchain_in_rustups_list() {
        let list = "stable-x86_64-unknown-linux-gnu (default)\n1.99.1-x86_64-unknown-linux-gnu\n";
        assert!(has_toolchain(list, "1.99.1"));
        assert!(has_toolchain(
            "1.99.1-x86_64-unknown-linux-gnu (active)\n",
            "1.99.1"
        ));
        assert!(has_toolchain("1.99.1\n", "1.99.1"));
    }

    #[test]
    fn does_not_take_a_longer_version_or_another_channel_for_the_pin() {
        let list = "1.99.10-x86_64-unknown-linux-gnu\nstable-x86_64-unknown-linux-gnu\n";
        assert!(!has_toolchain(list, "1.99.1"));
        assert!(!has_toolchain("no installed toolchains\n", "1.99.1"));
        assert!(!has_toolchain("", "1.99.1"));
    }

    #[test]
    fn a_complete_toolchain_lacks_nothing() {
        let installed = "cargo-x86_64-unknown-linux-gnu\nclippy-x86_64-unknown-linux-gnu\n\
                         rust-std-wasm32-unknown-unknown\nrust-std-x86_64-unknown-linux-gnu\n\
                         rustc-x86_64-unknown-linux-gnu\nrustfmt-x86_64-unknown-linux-gnu\n";
        assert_eq!(missing_parts(installed), (vec![], false));
    }

    #[test]
    fn a_minimal_toolchain_lacks_clippy_rustfmt_and_the_wasm_target() {
        let installed = "cargo-x86_64-unknown-linux-gnu\nrust-std-x86_64-unknown-linux-gnu\n\
                         rustc-x86_64-unknown-linux-gnu\n";
        assert_eq!(missing_parts(installed), (vec!["clippy", "rustfmt"], true));
    }
}
