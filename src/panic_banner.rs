//! Turns a panic into a readable, bilingual banner in the page instead of a blank screen.
//!
//! The hook writes the technical details to the console and shows a short message with a
//! reload link. It only uses `textContent`, never HTML, so a panic message cannot inject
//! markup. It must never panic itself: every DOM step that can fail is skipped quietly.

use std::panic::PanicHookInfo;

/// The id of the banner element, so that a second panic replaces rather than stacks it.
pub const BANNER_ID: &str = "panic-banner";

/// Installs the hook. Call it first thing in `main`, before mounting anything.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let details = describe(info);
        web_sys::console::error_1(&format!("Cancer Cooperation Atlas crashed: {details}").into());
        show(&details);
    }));
}

/// The panic's message and location, on one line.
fn describe(info: &PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown error".to_owned());
    match info.location() {
        Some(at) => details_line(&message, Some((at.file(), at.line()))),
        None => details_line(&message, None),
    }
}

/// Formats the technical line shown under the banner's headline.
pub fn details_line(message: &str, location: Option<(&str, u32)>) -> String {
    let message = message.trim();
    let message = if message.is_empty() {
        "unknown error"
    } else {
        message
    };
    match location {
        Some((file, line)) => format!("{message} ({file}:{line})"),
        None => message.to_owned(),
    }
}

/// Shows (or replaces) the banner with these technical details. Safe to call at any time.
pub fn show(details: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    if let Some(old) = document.get_element_by_id(BANNER_ID) {
        old.remove();
    }
    let Ok(banner) = document.create_element("div") else {
        return;
    };
    banner.set_id(BANNER_ID);
    let _ = banner.set_attribute("role", "alert");
    let _ = banner.set_attribute("class", "panic-banner");

    let add = |tag: &str, text: &str, attrs: &[(&str, &str)]| {
        if let Ok(el) = document.create_element(tag) {
            el.set_text_content(Some(text));
            for (name, value) in attrs {
                let _ = el.set_attribute(name, value);
            }
            let _ = banner.append_child(&el);
        }
    };
    add(
        "p",
        "Something went wrong and the atlas stopped. Reloading the page usually helps.",
        &[("lang", "en"), ("class", "panic-banner__headline")],
    );
    add(
        "p",
        "Une erreur a interrompu l’atlas. Recharger la page suffit en général.",
        &[("lang", "fr"), ("class", "panic-banner__headline")],
    );
    let here = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_else(|| "./".to_owned());
    add(
        "a",
        "Reload / Recharger",
        &[("href", &here), ("class", "panic-banner__reload")],
    );
    add("pre", details, &[("class", "panic-banner__details")]);
    let _ = body.prepend_with_node_1(&banner);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_line_names_file_and_line() {
        assert_eq!(
            details_line("index out of bounds", Some(("src/ui/map.rs", 42))),
            "index out of bounds (src/ui/map.rs:42)"
        );
    }

    #[test]
    fn details_line_without_location_is_the_message() {
        assert_eq!(details_line("  boom \n", None), "boom");
    }

    #[test]
    fn details_line_never_comes_out_empty() {
        assert_eq!(details_line("   ", None), "unknown error");
    }
}
