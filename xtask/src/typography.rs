//! `cargo xtask typography`: puts the house typography (`src/typography.rs`) into the text
//! of `data/*.json`, in place. It edits the JSON string tokens of bilingual text (`"en"`,
//! `"fr"`) and of plain-string names (`"name"`, `"city"`, `"place"`, `"acronym"`,
//! `"funding"`), and nothing else, so the files keep their one-record-per-line layout and a
//! diff shows only the characters that changed. Sources' titles and quoted statements are
//! left as published.

#[allow(dead_code)]
#[path = "../../src/typography.rs"]
mod rules;

use std::path::Path;

/// Keys whose string value is visitor-facing text; `Some(true)` for French text.
fn text_key(key: &str) -> Option<bool> {
    match key {
        "fr" => Some(true),
        "en" => Some(false),
        // A name written once for both languages is read in French too.
        "name" | "city" | "place" | "acronym" | "funding" => Some(true),
        _ => None,
    }
}

/// The file's text with every visitor-facing string put right, and how many changed.
pub fn fix_json(text: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len() + 1024);
    let mut changed = 0;
    let mut last_string: Option<String> = None;
    let mut after_colon = false;
    let mut key_for_value: Option<String> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c != '"' {
            out.push(c);
            match c {
                ':' => {
                    after_colon = true;
                    key_for_value = last_string.take();
                }
                ',' | '{' | '}' | '[' | ']' => after_colon = false,
                _ => {}
            }
            continue;
        }
        // A string token: find its end (escapes are kept as they are).
        let mut end = start + 1;
        let mut escaped = false;
        for (i, d) in chars.by_ref() {
            end = i + d.len_utf8();
            if escaped {
                escaped = false;
            } else if d == '\\' {
                escaped = true;
            } else if d == '"' {
                break;
            }
        }
        let inner = &text[start + 1..end - 1];
        let french = after_colon
            .then(|| key_for_value.as_deref().and_then(text_key))
            .flatten();
        match french {
            Some(french) => {
                // Straight double quotes are escaped in JSON: fixed as text, escaped back.
                let fixed = rules::fix(&inner.replace("\\\"", "\""), french).replace('"', "\\\"");
                if fixed != inner {
                    changed += 1;
                }
                out.push('"');
                out.push_str(&fixed);
                out.push('"');
            }
            None => out.push_str(&text[start..end]),
        }
        // A string right after `:` is a value; one elsewhere may be the next key.
        if after_colon {
            after_colon = false;
            last_string = None;
        } else {
            last_string = Some(inner.to_owned());
        }
    }
    (out, changed)
}

pub fn run(root: &Path) -> Result<(), String> {
    let dir = root.join("data");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut total = 0;
    for path in files {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let (fixed, changed) = fix_json(&text);
        if changed > 0 {
            std::fs::write(&path, fixed).map_err(|e| format!("{}: {e}", path.display()))?;
            println!("{}: {changed} strings put right", path.display());
        }
        total += changed;
    }
    println!("typography: {total} strings changed");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_text_values_change() {
        let line = r#"  {"id": "x'y", "name": {"en": "Europe's plan", "fr": "Nom : l'atlas"}, "url": "https://a.org/?q='1'", "note": {"en": "a \"b\" c", "fr": "« d »"}},"#;
        let (fixed, changed) = fix_json(line);
        assert_eq!(changed, 4);
        assert_eq!(
            fixed,
            "  {\"id\": \"x'y\", \"name\": {\"en\": \"Europe’s plan\", \"fr\": \"Nom\u{202f}: l’atlas\"}, \"url\": \"https://a.org/?q='1'\", \"note\": {\"en\": \"a “b” c\", \"fr\": \"«\u{202f}d\u{202f}»\"}},"
        );
        assert_eq!(fix_json(&fixed), (fixed.clone(), 0));
    }

    #[test]
    fn a_plain_name_is_text_but_an_id_list_is_not() {
        let line =
            r#"{"name": "Institut Català d'Oncologia", "sources": ["a'b"], "city": "L'Aquila"}"#;
        let (fixed, changed) = fix_json(line);
        assert_eq!(changed, 2);
        assert!(
            fixed.contains("d’Oncologia") && fixed.contains("L’Aquila") && fixed.contains("a'b")
        );
    }
}
