//! The code a partner site pastes to show a view of the atlas: an `<iframe>` of the
//! embed, at a fixed size or following its width (with the few lines that let the host
//! page set the frame's height from the embed's messages, `ui::embed`). Pure: no leptos.

/// The frame's size in the code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Size {
    /// The page column's width; the height follows it (the host's script).
    Responsive,
    /// A fixed width and height, CSS pixels.
    Fixed(u32, u32),
}

impl Size {
    /// The sizes "Embed this view" offers, within the 320 to 1200 × 400 to 800 px the
    /// embed is made for.
    pub const CHOICES: [Size; 4] = [
        Size::Responsive,
        Size::Fixed(640, 480),
        Size::Fixed(800, 600),
        Size::Fixed(1200, 700),
    ];

    /// The key of this size in the dialog's choice (`responsive`, `640x480`).
    pub fn key(self) -> String {
        match self {
            Size::Responsive => "responsive".to_owned(),
            Size::Fixed(w, h) => format!("{w}x{h}"),
        }
    }
}

/// `text` safe inside a double-quoted HTML attribute.
fn attr(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The code for a frame of `src` (the embed's address) titled `title`, at `size`.
/// `origin` is the atlas's origin, which the height script checks messages against;
/// `height` the height the responsive frame starts with.
pub fn code(src: &str, title: &str, size: Size, origin: &str, height: i32) -> String {
    let (width, height) = match size {
        Size::Responsive => ("100%".to_owned(), height.to_string()),
        Size::Fixed(w, h) => (w.to_string(), h.to_string()),
    };
    let frame = format!(
        r#"<iframe src="{}" title="{}" width="{width}" height="{height}" style="border:0;max-width:100%" loading="lazy"></iframe>"#,
        attr(src),
        attr(title),
    );
    match size {
        Size::Fixed(..) => frame,
        Size::Responsive => format!(
            "{frame}\n<script>addEventListener(\"message\",function(e){{if(e.origin!=={origin}||!e.data||e.data.type!==\"{kind}\")return;document.querySelectorAll(\"iframe\").forEach(function(f){{if(f.contentWindow===e.source)f.style.height=e.data.height+\"px\"}})}});</script>",
            origin = js_string(origin),
            kind = crate::ui::embed::HEIGHT_MESSAGE,
        ),
    }
}

/// `text` as a JavaScript string literal that cannot close the script element.
fn js_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("\\u003c"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "https://atlas.example/embed?sel=crane&lang=fr";

    #[test]
    fn a_fixed_frame_has_its_size_title_and_address_escaped() {
        let code = code(
            SRC,
            "Atlas: \"CraNE\" <&>",
            Size::Fixed(800, 600),
            "https://atlas.example",
            544,
        );
        assert_eq!(
            code,
            r#"<iframe src="https://atlas.example/embed?sel=crane&amp;lang=fr" title="Atlas: &quot;CraNE&quot; &lt;&amp;&gt;" width="800" height="600" style="border:0;max-width:100%" loading="lazy"></iframe>"#
        );
    }

    #[test]
    fn a_responsive_frame_comes_with_the_script_that_follows_its_height() {
        let code = code(SRC, "Atlas", Size::Responsive, "https://atlas.example", 544);
        assert!(code.starts_with(r#"<iframe src="https://atlas.example/embed?sel=crane&amp;lang=fr" title="Atlas" width="100%" height="544""#));
        assert!(code.contains(r#"e.origin!=="https://atlas.example""#));
        assert!(code.contains(r#"e.data.type!=="cancer-atlas:height""#));
        assert!(code.ends_with("</script>"));
    }

    #[test]
    fn an_origin_cannot_close_the_script() {
        assert_eq!(js_string("a\"b\\</script>"), r#""a\"b\\\u003c/script>""#);
    }

    #[test]
    fn the_sizes_offered_fit_what_the_embed_is_made_for() {
        for size in Size::CHOICES {
            if let Size::Fixed(w, h) = size {
                assert!(
                    (320..=1200).contains(&w) && (400..=800).contains(&h),
                    "{size:?}"
                );
            }
        }
        assert_eq!(Size::Fixed(640, 480).key(), "640x480");
    }
}
