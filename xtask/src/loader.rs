//! The wasm after the first paint, after a release build (issue 35). Trunk's page preloads
//! the app's wasm (`<link rel="preload" … as="fetch">`) and its loader starts it as soon as
//! the page is parsed, so on a phone the 450 KB download shares the network with the page
//! and its stylesheets before anything is painted, and Lighthouse counts it into the
//! largest paint. The first screen is prerendered and the app only mounts after that paint
//! anyway (src/boot.rs): the download now starts once the parsed page has been painted
//! (the frame after the loader runs), and the preload is dropped. The loader is an inline
//! script: `cargo xtask csp` hashes it afterwards.

use std::path::Path;

/// What the loader does before it fetches the wasm: wait for the next frame, then for the
/// task after it (the frame's paint).
pub const WAIT: &str =
    "await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));\n";

/// The start of Trunk's call that fetches and starts the wasm.
const INIT: &str = "const wasm = await init(";

/// `html` with the wasm's preload removed and its loader waiting for the first paint; an
/// error when the page is not what Trunk writes (so a new Trunk cannot slip past it).
pub fn defer(html: &str) -> Result<String, String> {
    let mut out = html.to_owned();
    let mut removed = 0;
    while let Some(start) = out.find("<link rel=\"preload\"") {
        let end = start + out[start..].find('>').ok_or("an unclosed preload tag")? + 1;
        if !out[start..end].contains(".wasm\"") {
            return Err(format!(
                "a preload that is not the wasm: {}",
                &out[start..end]
            ));
        }
        out.replace_range(start..end, "");
        // The line it stood on, if now empty.
        if out[..start].ends_with("\n    ") && out[start..].starts_with('\n') {
            out.replace_range(start - 4..start + 1, "");
        }
        removed += 1;
    }
    if out.contains(WAIT) {
        return Ok(out);
    }
    if removed != 1 || out.matches(INIT).count() != 1 {
        return Err(format!(
            "the page has {removed} wasm preload(s) and {} loader(s), where Trunk writes one of each",
            out.matches(INIT).count()
        ));
    }
    Ok(out.replacen(INIT, &format!("{WAIT}{INIT}"), 1))
}

pub fn apply(dir: &Path) -> Result<(), String> {
    crate::prerender::rewrite_index(dir, |html| defer(html).map(Some))?;
    if crate::prerender::wanted() {
        println!("loader: the wasm is fetched after the first paint (no preload)");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = concat!(
        "<head>\n    <link rel=\"modulepreload\" href=\"/assets/a.js\">\n",
        "    <link rel=\"preload\" href=\"/assets/a_bg.wasm\" as=\"fetch\" type=\"application/wasm\">\n",
        "</head><body><script type=\"module\">\nimport init from '/assets/a.js';\n",
        "const wasm = await init({ module_or_path: '/assets/a_bg.wasm' });\n</script></body>",
    );

    #[test]
    fn the_wasm_is_fetched_after_the_first_paint_and_not_preloaded() {
        let out = defer(PAGE).unwrap();
        assert!(!out.contains("rel=\"preload\""));
        assert!(
            out.contains("<link rel=\"modulepreload\""),
            "the small glue stays preloaded"
        );
        let wait = out.find(WAIT).unwrap();
        assert!(wait < out.find(INIT).unwrap());
        assert_eq!(defer(&out).unwrap(), out, "run twice, changed once");
    }

    #[test]
    fn a_page_trunk_did_not_write_is_refused() {
        assert!(defer("<head></head><script>const wasm = await init(x);</script>").is_err());
        let other = PAGE.replace("a_bg.wasm\" as=\"fetch\"", "a.css\" as=\"style\"");
        assert!(defer(&other).is_err());
    }
}
