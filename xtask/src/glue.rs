//! The app's JavaScript glue minified, after a release build (issue 35): wasm-bindgen's
//! glue (`assets/cancer-atlas-<hash>.js`, 65 KB as written) goes through esbuild
//! (`tools/`, npm) and the page's `<link rel="modulepreload">` gets the new file's
//! integrity. The file keeps its name: esbuild at a pinned version gives the same output
//! for the same input, and Trunk names the input by its content. Trunk's own minification
//! is not used: it minifies the HTML too, which the post-build steps then read.

use sha2::{Digest, Sha384};
use std::path::Path;
use std::process::Command;

/// The preloaded glue's `href` and its tag in `html`.
pub fn preloaded_glue(html: &str) -> Option<(&str, &str)> {
    let start = html.find("<link rel=\"modulepreload\"")?;
    let tag = &html[start..start + html[start..].find('>')? + 1];
    let from = tag.find("href=\"")? + "href=\"".len();
    let href = &tag[from..from + tag[from..].find('"')?];
    Some((href, tag))
}

/// `tag` with its `integrity` for `content`.
pub fn with_integrity(tag: &str, content: &[u8]) -> Result<String, String> {
    let start = tag
        .find("integrity=\"")
        .ok_or_else(|| format!("the glue's preload has no integrity: {tag}"))?
        + "integrity=\"".len();
    let end = start + tag[start..].find('"').ok_or("an unclosed integrity")?;
    let hash = crate::csp::base64(&Sha384::digest(content));
    Ok(format!("{}sha384-{hash}{}", &tag[..start], &tag[end..]))
}

/// esbuild's command, as `npm ci` installs it in `tools/`.
fn esbuild(root: &Path) -> std::path::PathBuf {
    root.join(crate::tools::BUILD_TOOLS_DIR)
        .join("node_modules/esbuild/bin/esbuild")
}

pub fn apply(root: &Path, dir: &Path) -> Result<(), String> {
    crate::prerender::rewrite_index(dir, |html| {
        let Some((href, tag)) = preloaded_glue(html) else {
            return Err("index.html preloads no JavaScript glue".into());
        };
        let file = dir.join(href.trim_start_matches('/'));
        let before = std::fs::metadata(&file).map_or(0, |m| m.len());
        let program = esbuild(root);
        if !program.exists() {
            return Err(format!(
                "esbuild is not installed at {}: run `cargo xtask setup`",
                program.display()
            ));
        }
        let mut cmd = Command::new("node");
        cmd.arg(&program)
            .arg(&file)
            .args(["--minify", "--format=esm", "--log-level=warning"])
            .arg(format!("--outfile={}", file.display()))
            .arg("--allow-overwrite");
        crate::proc::run(&mut cmd)?;
        let content =
            std::fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        println!(
            "glue: {href} minified, {:.1} -> {:.1} KB",
            before as f64 / 1000.0,
            content.len() as f64 / 1000.0
        );
        Ok(Some(html.replacen(tag, &with_integrity(tag, &content)?, 1)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preloaded_glue_gets_the_integrity_of_its_new_content() {
        let html = r#"<head><link rel="modulepreload" href="/assets/a-1.js" crossorigin="anonymous" integrity="sha384-old"></head>"#;
        let (href, tag) = preloaded_glue(html).unwrap();
        assert_eq!(href, "/assets/a-1.js");
        let new = with_integrity(tag, b"export{}").unwrap();
        assert!(new.starts_with(r#"<link rel="modulepreload" href="/assets/a-1.js" crossorigin="anonymous" integrity="sha384-"#));
        assert!(!new.contains("sha384-old") && new.ends_with("\">"));
        assert_ne!(with_integrity(tag, b"other").unwrap(), new);
        assert!(preloaded_glue("<head></head>").is_none());
        assert!(with_integrity(r#"<link rel="modulepreload" href="/a.js">"#, b"x").is_err());
    }
}
