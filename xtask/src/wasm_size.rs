//! What the wasm is made of: function bodies grouped by crate, the largest functions, and
//! the data segments, read from the release build's own name section (the file in dist/
//! has lost its names to wasm-opt). Sizes are before wasm-opt, so they give shares, not the
//! final bytes; the report scales them to the shipped file's brotli size.

use std::collections::HashMap;

/// One function body with its (demangled) name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Function {
    pub name: String,
    /// The crate that defines it (first segment of its path).
    pub defined_in: String,
    /// The crate that instantiated it, when that is another crate (generic code compiled
    /// for that crate's types: Leptos views written in this app, for instance).
    pub for_crate: Option<String>,
    pub bytes: u64,
}

/// The parts of a wasm module the report needs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Module {
    pub functions: Vec<Function>,
    pub code_bytes: u64,
    pub data_bytes: u64,
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, String> {
        let b = *self.bytes.get(self.at).ok_or("wasm: unexpected end")?;
        self.at += 1;
        Ok(b)
    }

    fn leb(&mut self) -> Result<u64, String> {
        let (mut value, mut shift) = (0u64, 0);
        loop {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
            shift += 7;
            if shift > 63 {
                return Err("wasm: LEB128 too long".to_owned());
            }
        }
    }

    fn take(&mut self, n: u64) -> Result<&'a [u8], String> {
        let end = self
            .at
            .checked_add(n as usize)
            .filter(|&e| e <= self.bytes.len())
            .ok_or("wasm: section runs past the end")?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn name(&mut self) -> Result<String, String> {
        let n = self.leb()?;
        Ok(String::from_utf8_lossy(self.take(n)?).into_owned())
    }

    fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }
}

/// Counts function imports (they take the first function indices).
fn imported_functions(section: &[u8]) -> Result<u64, String> {
    let mut r = Reader {
        bytes: section,
        at: 0,
    };
    let mut functions = 0;
    for _ in 0..r.leb()? {
        r.name()?;
        r.name()?;
        match r.byte()? {
            0 => {
                r.leb()?;
                functions += 1;
            }
            1 => {
                r.byte()?;
                limits(&mut r)?;
            }
            2 => limits(&mut r)?,
            3 => {
                r.byte()?;
                r.byte()?;
            }
            4 => {
                r.byte()?;
                r.leb()?;
            }
            other => return Err(format!("wasm: unknown import kind {other}")),
        }
    }
    Ok(functions)
}

fn limits(r: &mut Reader<'_>) -> Result<(), String> {
    let flags = r.byte()?;
    r.leb()?;
    if flags & 1 != 0 {
        r.leb()?;
    }
    Ok(())
}

/// Function names from the "name" custom section (subsection 1).
fn function_names(section: &[u8]) -> Result<HashMap<u64, String>, String> {
    let mut r = Reader {
        bytes: section,
        at: 0,
    };
    let mut names = HashMap::new();
    while !r.done() {
        let id = r.byte()?;
        let size = r.leb()?;
        let body = r.take(size)?;
        if id == 1 {
            let mut s = Reader { bytes: body, at: 0 };
            for _ in 0..s.leb()? {
                let index = s.leb()?;
                names.insert(index, s.name()?);
            }
        }
    }
    Ok(names)
}

/// The crate a Rust v0 symbol was instantiated for: the `C[s<hash>_]<len><name>` (or a
/// back-reference to one) that follows the path, at the very end of the symbol.
pub fn instantiating_crate(symbol: &str) -> Option<String> {
    let body = symbol.strip_prefix("_R")?;
    let bytes = body.as_bytes();
    // A back-reference `B<base-62>_`: the crate root is at that offset of the body.
    if body.ends_with('_') {
        if let Some(b) = body.rfind('B') {
            let digits = &body[b + 1..body.len() - 1];
            if digits.chars().all(|c| c.is_ascii_alphanumeric()) {
                let offset = if digits.is_empty() {
                    0
                } else {
                    base62(digits)? + 1
                };
                // (a reference can only point backwards)
                return crate_root_at(body, offset as usize)
                    .filter(|(_, end)| *end <= b)
                    .map(|(name, _)| name);
            }
        }
    }
    // Otherwise the crate root is spelled out: find where one starts and ends the symbol.
    (0..bytes.len())
        .rev()
        .filter(|&i| bytes[i] == b'C')
        .find_map(|i| crate_root_at(body, i).filter(|(_, end)| *end == body.len()))
        .map(|(name, _)| name)
}

fn base62(digits: &str) -> Option<u64> {
    digits.chars().try_fold(0u64, |n, c| {
        let d = c.to_digit(36)? as u64;
        let d = if c.is_ascii_uppercase() { d + 26 } else { d };
        n.checked_mul(62)?.checked_add(d)
    })
}

/// `C[s<disambiguator>_]<len><ident>` at `at`: the crate's name and where it ends.
fn crate_root_at(body: &str, at: usize) -> Option<(String, usize)> {
    let rest = body.get(at..)?.strip_prefix('C')?;
    let mut i = at + 1;
    let rest = if let Some(r) = rest.strip_prefix('s') {
        let underscore = r.find('_')?;
        i += 1 + underscore + 1;
        &r[underscore + 1..]
    } else {
        rest
    };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let len: usize = rest[..digits].parse().ok()?;
    let name = rest.get(digits..digits + len)?;
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    Some((name.to_owned(), i + digits + len))
}

/// The first path segment of a demangled name (`<a::B as c::D>::f` → `a`).
fn defining_crate(demangled: &str) -> String {
    let start = demangled.trim_start_matches(['<', '&', '*', ' ']);
    let start = start
        .strip_prefix("mut ")
        .or_else(|| start.strip_prefix("dyn "))
        .unwrap_or(start);
    let end = start
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(start.len());
    match &start[..end] {
        "" => "(other)".to_owned(),
        name => name.to_owned(),
    }
}

/// The module's sections as (id, contents).
pub fn sections(bytes: &[u8]) -> Result<Vec<(u8, &[u8])>, String> {
    if bytes.get(..4) != Some(b"\0asm") {
        return Err("not a wasm module".to_owned());
    }
    let mut r = Reader { bytes, at: 8 };
    let mut list = Vec::new();
    while !r.done() {
        let id = r.byte()?;
        let size = r.leb()?;
        list.push((id, r.take(size)?));
    }
    Ok(list)
}

/// Reads a wasm module's function bodies, their names and its data segments.
pub fn read(bytes: &[u8]) -> Result<Module, String> {
    let mut imports = 0;
    let mut bodies = Vec::new();
    let mut names = HashMap::new();
    let mut module = Module::default();
    for (id, section) in sections(bytes)? {
        let size = section.len() as u64;
        match id {
            2 => imports = imported_functions(section)?,
            10 => {
                module.code_bytes = size;
                let mut c = Reader {
                    bytes: section,
                    at: 0,
                };
                for _ in 0..c.leb()? {
                    let len = c.leb()?;
                    c.take(len)?;
                    bodies.push(len);
                }
            }
            11 => module.data_bytes = size,
            0 => {
                let mut c = Reader {
                    bytes: section,
                    at: 0,
                };
                if c.name()? == "name" {
                    names = function_names(&section[c.at..])?;
                }
            }
            _ => {}
        }
    }
    module.functions = bodies
        .into_iter()
        .enumerate()
        .map(|(i, bytes)| {
            let symbol = names
                .get(&(imports + i as u64))
                .cloned()
                .unwrap_or_else(|| format!("function[{i}]"));
            let name = format!("{:#}", rustc_demangle::demangle(&symbol));
            let defined_in = defining_crate(&name);
            let for_crate = instantiating_crate(&symbol).filter(|c| *c != defined_in);
            Function {
                name,
                defined_in,
                for_crate,
                bytes,
            }
        })
        .collect();
    Ok(module)
}

/// Bytes of code per group (defining crate, or "crate for app" for generic code the app
/// instantiated), largest first.
pub fn by_crate(module: &Module, app: &str) -> Vec<(String, u64)> {
    let mut groups: HashMap<String, u64> = HashMap::new();
    for f in &module.functions {
        let key = match &f.for_crate {
            Some(c) if c == app => format!("{} (generic, for {app})", f.defined_in),
            _ => f.defined_in.clone(),
        };
        *groups.entry(key).or_default() += f.bytes;
    }
    let mut list: Vec<(String, u64)> = groups.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list
}

/// The brotli size of one section of a module (0 when it has none).
fn section_brotli(sections: &[(u8, &[u8])], id: u8) -> u64 {
    sections
        .iter()
        .filter(|(i, _)| *i == id)
        .map(|(_, s)| crate::size::brotli_len(s))
        .sum()
}

/// The markdown "largest contributors" report: the shipped wasm split into code and data
/// (brotli), the data's known parts, then code by crate and the largest functions (shares
/// of the release build's code before wasm-opt, scaled to the shipped code's brotli size).
pub fn contributors(
    release: &[u8],
    shipped: &[u8],
    data_parts: &[(&str, u64)],
    app: &str,
) -> Result<String, String> {
    let module = read(release)?;
    let shipped_sections = sections(shipped)?;
    let code_br = section_brotli(&shipped_sections, 10);
    let data_br = section_brotli(&shipped_sections, 11);
    let kb = crate::size::kb;
    let mut out = format!(
        "### Inside the wasm\n\n| part | brotli (alone) |\n|---|---:|\n| code | {} |\n| data segments | {} |\n",
        kb(code_br),
        kb(data_br)
    );
    for (label, bytes) in data_parts {
        out.push_str(&format!("| … of which {label} | {} |\n", kb(*bytes)));
    }
    let total = module.code_bytes.max(1) as f64;
    let scaled = |bytes: u64| kb((bytes as f64 / total * code_br as f64).round() as u64);
    out.push_str(
        "\n### Code by crate\n\nShares of the code before wasm-opt (names are gone after it), \
         scaled to the shipped code's brotli size.\n\n| crate | share | ≈ brotli |\n|---|---:|---:|\n",
    );
    for (name, bytes) in by_crate(&module, app).into_iter().take(15) {
        out.push_str(&format!(
            "| {name} | {:.1} % | {} |\n",
            100.0 * bytes as f64 / total,
            scaled(bytes)
        ));
    }
    let mut largest: Vec<&Function> = module.functions.iter().collect();
    largest.sort_by(|a, b| b.bytes.cmp(&a.bytes).then_with(|| a.name.cmp(&b.name)));
    out.push_str("\n### Largest functions\n\n| function | share | ≈ brotli |\n|---|---:|---:|\n");
    for f in largest.into_iter().take(12) {
        let mut name: String = f.name.chars().take(110).collect();
        if name.len() < f.name.len() {
            name.push('…');
        }
        out.push_str(&format!(
            "| `{}` | {:.1} % | {} |\n",
            name.replace('|', "\\|").replace('`', "'"),
            100.0 * f.bytes as f64 / total,
            scaled(f.bytes)
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_instantiating_crate_spelled_out_or_referenced() {
        // <tachys ...>::build, compiled for cancer_atlas (spelled out at the end).
        let spelled = "_RNCNvXs_NtCsehLDHaDzewV_6tachys14reactive_graphNCNvCslsO52feLrH2_12cancer_atlas15___component_apps1_0NtNtB8_4view6Render5build0CsbdxLl6yscGf_12cancer_atlas";
        assert_eq!(
            instantiating_crate(spelled).as_deref(),
            Some("cancer_atlas")
        );
        // A plain function of std: no instantiating crate.
        assert_eq!(
            instantiating_crate("_RNvMCslsO52feLrH2_12cancer_atlasNtB2_6Locale7strings"),
            None
        );
        // A back-reference `B<n>_` to the crate root at offset n + 1 of the body.
        assert_eq!(
            instantiating_crate("_RINvCs1_3foo3barCs2_3bazEB2_").as_deref(),
            Some("foo")
        );
        assert_eq!(instantiating_crate("_ZN3foo3barE"), None);
    }

    #[test]
    fn names_the_defining_crate() {
        assert_eq!(
            defining_crate("<tachys::html::A as tachys::B>::f"),
            "tachys"
        );
        assert_eq!(defining_crate("<&mut serde_json::de::D>::x"), "serde_json");
        assert_eq!(defining_crate("core::ptr::drop_in_place::<x>"), "core");
        assert_eq!(defining_crate("<dyn core::any::Any>::f"), "core");
    }

    #[test]
    fn reads_a_minimal_module() {
        // magic, version; type section (one () -> ()); function section (one); code (one
        // 2-byte body); name section naming it.
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend([1, 4, 1, 0x60, 0, 0]);
        wasm.extend([3, 2, 1, 0]);
        wasm.extend([10, 4, 1, 2, 0, 0x0b]);
        let names = [1u8, 5, 1, 0, 2, b'h', b'i'];
        let mut custom = vec![4, b'n', b'a', b'm', b'e'];
        custom.extend(names);
        wasm.push(0);
        wasm.push(custom.len() as u8);
        wasm.extend(custom);
        let module = read(&wasm).unwrap();
        assert_eq!(module.functions.len(), 1);
        assert_eq!(module.functions[0].name, "hi");
        assert_eq!(module.functions[0].bytes, 2);
        assert!(read(b"nope").is_err());
    }
}
