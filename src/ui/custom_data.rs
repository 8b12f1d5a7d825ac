//! Another dataset by address (`?data=<url>`): fetched with gloo-net under a size cap, a
//! timeout and a content-type check, then validated like the embedded one. On any failure
//! the atlas shows its own data and says exactly what went wrong; on success a notice names
//! the source. The schema is documented in `data/README.md`.

use crate::data::{self, DataError};
use crate::model::Dataset;
use crate::use_locale;
use leptos::prelude::*;
use std::time::Duration;

/// The largest dataset the atlas will read, in bytes: room for 10 000 organisations with
/// relations and events in the real proportions (8.2 MB, `cargo xtask bench`).
pub const MAX_BYTES: usize = 10_000_000;
/// How long the atlas waits for an answer.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// Why a dataset could not be used.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    Network,
    Timeout,
    Status(u16),
    TooLarge,
    ContentType(String),
    Invalid(Vec<DataError>),
}

/// What the visitor sees about the data source, above the workspace.
#[derive(Clone, Debug, PartialEq)]
pub enum SourceNotice {
    Loaded { address: String },
    Failed { address: String, failure: Failure },
}

/// A content type a JSON dataset may be served with: JSON itself, or plain text (raw file
/// hosts serve `.json` files as `text/plain`). Parameters (`; charset=utf-8`) are ignored.
pub fn acceptable_content_type(value: &str) -> bool {
    let essence = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || essence == "text/json"
        || essence == "text/plain"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Fetches and validates the dataset at `address`.
pub async fn fetch(address: &str) -> Result<Dataset, Failure> {
    let controller = web_sys::AbortController::new().ok();
    let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
    let timer = controller.clone().and_then(|c| {
        let timed_out = timed_out.clone();
        set_timeout_with_handle(
            move || {
                timed_out.set(true);
                c.abort();
            },
            TIMEOUT,
        )
        .ok()
    });
    let signal = controller.as_ref().map(|c| c.signal());
    let outcome = read(address, signal.as_ref()).await;
    if let Some(timer) = timer {
        timer.clear();
    }
    let text = match outcome {
        Err(Failure::Network) if timed_out.get() => return Err(Failure::Timeout),
        other => other?,
    };
    data::load_document(address, &text).map_err(Failure::Invalid)
}

async fn read(address: &str, signal: Option<&web_sys::AbortSignal>) -> Result<String, Failure> {
    let response = gloo_net::http::Request::get(address)
        .abort_signal(signal)
        .send()
        .await
        .map_err(|_| Failure::Network)?;
    if !response.ok() {
        return Err(Failure::Status(response.status()));
    }
    let headers = response.headers();
    let declared: Option<usize> = headers.get("content-length").and_then(|l| l.parse().ok());
    if declared.is_some_and(|n| n > MAX_BYTES) {
        return Err(Failure::TooLarge);
    }
    let kind = headers.get("content-type").unwrap_or_default();
    if !acceptable_content_type(&kind) {
        return Err(Failure::ContentType(kind.chars().take(80).collect()));
    }
    let text = response.text().await.map_err(|_| Failure::Network)?;
    if text.len() > MAX_BYTES {
        return Err(Failure::TooLarge);
    }
    Ok(text)
}

/// While the dataset loads: a polite status in place of the workspace.
#[component]
pub fn Loading(address: String) -> impl IntoView {
    let locale = use_locale();
    view! {
        <main id="main" class="data-loading" tabindex="-1" aria-busy="true">
            <p role="status">{move || locale.strings().data_loading}" "<code>{address.clone()}</code>"…"</p>
        </main>
    }
}

/// The notice about the data source: which dataset is shown (with a link to the same view
/// on the embedded data), or why not the one asked for (with a link to try again).
#[component]
pub fn SourceNote(notice: SourceNotice) -> impl IntoView {
    let locale = use_locale();
    let view_state = crate::ViewState::get();
    let link_with = move |data: Option<String>| {
        move || {
            let mut state = view_state.current();
            state.data = data.clone();
            format!("?{}", state.to_query())
        }
    };
    match notice {
        SourceNotice::Loaded { address } => {
            let back = link_with(None);
            view! {
            <div class="notice notice--source" role="status">
                <p>
                    {move || locale.strings().data_custom}" "<code>{address.clone()}</code>". "
                    {move || locale.strings().data_custom_checked}
                </p>
                <a class="button" href=back>{move || locale.strings().data_back}</a>
            </div>
            }
            .into_any()
        }
        SourceNotice::Failed { address, failure } => {
            let problems = match &failure {
                Failure::Invalid(errors) => errors.clone(),
                _ => Vec::new(),
            };
            let retry = link_with(Some(address.clone()));
            let shown = problems.len().min(20);
            let more = problems.len() - shown;
            let reason = move || {
                let s = locale.strings();
                match &failure {
                    Failure::Network => s.data_network.to_owned(),
                    Failure::Timeout => s.data_timeout.to_owned(),
                    Failure::Status(code) => format!("{} {code}.", s.data_status),
                    Failure::TooLarge => s.data_too_large.to_owned(),
                    Failure::ContentType(kind) => format!("{} « {kind} ».", s.data_content_type),
                    Failure::Invalid(_) => s.data_invalid.to_owned(),
                }
            };
            view! {
                <div class="notice notice--source notice--failed" role="alert">
                    <p>
                        {move || locale.strings().data_failed}" "<code>{address.clone()}</code>" — "
                        {reason}" "{move || locale.strings().data_failed_fallback}
                    </p>
                    {(shown > 0).then(|| view! {
                        <ol class="notice__problems">
                            {problems.into_iter().take(shown).map(|e| view! { <li><code>{e.to_string()}</code></li> }).collect_view()}
                        </ol>
                    })}
                    {(more > 0).then(|| view! { <p>{format!("+ {more} ")}{move || locale.strings().data_more}</p> })}
                    <a class="button" href=retry>{move || locale.strings().data_retry}</a>
                </div>
            }
            .into_any()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_and_plain_text_are_accepted_web_pages_are_not() {
        for ok in [
            "application/json",
            "application/json; charset=utf-8",
            "Application/JSON",
            "text/plain; charset=utf-8",
            "application/geo+json",
            "text/json",
        ] {
            assert!(acceptable_content_type(ok), "{ok}");
        }
        for bad in [
            "text/html",
            "text/html; charset=utf-8",
            "",
            "application/octet-stream",
            "image/png",
            "application/jsonp",
        ] {
            assert!(!acceptable_content_type(bad), "{bad}");
        }
    }
}
