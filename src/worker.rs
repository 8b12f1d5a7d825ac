//! The dataset worker: its own wasm (`src/bin/dataset-worker.rs`, built by Trunk as a
//! worker), started by the app only when an address asks for another dataset (`?data=`).
//! It reads the dataset's address from its name (then, after a line break, the address as
//! the visitor gave it, which names the problems), fetches it under the size cap, the timeout
//! and the content-type check, parses and validates it (`loader::check`) and posts one
//! [`Outcome`] back, in binary (the buffer is transferred, not copied). The page never
//! loads the JSON parser, the validator or its messages.

use crate::loader::{self, Failure, Outcome};
use wasm_bindgen::JsCast;

/// Runs the worker: one address (the worker's name), one answer.
pub fn start() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let name = scope.name();
    let (address, shown) = name.split_once('\n').unwrap_or((&name, &name));
    let (address, shown) = (address.to_owned(), shown.to_owned());
    wasm_bindgen_futures::spawn_local(async move {
        let outcome = match read(&address).await {
            Ok(text) => loader::check(&shown, &text),
            Err(failure) => Outcome::Failed(failure),
        };
        let bytes = js_sys::Uint8Array::from(outcome.encode().as_slice());
        let transfer = js_sys::Array::of1(&bytes.buffer());
        let _ = scope.post_message_with_transfer(&bytes, &transfer);
    });
}

/// The document at `address`, or why it cannot be read.
async fn read(address: &str) -> Result<String, Failure> {
    let millis = u32::try_from(loader::TIMEOUT.as_millis()).unwrap_or(u32::MAX);
    let signal = web_sys::AbortSignal::timeout_with_u32(millis);
    let failed = |_| {
        if signal.aborted() {
            Failure::Timeout
        } else {
            Failure::Network
        }
    };
    let response = gloo_net::http::Request::get(address)
        .abort_signal(Some(&signal))
        .send()
        .await
        .map_err(failed)?;
    if !response.ok() {
        return Err(Failure::Status(response.status()));
    }
    let headers = response.headers();
    let declared: Option<usize> = headers.get("content-length").and_then(|l| l.parse().ok());
    if declared.is_some_and(|n| n > loader::MAX_BYTES) {
        return Err(Failure::TooLarge);
    }
    let kind = headers.get("content-type").unwrap_or_default();
    if !loader::acceptable_content_type(&kind) {
        return Err(Failure::ContentType(kind.chars().take(80).collect()));
    }
    let text = response.text().await.map_err(failed)?;
    if text.len() > loader::MAX_BYTES {
        return Err(Failure::TooLarge);
    }
    Ok(text)
}
