//! Taking the view away: the filtered records as CSV (the current table) or JSON (every
//! table), the map as an SVG file, and a link that reproduces the view.

use crate::state::Mode;
use crate::table::{self, Tab};
use crate::{use_as_of, use_atlas, use_explore, use_locale};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// `text` as a blob of type `mime`. The bytes go as they are (a JS string would lose the
/// CSV's byte-order mark on the way).
fn blob_of(mime: &str, text: &str) -> Result<web_sys::Blob, wasm_bindgen::JsValue> {
    let bytes = js_sys::Uint8Array::from(text.as_bytes());
    let parts = js_sys::Array::of1(&bytes);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
}

/// Offers `text` as a file download.
fn download(name: &str, mime: &str, text: &str) -> Result<(), wasm_bindgen::JsValue> {
    download_blob(name, &blob_of(mime, text)?)
}

/// Offers `blob` as a file download.
fn download_blob(name: &str, blob: &web_sys::Blob) -> Result<(), wasm_bindgen::JsValue> {
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Revoke once the browser has started the download.
    set_timeout(
        move || drop(web_sys::Url::revoke_object_url(&url)),
        std::time::Duration::from_secs(5),
    );
    Ok(())
}

/// Style properties copied inline into the exported SVG, so it looks the same without the
/// site's style sheets (in whichever theme the visitor sees).
const INLINE_STYLES: [&str; 12] = [
    "fill",
    "vector-effect",
    "paint-order",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-dasharray",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
];

/// The map as it is on screen, as a standalone SVG document.
pub fn map_svg(title: &str) -> Option<String> {
    let window = web_sys::window()?;
    let document = window.document()?;
    let svg = document.query_selector(".map__svg").ok()??;
    let copy: web_sys::Element = svg.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    let originals = svg.query_selector_all("*").ok()?;
    let copies = copy.query_selector_all("*").ok()?;
    // The styles go into the markup after serialising: setting a style attribute in the
    // page would break the Content-Security-Policy (style-src 'self').
    let mut styles: Vec<String> = Vec::new();
    for i in 0..originals.length() {
        let (Some(o), Some(c)) = (originals.item(i), copies.item(i)) else {
            continue;
        };
        let (Ok(o), Ok(c)) = (
            o.dyn_into::<web_sys::Element>(),
            c.dyn_into::<web_sys::Element>(),
        ) else {
            continue;
        };
        let Ok(Some(style)) = window.get_computed_style(&o) else {
            continue;
        };
        let inline: String = INLINE_STYLES
            .iter()
            .filter_map(|p| {
                style
                    .get_property_value(p)
                    .ok()
                    .map(|v| format!("{p}:{v};"))
            })
            .collect();
        let _ = c.set_attribute(STYLE_MARK_ATTR, &styles.len().to_string());
        styles.push(inline);
        for attr in ["tabindex", "role", "class", "focusable"] {
            let _ = c.remove_attribute(attr);
        }
    }
    let rect = svg.get_bounding_client_rect();
    let (w, h) = (rect.width().round() as i64, rect.height().round() as i64);
    for (name, value) in [
        ("xmlns", "http://www.w3.org/2000/svg".to_owned()),
        ("width", w.to_string()),
        ("height", h.to_string()),
        ("viewBox", format!("0 0 {w} {h}")),
        ("font-family", "system-ui, sans-serif".to_owned()),
    ] {
        let _ = copy.set_attribute(name, &value);
    }
    let _ = copy.remove_attribute("class");
    let caption = document
        .create_element_ns(Some("http://www.w3.org/2000/svg"), "title")
        .ok()?;
    caption.set_text_content(Some(title));
    let _ = copy.prepend_with_node_1(&caption);
    let markup = web_sys::XmlSerializer::new()
        .ok()?
        .serialize_to_string(&copy)
        .ok()?;
    inline_styles(&markup, &styles)
}

const STYLE_MARK_ATTR: &str = "data-export-style";
const STYLE_MARK: &str = " data-export-style=\"";

/// Replaces each `data-export-style="i"` in serialised markup with `style="styles[i]"`.
fn inline_styles(markup: &str, styles: &[String]) -> Option<String> {
    let mut parts = markup.split(STYLE_MARK);
    let mut out =
        String::with_capacity(markup.len() + styles.iter().map(String::len).sum::<usize>());
    out.push_str(parts.next()?);
    for part in parts {
        let (index, rest) = part.split_once('"')?;
        let style = styles.get(index.parse::<usize>().ok()?)?;
        out.push_str(" style=\"");
        out.push_str(&crate::geo::svg::escape(style));
        out.push('"');
        out.push_str(rest);
    }
    Some(out)
}

/// The map's box on screen, in whole CSS pixels.
fn map_size() -> Option<(u32, u32)> {
    let svg = web_sys::window()?
        .document()?
        .query_selector(".map__svg")
        .ok()??;
    let rect = svg.get_bounding_client_rect();
    Some((rect.width().round() as u32, rect.height().round() as u32))
}

/// The page's text and background colours, resolved (in whichever theme is shown).
fn page_colours() -> (String, String) {
    let resolved = || {
        let window = web_sys::window()?;
        let body = window.document()?.body()?;
        let style = window.get_computed_style(&body).ok()??;
        Some((
            style.get_property_value("color").ok()?,
            style.get_property_value("background-color").ok()?,
        ))
    };
    resolved().unwrap_or_else(|| ("#111".to_owned(), "#fff".to_owned()))
}

/// The map's legend as it is on screen: its headings, and each line's symbol or swatch
/// with the colours the page gives it.
fn legend_groups() -> Vec<crate::picture::Group> {
    use crate::picture::{Entry, Group, Swatch};
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    let Some(legend) = window
        .document()
        .and_then(|d| d.query_selector(".map__legend").ok().flatten())
    else {
        return Vec::new();
    };
    let style = |el: &web_sys::Element, property: &str| {
        window
            .get_computed_style(el)
            .ok()
            .flatten()
            .and_then(|s| s.get_property_value(property).ok())
            .unwrap_or_default()
    };
    let mut groups: Vec<Group> = Vec::new();
    let Ok(parts) = legend.query_selector_all("h3, li") else {
        return groups;
    };
    for i in 0..parts.length() {
        let Some(el) = parts
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let label = el.text_content().unwrap_or_default().trim().to_owned();
        if el.tag_name().eq_ignore_ascii_case("h3") {
            groups.push(Group {
                heading: label,
                entries: Vec::new(),
            });
            continue;
        }
        let swatch = if let Ok(Some(path)) = el.query_selector("svg path") {
            Swatch::Symbol {
                path: path.get_attribute("d").unwrap_or_default(),
                fill: style(&path, "fill"),
                stroke: style(&path, "stroke"),
            }
        } else if let Ok(Some(swatch)) = el.query_selector(".map__legend-swatch") {
            Swatch::Fill {
                fill: style(&swatch, "background-color"),
                stroke: style(&swatch, "border-top-color"),
            }
        } else {
            continue;
        };
        if let Some(group) = groups.last_mut() {
            group.entries.push(Entry { swatch, label });
        }
    }
    groups
}

/// Resolves when `img` has loaded its source, fails when it cannot.
async fn loaded(img: &web_sys::HtmlImageElement) -> Result<(), wasm_bindgen::JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        img.set_onload(Some(&resolve));
        img.set_onerror(Some(&reject));
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map(|_| ())
}

/// The SVG document `svg` (`w` × `h` CSS pixels) drawn `scale` times as large, as PNG.
/// The browser draws it: an image of a `blob:` address (CSP `img-src blob:`) onto a canvas.
async fn png(
    svg: &str,
    w: u32,
    h: u32,
    scale: u32,
) -> Result<web_sys::Blob, wasm_bindgen::JsValue> {
    let source = blob_of("image/svg+xml", svg)?;
    let url = web_sys::Url::create_object_url_with_blob(&source)?;
    let img = web_sys::HtmlImageElement::new()?;
    img.set_src(&url);
    let result = loaded(&img).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    result?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    let (pw, ph) = (w * scale, h * scale);
    canvas.set_width(pw);
    canvas.set_height(ph);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or("no 2d context")?
        .dyn_into()?;
    context.draw_image_with_html_image_element_and_dw_and_dh(
        &img,
        0.0,
        0.0,
        pw.into(),
        ph.into(),
    )?;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let _ = canvas.to_blob(&resolve);
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await?
        .dyn_into()
}

/// What a downloaded picture shows, for its file name.
fn picture_kind(mode: Mode) -> &'static str {
    match mode {
        Mode::Network => "network",
        Mode::Map | Mode::Table => "map",
    }
}

/// Copies `text`; `copied` says how it went (the text back when the clipboard refused).
fn copy_text(text: String, copied: RwSignal<Option<Result<(), String>>>) {
    let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
        copied.set(Some(Err(text)));
        return;
    };
    let promise = clipboard.write_text(&text);
    leptos::task::spawn_local(async move {
        let result = wasm_bindgen_futures::JsFuture::from(promise).await;
        copied.set(Some(result.map(|_| ()).map_err(|_| text)));
    });
}

#[component]
pub fn Export() -> impl IntoView {
    let locale = use_locale();
    let atlas = use_atlas().0;
    let explore = use_explore();
    let as_of = use_as_of();
    let copied = RwSignal::new(None::<Result<(), String>>);
    let state = crate::ViewState::get();
    let stamp = move || crate::model::PartialDate::from_day(as_of.0.get_untracked()).iso();
    // The atlas's own data carries its version and licence into the files; a dataset
    // opened with `?data=` has its own, unknown here.
    let own_release = explore
        .source
        .with_value(Option::is_none)
        .then_some(&crate::release::CURRENT);
    // In map mode the "current list" is the organisations the map shows.
    let tab = move || match explore.mode.get_untracked() {
        Mode::Map | Mode::Network => Tab::Organisations,
        Mode::Table => explore.tab.get_untracked(),
    };
    let csv = {
        let atlas = atlas.clone();
        move |_| {
            let lang = locale.0.get_untracked();
            let tab = tab();
            let text = explore.visible.with_untracked(|v| {
                let mut rows = table::rows(&atlas, tab, v, &explore.query.get_untracked(), lang);
                let sort = explore
                    .sort
                    .get_untracked()
                    .unwrap_or_else(|| tab.default_sort());
                table::sort(&mut rows, tab, &sort);
                table::to_csv(&atlas, tab, &rows, lang, own_release)
            });
            let name = format!("cancer-atlas-{}-{}.csv", tab.key(), stamp());
            let _ = download(&name, "text/csv;charset=utf-8", &text);
        }
    };
    let json = {
        let atlas = atlas.clone();
        move |_| {
            let lang = locale.0.get_untracked();
            let link = super::location::share_link(state);
            let text = explore.visible.with_untracked(|v| {
                table::to_json(
                    &atlas,
                    v,
                    &explore.query.get_untracked(),
                    lang,
                    &link,
                    own_release,
                )
            });
            let name = format!("cancer-atlas-{}.json", stamp());
            let _ = download(&name, "application/json", &text);
        }
    };
    let picture = {
        let atlas = atlas.clone();
        move |scale: u32| {
            let lang = locale.0.get_untracked();
            let t = lang.strings();
            let day = as_of.0.get_untracked();
            let mut subtitle = format!("{} {}", t.as_of, crate::lanes::long_date(day, lang));
            if let Some(id) = state.selection.0.get_untracked() {
                let name = crate::lanes::short_name(&atlas, &id, lang);
                if name != id {
                    subtitle = format!("{subtitle} · {name}");
                }
            }
            let Some(map) = map_svg(t.app_title) else {
                return;
            };
            let Some(size) = map_size() else {
                return;
            };
            let (ink, paper) = page_colours();
            let legend = legend_groups();
            let (doc, w, h) = crate::picture::svg(&crate::picture::Picture {
                title: t.app_title,
                subtitle: &subtitle,
                map: &map,
                map_size: size,
                legend: &legend,
                source: t.picture_source,
                ink: &ink,
                muted: &ink,
                paper: &paper,
            });
            let name = format!(
                "cancer-atlas-{}-{}-{}x{}.png",
                picture_kind(explore.mode.get_untracked()),
                stamp(),
                w * scale,
                h * scale
            );
            leptos::task::spawn_local(async move {
                if let Ok(blob) = png(&doc, w, h, scale).await {
                    let _ = download_blob(&name, &blob);
                }
            });
        }
    };
    let png_1x = {
        let picture = picture.clone();
        move |_| picture(1)
    };
    let png_2x = move |_| picture(2);
    let svg = move |_| {
        let lang = locale.0.get_untracked();
        let title = format!(
            "{} — {} {}",
            lang.strings().app_title,
            lang.strings().as_of,
            crate::lanes::long_date(as_of.0.get_untracked(), lang)
        );
        if let Some(text) = map_svg(&title) {
            let _ = download(
                &format!(
                    "cancer-atlas-{}-{}.svg",
                    picture_kind(explore.mode.get_untracked()),
                    stamp()
                ),
                "image/svg+xml",
                &text,
            );
        }
    };
    let copy = move |_| copy_text(super::location::share_link(state), copied);
    let copy_status = move || {
        match copied.get() {
        None => None,
        Some(Ok(())) => Some(view! { <span>{locale.strings().link_copied}</span> }.into_any()),
        Some(Err(link)) => Some(
            view! {
                <label>
                    {locale.strings().copy_failed}" "
                    <input class="export__link" type="text" readonly prop:value=link
                        on:focus=|ev| {
                            if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                input.select();
                            }
                        }/>
                </label>
            }
            .into_any(),
        ),
    }
    };
    let (embed_button, embed_dialog) = embed_dialog();
    let (cite_button, cite_dialog) = cite_dialog();
    view! {
        <div class="export">
            <details class="menu" on:keydown=crate::ui::explore::close_panel_on_escape>
                <summary class="button menu__summary">{move || locale.strings().export_title}</summary>
                <div class="menu__panel">
                    <button type="button" class="button" on:click=csv>{move || locale.strings().export_csv}</button>
                    <button type="button" class="button" on:click=json>{move || locale.strings().export_json}</button>
                    <Show when=move || explore.mode.get() != Mode::Table>
                        <button type="button" class="button" on:click=svg>{move || {
                            let t = locale.strings();
                            if explore.mode.get() == Mode::Network { t.export_net_svg } else { t.export_svg }
                        }}</button>
                        <button type="button" class="button" on:click=png_1x.clone()>{move || {
                            let t = locale.strings();
                            if explore.mode.get() == Mode::Network { t.export_net_png } else { t.export_png }
                        }}</button>
                        <button type="button" class="button" on:click=png_2x.clone()>{move || {
                            let t = locale.strings();
                            if explore.mode.get() == Mode::Network { t.export_net_png_2x } else { t.export_png_2x }
                        }}</button>
                    </Show>
                    {embed_button}
                    {cite_button}
                </div>
            </details>
            <button type="button" class="button button--primary" on:click=copy>{move || locale.strings().copy_link}</button>
            <p class="export__status" role="status">{copy_status}</p>
        </div>
        // Beside the tools, not among them: the dialogs are no tools of the row.
        {embed_dialog}
        {cite_dialog}
    }
}

/// "Embed this view": the code of a frame showing the current view on another site, at a
/// size to choose, a live preview at that size, and a button that copies the code. The
/// button goes in the export menu; the dialog outside it (a closed menu hides what it
/// holds). The dialog's inside is markup written when it opens (nothing in it is
/// reactive but the code and the preview, which follow the size choice), with one
/// listener for its clicks and one for its choices: Leptos views of the same cost 6.9 KB
/// of wasm (docs/performance.md).
fn embed_dialog() -> (impl IntoView, impl IntoView) {
    use crate::embed_code::{self, Size};
    use crate::geo::svg::escape;
    let locale = use_locale();
    let state = crate::ViewState::get();
    let atlas = use_atlas().0;
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let size = StoredValue::new(Size::Responsive);
    // The view is read when the dialog opens: the address then stays as shown.
    let src = StoredValue::new(String::new());
    let title = StoredValue::new(String::new());
    let find = move |selector: &str| {
        dialog
            .get_untracked()
            .and_then(|d| d.query_selector(selector).ok().flatten())
    };
    let code = move || {
        embed_code::code(
            &src.get_value(),
            &title.get_value(),
            size.get_value(),
            &super::location::origin(),
            super::embed::preferred_height(640.0),
        )
    };
    // The code and the preview at the chosen size.
    let show = move || {
        if let Some(area) =
            find("textarea").and_then(|a| a.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        {
            area.set_value(&code());
        }
        let (width, height) = match size.get_value() {
            Size::Responsive => (
                "100%".to_owned(),
                super::embed::preferred_height(640.0).to_string(),
            ),
            Size::Fixed(w, h) => (w.to_string(), h.to_string()),
        };
        if let Some(frame) = find(".embed-dialog__frame") {
            let markup = format!(
                r#"<iframe class="embed-dialog__preview" src="{}" title="{}" width="{width}" height="{height}"></iframe>"#,
                escape(&src.get_value()),
                escape(&title.get_value())
            );
            frame.set_inner_html(&markup);
        }
    };
    // What the copy button did, said in the dialog's status line.
    let copied = RwSignal::new(None::<Result<(), String>>);
    Effect::new(move |_| {
        let said = match copied.get() {
            None => "",
            Some(Ok(())) => locale.strings().embed_copied,
            Some(Err(_)) => locale.strings().copy_failed,
        };
        if let Some(status) = find(".embed-dialog__status") {
            status.set_text_content(Some(said));
        }
    });
    let open = move |_| {
        let lang = locale.0.get_untracked();
        let t = lang.strings();
        let name = state
            .selection
            .0
            .get_untracked()
            .map(|id| (crate::lanes::short_name(&atlas, &id, lang), id))
            .filter(|(name, id)| name != id)
            .map(|(name, _)| name);
        title.set_value(match name {
            Some(name) => format!("{}: {name}", t.app_title),
            None => t.app_title.to_owned(),
        });
        src.set_value(super::location::embed_link(state));
        let choices: String = Size::CHOICES
            .into_iter()
            .map(|choice| {
                let label = match choice {
                    Size::Responsive => t.embed_responsive.to_owned(),
                    Size::Fixed(w, h) => format!("{w} × {h}"),
                };
                let checked = if choice == size.get_value() { " checked" } else { "" };
                format!(
                    r#"<label class="embed-dialog__size"><input type="radio" name="embed-size" value="{}"{checked}>{}</label>"#,
                    choice.key(),
                    escape(&label)
                )
            })
            .collect();
        let markup = format!(
            concat!(
                r#"<div class="embed-dialog__bar"><h2 id="embed-dialog-title">{title}</h2>"#,
                r#"<button type="button" class="button" data-embed="close">{close}</button></div>"#,
                r#"<fieldset class="embed-dialog__sizes"><legend>{size}</legend>{choices}</fieldset>"#,
                r#"<label class="embed-dialog__code">{code}<textarea readonly rows="4"></textarea></label>"#,
                r#"<p class="embed-dialog__help">{help}</p>"#,
                r#"<div class="embed-dialog__copy"><button type="button" class="button button--primary" data-embed="copy">{copy}</button>"#,
                r#"<p class="embed-dialog__status" role="status"></p></div>"#,
                r#"<h3>{preview}</h3><div class="embed-dialog__frame"></div>"#,
            ),
            title = escape(t.embed_title),
            close = escape(t.close),
            size = escape(t.embed_size),
            choices = choices,
            code = escape(t.embed_code),
            help = escape(t.embed_help),
            copy = escape(t.embed_copy),
            preview = escape(t.embed_preview),
        );
        copied.set(None);
        if let Some(d) = dialog.get_untracked() {
            d.set_inner_html(&markup);
            show();
            let _ = d.show_modal();
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(action) = clicked_action(&ev, "data-embed") else {
            return;
        };
        match action.as_str() {
            "close" => {
                if let Some(d) = dialog.get_untracked() {
                    d.close();
                }
            }
            "copy" => copy_text(code(), copied),
            _ => {}
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(value) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|input| input.value())
        else {
            return;
        };
        if let Some(choice) = Size::CHOICES.into_iter().find(|c| c.key() == value) {
            size.set_value(choice);
            show();
        }
    };
    // Closing (the button, or Escape) empties it: the preview's frame goes with it.
    let on_close = move |_| {
        if let Some(d) = dialog.get_untracked() {
            d.set_inner_html("");
        }
    };
    let button = view! {
        <button type="button" class="button" on:click=open>{move || locale.strings().embed_title}</button>
    };
    let dialog_view = view! {
        <dialog class="embed-dialog" node_ref=dialog aria-labelledby="embed-dialog-title"
            on:click=on_click on:change=on_change on:close=on_close></dialog>
    };
    (button, dialog_view)
}

/// "Cite this view": the view as an in-line citation, a full reference and a BibTeX entry
/// (`crate::cite`), with the dataset's version, the view's address and today's date, each
/// with a copy button. Markup written when it opens, as the embed dialog is.
fn cite_dialog() -> (impl IntoView, impl IntoView) {
    use crate::geo::svg::escape;
    let locale = use_locale();
    let state = crate::ViewState::get();
    let atlas = use_atlas().0;
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    // The three texts, fixed when the dialog opens.
    let texts = StoredValue::new([String::new(), String::new(), String::new()]);
    let status = move |said: &str| {
        if let Some(p) = dialog
            .get_untracked()
            .and_then(|d| d.query_selector(".cite-dialog__status").ok().flatten())
        {
            p.set_text_content(Some(said));
        }
    };
    let copied = RwSignal::new(None::<Result<(), String>>);
    Effect::new(move |_| {
        let t = locale.strings();
        match copied.get() {
            None => status(""),
            Some(Ok(())) => status(t.cite_copied),
            Some(Err(_)) => status(t.copy_failed),
        }
    });
    let open = move |_| {
        let lang = locale.0.get_untracked();
        let t = lang.strings();
        let subject = state
            .selection
            .0
            .get_untracked()
            .map(|id| (crate::lanes::short_name(&atlas, &id, lang), id))
            .filter(|(name, id)| name != id)
            .map(|(name, _)| name);
        let url = super::location::share_link(state);
        let release = crate::release::CURRENT;
        let (Ok(released), accessed) = (
            crate::model::PartialDate::parse(release.date),
            crate::model::PartialDate::from_day(crate::today()),
        ) else {
            return;
        };
        let cited = crate::cite::Cited {
            version: release.version,
            released,
            url: &url,
            accessed,
            subject: subject.as_deref(),
        };
        let made = [
            crate::cite::inline(&cited, lang),
            crate::cite::full(&cited, lang),
            crate::cite::bibtex(&cited, lang),
        ];
        let block = |i: usize, label: &str, rows: u8| {
            format!(
                r#"<label class="embed-dialog__code">{}<textarea readonly rows="{rows}">{}</textarea></label><button type="button" class="button" data-cite="{i}">{}</button>"#,
                escape(label),
                escape(&made[i]),
                escape(t.cite_copy)
            )
        };
        let markup = format!(
            concat!(
                r#"<div class="embed-dialog__bar"><h2 id="cite-dialog-title">{title}</h2>"#,
                r#"<button type="button" class="button" data-cite="close">{close}</button></div>"#,
                "{inline}{full}{bibtex}",
                r#"<p class="cite-dialog__status" role="status"></p>"#,
            ),
            title = escape(t.cite_title),
            close = escape(t.close),
            inline = block(0, t.cite_inline, 2),
            full = block(1, t.cite_full, 3),
            bibtex = block(2, "BibTeX", 9),
        );
        texts.set_value(made);
        copied.set(None);
        if let Some(d) = dialog.get_untracked() {
            d.set_inner_html(&markup);
            let _ = d.show_modal();
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(action) = clicked_action(&ev, "data-cite") else {
            return;
        };
        match action.as_str() {
            "close" => {
                if let Some(d) = dialog.get_untracked() {
                    d.close();
                }
            }
            n => {
                if let Ok(i) = n.parse::<usize>() {
                    let text = texts.with_value(|t| t.get(i).cloned());
                    if let Some(text) = text {
                        copy_text(text, copied);
                    }
                }
            }
        }
    };
    let button = view! {
        <button type="button" class="button" on:click=open>{move || locale.strings().cite_title}</button>
    };
    let dialog_view = view! {
        <dialog class="embed-dialog cite-dialog" node_ref=dialog aria-labelledby="cite-dialog-title"
            on:click=on_click></dialog>
    };
    (button, dialog_view)
}

/// The value of `attribute` on the element a click in a dialog landed on, or on the
/// nearest element around it that has one.
fn clicked_action(ev: &leptos::ev::MouseEvent, attribute: &str) -> Option<String> {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.closest(&format!("[{attribute}]")).ok().flatten())
        .and_then(|t| t.get_attribute(attribute))
}
