// The dataset worker's script (src/worker.rs), started by the app only for a dataset given
// by address (?data=). Trunk builds the worker's glue and wasm beside this file. A glue
// that cannot be loaded throws here, which the app hears as the worker's error; a wasm that
// cannot be loaded or compiled is answered with an empty message: either way the app says
// the reader could not start, at once, instead of waiting.
importScripts('./dataset-worker.js');
wasm_bindgen({ module_or_path: './dataset-worker_bg.wasm' }).catch(() => postMessage(null));
