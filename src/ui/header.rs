//! The site header: product name, tagline, and the tools around the whole view (export
//! and link when there is data, language, theme). On a phone the tools fold behind a
//! menu button; from 64rem they sit in the header's row.

use crate::i18n::Lang;
use crate::use_locale;
use leptos::prelude::*;

#[component]
pub fn Header(
    /// Tools shown before the switches (the export menu and the link button).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let locale = use_locale();
    let open = RwSignal::new(false);
    let button = NodeRef::<leptos::html::Button>::new();
    let header = NodeRef::<leptos::html::Header>::new();
    let close = move |refocus: bool| {
        open.set(false);
        if refocus {
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    // A tap or click anywhere else closes the menu.
    crate::ui::on_window(leptos::ev::click, move |ev| {
        use wasm_bindgen::JsCast;
        if !open.get_untracked() {
            return;
        }
        let inside = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(header.get_untracked())
            .is_some_and(|(t, h)| h.contains(Some(&t)));
        if !inside {
            close(false);
        }
    });
    view! {
        <header
            class="site-header"
            node_ref=header
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Escape" && open.get_untracked() {
                    ev.stop_propagation();
                    close(true);
                }
            }
        >
            <div class="brand">
                <h1 class="brand__title">{move || locale.strings().app_title}</h1>
                <p class="brand__tagline">{move || locale.strings().app_tagline}</p>
            </div>
            <button
                type="button"
                class="button site-header__menu"
                node_ref=button
                aria-expanded=move || open.get().to_string()
                aria-controls="site-tools"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                // Three lines: the usual sign of a menu.
                <svg viewBox="0 0 20 20" aria-hidden="true" focusable="false"><path d="M3 5h14M3 10h14M3 15h14"/></svg>
                <span>{move || locale.strings().menu}</span>
            </button>
            <div
                id="site-tools"
                class="site-header__tools"
                class:is-open=move || open.get()
            >
                {children.map(|c| c())}
                <LanguageSwitch/>
                <ThemeSwitch/>
            </div>
        </header>
    }
}

/// Two toggle buttons, one per language; each is named in its own language.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let locale = use_locale();
    let buttons = Lang::ALL
        .into_iter()
        .map(|lang| {
            let pressed = move || (locale.0.get() == lang).to_string();
            view! {
                <button
                    type="button"
                    class="switch__option"
                    lang=lang.tag()
                    aria-pressed=pressed
                    on:click=move |_| locale.0.set(lang)
                >
                    {lang.strings().language_name}
                </button>
            }
        })
        .collect_view();
    view! {
        <div
            class="switch"
            role="group"
            aria-label=move || locale.strings().language_switch_label
        >
            {buttons}
        </div>
    }
}

/// The colour theme the visitor picked; `Auto` follows the system setting.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Theme {
    Auto,
    Light,
    Dark,
}

/// Where the choice is kept between visits; `public/theme.js` reads the same key before
/// the first paint, so a returning visitor never sees the other theme flash.
pub const THEME_KEY: &str = "atlas-theme";

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::Auto, Theme::Light, Theme::Dark];

    /// The value of `data-theme` on `<html>` and in storage (`None` for `Auto`).
    pub fn tag(self) -> Option<&'static str> {
        match self {
            Theme::Auto => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }

    /// Reads `data-theme`; anything but "light" or "dark" is `Auto`.
    pub fn parse(tag: Option<&str>) -> Theme {
        match tag {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            _ => Theme::Auto,
        }
    }

    /// The theme `public/theme.js` applied from storage before the app started.
    pub fn current() -> Theme {
        if !crate::IN_BROWSER {
            return Theme::parse(None);
        }
        let root = document().document_element();
        Theme::parse(root.and_then(|r| r.get_attribute("data-theme")).as_deref())
    }

    /// Sets `data-theme` (which sets CSS `color-scheme`) and remembers the choice. Storage
    /// may be refused (private browsing, blocked cookies): the theme then lasts the visit.
    pub fn apply(self) {
        if let Some(root) = document().document_element() {
            let _ = match self.tag() {
                Some(tag) => root.set_attribute("data-theme", tag),
                None => root.remove_attribute("data-theme"),
            };
        }
        if let Ok(Some(storage)) = window().local_storage() {
            let _ = match self.tag() {
                Some(tag) => storage.set_item(THEME_KEY, tag),
                None => storage.remove_item(THEME_KEY),
            };
        }
    }
}

/// Three toggle buttons: Auto (the system setting), Light, Dark.
#[component]
pub fn ThemeSwitch() -> impl IntoView {
    let locale = use_locale();
    let theme = RwSignal::new(Theme::current());
    let buttons = Theme::ALL
        .into_iter()
        .map(|choice| {
            let text = move || {
                let s = locale.strings();
                match choice {
                    Theme::Auto => s.theme_auto,
                    Theme::Light => s.theme_light,
                    Theme::Dark => s.theme_dark,
                }
            };
            view! {
                <button
                    type="button"
                    class="switch__option"
                    data-theme-choice=choice.tag().unwrap_or("auto")
                    aria-pressed=move || (theme.get() == choice).to_string()
                    on:click=move |_| {
                        choice.apply();
                        theme.set(choice);
                    }
                >
                    {text}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="switch" role="group" aria-label=move || locale.strings().theme_label>
            {buttons}
        </div>
    }
}
