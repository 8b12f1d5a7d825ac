//! One stylesheet instead of five, after a release build (issue 35): the CSS files Trunk
//! hashed into `assets/` (one per source under `style/`, which stay apart for editing) are
//! joined in the page's order into one file named by its content, and the page's
//! `<link rel="stylesheet">` tags become one, with its own integrity. The cascade is
//! unchanged (same rules, same order); a phone on a slow network makes one request where it
//! made five. Runs first in `cargo xtask csp`, so that every page written from `index.html`
//! (the embed, the first screens' shadow roots, About, the atlas as text, 404) links the
//! one file. Debug builds (`trunk serve`) keep the five files.

use sha2::{Digest, Sha256, Sha384};
use std::path::Path;

/// The `href` of a `<link … href="…">` tag.
fn href(tag: &str) -> Option<&str> {
    let start = tag.find("href=\"")? + "href=\"".len();
    let end = start + tag[start..].find('"')?;
    Some(&tag[start..end])
}

/// The one stylesheet for `sheets` (each `(href, text)`, in the page's order): its text,
/// its path under the site's root and its tag.
pub fn join(sheets: &[(String, String)]) -> (String, String, String) {
    let text: String = sheets
        .iter()
        .map(|(href, css)| {
            format!(
                "/* {} */\n{}\n",
                href.trim_start_matches("/assets/"),
                css.trim_end()
            )
        })
        .collect();
    let hash: String = Sha256::digest(text.as_bytes())[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let path = format!("assets/atlas-{hash}.css");
    let integrity = crate::csp::base64(&Sha384::digest(text.as_bytes()));
    let tag = format!(r#"<link rel="stylesheet" href="/{path}" integrity="sha384-{integrity}"/>"#);
    (text, path, tag)
}

/// `html` with its stylesheet tags `tags` replaced by `one` (at the first one's place).
pub fn relink(html: &str, tags: &[&str], one: &str) -> String {
    let mut out = html.to_owned();
    for (i, tag) in tags.iter().enumerate() {
        out = out.replacen(tag, if i == 0 { one } else { "" }, 1);
    }
    out
}

pub fn apply(dir: &Path) -> Result<(), String> {
    crate::prerender::rewrite_index(dir, |html| {
        let tags = crate::prerender::stylesheets(html);
        if tags.len() < 2 {
            return Ok(None);
        }
        let mut sheets = Vec::new();
        for tag in &tags {
            let href = href(tag).ok_or_else(|| format!("a stylesheet tag with no href: {tag}"))?;
            let file = dir.join(href.trim_start_matches('/'));
            let css = std::fs::read_to_string(&file)
                .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            sheets.push((href.to_owned(), css));
        }
        let (text, path, tag) = join(&sheets);
        std::fs::write(dir.join(&path), &text).map_err(|e| format!("cannot write {path}: {e}"))?;
        for (href, _) in &sheets {
            let _ = std::fs::remove_file(dir.join(href.trim_start_matches('/')));
        }
        println!(
            "styles: {} stylesheets joined into /{path} ({:.1} KB)",
            sheets.len(),
            text.len() as f64 / 1000.0
        );
        Ok(Some(relink(html, &tags, &tag)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sheets_are_joined_in_order_into_a_file_named_by_its_content() {
        let sheets = [
            (
                "/assets/base-1.css".to_owned(),
                "a { color: red }\n".to_owned(),
            ),
            (
                "/assets/map-2.css".to_owned(),
                "a { color: blue }".to_owned(),
            ),
        ];
        let (text, path, tag) = join(&sheets);
        assert!(
            text.find("red").unwrap() < text.find("blue").unwrap(),
            "the cascade's order"
        );
        assert!(text.starts_with("/* base-1.css */\n"));
        assert!(
            path.starts_with("assets/atlas-")
                && path.ends_with(".css")
                && path.len() == "assets/atlas-.css".len() + 16
        );
        assert!(tag.starts_with(&format!(
            r#"<link rel="stylesheet" href="/{path}" integrity="sha384-"#
        )));
        // Another content, another name (the year-long cache never serves a stale sheet).
        let other = join(&[(sheets[0].0.clone(), "a { color: green }".to_owned())]);
        assert_ne!(other.1, path);
    }

    #[test]
    fn the_page_links_the_one_sheet_where_the_first_was() {
        let html = r#"<head><link rel="stylesheet" href="/assets/a.css"/><link rel="stylesheet" href="/assets/b.css"/></head>"#;
        let tags = crate::prerender::stylesheets(html);
        let out = relink(
            html,
            &tags,
            r#"<link rel="stylesheet" href="/assets/one.css"/>"#,
        );
        assert_eq!(
            out,
            r#"<head><link rel="stylesheet" href="/assets/one.css"/></head>"#
        );
        assert_eq!(href(tags[1]), Some("/assets/b.css"));
    }
}
