//! The Content-Security-Policy's script hashes, filled in after every Trunk build.
//!
//! Trunk starts the app with one inline `<script type="module">` that names the hashed
//! wasm and JS files, so its text changes with every build. `public/_headers` holds the
//! policy with the placeholder [`PLACEHOLDER`]; Trunk's post-build hook (`Trunk.toml`) runs
//! `cargo xtask csp`, which replaces it, in the staging directory, with the SHA-256 of each
//! inline script of the built `index.html`. No `'unsafe-inline'` is ever needed.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

pub const PLACEHOLDER: &str = "'sha256-INLINE-SCRIPTS'";

/// The text of every inline `<script>` that runs (one without `src`), in document order.
/// Data blocks (`type="application/ld+json"`) never run, so they need no hash.
pub fn inline_scripts(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let tag = &after[..open_end];
        let body_start = open_end + 1;
        let Some(close) = after[body_start..].find("</script>") else {
            break;
        };
        if !tag.contains(" src=") && !tag.contains(r#"type="application/ld+json""#) {
            found.push(&after[body_start..body_start + close]);
        }
        rest = &after[body_start + close..];
    }
    found
}

/// A CSP hash source for `text`: `'sha256-<base64>'`.
pub fn hash_source(text: &str) -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(text.as_bytes())))
}

pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (b as u32) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Replaces the placeholder in `headers` with the hashes of `html`'s inline scripts.
pub fn fill(headers: &str, html: &str) -> Result<String, String> {
    if !headers.contains(PLACEHOLDER) {
        return Err(format!("_headers has no {PLACEHOLDER} to fill in"));
    }
    let hashes: Vec<String> = inline_scripts(html).into_iter().map(hash_source).collect();
    Ok(headers.replace(PLACEHOLDER, &hashes.join(" ")))
}

/// The post-build step: fills in the hashes in Trunk's staging directory (or in `dist/`).
pub fn run(root: &Path) -> Result<(), String> {
    let dir = std::env::var_os("TRUNK_STAGING_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("dist"));
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name))
            .map_err(|e| format!("cannot read {}: {e}", dir.join(name).display()))
    };
    crate::styles::apply(&dir)?;
    crate::loader::apply(&dir)?;
    crate::glue::apply(root, &dir)?;
    crate::embed::apply(&dir)?;
    crate::prerender::apply(root, &dir)?;
    crate::site::apply(&dir)?;
    let filled = fill(&read("_headers")?, &read("index.html")?)?;
    std::fs::write(dir.join("_headers"), filled)
        .map_err(|e| format!("cannot write {}: {e}", dir.join("_headers").display()))?;
    println!(
        "csp: inline script hashes written to {}",
        dir.join("_headers").display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_scripts_only() {
        let html = r#"<head><script type="module">
import init from '/a.js';
</script><script src="/t.js" integrity="x"></script><script>one()</script><script type="application/ld+json">{"@type": "Dataset"}</script></head>"#;
        assert_eq!(
            inline_scripts(html),
            ["\nimport init from '/a.js';\n", "one()"]
        );
    }

    #[test]
    fn hashes_like_a_browser() {
        // Known SHA-256 values, base64: of "" and of "alert('Hello, world.');" (the CSP
        // specification's example).
        assert_eq!(
            hash_source(""),
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
        );
        assert_eq!(
            hash_source("alert('Hello, world.');"),
            "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
        );
    }

    #[test]
    fn fills_the_placeholder_or_says_why_not() {
        let headers = format!("/*\n  Content-Security-Policy: script-src 'self' {PLACEHOLDER}\n");
        let filled = fill(&headers, "<script>a</script><script>b</script>").unwrap();
        assert!(!filled.contains(PLACEHOLDER));
        assert_eq!(filled.matches("'sha256-").count(), 2);
        assert!(fill("/*\n", "").is_err());
    }
}
