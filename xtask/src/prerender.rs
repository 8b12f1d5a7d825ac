//! The first screen before the wasm: after a release build, `cargo xtask csp` runs the
//! native renderer (`xtask/prerender`, the app's own components rendered to HTML) and puts
//! its output into the built page, one page per language:
//!
//! - `index.html`: English; `fr/index.html`: French (`<html lang>`, title, description and
//!   Open Graph locale in French). `public/_redirects` serves the French page at `/` to
//!   browsers that ask for French first, and at `/?lang=fr` to anyone.
//! - The first screen goes inside `#boot`, in a closed declarative shadow root with the
//!   page's own stylesheets: the browser paints it while the wasm loads, it is `inert` (no
//!   focus, no clicks of its own: `public/theme.js` keeps a click for the app to replay),
//!   and no script or selector of the page reaches into it. The app removes `#boot` when it
//!   mounts, after the browser has recorded its largest paint (`src/main.rs`).
//!
//! Debug builds (`trunk serve`) skip it: a native build of the app on every change would
//! slow the edit loop by a minute; they show the loading note as before.

use crate::site::attr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the first screen goes: the opening tag of index.html's loading note.
const BOOT_OPEN: &str = r#"<div id="boot" class="boot" aria-busy="true">"#;

/// The page's language: what changes between the English and the French page.
pub struct Page<'a> {
    /// BCP 47 tag, also the renderer's file names (`en.html`, `en.title`).
    pub tag: &'a str,
    /// The Open Graph locale of this page and of the other language.
    pub locale: (&'a str, &'a str),
    /// What the preview picture shows, in words.
    pub image_alt: &'a str,
    /// Meta and link-preview descriptions (`description`, `og:description`,
    /// `twitter:description`), replacing the English ones for a French page.
    pub descriptions: [&'a str; 3],
}

pub const EN: Page = Page {
    tag: "en",
    locale: ("en_GB", "fr_FR"),
    image_alt: "Map of Europe and the world: the organisations of the Cancer Cooperation Atlas as markers, countries shaded by how many joint actions and projects they take part in.",
    descriptions: ["", "", ""],
};

pub const FR: Page = Page {
    tag: "fr",
    locale: ("fr_FR", "en_GB"),
    image_alt: "Carte de l’Europe et du monde\u{202f}: les organismes de l’Atlas de la coopération contre le cancer en marqueurs, les pays teintés selon le nombre d’actions conjointes et de projets auxquels ils participent.",
    descriptions: [
        "Qui travaille avec qui contre le cancer, par-delà les frontières\u{202f}: l’alliance G7 Cancer, les partenariats internationaux d’Unicancer et les actions conjointes européennes contre le cancer, sur une carte et une frise chronologique liées. En français et en anglais.",
        "Qui travaille avec qui contre le cancer, par-delà les frontières\u{202f}: l’alliance G7 Cancer, les partenariats internationaux d’Unicancer et les actions conjointes européennes contre le cancer, sur une carte et une frise liées, chaque fait avec sa source.",
        "Qui travaille avec qui contre le cancer\u{202f}: G7 Cancer, Unicancer et les actions conjointes européennes, sur une carte et une frise chronologique liées.",
    ],
};

/// The link-preview picture (rendered by the renderer, copied to the site's root). Made
/// absolute by `site.rs` when the build knows the site's address.
pub const PREVIEW: &str = "/preview.png";

/// The open data package's folder in the site (`/data/`), written by the renderer.
pub const DATA_DIR: &str = "data";

/// The preview's tags for a page whose picture is described by `alt`.
fn preview_tags(alt: &str) -> String {
    format!(
        concat!(
            r#"<meta property="og:image" content="{p}"><meta property="og:image:type" content="image/png">"#,
            r#"<meta property="og:image:width" content="1200"><meta property="og:image:height" content="630">"#,
            r#"<meta property="og:image:alt" content="{alt}"><meta name="twitter:image" content="{p}">"#,
        ),
        p = PREVIEW,
        alt = attr(alt)
    )
}

/// The `<link rel="stylesheet" …>` tags of the built page, in order.
pub fn stylesheets(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<link rel=\"stylesheet\"") {
        let after = &rest[start..];
        let end = after.find('>').map_or(after.len(), |e| e + 1);
        found.push(&after[..end]);
        rest = &after[end..];
    }
    found
}

/// Replaces the content of the first element `<name …>…</name>` that starts with `open`
/// (its opening tag, up to but not including `>`), or says it is missing.
fn replace_element(html: &str, open: &str, name: &str, content: &str) -> Result<String, String> {
    let start = html
        .find(open)
        .ok_or_else(|| format!("index.html has no {open}…"))?;
    let body = start + html[start..].find('>').ok_or("unclosed tag")? + 1;
    let close = format!("</{name}>");
    let end = body
        + html[body..]
            .find(&close)
            .ok_or_else(|| format!("no {close}"))?;
    Ok(format!("{}{}{}", &html[..body], content, &html[end..]))
}

/// Sets the `content` of the first `<meta {key}="{name}" content="…">`.
fn set_meta(html: &str, key: &str, name: &str, value: &str) -> Result<String, String> {
    let open = format!(r#"<meta {key}="{name}" content=""#);
    let start = html
        .find(&open)
        .ok_or_else(|| format!("index.html has no {open}"))?
        + open.len();
    let end = start + html[start..].find('"').ok_or("unclosed attribute")?;
    Ok(format!("{}{}{}", &html[..start], attr(value), &html[end..]))
}

/// The built page `template` (Trunk's English `index.html`) for `page`, with `screen` (the
/// renderer's first screen) in its loading note, `doc` (the atlas as a document) as what
/// shows without JavaScript, and `title` as its title.
pub fn page(
    template: &str,
    page: &Page,
    title: &str,
    screen: &str,
    doc: &str,
) -> Result<String, String> {
    let mut html = replace_element(template, "<noscript", "noscript", doc)?;
    if page.tag != "en" {
        html = html.replacen(
            r#"<html lang="en">"#,
            &format!(r#"<html lang="{}">"#, page.tag),
            1,
        );
        for (key, name, value) in [
            ("name", "description", page.descriptions[0]),
            ("property", "og:description", page.descriptions[1]),
            ("name", "twitter:description", page.descriptions[2]),
            ("property", "og:title", title),
            ("name", "twitter:title", title),
            ("property", "og:locale", page.locale.0),
            ("property", "og:locale:alternate", page.locale.1),
        ] {
            html = set_meta(&html, key, name, value)?;
        }
        html = replace_element(&html, "<title", "title", &attr(title))?;
    }
    html = set_meta(&html, "name", "twitter:card", "summary_large_image")?;
    html = html.replacen(
        "</head>",
        &format!("{}\n  </head>", preview_tags(page.image_alt)),
        1,
    );
    if !html.contains(BOOT_OPEN) {
        return Err(format!("index.html has no {BOOT_OPEN}"));
    }
    let links = stylesheets(template).join("");
    let shadow = format!(
        concat!(
            r#"<div id="boot" class="boot boot--prerendered" aria-busy="true">"#,
            r#"<template shadowrootmode="closed">{links}"#,
            r#"<div class="prerender" inert>{screen}</div><slot></slot></template>"#,
        ),
        links = links,
        screen = screen
    );
    Ok(html.replacen(BOOT_OPEN, &shadow, 1))
}

/// Whether this build gets the first screen: release builds, and `cargo xtask csp` run by
/// hand (no Trunk profile).
pub fn wanted() -> bool {
    std::env::var("TRUNK_PROFILE").map_or(true, |p| p == "release")
}

/// Rewrites Trunk's `index.html` in `dir` with `change` (its new text, or none to leave
/// it), in release builds only, like the first screens.
pub fn rewrite_index(
    dir: &Path,
    change: impl FnOnce(&str) -> Result<Option<String>, String>,
) -> Result<(), String> {
    if !wanted() {
        return Ok(());
    }
    let index = dir.join("index.html");
    let html = std::fs::read_to_string(&index)
        .map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    if let Some(new) = change(&html)? {
        std::fs::write(&index, new)
            .map_err(|e| format!("cannot write {}: {e}", index.display()))?;
    }
    Ok(())
}

/// Builds and runs the renderer into `out`.
fn render(root: &Path, out: &Path) -> Result<(), String> {
    // The cargo that runs this task (under the pinned toolchain).
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.current_dir(root.join("xtask/prerender"))
        .args(["run", "--quiet", "--locked", "--target-dir"])
        .arg(root.join("target/prerender"))
        .arg("--")
        .arg(out);
    if let Some(site) = crate::site::site_url() {
        cmd.arg(format!("--site={site}"));
    }
    crate::proc::run(&mut cmd)
}

/// The post-build step in `dir`: both pages with their first screens.
/// Text for an HTML title (the page's own words, escaped).
fn cancer_atlas_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub fn apply(root: &Path, dir: &Path) -> Result<(), String> {
    if !wanted() {
        println!("prerender: debug build, the page shows its loading note until the app starts");
        return Ok(());
    }
    let started = std::time::Instant::now();
    let out: PathBuf = root.join("target/prerender/out");
    render(root, &out)?;
    let read = |path: PathBuf| {
        std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let template = read(dir.join("index.html"))?;
    if template.contains("boot--prerendered") {
        return Err("index.html already holds a first screen (run on a fresh build)".into());
    }
    for (p, file) in [
        (&EN, dir.join("index.html")),
        (&FR, dir.join("fr/index.html")),
    ] {
        let screen = read(out.join(format!("{}.html", p.tag)))?;
        let title = read(out.join(format!("{}.title", p.tag)))?;
        let html = page(&template, p, &title, &screen, &noscript_note(p))?;
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(&file, html).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    }
    // "About the data" (xtask/prerender/src/about.rs): a page of its own per language, with
    // the site's styles and nothing else (no script: a visit of the atlas never loads it).
    let styles: String = stylesheets(&template).concat();
    for (p, file) in [
        (&EN, dir.join("about/index.html")),
        (&FR, dir.join("fr/about/index.html")),
    ] {
        let body = read(out.join(format!("{}.about.html", p.tag)))?;
        let title = read(out.join(format!("{}.about.title", p.tag)))?;
        let html = format!(
            "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">{styles}</head><body class=\"about-page\">{body}</body></html>\n",
            p.tag,
            cancer_atlas_escape(&title)
        );
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(&file, html).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    }
    // The atlas as text (xtask/prerender/src/document.rs): a page of its own per language,
    // linked from the pages' <noscript>, so that a visit with JavaScript never downloads it.
    for p in [&EN, &FR] {
        let body = read(out.join(format!("{}.doc.html", p.tag)))?;
        let title = read(out.join(format!("{}.doc.title", p.tag)))?;
        let file = dir
            .join(text_path(p).trim_start_matches('/'))
            .join("index.html");
        let html = format!(
            "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\"><link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">{styles}</head><body>{body}</body></html>\n",
            p.tag,
            cancer_atlas_escape(&title),
            other(p).tag,
            text_path(other(p)),
        );
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(&file, html).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    }
    // "Page not found" (Netlify serves /404.html for any address that is no file).
    let missing = dir.join("404.html");
    std::fs::write(&missing, not_found_page(&styles))
        .map_err(|e| format!("cannot write {}: {e}", missing.display()))?;
    std::fs::copy(
        out.join("preview.png"),
        dir.join(PREVIEW.trim_start_matches('/')),
    )
    .map_err(|e| format!("cannot copy preview.png: {e}"))?;
    // The open data package (xtask/prerender/src/package.rs), served as /data/.
    let data = dir.join(DATA_DIR);
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(&data).map_err(|e| format!("cannot create {}: {e}", data.display()))?;
    let files = std::fs::read_dir(out.join(DATA_DIR))
        .map_err(|e| format!("the renderer wrote no data package: {e}"))?;
    for entry in files.flatten() {
        std::fs::copy(entry.path(), data.join(entry.file_name()))
            .map_err(|e| format!("cannot copy {}: {e}", entry.path().display()))?;
    }
    println!(
        "prerender: first screens in index.html and fr/index.html, the data package in data/ ({:.1} s)",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The address of the atlas as text in `page`'s language.
pub fn text_path(page: &Page) -> &'static str {
    if page.tag == "fr" {
        "/fr/text/"
    } else {
        "/text/"
    }
}

/// The other language's page.
fn other(page: &Page) -> &'static Page<'static> {
    if page.tag == "fr" {
        &EN
    } else {
        &FR
    }
}

/// What the atlas's page shows without JavaScript: what it needs, and the way to the atlas
/// as text (the first screen is hidden then: `@media (scripting: none)`, style/base.css).
pub fn noscript_note(page: &Page) -> String {
    let (title, needs, read, what) = if page.tag == "fr" {
        (
            "Atlas de la coopération contre le cancer",
            "L’atlas interactif a besoin de JavaScript, que ce navigateur n’exécute pas.",
            "Lire l’atlas en texte",
            "\u{a0}: les trois programmes, les organismes qui participent à chacun, leur lieu et leur rôle, et les sources.",
        )
    } else {
        (
            "Cancer Cooperation Atlas",
            "The interactive atlas needs JavaScript, which this browser does not run.",
            "Read the atlas as text",
            ": the three programmes, the organisations that take part in each, their place and role, and the sources.",
        )
    };
    format!(
        r#"<div class="nojs"><p><strong>{title}</strong></p><p>{needs}</p><p><a href="{}">{read}</a>{what}</p></div>"#,
        text_path(page)
    )
}

/// The policy of the "not found" page, carried by the page itself: Netlify serves
/// `/404.html` at whatever address was asked for, and only the `/*` rule of `_headers`
/// matches every such address. The page runs nothing and submits nothing.
pub const NOT_FOUND_POLICY: &str =
    r"default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";

/// `/404.html`, in both languages: where the atlas, its French page and "About the data"
/// are. Styled by the site's stylesheets, with no script.
pub fn not_found_page(styles: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"{NOT_FOUND_POLICY}\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<meta name=\"robots\" content=\"noindex\">\
<title>Page not found · Page introuvable — Cancer Cooperation Atlas</title>\
<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">{styles}</head>\
<body class=\"about-page\"><main class=\"about\" id=\"main\">\
<section aria-labelledby=\"missing-en\"><h1 id=\"missing-en\">Page not found</h1>\
<p>There is no page at this address. Every view of the atlas is at the root of the site, the view itself written after the “?” of the address.</p>\
<ul><li><a href=\"/\">Open the atlas</a></li><li><a href=\"/about/\">About the data</a></li></ul></section>\
<section lang=\"fr\" aria-labelledby=\"missing-fr\"><h2 id=\"missing-fr\">Page introuvable</h2>\
<p>Aucune page ne se trouve à cette adresse. Toutes les vues de l’atlas sont à la racine du site, la vue elle-même étant écrite après le «\u{a0}?\u{a0}» de l’adresse.</p>\
<ul><li><a href=\"/fr/\">Ouvrir l’atlas</a></li><li><a href=\"/fr/about/\">À propos des données</a></li></ul></section>\
</main></body></html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = concat!(
        r#"<!doctype html><html lang="en"><head><title>Atlas</title>"#,
        r#"<meta name="description" content="Who works with whom">"#,
        r#"<meta property="og:title" content="Atlas"><meta property="og:description" content="x">"#,
        r#"<meta property="og:locale" content="en_GB"><meta property="og:locale:alternate" content="fr_FR">"#,
        r#"<meta name="twitter:card" content="summary"><meta name="twitter:title" content="Atlas"><meta name="twitter:description" content="y">"#,
        r#"<link rel="stylesheet" href="/assets/a-1.css" integrity="sha384-a"/>"#,
        r#"<link rel="stylesheet" href="/assets/b-2.css"/></head><body>"#,
        r#"<div id="boot" class="boot" aria-busy="true"><p class="boot__stuck">slow</p></div>"#,
        r#"<noscript><p>needs JavaScript</p></noscript></body></html>"#,
    );

    #[test]
    fn the_not_found_page_leads_back_in_both_languages_and_runs_nothing() {
        let html = not_found_page(r#"<link rel="stylesheet" href="/assets/a-1.css"/>"#);
        for link in [
            r#"href="/""#,
            r#"href="/fr/""#,
            r#"href="/about/""#,
            r#"href="/fr/about/""#,
        ] {
            assert!(html.contains(link), "{link}");
        }
        assert!(html.contains(r#"<section lang="fr""#));
        assert!(html.contains(r#"href="/assets/a-1.css""#));
        assert!(!html.contains("<script"));
        let policy = html
            .split("Content-Security-Policy\" content=\"")
            .nth(1)
            .unwrap();
        assert!(policy.starts_with("default-src 'none';") && !policy.contains("script-src"));
    }

    #[test]
    fn english_page_gets_the_screen_in_a_closed_shadow_root_with_the_stylesheets() {
        let html = page(
            TEMPLATE,
            &EN,
            "Atlas",
            "<header>A & B</header>",
            "<article>doc</article>",
        )
        .unwrap();
        let shadow_start = html.find("<template shadowrootmode=\"closed\">").unwrap();
        let shadow = &html[shadow_start..html.find("</template>").unwrap()];
        assert!(shadow.contains(r#"<link rel="stylesheet" href="/assets/a-1.css" integrity="sha384-a"/><link rel="stylesheet" href="/assets/b-2.css"/>"#));
        assert!(shadow
            .contains(r#"<div class="prerender" inert><header>A & B</header></div><slot></slot>"#));
        assert!(html.contains(r#"class="boot boot--prerendered""#));
        assert!(
            html.contains(r#"<p class="boot__stuck">slow</p>"#),
            "the slow-start note stays, slotted"
        );
        assert!(html.contains(r#"<html lang="en"><head><title>Atlas</title>"#));
        assert!(
            html.contains("<noscript><article>doc</article></noscript>"),
            "the document without JavaScript"
        );
        assert!(html.contains(r#"<meta name="twitter:card" content="summary_large_image">"#));
        assert!(html.contains(r#"<meta property="og:image" content="/preview.png">"#));
        assert!(html.contains(r#"<meta property="og:image:alt" content="Map of Europe"#));
    }

    #[test]
    fn french_page_speaks_french_in_its_head() {
        let html = page(
            TEMPLATE,
            &FR,
            "Atlas de la coopération",
            "<p>x</p>",
            "<p>y</p>",
        )
        .unwrap();
        assert!(html.contains(r#"<html lang="fr">"#));
        assert!(html.contains("<title>Atlas de la coopération</title>"));
        assert!(html.contains(r#"<meta property="og:locale" content="fr_FR">"#));
        assert!(html.contains(r#"<meta property="og:locale:alternate" content="en_GB">"#));
        assert!(html.contains(r#"<meta property="og:title" content="Atlas de la coopération">"#));
        assert!(html.contains(&format!(
            r#"<meta name="description" content="{}">"#,
            attr(FR.descriptions[0])
        )));
        assert!(!html.contains("Who works with whom"));
    }

    #[test]
    fn a_page_without_its_loading_note_is_an_error() {
        assert!(page(
            "<html lang=\"en\"><body><noscript></noscript></body></html>",
            &EN,
            "A",
            "x",
            "y"
        )
        .is_err());
        assert!(page(
            TEMPLATE.replace("og:locale\"", "og:loc\"").as_str(),
            &FR,
            "A",
            "x",
            "y"
        )
        .is_err());
        assert!(page(&TEMPLATE.replace("noscript", "div"), &EN, "A", "x", "y").is_err());
    }
}
