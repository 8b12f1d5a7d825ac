//! The Nu HTML Checker on every page the build writes: a step of `cargo xtask test`.
//!
//! The checker is `vnu.jar` from npm's `vnu-jar` (pinned in `tools/package.json`), run by
//! the machine's Java (Debian's `default-jre-headless`, installed by the set-up when `java`
//! is missing or older than [`JAVA_MIN_MAJOR`]; see [`crate::setup::Tool::Java`]). Never
//! through the package's own `vnu` script: that one downloads a Java runtime from outside
//! the package registries when it finds none (`tools/.npmrc` keeps its postinstall off).
//!
//! What is checked: every `.html` under `dist/` (the atlas in each language, whose
//! `<noscript>` holds the document for visitors without JavaScript, the embed, the About
//! pages), and, as documents of their own, the content of each page's `<template
//! shadowrootmode>` (the prerendered first screen): the checker parses a template's markup
//! but never checks its content model (a `<p>` in a `<ul>` there passes), whereas it does
//! check `<noscript>` content as markup. Messages from those documents are reported at the
//! page's own lines.
//!
//! This module never changes a page: it reads `dist/` and writes only under
//! `target/html-check/`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The checker, from the repository's root (npm ci in `tools/`).
pub const VNU_JAR: &str = "tools/node_modules/vnu-jar/build/dist/vnu.jar";
/// vnu.jar's classes are Java 11's (class file version 55).
pub const JAVA_MIN_MAJOR: u64 = 11;
/// Where the documents taken out of the pages are written.
const WORK_DIR: &str = "target/html-check";
/// The pages the build must have written (a missing one fails the step).
pub const EXPECTED_PAGES: [&str; 5] = [
    "index.html",
    "fr/index.html",
    "embed/index.html",
    "about/index.html",
    "fr/about/index.html",
];
/// Opens the prerendered first screen's shadow root (xtask/src/prerender.rs).
const SHADOW_OPEN: &str = "<template shadowrootmode=";

/// What a message about a shadow root starts with.
const SHADOW_NOTE: &str = "(in the shadow root) ";

/// How bad a message is, as the checker says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Error,
    Warning,
    Info,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Error => "error",
            Kind::Warning => "warning",
            Kind::Info => "info",
        }
    }
}

/// One of the checker's messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub kind: Kind,
    /// The file it is about (a page of dist/, once [`check`] has mapped it back).
    pub file: String,
    /// 1-based; none for a message about the whole file (it could not be read).
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub text: String,
    /// The markup around it, as the checker quotes it.
    pub extract: Option<String>,
}

impl Message {
    /// `file:line.column: kind: text`, then the quoted markup.
    pub fn describe(&self) -> String {
        let place = match (self.line, self.column) {
            (Some(l), Some(c)) => format!(":{l}.{c}"),
            (Some(l), None) => format!(":{l}"),
            _ => String::new(),
        };
        let extract = self
            .extract
            .as_deref()
            .map(|e| format!("\n      at: {}", e.replace('\n', "↵")))
            .unwrap_or_default();
        format!(
            "{}{place}: {}: {}{extract}",
            self.file,
            self.kind.word(),
            self.text
        )
    }
}

/// A file path from the checker's `file:` URL (percent-escapes decoded).
fn path_of_url(url: &str) -> String {
    let path = url.strip_prefix("file:").unwrap_or(url);
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The messages of the checker's `--format json` output: `(checker version, messages)`.
/// Its `non-document-error`s (a file it could not read) are errors; `info` with the
/// `warning` subtype is a warning.
pub fn parse(json: &str) -> Result<(String, Vec<Message>), String> {
    let value: serde_json::Value = serde_json::from_str(json.trim())
        .map_err(|e| format!("the checker's output is not JSON ({e}): {json}"))?;
    let list = value
        .get("messages")
        .and_then(|m| m.as_array())
        .ok_or_else(|| format!("the checker's output has no \"messages\" list: {json}"))?;
    let version = value
        .get("version")
        .and_then(|v| v.as_str())
        .unwrap_or("unknown version")
        .to_owned();
    fn field<'a>(m: &'a serde_json::Value, key: &str) -> Option<&'a str> {
        m.get(key).and_then(|v| v.as_str())
    }
    fn number(m: &serde_json::Value, key: &str) -> Option<u64> {
        m.get(key).and_then(|v| v.as_u64())
    }
    let messages = list
        .iter()
        .map(|m| {
            let kind = match (field(m, "type"), field(m, "subType")) {
                (Some("info"), Some("warning")) => Kind::Warning,
                (Some("info"), _) => Kind::Info,
                // "error" (its subtype "fatal" included), "non-document-error", and
                // anything this module does not know yet.
                _ => Kind::Error,
            };
            Message {
                kind,
                file: field(m, "url").map(path_of_url).unwrap_or_default(),
                line: number(m, "lastLine").or_else(|| number(m, "firstLine")),
                column: number(m, "firstColumn").or_else(|| number(m, "lastColumn")),
                text: field(m, "message")
                    .unwrap_or("(the checker gave no message)")
                    .to_owned(),
                extract: field(m, "extract").map(str::to_owned),
            }
        })
        .collect();
    Ok((version, messages))
}

/// The major version in `java -version`'s banner: `openjdk version "17.0.15"` is 17,
/// `java version "1.8.0_381"` is 8.
pub fn java_major(banner: &str) -> Option<u64> {
    let quoted = banner.split('"').nth(1)?;
    let mut parts = quoted.split(['.', '_', '-', '+']);
    let first: u64 = parts.next()?.parse().ok()?;
    if first == 1 {
        parts.next()?.parse().ok()
    } else {
        Some(first)
    }
}

/// The major version of the `java` on PATH; None when it does not run.
pub fn java_version() -> Option<u64> {
    java_version_of(Path::new("java"))
}

/// The major version of the Java at `program`.
fn java_version_of(program: &Path) -> Option<u64> {
    let out = Command::new(program).arg("-version").output().ok()?;
    if !out.status.success() {
        return None;
    }
    // The banner goes to stderr.
    java_major(&String::from_utf8_lossy(&out.stderr))
        .or_else(|| java_major(&String::from_utf8_lossy(&out.stdout)))
}

/// Runs the checker on `files` (one Java start for all of them).
pub fn run_checker(jar: &Path, files: &[PathBuf]) -> Result<(String, Vec<Message>), String> {
    if !jar.is_file() {
        return Err(format!(
            "{} is missing: `cargo xtask setup` installs it (npm ci in tools/)",
            jar.display()
        ));
    }
    let out = Command::new("java")
        .arg("-jar")
        .arg(jar)
        .args(["--format", "json"])
        .args(files)
        .output()
        .map_err(|e| format!("cannot run java (Debian's default-jre-headless): {e}"))?;
    // The report goes to stderr; exit status 1 means "errors found", which the messages say.
    let report = String::from_utf8_lossy(&out.stderr);
    parse(&report).map_err(|e| format!("the Nu HTML Checker ({}) failed: {e}", out.status))
}

/// Every `.html` file under `dist`, sorted.
pub fn pages(dist: &Path) -> Result<Vec<PathBuf>, String> {
    let files = crate::cache::files_under(dist, &[])?;
    Ok(files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect())
}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
fn place_of(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() as u64 + 1,
        before[line_start..].chars().count() as u64 + 1,
    )
}

/// The content of each `<template shadowrootmode=…>` in `html`, with the line and column
/// it starts at. Nested templates are kept inside their parent's content.
pub fn shadow_roots(html: &str) -> Vec<((u64, u64), &str)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = html[from..].find(SHADOW_OPEN).map(|i| i + from) {
        let Some(start) = html[at..].find('>').map(|i| at + i + 1) else {
            break;
        };
        // The matching </template>: count the templates opened and closed on the way.
        let mut depth = 1;
        let mut cursor = start;
        let end = loop {
            let open = html[cursor..].find("<template").map(|i| cursor + i);
            let Some(close) = html[cursor..].find("</template>").map(|i| cursor + i) else {
                break html.len();
            };
            match open {
                Some(open) if open < close => {
                    depth += 1;
                    cursor = open + "<template".len();
                }
                _ => {
                    depth -= 1;
                    cursor = close + "</template>".len();
                    if depth == 0 {
                        break close;
                    }
                }
            }
        };
        found.push((place_of(html, start), &html[start..end]));
        from = end;
    }
    found
}

/// The language of a page's `<html lang="…">`, "en" if it says none.
fn page_lang(html: &str) -> &str {
    html.find("<html lang=\"")
        .map(|i| &html[i + "<html lang=\"".len()..])
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("en")
}

/// What comes before the content in [`standalone`]: all on one line.
fn standalone_head(lang: &str) -> String {
    format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>shadow root</title></head><body>"
    )
}

/// A document around `content`, all of its own markup on the first line, so that line
/// `n` of the document is line `n` of the content.
pub fn standalone(lang: &str, content: &str) -> String {
    format!("{}{content}</body></html>\n", standalone_head(lang))
}

/// A document checked on its own, and where its content sits in a page.
struct Extracted {
    file: PathBuf,
    page: String,
    /// Where the content starts in the page.
    line: u64,
    column: u64,
    /// The characters before it on the document's first line.
    head: u64,
}

impl Extracted {
    /// The page's line and column for the document's.
    fn place(&self, line: Option<u64>, column: Option<u64>) -> (Option<u64>, Option<u64>) {
        match line {
            Some(1) => (
                Some(self.line),
                column.map(|c| (c + self.column).saturating_sub(self.head + 1)),
            ),
            Some(l) => (Some(self.line + l - 1), column),
            None => (None, column),
        }
    }
}

/// Messages counted by kind, and the text of each.
pub struct Outcome {
    pub version: String,
    pub checked: Vec<String>,
    pub messages: Vec<Message>,
}

impl Outcome {
    pub fn count(&self, kind: Kind) -> usize {
        self.messages.iter().filter(|m| m.kind == kind).count()
    }

    /// The report: what was checked, the counts, every error and warning.
    pub fn report(&self) -> String {
        let mut text = format!(
            "Nu HTML Checker {} on {} documents:\n{}\n{} errors, {} warnings",
            self.version,
            self.checked.len(),
            self.checked
                .iter()
                .map(|c| format!("  {c}"))
                .collect::<Vec<_>>()
                .join("\n"),
            self.count(Kind::Error),
            self.count(Kind::Warning)
        );
        for m in self.messages.iter().filter(|m| m.kind != Kind::Info) {
            text += &format!("\n  {}", m.describe());
        }
        text
    }
}

/// Checks every page under `dist` (and their shadow roots, taken out into `work`).
pub fn check_pages(jar: &Path, root: &Path, dist: &Path, work: &Path) -> Result<Outcome, String> {
    let pages = pages(dist)?;
    let shown = |p: &Path| {
        p.strip_prefix(root)
            .unwrap_or(p)
            .to_string_lossy()
            .into_owned()
    };
    let _ = std::fs::remove_dir_all(work);
    std::fs::create_dir_all(work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
    let mut files = pages.clone();
    let mut checked: Vec<String> = pages.iter().map(|p| shown(p)).collect();
    let mut extracted = Vec::new();
    for page in &pages {
        let html = std::fs::read_to_string(page)
            .map_err(|e| format!("cannot read {}: {e}", page.display()))?;
        for (n, ((line, column), content)) in shadow_roots(&html).into_iter().enumerate() {
            let name = shown(page).replace('/', "-");
            let file = work.join(format!("{name}.shadow-root-{}.html", n + 1));
            std::fs::write(&file, standalone(page_lang(&html), content))
                .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
            checked.push(format!(
                "{}, its shadow root from line {line} (as {})",
                shown(page),
                shown(&file)
            ));
            files.push(file.clone());
            extracted.push(Extracted {
                file,
                page: shown(page),
                line,
                column,
                head: standalone_head(page_lang(&html)).chars().count() as u64,
            });
        }
    }
    let (version, mut messages) = run_checker(jar, &files)?;
    for m in &mut messages {
        if let Some(e) = extracted
            .iter()
            .find(|e| Path::new(&m.file) == e.file.as_path())
        {
            m.file = e.page.clone();
            (m.line, m.column) = e.place(m.line, m.column);
            m.text = format!("{SHADOW_NOTE}{}", m.text);
        } else {
            m.file = shown(Path::new(&m.file));
        }
    }
    // A parse error inside a template is seen twice, in the page and in its shadow root
    // taken out: kept once, as the page's.
    let from_page: Vec<Message> = messages
        .iter()
        .filter(|m| !m.text.starts_with(SHADOW_NOTE))
        .cloned()
        .collect();
    messages.retain(|m| {
        m.text.strip_prefix(SHADOW_NOTE).is_none_or(|text| {
            !from_page.iter().any(|p| {
                p.file == m.file && p.line == m.line && p.column == m.column && p.text == text
            })
        })
    });
    messages.sort_by(|a, b| (a.kind, &a.file, a.line).cmp(&(b.kind, &b.file, b.line)));
    Ok(Outcome {
        version,
        checked,
        messages,
    })
}

/// The test step: Ok with the report when no page has an error; Err with every error
/// (file, line, message) when one does, or when a page the build writes is missing.
pub fn check(root: &Path) -> Result<String, String> {
    let dist = root.join("dist");
    let missing: Vec<&str> = EXPECTED_PAGES
        .iter()
        .copied()
        .filter(|p| !dist.join(p).is_file())
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "dist/ lacks {}: the release build writes them",
            missing.join(", ")
        ));
    }
    let outcome = check_pages(&root.join(VNU_JAR), root, &dist, &root.join(WORK_DIR))?;
    let report = outcome.report();
    if outcome.count(Kind::Error) == 0 {
        Ok(report)
    } else {
        Err(report + "\nthe pages do not conform: fix the errors above")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = r#"{"messages":[
        {"type":"error","url":"file:/tmp/site/fr/index.html","lastLine":6,"lastColumn":47,"firstColumn":44,
         "message":"No “p” element in scope but a “p” end tag seen.","extract":"in p</div></p><table","hiliteStart":10,"hiliteLength":4},
        {"type":"info","subType":"warning","url":"file:/tmp/my%20site/a.html","lastLine":2,"firstColumn":1,"lastColumn":20,
         "message":"Consider adding a “lang” attribute."},
        {"type":"info","url":"file:/tmp/site/a.html","message":"Trailing slash on void elements has no effect."},
        {"type":"error","subType":"fatal","url":"file:/tmp/site/b.html","lastLine":1,"message":"Fatal: bad encoding."},
        {"type":"non-document-error","subType":"io","url":"file:/tmp/site/c.html","message":"File not found."}
    ],"version":"26.9.27 (c6ba02c)"}"#;

    #[test]
    fn the_checkers_json_becomes_messages_with_file_line_and_kind() {
        let (version, messages) = parse(REPORT).unwrap();
        assert_eq!(version, "26.9.27 (c6ba02c)");
        assert_eq!(messages.len(), 5);
        assert_eq!(
            messages[0],
            Message {
                kind: Kind::Error,
                file: "/tmp/site/fr/index.html".to_owned(),
                line: Some(6),
                column: Some(44),
                text: "No “p” element in scope but a “p” end tag seen.".to_owned(),
                extract: Some("in p</div></p><table".to_owned()),
            }
        );
        assert_eq!(
            messages[0].describe(),
            "/tmp/site/fr/index.html:6.44: error: No “p” element in scope but a “p” end tag \
             seen.\n      at: in p</div></p><table"
        );
        assert_eq!(messages[1].kind, Kind::Warning);
        assert_eq!(messages[1].file, "/tmp/my site/a.html");
        assert_eq!(messages[2].kind, Kind::Info);
        assert_eq!(messages[2].line, None);
        assert_eq!(messages[3].kind, Kind::Error, "a fatal error is an error");
        assert_eq!(messages[4].kind, Kind::Error, "an unreadable file too");
        assert_eq!(
            messages[4].describe(),
            "/tmp/site/c.html: error: File not found."
        );
    }

    #[test]
    fn output_that_is_not_the_checkers_report_is_a_clear_error() {
        let err = parse("Error: Unable to access jarfile vnu.jar").unwrap_err();
        assert!(err.contains("not JSON"), "{err}");
        assert!(err.contains("Unable to access jarfile"), "{err}");
        let err = parse(r#"{"version": "1"}"#).unwrap_err();
        assert!(err.contains("no \"messages\" list"), "{err}");
        assert_eq!(parse(r#"{"messages": []}"#).unwrap().1, vec![]);
    }

    #[test]
    fn javas_banner_gives_its_major_version_old_and_new_style() {
        assert_eq!(
            java_major("openjdk version \"17.0.15\" 2025-04-15\nOpenJDK Runtime Environment"),
            Some(17)
        );
        assert_eq!(java_major("openjdk version \"21\" 2023-09-19"), Some(21));
        assert_eq!(java_major("java version \"1.8.0_381\""), Some(8));
        assert_eq!(java_major("openjdk version \"11.0.2-ea\""), Some(11));
        assert_eq!(java_major("bash: java: command not found"), None);
    }

    #[test]
    fn the_shadow_root_is_taken_out_with_the_line_it_starts_on() {
        let html = "<!doctype html>\n<body>\n<div id=\"boot\"><template shadowrootmode=\"closed\">\
                    <link rel=\"stylesheet\" href=\"/a.css\">\n<div inert><template><p>in</p></template>\
                    <ul><li>x</li></ul></div><slot></slot></template></div>\n<noscript>n</noscript>";
        let roots = shadow_roots(html);
        assert_eq!(roots.len(), 1);
        assert_eq!(roots[0].0, (3, 50));
        assert_eq!(
            roots[0].1,
            "<link rel=\"stylesheet\" href=\"/a.css\">\n<div inert><template><p>in</p></template>\
             <ul><li>x</li></ul></div><slot></slot>"
        );
        assert!(shadow_roots("<template><p>not a shadow root</p></template>").is_empty());
        // An unclosed one runs to the end rather than being lost.
        assert_eq!(
            shadow_roots("<template shadowrootmode=\"open\"><p>x"),
            vec![((1, 33), "<p>x")]
        );
        let doc = standalone("fr", roots[0].1);
        assert!(doc.starts_with("<!doctype html><html lang=\"fr\">"));
        assert_eq!(doc.lines().count(), 2, "the content keeps its own lines");
    }

    #[test]
    fn an_old_or_broken_java_is_told_apart_from_a_recent_one() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("java");
        let fake = |name: &str, script: &str| {
            let path = dir.join(name);
            std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
            path
        };
        // As Java writes it: the banner on stderr.
        let old = fake("java8", "echo 'java version \"1.8.0_381\"' >&2");
        let new = fake("java21", "echo 'openjdk version \"21.0.5\" 2024-10-15' >&2");
        let broken = fake("java-broken", "echo 'Error: libjvm.so missing' >&2; exit 1");
        assert_eq!(java_version_of(&old), Some(8));
        assert!(java_version_of(&old).unwrap() < JAVA_MIN_MAJOR);
        assert_eq!(java_version_of(&new), Some(21));
        assert_eq!(java_version_of(&broken), None);
        assert_eq!(java_version_of(&dir.join("absent")), None);
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A scratch directory of its own.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-vnu-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// The checker, or None (with why) when it cannot run outside `cargo xtask test`,
    /// which sets ATLAS_VNU_JAR and so never skips.
    fn checker() -> Option<PathBuf> {
        let required = std::env::var_os("ATLAS_VNU_JAR");
        let jar = required
            .clone()
            .map(PathBuf::from)
            .unwrap_or_else(|| crate::tools::repo_root().join(VNU_JAR));
        let java = java_version();
        let problem = if !jar.is_file() {
            Some(format!("{} is missing", jar.display()))
        } else if java.is_none_or(|m| m < JAVA_MIN_MAJOR) {
            Some(format!(
                "java {java:?} found, {JAVA_MIN_MAJOR} or later needed"
            ))
        } else {
            None
        };
        match (problem, required) {
            (None, _) => Some(jar),
            (Some(problem), Some(_)) => {
                panic!("{problem}, and `cargo xtask test` runs this test with the checker")
            }
            (Some(problem), None) => {
                eprintln!(
                    "SKIPPED: {problem} (`cargo xtask setup` installs Java and vnu.jar; \
                     `cargo xtask test` always runs this test with them)"
                );
                None
            }
        }
    }

    const PAGE_HEAD: &str =
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>t</title></head>\n";

    #[test]
    fn the_checker_finds_errors_in_a_page_its_noscript_and_its_shadow_root() {
        let Some(jar) = checker() else { return };
        let dir = scratch("broken");
        let dist = dir.join("dist");
        std::fs::create_dir_all(dist.join("fr")).unwrap();
        // A sound page: nothing to say.
        std::fs::write(
            dist.join("index.html"),
            format!("{PAGE_HEAD}<body><main><h1>Atlas</h1><p>Fine.</p></main></body></html>\n"),
        )
        .unwrap();
        // Broken on line 3 (a duplicate attribute), in its <noscript> on line 5 (a <p>
        // in a <ul>), and in its shadow root on line 8 (the same), which the checker alone
        // does not see inside a <template>.
        std::fs::write(
            dist.join("fr/index.html"),
            format!(
                "{PAGE_HEAD}<body><a href=\"/\" href=\"/fr/\">x</a>\n\
                 <noscript>\n<ul><p>no list item</p></ul>\n</noscript>\n\
                 <div><template shadowrootmode=\"closed\">\n<ol><p>no list item</p></ol><slot></slot>\
                 </template></div>\n<div><template shadowrootmode=\"open\"><b id=x id=y>twice</b>\
                 </template></div></body></html>\n"
            ),
        )
        .unwrap();
        let outcome = check_pages(&jar, &dir, &dist, &dir.join("work")).unwrap();
        let errors: Vec<(String, Option<u64>, bool)> = outcome
            .messages
            .iter()
            .filter(|m| m.kind == Kind::Error)
            .map(|m| {
                (
                    m.file.clone(),
                    m.line,
                    m.text.starts_with("(in the shadow root)"),
                )
            })
            .collect();
        assert!(
            errors
                .iter()
                .all(|(file, _, _)| file == "dist/fr/index.html"),
            "{errors:?}"
        );
        assert_eq!(
            errors.iter().map(|(_, l, s)| (*l, *s)).collect::<Vec<_>>(),
            // The duplicate id on line 9 is a parse error: the checker sees it in the page,
            // and it is reported once.
            vec![
                (Some(3), false),
                (Some(5), false),
                (Some(8), true),
                (Some(9), false)
            ],
            "{}",
            outcome.report()
        );
        assert_eq!(outcome.checked.len(), 4, "two pages and two shadow roots");
        let report = outcome.report();
        assert!(report.contains("dist/fr/index.html:3."), "{report}");
        assert!(report.contains("Duplicate attribute “href”"), "{report}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_missing_page_fails_the_step_before_the_checker_runs() {
        let dir = scratch("missing");
        std::fs::create_dir_all(dir.join("dist")).unwrap();
        std::fs::write(dir.join("dist/index.html"), "<!doctype html>").unwrap();
        let err = check(&dir).unwrap_err();
        assert!(err.contains("fr/index.html"), "{err}");
        assert!(err.contains("embed/index.html"), "{err}");
        assert!(!err.contains(" index.html,"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
