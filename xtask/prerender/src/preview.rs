//! The link-preview picture (`og:image`): the prerendered map, 1200×630 PNG, drawn by
//! resvg from the first screen's own SVG and the site's own map styles (light theme), so
//! that a shared link shows the atlas as a visitor first sees it. No run-time service.

/// Open Graph's recommended size for a large preview.
pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// The custom properties of `css` (`--name: value;`, first definition wins, the light
/// half of `light-dark(light, dark)`).
fn custom_properties(css: &str) -> Vec<(String, String)> {
    let mut props: Vec<(String, String)> = Vec::new();
    for decl in without_comments(css).split([';', '{', '}']) {
        let decl = decl.trim();
        let Some(rest) = decl.strip_prefix("--") else {
            continue;
        };
        let Some((name, value)) = rest.split_once(':') else {
            continue;
        };
        let mut value = value.trim().to_owned();
        if let Some(inner) = value
            .strip_prefix("light-dark(")
            .and_then(|v| v.strip_suffix(')'))
        {
            value = inner.split(',').next().unwrap_or("").trim().to_owned();
        }
        if !props.iter().any(|(n, _)| n == name.trim()) {
            props.push((name.trim().to_owned(), value));
        }
    }
    props
}

fn without_comments(css: &str) -> String {
    let mut out = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out
}

/// `css` with every `var(--name)` replaced by its value (resvg has no custom properties).
pub fn resolve_vars(css: &str, props: &[(String, String)]) -> String {
    let mut out = css.to_owned();
    for _ in 0..4 {
        let mut changed = false;
        for (name, value) in props {
            let var = format!("var(--{name})");
            if out.contains(&var) {
                out = out.replace(&var, value);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    out
}

/// A standalone SVG document of the first screen's map (`screen`: the renderer's HTML),
/// styled by `css` (the site's stylesheets, concatenated).
pub fn svg(screen: &str, css: &str) -> Option<String> {
    let class = screen.find("class=\"map__svg\"")?;
    let start = screen[..class].rfind("<svg")?;
    let open_end = start + screen[start..].find('>')?;
    let close = open_end + screen[open_end..].find("</svg>")?;
    let open = &screen[start..open_end];
    let view_box = open.split("viewBox=\"").nth(1)?.split('"').next()?;
    let props = custom_properties(css);
    let sea = props
        .iter()
        .find(|(n, _)| n == "map-sea")
        .map_or("#dbe8f1", |(_, v)| v.as_str());
    let style = resolve_vars(css, &props);
    // resvg has no `vector-effect: non-scaling-stroke`: the land's outlines get widths in
    // its own (scaled) units instead; and no `transparent` keyword.
    let body = &screen[open_end + 1..close];
    let k: f64 = body
        .split(" scale(")
        .nth(1)
        .and_then(|r| r.split(')').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(1.0);
    let overrides = format!(
        ".map__country{{stroke-width:{:.3}}}.map__country--member,.map__country--involved{{stroke-width:{:.3}}}.map__hit{{fill:none}}",
        0.6 / k,
        2.0 / k
    );
    Some(format!(
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="{vb}" preserveAspectRatio="xMidYMid meet">"#,
            "<style><![CDATA[{style}\n.map__prerendered--narrow{{display:none}}.map__prerendered--wide{{display:inline}}{overrides}]]></style>",
            r#"<rect x="-10000" y="-10000" width="30000" height="30000" fill="{sea}"/>"#,
            "{body}</svg>"
        ),
        w = WIDTH,
        h = HEIGHT,
        vb = view_box,
        style = style.replace("]]>", ""),
        sea = sea,
        // Leptos' markers between text nodes are HTML comments, not XML.
        body = body.replace("<!>", ""),
        overrides = overrides,
    ))
}

/// The PNG of `svg`, or why not.
pub fn png(svg: &str) -> Result<Vec<u8>, String> {
    let mut options = resvg::usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    // The site's font stack ends with `sans-serif`: the machine's own sans face.
    let sans = options
        .fontdb
        .faces()
        .map(|f| {
            f.families
                .first()
                .map(|(n, _)| n.clone())
                .unwrap_or_default()
        })
        .find(|n| ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial"].contains(&n.as_str()));
    if let Some(family) = sans {
        options.fontdb_mut().set_sans_serif_family(family.clone());
        options.font_family = family;
    }
    let tree = resvg::usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or("no pixmap")?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_properties_resolve_to_their_light_values() {
        let css = ":root { /* note */ --a: light-dark(#111, #222); --b: var(--a); } .x { fill: var(--b); }";
        let props = custom_properties(css);
        assert_eq!(props[0], ("a".into(), "#111".into()));
        assert!(resolve_vars(css, &props).contains(".x { fill: #111; }"));
    }
}
