//! `atlas-prerender <dir> [YYYY-MM-DD] [--site=<address>]` writes, for each language `<tag>`:
//! - `<tag>.html`: the app's default first view on that day (today in UTC by default),
//!   rendered by the app's own components (`cancer_atlas::first_screen`);
//! - `<tag>.title`: the document title the app gives that language;
//! - `<tag>.doc.html` and `<tag>.doc.title`: the atlas as text, a page of its own
//!   (document.rs);
//!
//! and `preview.png`, the link-preview picture of the English first screen's map
//! (preview.rs), and `data/`, the open data package (package.rs).
//!
//! `cargo xtask csp` puts them into the built pages (xtask/src/prerender.rs).

mod about;
mod document;
mod package;
mod preview;

use cancer_atlas::i18n::Lang;
use cancer_atlas::model::{date, Day};
use leptos::prelude::*;
use std::path::PathBuf;

/// Effects (the app's reactions to the browser) never run at build time: their futures are
/// dropped unpolled, as on a server.
struct NoEffects;

impl any_spawner::CustomExecutor for NoEffects {
    fn spawn(&self, _: any_spawner::PinnedFuture<()>) {}
    fn spawn_local(&self, _: any_spawner::PinnedLocalFuture<()>) {}
    fn poll_local(&self) {}
}

/// Today in UTC, as a day number.
fn utc_today() -> Day {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    date::day_number(1970, 1, 1) + (secs / 86_400) as Day
}

fn main() {
    // `--site=<address>`: the site's address, as `cargo xtask csp` resolved it
    // (xtask/src/site.rs), for the data package's absolute links.
    let (options, positional): (Vec<String>, Vec<String>) =
        std::env::args().skip(1).partition(|a| a.starts_with("--"));
    let site = options.iter().find_map(|o| o.strip_prefix("--site="));
    let mut args = positional.into_iter();
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: atlas-prerender <dir> [YYYY-MM-DD] [--site=<address>]");
        std::process::exit(2);
    };
    let day = match args.next() {
        Some(text) => match date::PartialDate::parse(&text) {
            Ok(d) => d.first_day(),
            Err(_) => {
                eprintln!("atlas-prerender: not a date: {text}");
                std::process::exit(2);
            }
        },
        None => utc_today(),
    };
    any_spawner::Executor::init_custom_executor(NoEffects).expect("one executor");
    let data = cancer_atlas::data::embedded().unwrap_or_else(|errors| {
        eprintln!(
            "atlas-prerender: the embedded dataset has {} problems",
            errors.len()
        );
        std::process::exit(1);
    });
    std::fs::create_dir_all(&dir).expect("output directory");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let changelog = std::fs::read_to_string(root.join("data/changelog.json")).ok();
    let built = date::PartialDate::from_day(day).iso();
    match package::write(&dir.join("data"), changelog.as_deref(), &built, site) {
        Ok(lines) => println!("prerender: data package: {}", lines.join(", ")),
        Err(e) => {
            eprintln!("atlas-prerender: the data package: {e}");
            std::process::exit(1);
        }
    }
    for lang in Lang::ALL {
        let owner = Owner::new();
        owner.set();
        let html =
            without_placeholders(&view! { {cancer_atlas::first_screen(lang, day)} }.to_html());
        let write = |name: String, text: &str| {
            std::fs::write(dir.join(&name), text)
                .unwrap_or_else(|e| panic!("cannot write {name}: {e}"))
        };
        write(format!("{}.html", lang.tag()), &html);
        write(format!("{}.title", lang.tag()), lang.strings().app_title);
        write(
            format!("{}.doc.html", lang.tag()),
            &document::document(&data, lang),
        );
        write(format!("{}.doc.title", lang.tag()), &document::title(lang));
        write(
            format!("{}.about.html", lang.tag()),
            &about::body(&data, lang, cancer_atlas::correction::DESTINATION),
        );
        write(format!("{}.about.title", lang.tag()), &about::title(lang));
        if lang == Lang::En {
            let style = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../style");
            let css: String = ["base.css", "map.css"]
                .iter()
                .map(|f| std::fs::read_to_string(style.join(f)).expect("the site’s styles"))
                .collect();
            let svg = preview::svg(&html, &css).expect("the first screen has its map");
            let png = preview::png(&svg).unwrap_or_else(|e| panic!("preview: {e}"));
            std::fs::write(dir.join("preview.png"), png).expect("preview.png");
        }
        drop(owner);
    }
}

/// Leptos' rendering without its `<!>` placeholders (where an empty `Option`, a `()` or
/// a text boundary would be hydrated): the first screen is never hydrated, and HTML
/// parsers take `<!>` for a broken comment (the Nu HTML Checker's "Bogus comment", 246
/// per page). Text never holds them: Leptos writes a text's `<` as `&lt;`.
fn without_placeholders(html: &str) -> String {
    html.replace("<!>", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_go_and_text_and_comments_stay() {
        assert_eq!(
            without_placeholders("<ul><!></ul><p>a<!>b &lt;!&gt;</p><!--<() />-->"),
            "<ul></ul><p>ab &lt;!&gt;</p><!--<() />-->"
        );
    }

    #[test]
    fn the_first_screen_has_no_placeholder_left() {
        // Another test may have set the executor already.
        let _ = any_spawner::Executor::init_custom_executor(NoEffects);
        let owner = Owner::new();
        owner.set();
        let day = date::day_number(2025, 6, 1);
        let raw = view! { {cancer_atlas::first_screen(Lang::En, day)} }.to_html();
        assert!(raw.contains("<!>"), "Leptos still writes placeholders");
        let html = without_placeholders(&raw);
        assert!(!html.contains("<!>"));
        assert_eq!(html.len(), raw.len() - 3 * raw.matches("<!>").count());
    }
}
