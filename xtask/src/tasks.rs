//! The tasks themselves: setup, serve, test and dist.

use crate::counts::Counts;
use crate::setup::{Setup, Tool};
use crate::{cache, proc, size, tools};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

const WASM: &str = crate::pin::TARGET;
/// Where `serve` builds, apart from the release build in dist/.
const SERVE_DIST: &str = "target/serve-dist";

/// What building needs; `release` adds wasm-opt (debug builds skip it).
fn build_tools(release: bool) -> Vec<Tool> {
    let mut tools = vec![Tool::WasmBindgen, Tool::Trunk];
    if release {
        tools.push(Tool::WasmOpt);
    }
    tools
}

/// Everything any task needs.
const ALL_TOOLS: [Tool; 9] = [
    Tool::WasmBindgen,
    Tool::Trunk,
    Tool::WasmOpt,
    Tool::Chromium,
    Tool::Firefox,
    Tool::E2ePackages,
    Tool::NetlifyCli,
    Tool::Frictionless,
    Tool::Java,
];

/// Installs whatever is missing and waits for all of it.
pub fn setup(root: &Path) -> Result<(), String> {
    Setup::start(root, &ALL_TOOLS)?.wait_all()
}

/// Compiles the app's wasm as Trunk will (same target, binary and profile, so Trunk finds
/// it fresh), while the tools install. It also downloads the crates: Trunk runs cargo with
/// `--offline` (Trunk.toml), which cannot.
fn build_wasm_ahead(root: &Path, release: bool) -> Result<(), String> {
    let mut args = vec!["build", "--target", WASM, "--bin", "cancer-atlas"];
    if release {
        args.push("--release");
    }
    proc::run(&mut cargo(root, &args))
}

pub fn serve(root: &Path, args: &[String]) -> Result<(), String> {
    let release = args.iter().any(|a| a == "--release");
    let setup = Setup::start(root, &build_tools(release))?;
    build_wasm_ahead(root, release)?;
    setup.wait_all()?;
    println!("serving on http://127.0.0.1:8080 (Trunk.toml); Ctrl-C stops");
    // A development build of its own, so that serving never leaves a debug build with the
    // live-reload script in dist/, which the tests and deploys read.
    proc::run(
        Command::new("trunk")
            .args(["serve", "--dist", SERVE_DIST])
            .args(args)
            .current_dir(root),
    )
}

fn trunk_release_build(root: &Path) -> Command {
    let mut cmd = Command::new("trunk");
    cmd.args(["build", "--release"]).current_dir(root);
    cmd
}

/// Measures dist/, prints the table, writes target/size-report.{md,json}, checks the budget.
fn size_report(root: &Path) -> Result<String, String> {
    let report = size::measure(&root.join("dist"))?;
    let table = report.table();
    println!("{table}");
    let target = root.join("target");
    let _ = std::fs::create_dir_all(&target);
    let _ = std::fs::write(
        target.join("size-report.json"),
        report.json(size::BROTLI_BUDGET_BYTES),
    );
    // What the wasm is made of; a report that cannot be made is said, never fatal.
    let contributors = wasm_contributors(root, &report)
        .unwrap_or_else(|e| format!("(no breakdown of the wasm: {e})\n"));
    println!("{contributors}");
    let _ = std::fs::write(
        target.join("size-report.md"),
        format!("{table}\n{contributors}"),
    );
    report.check_budget(size::BROTLI_BUDGET_BYTES)
}

/// The dataset as build.rs wrote it for the wasm under `profile` (the newest, if the
/// script ran in several build directories).
fn built_dataset(profile: &Path) -> Result<std::path::PathBuf, String> {
    let builds = std::fs::read_dir(profile.join("build"))
        .map_err(|e| format!("{}: {e}", profile.display()))?;
    builds
        .filter_map(|entry| entry.ok())
        .filter(|entry| {
            entry
                .file_name()
                .to_string_lossy()
                .starts_with("cancer-atlas-")
        })
        .map(|entry| entry.path().join("out/dataset.bin"))
        .filter_map(|path| Some((path.metadata().ok()?.modified().ok()?, path)))
        .max()
        .map(|(_, path)| path)
        .ok_or_else(|| format!("no dataset.bin under {}", profile.display()))
}

/// The largest contributors to the shipped wasm (xtask/src/wasm_size.rs).
fn wasm_contributors(root: &Path, report: &size::Report) -> Result<String, String> {
    let shipped = report
        .files
        .iter()
        .find(|f| f.path.ends_with(".wasm"))
        .ok_or("no .wasm in dist/")?;
    let read = |path: &Path| std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()));
    let release = read(
        &root
            .join("target")
            .join(WASM)
            .join("release/cancer-atlas.wasm"),
    )?;
    let shipped = read(&root.join("dist").join(&shipped.path))?;
    let dataset = read(&built_dataset(
        &root.join("target").join(WASM).join("release"),
    )?)?;
    let shapes = read(&root.join(crate::geo::OUTPUT))?;
    let share = report.without_dataset(size::brotli_len(&dataset));
    crate::wasm_size::contributors(
        &release,
        &shipped,
        &[
            (
                "the dataset (data/*.json, built in by build.rs)",
                size::brotli_len(&dataset),
            ),
            ("the country shapes (world.tsv)", size::brotli_len(&shapes)),
        ],
        "cancer_atlas",
    )
    .map(|parts| format!("{share}\n\n{parts}"))
}

pub fn dist(root: &Path) -> Result<(), String> {
    let setup = Setup::start(root, &build_tools(true))?;
    build_wasm_ahead(root, true)?;
    setup.wait_all()?;
    proc::run(&mut trunk_release_build(root))?;
    let verdict = size_report(root)?;
    println!("{verdict}");
    Ok(())
}

/// Builds bench/floor (the smallest Leptos CSR app, same profile and wasm-opt) and prints
/// its first-load weight: what any app on this stack ships before it has any content.
pub fn floor(root: &Path) -> Result<(), String> {
    Setup::start(root, &build_tools(true))?.wait_all()?;
    let crate_dir = root.join("bench/floor");
    proc::run(&mut trunk_release_build(&crate_dir))?;
    let report = size::measure(&crate_dir.join("dist"))?;
    println!("{}", report.table());
    println!(
        "the floor of the stack (Leptos 0.8 CSR counter): {} brotli",
        size::kb(report.total().brotli)
    );
    Ok(())
}

/// The Nu HTML Checker on the pages of dist/ as they are (the step of `test`, always run).
pub fn html(root: &Path) -> Result<(), String> {
    Setup::start(root, &[Tool::Java, Tool::WasmOpt])?.wait_all()?;
    let report = crate::html_check::check(root)?;
    println!("{report}");
    Ok(())
}

/// Validates the data files and prints the report (a native test that prints it).
pub fn data(root: &Path) -> Result<(), String> {
    proc::run(&mut cargo(
        root,
        &[
            "test",
            "--quiet",
            "--package",
            "cancer-atlas",
            "--test",
            "dataset",
            "--",
            "--nocapture",
            "--exact",
            "report_shows_every_record_sourced_and_bilingual",
            "shipped_dataset_has_no_problem",
        ],
    ))
}

/// Runs the browser benchmarks (release build, headless Chromium), prints their `BENCH`
/// lines as markdown tables and writes them to target/bench.md and target/bench.json.
pub fn bench(root: &Path) -> Result<(), String> {
    Setup::start(root, &ALL_TOOLS)?.wait_all()?;
    let mut cmd = cargo(
        root,
        &[
            "test",
            "--release",
            "--package",
            "cancer-atlas",
            "--target",
            WASM,
            "--test",
            "bench_map",
            "--",
            "--nocapture",
        ],
    );
    cmd.env("CHROMEDRIVER", tools::chromedriver_path())
        .env("WASM_BINDGEN_TEST_TIMEOUT", "300");
    let mut text = bench_output(cmd, "the interaction benchmarks")?;
    proc::run(&mut trunk_release_build(root))?;
    text += &bench_output(first_render_bench(root)?, "the first-render benchmark")?;
    let rows: Vec<Vec<(String, String)>> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("BENCH "))
        .map(|l| {
            l.split_whitespace()
                .enumerate()
                .map(|(i, w)| match w.split_once('=') {
                    Some((k, v)) => (k.to_owned(), v.to_owned()),
                    None => (
                        if i == 0 { "bench" } else { "case" }.to_owned(),
                        w.to_owned(),
                    ),
                })
                .collect()
        })
        .collect();
    if rows.is_empty() {
        return Err("the benchmark printed no BENCH line".to_owned());
    }
    // One table per kind of row (a new header whenever the columns change).
    let mut tables = String::new();
    let mut last_header: Vec<&str> = Vec::new();
    for row in &rows {
        let header: Vec<&str> = row.iter().map(|(k, _)| k.as_str()).collect();
        if header != last_header {
            tables += &format!(
                "\n| {} |\n|{}\n",
                header.join(" | "),
                "---|".repeat(header.len())
            );
            last_header = header;
        }
        let cells: Vec<&str> = row.iter().map(|(_, v)| v.as_str()).collect();
        tables += &format!("| {} |\n", cells.join(" | "));
    }
    print!("{tables}");
    let json: Vec<String> = rows
        .iter()
        .map(|row| {
            let fields: Vec<String> = row
                .iter()
                .map(|(k, v)| match v.parse::<f64>() {
                    Ok(_) => format!("\"{k}\": {v}"),
                    Err(_) => format!("\"{k}\": \"{v}\""),
                })
                .collect();
            format!("  {{{}}}", fields.join(", "))
        })
        .collect();
    let _ = std::fs::create_dir_all(root.join("target"));
    std::fs::write(
        root.join("target/bench.json"),
        format!("[\n{}\n]\n", json.join(",\n")),
    )
    .map_err(|e| format!("cannot write target/bench.json: {e}"))?;
    std::fs::write(root.join("target/bench.md"), tables.trim_start())
        .map_err(|e| format!("cannot write target/bench.md: {e}"))?;
    println!("\nwritten: target/bench.json, target/bench.md");
    Ok(())
}

/// Runs a benchmark command and returns what it printed (both streams), or its failure.
fn bench_output(mut cmd: Command, what: &str) -> Result<String, String> {
    println!("$ {}", proc::describe(&cmd));
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {what}: {e}"))?;
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        eprintln!("{text}");
        return Err(format!("{what} failed"));
    }
    Ok(text)
}

/// Sizes of the synthetic datasets: (case, added organisations, file).
const SYNTHETIC: [(&str, usize, &str); 3] = [
    ("synthetic-100", 100, "synthetic-100.json"),
    ("synthetic-1k", 1_000, "synthetic-1k.json"),
    ("synthetic-10k", 10_000, "synthetic-10k.json"),
];

/// The first-render benchmark's command: a copy of the release dist/ in target/bench-site
/// with the synthetic datasets beside it (generated here, seeded: the same documents as the
/// wasm benchmarks build), opened by tests/e2e/bench-first-render.mjs.
fn first_render_bench(root: &Path) -> Result<Command, String> {
    let site = root.join("target/bench-site");
    let _ = std::fs::remove_dir_all(&site);
    copy_dir(&root.join("dist"), &site)?;
    let texts: Vec<String> = crate::testing::synthetic::SECTIONS
        .iter()
        .map(|s| {
            let path = root.join(format!("data/{s}.json"));
            std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))
        })
        .collect::<Result<_, _>>()?;
    let sections: Vec<(&str, &str)> = crate::testing::synthetic::SECTIONS
        .iter()
        .copied()
        .zip(texts.iter().map(String::as_str))
        .collect();
    std::fs::create_dir_all(site.join("bench")).map_err(|e| format!("target/bench-site: {e}"))?;
    let real = sections
        .iter()
        .find(|(section, _)| *section == "organisations")
        .and_then(|(_, text)| serde_json::from_str::<Vec<serde_json::Value>>(text).ok())
        .map_or(0, |orgs| orgs.len());
    let mut cmd = Command::new("node");
    cmd.arg(root.join(tools::E2E_DIR).join("bench-first-render.mjs"))
        .arg(&site)
        .arg(format!("real organisations={real} /"))
        .env("CHROMIUM", tools::chromium_path())
        .current_dir(root.join(tools::E2E_DIR));
    for (case, n, file) in SYNTHETIC {
        let text = crate::testing::synthetic::document(&sections, n);
        println!(
            "generated {case}: {} organisations, {:.1} MB",
            real + n,
            text.len() as f64 / 1e6
        );
        std::fs::write(site.join("bench").join(file), text)
            .map_err(|e| format!("cannot write {file}: {e}"))?;
        cmd.arg(format!(
            "{case} organisations={} /?data=/bench/{file}",
            real + n
        ));
    }
    Ok(cmd)
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries =
        std::fs::read_dir(from).map_err(|e| format!("cannot list {}: {e}", from.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()))?;
        } else {
            std::fs::copy(&path, to.join(entry.file_name()))
                .map_err(|e| format!("cannot copy {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// Regenerates the committed country shapes.
pub fn geo(root: &Path) -> Result<(), String> {
    // The shapes come from an npm package in tools/, installed with wasm-opt.
    Setup::start(root, &[Tool::WasmOpt])?.wait_all()?;
    let text = crate::geo::generate(root)?;
    std::fs::write(root.join(crate::geo::OUTPUT), &text)
        .map_err(|e| format!("cannot write {}: {e}", crate::geo::OUTPUT))?;
    println!(
        "wrote {} ({} countries, {:.1} KB raw, {:.1} KB brotli)",
        crate::geo::OUTPUT,
        text.lines().filter(|l| !l.starts_with('#')).count(),
        text.len() as f64 / 1000.0,
        size::brotli_len(text.as_bytes()) as f64 / 1000.0
    );
    Ok(())
}

/// One check of `cargo xtask test`, with its outcome.
struct Step {
    name: &'static str,
    ok: bool,
    seconds: f64,
    tests: Counts,
    /// Tests not run again: unchanged since they last passed.
    skipped: u64,
}

/// Runs the steps in order, never stopping early unless a later step needs an earlier one.
#[derive(Default)]
struct Run {
    steps: Vec<Step>,
}

impl Run {
    fn record(&mut self, name: &'static str, started: Instant, ok: bool, tests: Counts) -> bool {
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "== {name}: {} in {seconds:.1} s",
            if ok { "ok" } else { "FAILED" }
        );
        self.steps.push(Step {
            name,
            ok,
            seconds,
            tests,
            skipped: 0,
        });
        ok
    }

    /// A step not run again: its inputs are those of its last pass.
    fn unchanged(&mut self, name: &'static str, pass: &cache::Pass, inputs: &str) {
        println!(
            "\n== {name}: unchanged since its last pass ({inputs}: digest {}): its {} tests \
             are not run again; `cargo xtask test --rerun` runs them",
            &pass.digest[..12],
            pass.passed
        );
        self.steps.push(Step {
            name,
            ok: true,
            seconds: 0.0,
            tests: Counts::default(),
            skipped: pass.passed,
        });
    }

    /// A command whose output may report tests.
    fn command(&mut self, name: &'static str, mut cmd: Command) -> bool {
        println!("\n== {name}");
        let started = Instant::now();
        let (ok, tests) = proc::run_counting(&mut cmd);
        // A runner that fails before reporting still counts as one failure.
        let tests = if !ok && tests.failed == 0 && tests.passed > 0 {
            Counts { failed: 1, ..tests }
        } else {
            tests
        };
        self.record(name, started, ok, tests)
    }

    /// A check done in-process.
    fn check(
        &mut self,
        name: &'static str,
        check: impl FnOnce() -> Result<String, String>,
    ) -> bool {
        println!("\n== {name}");
        let started = Instant::now();
        let outcome = check();
        match &outcome {
            Ok(msg) => println!("{msg}"),
            Err(msg) => eprintln!("{msg}"),
        }
        self.record(name, started, outcome.is_ok(), Counts::default())
    }

    /// Waits for the tools the next steps need; a failed install is a failed check
    /// that says which install failed and how to retry.
    fn tools(&mut self, setup: &Setup, needed: &[Tool]) -> bool {
        needed.iter().all(|tool| {
            let started = Instant::now();
            match setup.wait(*tool) {
                Ok(()) => true,
                Err(why) => {
                    println!("\n== set-up: {}", tool.name());
                    eprintln!("{why}");
                    self.record(
                        "set-up (an install failed)",
                        started,
                        false,
                        Counts::default(),
                    );
                    false
                }
            }
        })
    }

    fn skip(&mut self, name: &'static str, why: &str) {
        println!("\n== {name}: FAILED (not run: {why})");
        self.steps.push(Step {
            name,
            ok: false,
            seconds: 0.0,
            tests: Counts::default(),
            skipped: 0,
        });
    }

    /// Prints the summary and returns Err when anything failed.
    fn finish(self, started: Instant) -> Result<(), String> {
        println!("\n== summary");
        let mut tests = Counts::default();
        let (mut checks_ok, mut checks_failed) = (0u64, 0u64);
        for step in &self.steps {
            let counted = if step.skipped > 0 {
                format!("  ({} unchanged, not run again)", step.skipped)
            } else if step.tests == Counts::default() {
                String::new()
            } else {
                format!(
                    "  ({} passed, {} failed)",
                    step.tests.passed, step.tests.failed
                )
            };
            println!(
                "  {:<6} {:<34} {:>7.1} s{counted}",
                if step.ok { "ok" } else { "FAILED" },
                step.name,
                step.seconds
            );
            tests.add(step.tests);
            // Steps that report no tests (fmt, clippy, build, budget) count as one check.
            if step.tests == Counts::default() && step.skipped == 0 {
                if step.ok {
                    checks_ok += 1;
                } else {
                    checks_failed += 1;
                }
            }
        }
        let failed_steps = self.steps.iter().filter(|s| !s.ok).count();
        let skipped: u64 = self.steps.iter().map(|s| s.skipped).sum();
        let skipped_note = if skipped > 0 {
            format!(", {skipped} skipped")
        } else {
            String::new()
        };
        println!(
            "tests: {} passed, {} failed; other checks: {checks_ok} passed, {checks_failed} failed; {:.0} s in all",
            tests.passed,
            tests.failed,
            started.elapsed().as_secs_f64()
        );
        // The closing line: every test and every other check, once each.
        println!(
            "xtask: {} passed, {} failed{skipped_note}",
            tests.passed + checks_ok,
            tests.failed + checks_failed
        );
        if failed_steps == 0 && tests.failed == 0 {
            Ok(())
        } else {
            Err(format!("{failed_steps} step(s) failed"))
        }
    }
}

const E2E_STEP: &str = "end-to-end tests (dist/ in Chromium)";
const FIREFOX_STEP: &str = "end-to-end (Firefox ESR)";
const HTML_STEP: &str = "HTML conformance (Nu HTML Checker)";

/// The Nu HTML Checker on every page of dist/ (xtask/src/html_check.rs), unless the pages,
/// the checker, Java and the check's own code are those of its last pass.
fn html_conformance(root: &Path, run: &mut Run, rerun: bool) -> Result<(), String> {
    let pages = crate::html_check::pages(&root.join("dist"))?;
    let checker = root.join("tools/node_modules/vnu-jar/package.json");
    let facts = [
        format!(
            "vnu-jar {:?}",
            std::fs::read(&checker).ok().map(|b| tools::digest(&b))
        ),
        format!("java {:?}", crate::html_check::java_version()),
        tools::digest(include_bytes!("html_check.rs")),
    ];
    let inputs = cache::digest(root, &pages, &facts)?;
    if let Some(pass) = cache::last_pass(root, "html").filter(|p| p.digest == inputs) {
        if !rerun {
            run.unchanged(HTML_STEP, &pass, "dist/*.html, vnu.jar and Java");
            return Ok(());
        }
    }
    cache::forget(root, "html");
    if run.check(HTML_STEP, || crate::html_check::check(root)) {
        // One check: counted as one when it is not run again.
        let pass = cache::Pass {
            digest: inputs,
            passed: 1,
        };
        cache::record_pass(root, "html", &pass);
    }
    Ok(())
}

/// One end-to-end suite: its step, its cache entry, its test files and its browser.
struct Suite {
    step: &'static str,
    cache_key: &'static str,
    /// The folder whose `*.test.mjs` files it runs (not those of folders below it).
    dir: &'static str,
    /// What the summary line says its inputs are.
    inputs: &'static str,
    /// The browser's environment variable and path, and the programs whose versions
    /// the outcome depends on.
    browser: (&'static str, String),
    versions: Vec<String>,
}

impl Suite {
    fn chromium() -> Suite {
        Suite {
            step: E2E_STEP,
            cache_key: "e2e",
            dir: tools::E2E_DIR,
            inputs: "dist/, tests/e2e, Chromium and Node",
            browser: ("CHROMIUM", tools::chromium_path()),
            versions: vec![
                tools::chromium_path(),
                tools::chromedriver_path(),
                "node".to_owned(),
            ],
        }
    }

    fn firefox() -> Suite {
        Suite {
            step: FIREFOX_STEP,
            cache_key: "e2e-firefox",
            dir: tools::FIREFOX_E2E_DIR,
            inputs: "dist/, tests/e2e/firefox and its helpers, Firefox ESR and Node",
            browser: ("FIREFOX", tools::firefox_path()),
            versions: vec![tools::firefox_path(), "node".to_owned()],
        }
    }

    /// Its test files, sorted.
    fn files(&self, root: &Path) -> Result<Vec<std::path::PathBuf>, String> {
        let dir = root.join(self.dir);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.to_string_lossy().ends_with(".test.mjs"))
            .collect();
        files.sort();
        Ok(files)
    }

    /// Everything its outcome depends on, as one digest: the built site, every file of
    /// tests/e2e but the other suite's test files (the Chromium suite leaves out the
    /// Firefox folder; the Firefox suite, the Chromium test files beside its helpers),
    /// the lock file, and the browser, driver and Node versions.
    fn inputs_digest(&self, root: &Path) -> Result<String, String> {
        let mut files = cache::files_under(&root.join("dist"), &[])?;
        let e2e = cache::files_under(
            &root.join(tools::E2E_DIR),
            &["node_modules", "artifacts", "firefox"],
        )?;
        if self.dir == tools::E2E_DIR {
            files.extend(e2e);
            files.push(root.join(tools::NETLIFY_DIR).join("package-lock.json"));
        } else {
            files.extend(
                e2e.into_iter()
                    .filter(|p| !p.to_string_lossy().ends_with(".test.mjs")),
            );
            files.extend(cache::files_under(&root.join(self.dir), &[])?);
        }
        let facts: Vec<String> = self
            .versions
            .iter()
            .map(|program| format!("{program} {:?}", tools::installed_version(program)))
            .collect();
        cache::digest(root, &files, &facts)
    }
}

/// An end-to-end suite, unless its inputs are those of its last pass.
fn end_to_end(root: &Path, run: &mut Run, rerun: bool, suite: &Suite) -> Result<(), String> {
    let inputs = suite.inputs_digest(root)?;
    if let Some(pass) = cache::last_pass(root, suite.cache_key).filter(|p| p.digest == inputs) {
        if !rerun {
            run.unchanged(suite.step, &pass, suite.inputs);
            return Ok(());
        }
    }
    cache::forget(root, suite.cache_key);
    let mut e2e = Command::new("node");
    // Two files at a time: 157 -> 125 s on the 2-core machine (much of it is waiting).
    e2e.args(["--test", "--test-reporter=spec", "--test-concurrency=2"]);
    e2e.args(suite.files(root)?)
        .env("DIST_DIR", root.join("dist"))
        .env(suite.browser.0, &suite.browser.1)
        .env("NETLIFY_CLI", tools::netlify_cli(root))
        .current_dir(root);
    if run.command(suite.step, e2e) {
        let passed = run.steps.last().map_or(0, |s| s.tests.passed);
        cache::record_pass(
            root,
            suite.cache_key,
            &cache::Pass {
                digest: inputs,
                passed,
            },
        );
    }
    Ok(())
}

fn cargo(root: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new("cargo");
    cmd.args(args).current_dir(root);
    cmd
}

pub fn test(root: &Path, args: &[String]) -> Result<(), String> {
    let rerun = match args {
        [] => false,
        [flag] if flag == "--rerun" => true,
        _ => return Err(format!("test: unknown arguments {args:?} (only --rerun)")),
    };
    let rerun = rerun || cache::in_ci();
    let started = Instant::now();
    // Installs run in the background; the first steps need none of them.
    let setup = Setup::start(root, &ALL_TOOLS)?;
    let mut run = Run::default();

    run.command(
        "format (cargo fmt --check)",
        cargo(root, &["fmt", "--all", "--check"]),
    );
    run.command(
        "clippy (native)",
        cargo(
            root,
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        ),
    );
    run.command(
        "clippy (wasm32)",
        cargo(
            root,
            &[
                "clippy",
                "--package",
                "cancer-atlas",
                "--target",
                WASM,
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        ),
    );
    // The validator first: a native test runs it on damaged packages, and `cargo xtask
    // test` never skips that test.
    let validator = run.tools(&setup, &[Tool::Frictionless]);
    // The same for the HTML checker (Java, and vnu.jar from npm in tools/).
    let html_checker = run.tools(&setup, &[Tool::Java, Tool::WasmOpt]);
    let mut native = cargo(root, &["test", "--workspace"]);
    native
        .env("ATLAS_FRICTIONLESS", crate::frictionless::program(root))
        .env("ATLAS_VNU_JAR", root.join(crate::html_check::VNU_JAR));
    run.command("native tests", native);
    // The prerender (xtask/prerender) is a workspace of its own: checked and tested apart,
    // in the target directory its release-build step uses.
    let prerender = |args: &[&str]| {
        // The subcommand, then where the crate is, then the rest (clippy's `--` last).
        let mut all = vec![args[0], "--manifest-path", "xtask/prerender/Cargo.toml"];
        if args[0] != "fmt" {
            all.extend(["--target-dir", "target/prerender", "--locked"]);
        }
        all.extend(&args[1..]);
        cargo(root, &all)
    };
    run.command("prerender: format", prerender(&["fmt", "--check"]));
    run.command(
        "prerender: clippy",
        prerender(&["clippy", "--all-targets", "--", "-D", "warnings"]),
    );
    run.command("prerender: tests", prerender(&["test"]));

    let browser_tools = run.tools(&setup, &[Tool::WasmBindgen, Tool::Chromium]);
    let mut browser = cargo(
        root,
        &[
            "test",
            "--package",
            "cancer-atlas",
            "--target",
            WASM,
            "--test",
            "web",
            "--test",
            "panic",
        ],
    );
    browser
        .env("CHROMEDRIVER", tools::chromedriver_path())
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120");
    if browser_tools {
        run.command("browser tests (wasm-bindgen-test)", browser);
    } else {
        run.skip(
            "browser tests (wasm-bindgen-test)",
            "their tools are missing",
        );
    }

    if !setup.is_ready(Tool::Trunk) {
        // Compile the release wasm while trunk is still being installed; a failure here
        // shows again, counted, in the release build.
        println!("\n== the release wasm, while trunk installs");
        let _ = build_wasm_ahead(root, true);
    }
    let build_tools = run.tools(&setup, &[Tool::Trunk, Tool::WasmOpt]);
    let built = build_tools && run.command("release build (trunk)", trunk_release_build(root));
    if !build_tools {
        run.skip("release build (trunk)", "its tools are missing");
    }
    if built {
        run.check("size budget (dist/, brotli)", || size_report(root));
    } else {
        run.skip(
            "size budget (dist/, brotli)",
            "the release build did not run",
        );
    }
    const PACKAGE_STEP: &str = "data package (frictionless validate)";
    if built && validator {
        run.check(PACKAGE_STEP, || crate::frictionless::check(root));
    } else {
        let why = if built {
            "frictionless is missing"
        } else {
            "the release build did not run"
        };
        run.skip(PACKAGE_STEP, why);
    }
    if built && html_checker {
        html_conformance(root, &mut run, rerun)?;
    } else {
        let why = if built {
            "Java or vnu.jar is missing"
        } else {
            "the release build did not run"
        };
        run.skip(HTML_STEP, why);
    }
    let why = if built {
        "their tools are missing"
    } else {
        "the release build did not run"
    };
    let e2e_tools = built
        && run.tools(
            &setup,
            &[Tool::Chromium, Tool::E2ePackages, Tool::NetlifyCli],
        );
    if e2e_tools {
        end_to_end(root, &mut run, rerun, &Suite::chromium())?;
    } else {
        run.skip(E2E_STEP, why);
    }
    // The main journeys again in a second engine, a step of its own (its own count and
    // cache entry).
    let firefox_tools = built && run.tools(&setup, &[Tool::Firefox, Tool::E2ePackages]);
    if firefox_tools {
        end_to_end(root, &mut run, rerun, &Suite::firefox())?;
    } else {
        run.skip(FIREFOX_STEP, why);
    }
    run.finish(started)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A repository with a built site, two Chromium files and the Firefox folder.
    fn scratch() -> std::path::PathBuf {
        let root = std::env::temp_dir().join(format!("xtask-suites-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for (path, text) in [
            ("dist/index.html", "<p>atlas</p>"),
            ("tests/e2e/app.test.mjs", "chromium journeys"),
            ("tests/e2e/server.mjs", "the server"),
            ("tests/e2e/package-lock.json", "{}"),
            ("tests/netlify/package-lock.json", "{}"),
            ("tests/e2e/firefox/atlas.test.mjs", "firefox journeys"),
            ("tests/e2e/firefox/browser.mjs", "launch firefox"),
            ("tests/e2e/node_modules/x/index.js", "a package"),
        ] {
            let file = root.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        }
        root
    }

    fn without_versions(mut suite: Suite) -> Suite {
        suite.versions.clear();
        suite
    }

    #[test]
    fn each_suite_runs_its_own_files_and_only_its_inputs_invalidate_its_pass() {
        let root = scratch();
        let (chromium, firefox) = (
            without_versions(Suite::chromium()),
            without_versions(Suite::firefox()),
        );
        let names = |suite: &Suite| -> Vec<String> {
            let files = suite.files(&root).unwrap();
            files
                .iter()
                .map(|p| p.strip_prefix(&root).unwrap().display().to_string())
                .collect()
        };
        assert_eq!(names(&chromium), ["tests/e2e/app.test.mjs"]);
        assert_eq!(names(&firefox), ["tests/e2e/firefox/atlas.test.mjs"]);
        let digests = || {
            (
                chromium.inputs_digest(&root).unwrap(),
                firefox.inputs_digest(&root).unwrap(),
            )
        };
        let edit = |path: &str| std::fs::write(root.join(path), "changed").unwrap();
        let first = digests();
        assert_eq!(digests(), first, "nothing changed, nothing runs again");
        edit("tests/e2e/app.test.mjs");
        let second = digests();
        assert_ne!(second.0, first.0);
        assert_eq!(
            second.1, first.1,
            "a Chromium test leaves Firefox's pass alone"
        );
        edit("tests/e2e/firefox/browser.mjs");
        let third = digests();
        assert_eq!(
            third.0, second.0,
            "a Firefox file leaves Chromium's pass alone"
        );
        assert_ne!(third.1, second.1);
        for shared in [
            "tests/e2e/server.mjs",
            "tests/e2e/package-lock.json",
            "dist/index.html",
        ] {
            let before = digests();
            edit(shared);
            let after = digests();
            assert!(
                after.0 != before.0 && after.1 != before.1,
                "{shared} is both suites' input"
            );
        }
        // netlify-cli's smoke run is the Chromium suite's.
        let before = digests();
        edit("tests/netlify/package-lock.json");
        let after = digests();
        assert!(after.0 != before.0 && after.1 == before.1);
        let before = digests();
        edit("tests/e2e/node_modules/x/index.js");
        assert_eq!(
            digests(),
            before,
            "installed packages count through the lock file"
        );
        let _ = std::fs::remove_dir_all(&root);
    }
}
