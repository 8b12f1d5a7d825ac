//! The documentation holds together. README.md stays a front door: at most
//! [`README_MAX_LINES`] lines, with the two commands in a shell block. No relative link in
//! README.md, ARCHITECTURE.md, docs/*.md or data/README.md points to a file that does not
//! exist, or to an anchor (`#...`) that no heading of its target produces, with GitHub's
//! rule for turning a heading into an anchor. So text moved from one document to another
//! cannot leave a dead link behind.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

/// The README is the front door: what the atlas is, the two commands, where to go next.
/// Everything longer lives in docs/.
const README_MAX_LINES: usize = 150;

/// The two commands the README must give, each on a line of its own in a shell block
/// (CI's `.ci/run` runs the second one).
const COMMANDS: [&str; 2] = ["cargo xtask serve", "cargo xtask test"];

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ sits in the repository")
        .to_path_buf()
}

/// The Markdown files whose links are checked: README.md, ARCHITECTURE.md, data/README.md
/// and every docs/*.md (not the research notes in docs/'s subfolders).
fn documents(root: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = ["README.md", "ARCHITECTURE.md", "data/README.md"]
        .iter()
        .map(|p| root.join(p))
        .collect();
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "md"))
                .collect()
        })
        .unwrap_or_default();
    docs.sort();
    out.extend(docs);
    out
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: cannot be read: {e}", path.display()))
}

/// Whether a line opens or closes a fenced code block (``` or ~~~, indented by up to three
/// spaces).
fn is_fence(line: &str) -> bool {
    let t = line.trim_start_matches(' ');
    line.len() - t.len() <= 3 && (t.starts_with("```") || t.starts_with("~~~"))
}

/// The lines outside fenced code blocks, numbered from 1.
fn prose(text: &str) -> Vec<(usize, &str)> {
    let mut in_fence = false;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if is_fence(line) {
            in_fence = !in_fence;
        } else if !in_fence {
            out.push((i + 1, line));
        }
    }
    out
}

/// A line with its inline code spans removed (a run of n backticks up to the next run of
/// exactly n; an unclosed span takes the rest of the line), so that `[a](b)` written as
/// code is not taken for a link.
fn without_code(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '`' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let run = chars[i..].iter().take_while(|&&c| c == '`').count();
        let mut j = i + run;
        let mut closed = None;
        while j < chars.len() {
            if chars[j] == '`' {
                let n = chars[j..].iter().take_while(|&&c| c == '`').count();
                if n == run {
                    closed = Some(j + n);
                    break;
                }
                j += n;
            } else {
                j += 1;
            }
        }
        match closed {
            Some(end) => i = end,
            None => break,
        }
    }
    out
}

/// The targets of the links and images on a line (`[text](target)`, `![alt](target)`,
/// `[label]: target`), code spans left out; a title after the address is dropped.
fn link_targets(line: &str) -> Vec<String> {
    let line = without_code(line);
    let mut out = Vec::new();
    let trimmed = line.trim_start();
    if trimmed.starts_with('[') {
        if let Some(end) = trimmed.find("]: ") {
            if !trimmed[..end].contains(']') {
                if let Some(target) = trimmed[end + 3..].split_whitespace().next() {
                    out.push(target.trim_matches(['<', '>']).to_string());
                }
            }
        }
    }
    let mut rest = line.as_str();
    while let Some(at) = rest.find("](") {
        let after = &rest[at + 2..];
        let end = after.find(')').unwrap_or(after.len());
        let inside = after[..end].trim();
        let target = inside.split_whitespace().next().unwrap_or("");
        if !target.is_empty() {
            out.push(target.trim_matches(['<', '>']).to_string());
        }
        rest = &after[end.min(after.len())..];
    }
    out
}

/// GitHub's anchor for a heading's text: links reduced to their text, lowercased,
/// everything but letters, digits, spaces, hyphens and underscores dropped, each space
/// made a hyphen.
fn slug(heading: &str) -> String {
    // `[text](target)` shows as its text.
    let mut text = String::new();
    let mut rest = heading;
    while let Some(open) = rest.find('[') {
        match rest[open..].find("](") {
            Some(mid) => {
                let close = rest[open + mid..].find(')').map(|c| open + mid + c);
                text.push_str(&rest[..open]);
                text.push_str(&rest[open + 1..open + mid]);
                rest = close.map_or("", |c| &rest[c + 1..]);
            }
            None => {
                text.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    text.push_str(rest);
    text.trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// The anchors a Markdown document's headings produce (ATX headings outside code blocks;
/// a repeated heading gets `-1`, `-2`, ... as on GitHub).
fn anchors(text: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    for (_, line) in prose(text) {
        let t = line.trim_start_matches(' ');
        let hashes = t.chars().take_while(|&c| c == '#').count();
        if line.len() - t.len() > 3 || !(1..=6).contains(&hashes) {
            continue;
        }
        let rest = &t[hashes..];
        if !(rest.is_empty() || rest.starts_with(' ')) {
            continue;
        }
        let base = slug(rest.trim().trim_end_matches('#'));
        let mut anchor = base.clone();
        let mut n = 0;
        while out.contains(&anchor) {
            n += 1;
            anchor = format!("{base}-{n}");
        }
        out.insert(anchor);
    }
    out
}

/// `path` with `.` and `..` resolved, without touching the file system.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The dead relative links of one document, each as `file:line: target: why`, and how many
/// relative links were checked.
fn dead_links(root: &Path, doc: &Path) -> Result<(Vec<String>, usize), String> {
    let text = read(doc)?;
    let name = doc.strip_prefix(root).unwrap_or(doc).display().to_string();
    let dir = doc.parent().unwrap_or(root);
    let mut problems = Vec::new();
    let mut checked = 0;
    for (number, line) in prose(&text) {
        for target in link_targets(line) {
            // Other sites, mail, and addresses on the built site (`/about/`) are not files
            // of this repository.
            if target.contains("://") || target.starts_with("mailto:") || target.starts_with('/') {
                continue;
            }
            checked += 1;
            let (file, anchor) = match target.split_once('#') {
                Some((file, anchor)) => (file, Some(anchor)),
                None => (target.as_str(), None),
            };
            let path = if file.is_empty() {
                doc.to_path_buf()
            } else {
                normalise(&dir.join(file))
            };
            if !path.exists() {
                problems.push(format!("{name}:{number}: {target}: no such file"));
                continue;
            }
            let Some(anchor) = anchor else { continue };
            if path.extension().is_none_or(|x| x != "md") {
                continue;
            }
            if !anchors(&read(&path)?).contains(anchor) {
                problems.push(format!(
                    "{name}:{number}: {target}: no heading of {} gives #{anchor}",
                    path.strip_prefix(root).unwrap_or(&path).display()
                ));
            }
        }
    }
    Ok((problems, checked))
}

/// What keeps a README from being a front door: too long, or without the two commands.
fn front_door_problems(readme: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let lines = readme.lines().count();
    if lines > README_MAX_LINES {
        problems.push(format!(
            "README.md has {lines} lines, more than {README_MAX_LINES}: move detail to docs/guide.md or docs/performance.md"
        ));
    }
    // The commands, each at the start of a line inside a fenced block.
    let mut in_fence = false;
    let mut in_blocks = Vec::new();
    for line in readme.lines() {
        if is_fence(line) {
            in_fence = !in_fence;
        } else if in_fence {
            in_blocks.push(line.trim_start());
        }
    }
    for command in COMMANDS {
        let given = in_blocks.iter().any(|l| {
            l.strip_prefix(command)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
        });
        if !given {
            problems.push(format!(
                "README.md does not give `{command}` on a line of its own in a code block"
            ));
        }
    }
    problems
}

#[test]
fn the_readme_is_a_front_door() {
    let readme = read(&repo_root().join("README.md")).unwrap();
    let problems = front_door_problems(&readme);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn relative_links_reach_a_file_and_a_heading() {
    let root = repo_root();
    let docs = documents(&root);
    let (mut problems, mut checked) = (Vec::new(), 0);
    for doc in &docs {
        match dead_links(&root, doc) {
            Ok((found, n)) => {
                problems.extend(found);
                checked += n;
            }
            Err(message) => problems.push(message),
        }
    }
    assert!(
        problems.is_empty(),
        "{} dead links:\n{}",
        problems.len(),
        problems.join("\n")
    );
    // Not vacuous: the README alone links to its screenshots and four documents.
    assert!(docs.len() >= 6, "documents found: {docs:?}");
    assert!(checked >= 30, "only {checked} relative links checked");
}

#[test]
fn headings_give_githubs_anchors() {
    assert_eq!(
        slug("What `cargo xtask test` runs"),
        "what-cargo-xtask-test-runs"
    );
    assert_eq!(
        slug("Accessibility, layout and themes"),
        "accessibility-layout-and-themes"
    );
    assert_eq!(slug("Why not 110 KB"), "why-not-110-kb");
    assert_eq!(
        slug("Start-up: first meaningful render"),
        "start-up-first-meaningful-render"
    );
    assert_eq!(slug("The atlas's data"), "the-atlass-data");
    assert_eq!(slug("Données et réseau"), "données-et-réseau");
    assert_eq!(
        slug("See [the guide](docs/guide.md) now"),
        "see-the-guide-now"
    );
    let text = "# Top\n## Notes\n```\n## Not a heading\n```\n## Notes\n#NoSpace\n";
    let found = anchors(text);
    let mut found: Vec<&str> = found.iter().map(String::as_str).collect();
    found.sort();
    assert_eq!(found, ["notes", "notes-1", "top"]);
}

#[test]
fn links_are_read_outside_code() {
    assert_eq!(
        link_targets("see [a](x.md#y) and ![b](img.png \"title\"), not `[c](code.md)`"),
        ["x.md#y", "img.png"]
    );
    assert_eq!(
        link_targets("[ref]: ../data/README.md"),
        ["../data/README.md"]
    );
    assert_eq!(without_code("a ``b `c` d`` e `f"), "a  e ");
}

#[test]
fn a_dead_file_or_anchor_is_reported_with_its_line() {
    let dir = std::env::temp_dir().join(format!("xtask-docs-test-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("docs")).unwrap();
    std::fs::write(
        dir.join("docs/target.md"),
        "# Target\n\n## A section\n\n```\n## In code\n```\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("README.md"),
        "# Readme\n\n[good](docs/target.md#a-section) [self](#readme)\n\
         [missing](docs/gone.md) [web](https://example.org/x.md)\n\
         [bad anchor](docs/target.md#in-code)\n`[in code](nowhere.md)`\n",
    )
    .unwrap();
    let (problems, checked) = dead_links(&dir, &dir.join("README.md")).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(checked, 4);
    assert_eq!(
        problems,
        [
            "README.md:4: docs/gone.md: no such file",
            "README.md:5: docs/target.md#in-code: no heading of docs/target.md gives #in-code",
        ]
    );
}

#[test]
fn a_long_readme_or_one_without_the_commands_is_refused() {
    let good = "# Atlas\n\n```sh\ncargo xtask serve   # serves\ncargo xtask test\n```\n";
    assert!(front_door_problems(good).is_empty());
    let long = format!("{good}{}", "line\n".repeat(README_MAX_LINES));
    assert_eq!(front_door_problems(&long).len(), 1);
    let prose_only = "# Atlas\n\nRun cargo xtask serve and cargo xtask test.\n";
    assert_eq!(front_door_problems(prose_only).len(), 2);
    let other = "```sh\ncargo xtask serve\ncargo xtask tests\n```\n";
    assert_eq!(
        front_door_problems(other),
        ["README.md does not give `cargo xtask test` on a line of its own in a code block"]
    );
}
