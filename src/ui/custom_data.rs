//! Another dataset by address (`?data=<url>`): read by the dataset worker (`src/worker.rs`,
//! loaded only then), which fetches it under a size cap, a timeout and a content-type check
//! and validates it like the embedded one. On any failure the atlas shows its own data and
//! says exactly what went wrong; on success a notice names the source. The schema is
//! documented in `data/README.md`.

use crate::graph::Layouts;
pub use crate::loader::{acceptable_content_type, Failure, MAX_BYTES, TIMEOUT};
use crate::loader::{Outcome, WORKER_SCRIPT};
use crate::model::Dataset;
use crate::use_locale;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};

/// How long the app waits for the worker's answer: the worker's own timeout, plus time to
/// start it and to validate a dataset at the size cap. A worker that never answers (its
/// wasm failed to load) is the reader's failure, never a page that stays loading.
const WORKER_WAIT: Duration = Duration::from_secs(45);

/// What the visitor sees about the data source, above the workspace.
#[derive(Clone, Debug, PartialEq)]
pub enum SourceNotice {
    Loaded { address: String },
    Failed { address: String, failure: Failure },
}

/// A worker reading a dataset, and its answer to come.
struct Reading {
    worker: web_sys::Worker,
    answer: js_sys::Promise,
}

thread_local! {
    /// The read started before the app mounted ([`start_early`]), with its address.
    static EARLY: std::cell::RefCell<Option<(String, Result<Reading, Failure>)>> =
        const { std::cell::RefCell::new(None) };
}

/// Takes over the read `public/theme.js` started before the page was parsed
/// (`window.atlasDataset`), or starts one, for the dataset the page's address asks for
/// (`?data=`), if any, before the app mounts: the worker starts and the dataset downloads
/// while the page and the app load. [`fetch`] then picks that read up.
pub fn start_early() {
    let (url, _) = crate::state::UrlState::from_query(&super::location::search());
    let started = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"atlasDataset".into()).ok())
        .filter(|v| v.is_object());
    let field = |name: &str| {
        started
            .as_ref()
            .and_then(|s| js_sys::Reflect::get(s, &name.into()).ok())
    };
    let worker = field("worker").and_then(|w| w.dyn_into::<web_sys::Worker>().ok());
    let answer = field("answer").and_then(|a| a.dyn_into::<js_sys::Promise>().ok());
    let address = field("address").and_then(|a| a.as_string());
    let Some(wanted) = url.data else {
        if let Some(worker) = worker {
            worker.terminate();
        }
        return;
    };
    let reading = match (worker, answer) {
        (Some(worker), Some(answer)) if address.as_deref() == Some(wanted.as_str()) => {
            Ok(Reading {
                worker,
                answer: within_wait(answer),
            })
        }
        (worker, _) => {
            // Read differently than the app reads the address: start again.
            if let Some(worker) = worker {
                worker.terminate();
            }
            begin(&wanted)
        }
    };
    EARLY.with(|early| *early.borrow_mut() = Some((wanted, reading)));
}

/// `answer`, or null once [`WORKER_WAIT`] has passed without one.
fn within_wait(answer: js_sys::Promise) -> js_sys::Promise {
    let silence = js_sys::Promise::new(&mut |resolve, _| {
        let _ = set_timeout_with_handle(
            move || {
                let _ = resolve.call1(&JsValue::NULL, &JsValue::NULL);
            },
            WORKER_WAIT,
        );
    });
    js_sys::Promise::race(&js_sys::Array::of2(&answer, &silence))
}

/// Starts the dataset worker on `address`.
fn begin(address: &str) -> Result<Reading, Failure> {
    // The worker resolves addresses against its own script: give it the absolute one.
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let absolute = web_sys::Url::new_with_base(address, &base)
        .map_err(|_| Failure::Network)?
        .href();
    // Its name carries the address to fetch and, after a line break (which a URL never
    // holds), the one its problems are named by: the visitor's, as given.
    let options = web_sys::WorkerOptions::new();
    options.set_name(&format!("{absolute}\n{address}"));
    let worker =
        web_sys::Worker::new_with_options(WORKER_SCRIPT, &options).map_err(|_| Failure::Reader)?;
    let answer = js_sys::Promise::new(&mut |resolve, _| {
        let on_error = resolve.clone();
        let on_message =
            wasm_bindgen::closure::Closure::once_into_js(move |event: web_sys::MessageEvent| {
                let _ = resolve.call1(&JsValue::NULL, &event.data());
            });
        worker.set_onmessage(Some(on_message.unchecked_ref()));
        let on_failure = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = on_error.call1(&JsValue::NULL, &JsValue::NULL);
        });
        worker.set_onerror(Some(on_failure.unchecked_ref()));
    });
    Ok(Reading {
        worker,
        answer: within_wait(answer),
    })
}

/// Reads and validates the dataset at `address` in the dataset worker (the one started
/// early for it, if any), which also lays out its network.
pub async fn fetch(address: &str) -> Result<(Dataset, Layouts), Failure> {
    let early = EARLY
        .with(|early| early.borrow_mut().take())
        .filter(|(started, _)| started == address)
        .map(|(_, reading)| reading);
    let reading = early.unwrap_or_else(|| begin(address))?;
    let message = wasm_bindgen_futures::JsFuture::from(reading.answer).await;
    reading.worker.terminate();
    let bytes = message
        .ok()
        .and_then(|m| m.dyn_into::<js_sys::Uint8Array>().ok())
        .map(|array| array.to_vec());
    match bytes.map(|b| Outcome::decode(&b)) {
        Some(Outcome::Loaded(data, layouts)) => Ok((*data, layouts)),
        Some(Outcome::Failed(failure)) => Err(failure),
        None => Err(Failure::Reader),
    }
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
                    Failure::ContentType(kind) => {
                        format!("{} {}.", s.data_content_type, locale.0.get().quote(kind))
                    }
                    Failure::Invalid(_) => s.data_invalid.to_owned(),
                    Failure::Reader => s.data_reader.to_owned(),
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
                            {problems.into_iter().take(shown).map(|e| view! { <li><code>{e}</code></li> }).collect_view()}
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
