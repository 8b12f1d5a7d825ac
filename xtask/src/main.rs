//! Project tasks, run as `cargo xtask <task>` (the alias is in `.cargo/config.toml`).
//!
//! Every task first installs what it needs and is missing, checking versions before
//! installing anything, so a warm re-run does no set-up work. Nothing here relies on Trunk
//! downloading tools: trunk and wasm-bindgen-cli come from crates.io through `cargo install`.

mod cache;
mod counts;
mod csp;
mod embed;
mod fresh;
mod frictionless;
mod geo;
mod glue;
mod html_check;
mod loader;
// The pinned toolchain, shared with the boot stage that installs it.
#[allow(dead_code)] // COMPONENTS is the boot stage's
#[path = "../boot/src/pin.rs"]
mod pin;
mod prerender;
mod proc;
mod setup;
mod site;
mod size;
mod styles;
mod tasks;
// The benchmarks' synthetic datasets, shared with the app's tests (pure std + serde_json).
#[allow(dead_code)]
#[path = "../../src/testing/mod.rs"]
mod testing;
mod tools;
mod typography;
mod wasm_size;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <task> [args]

tasks:
  setup           install what is missing (the pinned Rust toolchain with its wasm32
                  target, trunk, wasm-bindgen-cli, Chromium + ChromeDriver, Node.js and
                  the npm packages: wasm-opt, the end-to-end tests' packages; PyPI's
                  frictionless in target/venv)
  fresh-machine   prove the set-up path from nothing: a clean clone with an empty
                  RUSTUP_HOME and CARGO_HOME in a throwaway directory, then the two
                  commands there, timed (docs/performance.md, Set-up and test times)
  serve [args]    set up, then `trunk serve` on http://127.0.0.1:8080 (args go to trunk)
  test [--rerun]  set up, then run every check: fmt, clippy (native and wasm32), native
                  tests, browser tests, release build, size budget, the data package
                  (frictionless validate), HTML conformance (the Nu HTML Checker),
                  end-to-end tests
                  (not run again when their inputs are unchanged since they last passed,
                  unless --rerun or CI=true)
  dist            release build into dist/ and the size report, checked against the budget
  html            the Nu HTML Checker (vnu.jar, Java) on every page of dist/ and the
                  first screen's shadow root: 0 errors or it fails (a step of `test`)
  csp             fill in the CSP's inline-script hashes (Trunk's post-build hook runs it)
  data            validate data/*.json and print the dataset report
  typography      put the house typography into data/*.json (’, and French no-break
                  spaces before : ; ! ? and inside « »), in place
  bench           benchmarks in Chromium (first render, date change, map zoom step; real
                  and synthetic data) as markdown tables and target/bench.json
  floor           build bench/floor (a Leptos counter, same profile) and print its weight:
                  the least any app on this stack ships
  geo             regenerate src/geo/world.tsv from Natural Earth (npm, in tools/)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(task) = args.first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let rest = &args[1..];
    let root = tools::repo_root();
    // Every cargo below (trunk's too) builds with the pinned toolchain, whichever cargo
    // started this one. Set before any thread starts.
    std::env::set_var("RUSTUP_TOOLCHAIN", pin::TOOLCHAIN);
    let outcome = match task.as_str() {
        "setup" => tasks::setup(&root),
        "serve" => tasks::serve(&root, rest),
        "test" => tasks::test(&root, rest),
        "dist" => tasks::dist(&root),
        "csp" => csp::run(&root),
        "html" => tasks::html(&root),
        "data" => tasks::data(&root),
        "typography" => typography::run(&root),
        "geo" => tasks::geo(&root),
        "bench" => tasks::bench(&root),
        "floor" => tasks::floor(&root),
        "fresh-machine" => fresh::run(&root, rest),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown task `{other}`\n\n{USAGE}")),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
