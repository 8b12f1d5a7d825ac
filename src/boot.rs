//! Taking over from the first screen drawn at build time (xtask/src/prerender.rs):
//! mount only after the browser has recorded the page's largest paint, then replay a
//! click the visitor made on the inert first screen meanwhile. Both rely on what
//! `public/theme.js` set up before the first paint (`atlasPainted`, `atlasClicks`).

use wasm_bindgen::JsCast;

/// Whether the page holds a prerendered first screen (release builds).
pub fn prerendered() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("#boot.boot--prerendered").ok().flatten())
        .is_some()
}

fn global(name: &str) -> Option<wasm_bindgen::JsValue> {
    let window = web_sys::window()?;
    js_sys::Reflect::get(&window, &name.into())
        .ok()
        .filter(|v| !v.is_undefined())
}

/// Waits until the prerendered first screen has been painted and recorded as the page's
/// largest paint (at once when there is none, or when theme.js did not run).
pub async fn after_first_paint() {
    if !prerendered() {
        return;
    }
    if let Some(promise) = global("atlasPainted").and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
    {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

/// Resolves in a task of its own (after the current one and its microtasks).
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves at the browser's next frame.
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.request_animation_frame(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Clicks again, at the same place, where the visitor last clicked on the first screen
/// before the app was ready: the app's layout is the prerendered one, so the same control
/// is there, once the app has measured its boxes and drawn what its effects draw (two
/// frames after mounting).
pub async fn replay_click() {
    let pending = global("atlasClicks")
        .and_then(|c| c.dyn_into::<js_sys::Array>().ok())
        .is_some_and(|c| c.length() > 0);
    if pending {
        next_frame().await;
        next_frame().await;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document.document_element() {
        let _ = root.class_list().remove_1("is-starting");
    }
    let Some(clicks) = global("atlasClicks").and_then(|c| c.dyn_into::<js_sys::Array>().ok())
    else {
        return;
    };
    let last = clicks.pop();
    clicks.set_length(0);
    let point = |i: u32| {
        js_sys::Reflect::get_u32(&last, i)
            .ok()
            .and_then(|v| v.as_f64())
    };
    let (Some(x), Some(y)) = (point(0), point(1)) else {
        return;
    };
    let Some(target) = document.element_from_point(x as f32, y as f32) else {
        return;
    };
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_client_x(x as i32);
    init.set_client_y(y as i32);
    if let Ok(event) = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init) {
        let _ = target.dispatch_event(&event);
    }
}
