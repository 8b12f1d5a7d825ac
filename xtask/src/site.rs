//! What needs the site's own address, filled in after every Trunk build (from the same
//! post-build hook as the CSP hashes, so that the two never race): the canonical link, the
//! Open Graph URL and the language alternates in `index.html`, and `sitemap.xml` with the
//! `Sitemap:` line of `robots.txt`.
//!
//! The address is `ATLAS_SITE_URL` when set, else Netlify's `URL` (set during every build
//! on Netlify, the site's main address). Without either (a local build), nothing is added:
//! these must be absolute, and a guessed address would be wrong.

use std::path::Path;

/// Where the insertion goes in `index.html`.
const HEAD_END: &str = "</head>";

/// The site's address without its final slash, if the build knows it.
pub fn site_url() -> Option<String> {
    ["ATLAS_SITE_URL", "URL"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .map(|u| u.trim().trim_end_matches('/').to_owned())
        .find(|u| u.starts_with("https://") || u.starts_with("http://"))
}

/// Text for an HTML attribute value (or element content).
pub fn attr(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// The tags a page gets for a site at `url`: canonical and Open Graph URL (`/` for the
/// English page, `/?lang=fr` for the French one, `page` being its query), and the English
/// and French versions of the atlas (`?lang=`) as alternates.
pub fn head_tags(url: &str, page: &str) -> String {
    let u = attr(url);
    format!(
        concat!(
            r#"<link rel="canonical" href="{u}/{page}">"#,
            r#"<meta property="og:url" content="{u}/{page}">"#,
            r#"<link rel="alternate" hreflang="en" href="{u}/?lang=en">"#,
            r#"<link rel="alternate" hreflang="fr" href="{u}/?lang=fr">"#,
            r#"<link rel="alternate" hreflang="x-default" href="{u}/">"#,
        ),
        u = u,
        page = page
    )
}

/// `sitemap.xml` for a site at `url`: the atlas in each language.
pub fn sitemap(url: &str) -> String {
    let u = attr(url);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n\
         \x20 <url><loc>{u}/</loc></url>\n\
         \x20 <url><loc>{u}/?lang=en</loc></url>\n\
         \x20 <url><loc>{u}/?lang=fr</loc></url>\n\
         </urlset>\n"
    )
}

/// `robots.txt` with the sitemap's line added (once).
pub fn robots(existing: &str, url: &str) -> String {
    let line = format!("Sitemap: {url}/sitemap.xml");
    if existing.contains(&line) {
        return existing.to_owned();
    }
    format!("{}\n{line}\n", existing.trim_end())
}

/// Adds the tags to `html` before `</head>` (once).
pub fn with_head_tags(html: &str, url: &str, page: &str) -> Result<String, String> {
    let tags = head_tags(url, page);
    if html.contains(&tags) {
        return Ok(html.to_owned());
    }
    if !html.contains(HEAD_END) {
        return Err(format!("index.html has no {HEAD_END}"));
    }
    // The preview picture's address must be absolute too.
    let preview = crate::prerender::PREVIEW;
    let html = html.replace(
        &format!(r#"content="{preview}""#),
        &format!(r#"content="{}{preview}""#, attr(url)),
    );
    Ok(html.replacen(HEAD_END, &format!("{tags}\n  {HEAD_END}"), 1))
}

/// The post-build step in `dir` (Trunk's staging directory, or `dist/`).
pub fn apply(dir: &Path) -> Result<(), String> {
    let Some(url) = site_url() else {
        println!(
            "site: no ATLAS_SITE_URL or URL: no canonical link or sitemap (they must be absolute)"
        );
        return Ok(());
    };
    let rw = |name: &str, change: &dyn Fn(&str) -> Result<String, String>| {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let new = change(&text)?;
        std::fs::write(&path, new).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    rw("index.html", &|html| with_head_tags(html, &url, ""))?;
    if dir.join("fr/index.html").is_file() {
        rw("fr/index.html", &|html| {
            with_head_tags(html, &url, "?lang=fr")
        })?;
    }
    rw("robots.txt", &|text| Ok(robots(text, &url)))?;
    rw("sitemap.xml", &|_| Ok(sitemap(&url)))?;
    println!("site: canonical link, alternates and sitemap for {url}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_sitemap_and_robots_for_a_known_address() {
        let url = "https://atlas.example.org";
        let html = with_head_tags(r#"<html><head><meta property="og:image" content="/preview.png"><title>x</title></head></html>"#, url, "").unwrap();
        assert!(html.contains(
            r#"<meta property="og:image" content="https://atlas.example.org/preview.png">"#
        ));
        assert!(html.contains(r#"<link rel="canonical" href="https://atlas.example.org/">"#));
        assert!(html.contains(r#"hreflang="fr" href="https://atlas.example.org/?lang=fr""#));
        assert!(html.find("canonical").unwrap() < html.find("</head>").unwrap());
        assert_eq!(with_head_tags(&html, url, "").unwrap(), html, "added once");
        assert!(with_head_tags("<html></html>", url, "").is_err());
        let fr = with_head_tags("<head></head>", url, "?lang=fr").unwrap();
        assert!(fr.contains(r#"<link rel="canonical" href="https://atlas.example.org/?lang=fr">"#));
        let map = sitemap(url);
        assert!(map.contains("<loc>https://atlas.example.org/?lang=en</loc>"));
        assert_eq!(map.matches("<url>").count(), 3);
        let robots_txt = robots("User-agent: *\nAllow: /\n", url);
        assert!(robots_txt.ends_with("Sitemap: https://atlas.example.org/sitemap.xml\n"));
        assert_eq!(robots(&robots_txt, url), robots_txt, "added once");
        assert!(head_tags("https://a\"b", "").contains("a&quot;b"));
    }
}
