//! The embed's page, `embed/index.html`: the built page for other sites' frames
//! (`/embed`, the only address `public/_headers` lets any site frame). The app sees the
//! path and lays out the view for a frame (src/ui/embed.rs). Written after every build,
//! from Trunk's page before the first screen goes in: the embed's layout is not the
//! atlas's, so it shows the loading note until the app starts. Search engines are asked
//! not to index it (the atlas's own pages are the ones to find).

use std::path::Path;

/// Without JavaScript the frame says what it is and links to the atlas.
const NOSCRIPT: &str = concat!(
    r#"<p class="boot__noscript"><span lang="en">This view of the Cancer Cooperation Atlas needs JavaScript: "#,
    r#"<a href="/" target="_blank" rel="noopener">open the atlas</a>.</span> / "#,
    r#"<span lang="fr">Cette vue de l’Atlas de la coopération contre le cancer a besoin de JavaScript : "#,
    r#"<a href="/?lang=fr" target="_blank" rel="noopener">ouvrir l’atlas</a>.</span></p>"#,
);

/// The embed's page made from Trunk's `index.html`.
pub fn page(template: &str) -> Result<String, String> {
    let open = template
        .find("<noscript>")
        .ok_or("index.html has no <noscript>")?;
    let close = template[open..]
        .find("</noscript>")
        .ok_or("index.html's <noscript> is not closed")?
        + open;
    let mut html = format!(
        "{}<noscript>{NOSCRIPT}{}",
        &template[..open],
        &template[close..]
    );
    html = html.replacen(
        "</head>",
        "  <meta name=\"robots\" content=\"noindex\">\n  </head>",
        1,
    );
    Ok(html)
}

/// Writes `embed/index.html` into the build directory `dir`.
pub fn apply(dir: &Path) -> Result<(), String> {
    let template = std::fs::read_to_string(dir.join("index.html"))
        .map_err(|e| format!("cannot read {}: {e}", dir.join("index.html").display()))?;
    let target = dir.join("embed");
    std::fs::create_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))?;
    std::fs::write(target.join("index.html"), page(&template)?)
        .map_err(|e| format!("cannot write {}: {e}", target.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embed_page_is_not_indexed_and_links_to_the_atlas_without_javascript() {
        let template = "<html><head><title>Atlas</title></head><body><div id=\"boot\"></div>\
                        <noscript><p>needs JavaScript</p></noscript></body></html>";
        let html = page(template).unwrap();
        assert!(html.contains(r#"<meta name="robots" content="noindex">"#));
        assert!(html.contains(r#"<a href="/" target="_blank" rel="noopener">open the atlas</a>"#));
        assert!(!html.contains("needs JavaScript</p>"));
        assert!(
            html.contains(r#"<div id="boot"></div>"#),
            "the rest is kept"
        );
        assert!(page("<html></html>").is_err());
    }
}
