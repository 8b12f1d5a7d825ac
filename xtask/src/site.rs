//! What needs the site's own address, filled in after every Trunk build (from the same
//! post-build hook as the CSP hashes, so that the two never race): the canonical link, the
//! Open Graph URL and the language alternates in `index.html`, and `sitemap.xml` with the
//! `Sitemap:` line of `robots.txt` (the atlas in each language and the open data package).
//!
//! The address is `ATLAS_SITE_URL` when set, else Netlify's `URL` (set during every build
//! on Netlify, the site's main address). Without either (a local build), none of these is
//! added: they must be absolute, and a guessed address would be wrong.
//!
//! Whatever the address, the schema.org `Dataset` in both pages' JSON-LD gains what the
//! data package (`data/datapackage.json`, written by the prerender) says: licence,
//! version, last update, creator, a citation and a `distribution` for the package, its
//! CSVs and `atlas.json` (absolute addresses when the site's is known, relative otherwise).

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

/// `sitemap.xml` for a site at `url`: the atlas in each language, the atlas as text in
/// each language, and the open data package (its descriptor and its one-document form).
pub fn sitemap(url: &str) -> String {
    let u = attr(url);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n\
         \x20 <url><loc>{u}/</loc></url>\n\
         \x20 <url><loc>{u}/?lang=en</loc></url>\n\
         \x20 <url><loc>{u}/?lang=fr</loc></url>\n\
         \x20 <url><loc>{u}/text/</loc></url>\n\
         \x20 <url><loc>{u}/fr/text/</loc></url>\n\
         \x20 <url><loc>{u}/{PACKAGE}</loc></url>\n\
         \x20 <url><loc>{u}/{DOCUMENT}</loc></url>\n\
         </urlset>\n"
    )
}

/// The data package's descriptor and one-document form, from the site's root.
pub const PACKAGE: &str = "data/datapackage.json";
pub const DOCUMENT: &str = "data/atlas.json";
/// The page's schema.org block.
const LD_OPEN: &str = r#"<script type="application/ld+json">"#;

/// What the JSON-LD `Dataset` gains from the data package's descriptor `package`, as
/// `(key, JSON value)` pairs; addresses start with `base` (the site's address, or empty
/// for addresses relative to the site's root).
pub fn dataset_facts(package: &serde_json::Value, base: &str) -> Vec<(&'static str, String)> {
    use serde_json::json;
    let text = |k: &str| package[k].as_str().unwrap_or_default().to_owned();
    let (version, updated) = (text("version"), text("last_updated"));
    let licence = package["licenses"][0]["path"].as_str().unwrap_or_default();
    let creator = package["contributors"][0]["title"]
        .as_str()
        .unwrap_or_default();
    let home = if base.is_empty() {
        "/".to_owned()
    } else {
        format!("{base}/")
    };
    let download = |path: &str, format: &str, name: &str| {
        json!({"@type": "DataDownload", "name": name, "encodingFormat": format,
               "contentUrl": format!("{base}/data/{path}")})
    };
    let mut distribution = vec![
        download(
            "datapackage.json",
            "application/json",
            "Frictionless Data Package (datapackage.json)",
        ),
        download(
            "atlas.json",
            "application/json",
            "The whole dataset as one JSON document (atlas.json)",
        ),
    ];
    for r in package["resources"].as_array().into_iter().flatten() {
        let path = r["path"].as_str().unwrap_or_default();
        distribution.push(download(path, "text/csv", path));
    }
    let citation = format!(
        "{creator}. {} (version {version}, {updated}). {home}. Licence CC BY 4.0.",
        package["title"].as_str().unwrap_or_default()
    );
    let facts = [
        ("license", json!(licence)),
        ("version", json!(version)),
        ("dateModified", json!(updated)),
        (
            "creator",
            json!({"@type": "Organization", "name": creator, "url": home}),
        ),
        ("citation", json!(citation)),
        ("distribution", json!(distribution)),
    ];
    facts
        .into_iter()
        .map(|(k, v)| (k, v.to_string().replace("</", "<\\/")))
        .collect()
}

/// `html` with `facts` added to its JSON-LD block (each key once: a key already there is
/// left as it is).
pub fn with_dataset_facts(html: &str, facts: &[(&str, String)]) -> Result<String, String> {
    let start = html
        .find(LD_OPEN)
        .ok_or("index.html has no JSON-LD block")?
        + LD_OPEN.len();
    let end = start
        + html[start..]
            .find("</script>")
            .ok_or("unclosed JSON-LD block")?;
    let block = &html[start..end];
    let close = block
        .rfind('}')
        .ok_or("the JSON-LD block is not an object")?;
    let added: String = facts
        .iter()
        .filter(|(k, _)| !block.contains(&format!("\"{k}\":")))
        .map(|(k, v)| format!(",\n \"{k}\": {v}"))
        .collect();
    Ok(format!(
        "{}{}{}{}",
        &html[..start],
        &block[..close],
        added,
        &html[start + close..]
    ))
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

/// The JSON-LD's facts from the data package in `dir`, in both pages; nothing when the
/// build wrote no package (debug builds).
fn describe_dataset(dir: &Path, url: Option<&str>) -> Result<(), String> {
    let Ok(text) = std::fs::read_to_string(dir.join(PACKAGE)) else {
        println!("site: no {PACKAGE} in this build: the JSON-LD is left as it is");
        return Ok(());
    };
    let package: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{PACKAGE}: {e}"))?;
    let facts = dataset_facts(&package, url.unwrap_or(""));
    for page in ["index.html", "fr/index.html"] {
        let path = dir.join(page);
        let Ok(html) = std::fs::read_to_string(&path) else {
            continue;
        };
        std::fs::write(&path, with_dataset_facts(&html, &facts)?)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    println!(
        "site: the JSON-LD Dataset gains the package’s licence, version {} and distribution",
        package["version"].as_str().unwrap_or("?")
    );
    Ok(())
}

/// The post-build step in `dir` (Trunk's staging directory, or `dist/`).
pub fn apply(dir: &Path) -> Result<(), String> {
    describe_dataset(dir, site_url().as_deref())?;
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
        assert_eq!(map.matches("<url>").count(), 7);
        assert!(map.contains("<loc>https://atlas.example.org/fr/text/</loc>"));
        assert!(map.contains("<loc>https://atlas.example.org/data/datapackage.json</loc>"));
        assert!(map.contains("<loc>https://atlas.example.org/data/atlas.json</loc>"));
        let robots_txt = robots("User-agent: *\nAllow: /\n", url);
        assert!(robots_txt.ends_with("Sitemap: https://atlas.example.org/sitemap.xml\n"));
        assert_eq!(robots(&robots_txt, url), robots_txt, "added once");
        assert!(head_tags("https://a\"b", "").contains("a&quot;b"));
    }

    fn package() -> serde_json::Value {
        serde_json::json!({
            "title": "Cancer Cooperation Atlas", "version": "1.2.0", "last_updated": "2026-12-07",
            "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
            "contributors": [{"title": "The Cancer Cooperation Atlas project", "role": "author"}],
            "resources": [{"path": "organisations.csv"}, {"path": "relations.csv"}]
        })
    }

    #[test]
    fn the_json_ld_dataset_gains_the_package_s_facts_once() {
        let html = concat!(
            r#"<head><script type="application/ld+json">"#,
            "\n{\"@type\": \"Dataset\",\n \"name\": \"Atlas\"}\n",
            "</script></head>"
        );
        let facts = dataset_facts(&package(), "https://atlas.example.org");
        let out = with_dataset_facts(html, &facts).unwrap();
        let start = out.find(LD_OPEN).unwrap() + LD_OPEN.len();
        let json = &out[start..out.find("</script>").unwrap()];
        let ld: serde_json::Value = serde_json::from_str(json).expect("still JSON");
        assert_eq!(ld["name"], "Atlas");
        assert_eq!(
            ld["license"],
            "https://creativecommons.org/licenses/by/4.0/"
        );
        assert_eq!(ld["version"], "1.2.0");
        assert_eq!(ld["dateModified"], "2026-12-07");
        assert_eq!(ld["creator"]["url"], "https://atlas.example.org/");
        assert!(ld["citation"].as_str().unwrap().contains("version 1.2.0"));
        let urls: Vec<&str> = ld["distribution"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["contentUrl"].as_str().unwrap())
            .collect();
        assert_eq!(
            urls,
            [
                "https://atlas.example.org/data/datapackage.json",
                "https://atlas.example.org/data/atlas.json",
                "https://atlas.example.org/data/organisations.csv",
                "https://atlas.example.org/data/relations.csv"
            ]
        );
        assert_eq!(ld["distribution"][2]["encodingFormat"], "text/csv");
        assert_eq!(with_dataset_facts(&out, &facts).unwrap(), out, "added once");
        let relative = dataset_facts(&package(), "");
        let out = with_dataset_facts(html, &relative).unwrap();
        assert!(out.contains(r#""contentUrl":"/data/atlas.json""#));
        assert!(with_dataset_facts("<head></head>", &facts).is_err());
    }
}
