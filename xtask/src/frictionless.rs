//! `frictionless validate` (PyPI's `frictionless`, pinned) on the open data package that the
//! prerender writes into `dist/data/` (xtask/prerender/src/package.rs): a step of `cargo
//! xtask test`. The validator lives in a virtual environment under `target/venv`, made by
//! the set-up (`setup.rs`, [`crate::setup::Tool::Frictionless`]) and trusted only when its
//! `frictionless --version` says [`VERSION`].

use crate::proc;
use std::path::{Path, PathBuf};
use std::process::Command;

/// frictionless-py's version, pinned.
pub const VERSION: &str = "5.21.0";
/// The virtual environment, from the repository's root.
pub const VENV: &str = "target/venv";
/// The package's descriptor in the built site.
pub const DESCRIPTOR: &str = "dist/data/datapackage.json";

/// The validator's program in the virtual environment.
pub fn program(root: &Path) -> PathBuf {
    root.join(VENV).join("bin/frictionless")
}

/// Whether the virtual environment holds frictionless at [`VERSION`].
pub fn installed(root: &Path) -> bool {
    crate::tools::installed_version(&program(root).to_string_lossy()).as_deref() == Some(VERSION)
}

/// Whether this Python can make a virtual environment with pip (Debian splits `ensurepip`
/// into `python3-venv`).
pub fn python_can_make_venvs() -> bool {
    proc::output(Command::new("python3").args(["-c", "import ensurepip, venv; print('ok')"]))
        .is_some_and(|o| o.trim() == "ok")
}

/// The commands that install it: a fresh virtual environment, then pip.
pub fn install_commands(root: &Path) -> [(String, Command); 2] {
    let venv = root.join(VENV);
    let mut make = Command::new("python3");
    make.args(["-m", "venv", "--clear"]).arg(&venv);
    let mut pip = Command::new(venv.join("bin/pip"));
    pip.args([
        "install",
        "--disable-pip-version-check",
        "--no-input",
        "--quiet",
    ])
    .arg(format!("frictionless=={VERSION}"));
    [
        (format!("making the virtual environment {VENV}"), make),
        (format!("installing frictionless {VERSION} (pip)"), pip),
    ]
}

/// Validates the package described by `descriptor`: Ok with the report when it is valid,
/// Err with the report (or why the validator could not run) when not.
pub fn validate(program: &Path, descriptor: &Path) -> Result<String, String> {
    let dir = descriptor.parent().unwrap_or(Path::new("."));
    let name = descriptor.file_name().unwrap_or_default();
    let out = Command::new(program)
        .arg("validate")
        .arg(name)
        .current_dir(dir)
        // Rich's tables as plain text, as wide as their messages need.
        .env("COLUMNS", "120")
        .env("NO_COLOR", "1")
        .output()
        .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
    let report =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let head = format!(
        "$ frictionless validate {} (frictionless {VERSION})\n",
        descriptor.display()
    );
    if out.status.success() {
        Ok(head + &report)
    } else {
        Err(head + &report + "\nthe data package does not validate")
    }
}

/// `relations.csv` with one more row whose `from_organisation` names no organisation.
pub fn with_dangling_relation(csv: &str) -> String {
    let header = csv.lines().next().unwrap_or_default();
    let row: Vec<&str> = header
        .split(',')
        .map(|column| match column {
            "id" => "rel-damaged",
            "from_organisation" => "no-such-organisation",
            "kind" => "member-of",
            "confidence" => "confirmed",
            "sources" => "general-knowledge",
            _ => "",
        })
        .collect();
    format!("{csv}{}\r\n", row.join(","))
}

/// The test step: the built site's package validates, and a copy of it with one dangling
/// relation does not.
pub fn check(root: &Path) -> Result<String, String> {
    let descriptor = root.join(DESCRIPTOR);
    if !descriptor.is_file() {
        return Err(format!(
            "{DESCRIPTOR} is missing: the release build's prerender writes it"
        ));
    }
    let report = validate(&program(root), &descriptor)?;
    let data = descriptor.parent().unwrap_or(root);
    let damaged = root.join("target/data-package-damaged");
    let _ = std::fs::remove_dir_all(&damaged);
    std::fs::create_dir_all(&damaged).map_err(|e| format!("{}: {e}", damaged.display()))?;
    for entry in std::fs::read_dir(data)
        .map_err(|e| e.to_string())?
        .flatten()
    {
        std::fs::copy(entry.path(), damaged.join(entry.file_name())).map_err(|e| e.to_string())?;
    }
    let relations = damaged.join("relations.csv");
    let csv = std::fs::read_to_string(&relations).map_err(|e| e.to_string())?;
    std::fs::write(&relations, with_dangling_relation(&csv)).map_err(|e| e.to_string())?;
    match validate(&program(root), &damaged.join("datapackage.json")) {
        Ok(passed) => Err(format!(
            "{report}\n{passed}\na copy with a dangling relation passed: the foreign keys are not checked"
        )),
        Err(failed) if failed.contains("foreign-key") => Ok(format!(
            "{report}\nand a copy with one dangling relation (target/data-package-damaged) fails, as it must:\n{}",
            failed
                .lines()
                .filter(|l| l.contains("foreign") || l.contains("no-such-organisation"))
                .collect::<Vec<_>>()
                .join("\n")
        )),
        Err(failed) => Err(format!(
            "{report}\na copy with a dangling relation failed, but not on its foreign key:\n{failed}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small package of the same make as the atlas's: a countries table and an
    /// organisations table with an enum, a primary key and a foreign key.
    fn package(dir: &Path, organisations: &str) {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("countries.csv"), "code,name_en\r\nFR,France\r\n").unwrap();
        std::fs::write(dir.join("organisations.csv"), organisations).unwrap();
        let descriptor = serde_json::json!({
            "profile": "tabular-data-package",
            "name": "damaged",
            "resources": [
                {"name": "countries", "path": "countries.csv", "profile": "tabular-data-resource",
                 "schema": {"fields": [{"name": "code", "type": "string"}, {"name": "name_en", "type": "string"}],
                            "primaryKey": ["code"]}},
                {"name": "organisations", "path": "organisations.csv", "profile": "tabular-data-resource",
                 "schema": {"fields": [
                     {"name": "id", "type": "string"},
                     {"name": "kind", "type": "string", "constraints": {"enum": ["federation", "society"]}},
                     {"name": "country", "type": "string"}],
                  "primaryKey": ["id"],
                  "foreignKeys": [{"fields": "country", "reference": {"resource": "countries", "fields": "code"}}]}}
            ]
        });
        std::fs::write(dir.join("datapackage.json"), descriptor.to_string()).unwrap();
    }

    #[test]
    fn a_dangling_relation_has_every_column() {
        let csv = "id,from_organisation,from_project,kind,to_organisation,confidence,sources\r\nrel-1,a,,member-of,b,seed,s\r\n";
        let damaged = with_dangling_relation(csv);
        assert!(damaged.starts_with(csv));
        assert!(damaged.ends_with(
            "rel-damaged,no-such-organisation,,member-of,,confirmed,general-knowledge\r\n"
        ));
    }

    #[test]
    fn the_validator_passes_a_sound_package_and_fails_a_damaged_one() {
        let root = crate::tools::repo_root();
        let program = std::env::var_os("ATLAS_FRICTIONLESS")
            .map(PathBuf::from)
            .unwrap_or_else(|| program(&root));
        if !program.is_file() {
            eprintln!(
                "SKIPPED: {} is missing (`cargo xtask setup` or `cargo xtask test` installs \
                 frictionless {VERSION} there; `cargo xtask test` always runs this test with it)",
                program.display()
            );
            return;
        }
        let dir = std::env::temp_dir().join(format!("xtask-frictionless-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let sound = dir.join("sound");
        package(&sound, "id,kind,country\r\nunicancer,federation,FR\r\n");
        let report = validate(&program, &sound.join("datapackage.json")).expect("valid");
        assert!(report.contains("VALID"), "{report}");
        // A broken foreign key: a country the package does not hold.
        let broken = dir.join("broken-key");
        package(&broken, "id,kind,country\r\nunicancer,federation,XX\r\n");
        let report = validate(&program, &broken.join("datapackage.json")).unwrap_err();
        assert!(report.contains("foreign-key"), "{report}");
        // A kind outside the enum.
        let bad_enum = dir.join("bad-enum");
        package(&bad_enum, "id,kind,country\r\nunicancer,charity,FR\r\n");
        let report = validate(&program, &bad_enum.join("datapackage.json")).unwrap_err();
        assert!(report.contains("constraint-error"), "{report}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
