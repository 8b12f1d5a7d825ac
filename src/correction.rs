//! "Report a correction": the link on every record's card that opens a report prefilled
//! with the record's id, name and current values and the view's address. Its destination
//! is set when the site is built (`ATLAS_CORRECTIONS`, read by `build.rs`): an e-mail
//! address (the link is `mailto:`) or an `https://` address that takes `title` and `body`
//! parameters, such as an issue tracker's "new issue" page. Never a form inside the page.
//! Pure.

use crate::i18n::Lang;

/// Where reports go, as the build was told (`build.rs` falls back to the address
/// docs/guide.md states, "Version, licence, citation and corrections").
pub const DESTINATION: &str = env!("ATLAS_CORRECTIONS");

/// What a report says about the record.
pub struct Report<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// Its current values, as the card shows them: (label, value).
    pub values: Vec<(String, String)>,
    /// The view's address.
    pub url: &'a str,
}

/// Percent-encoding for a URL's query or a `mailto:` header (RFC 3986 unreserved kept).
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 15) as usize] as char);
            }
        }
    }
    out
}

/// The report's subject line.
pub fn subject(r: &Report, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "Correction to the Cancer Cooperation Atlas: {} ({})",
            r.name, r.id
        ),
        Lang::Fr => format!(
            "Correction pour l’Atlas de la coopération contre le cancer\u{202f}: {} ({})",
            r.name, r.id
        ),
    }
}

/// The report's body: the record as the atlas has it, the view, and room for the reader.
pub fn body(r: &Report, lang: Lang) -> String {
    let colon = lang.colon();
    let (record, view, ask) = match lang {
        Lang::En => (
            "Record",
            "View",
            "What is wrong, and which page says otherwise (its address):",
        ),
        Lang::Fr => (
            "Fiche",
            "Vue",
            "Ce qui est inexact, et la page qui dit autre chose (son adresse)\u{202f}:",
        ),
    };
    let mut out = format!("{record}{colon}{} ({})\n", r.name, r.id);
    for (label, value) in &r.values {
        out.push_str(&format!("{label}{colon}{value}\n"));
    }
    out.push_str(&format!("{view}{colon}{}\n\n{ask}\n\n", r.url));
    out
}

/// The link: `mailto:` with subject and body, or the https destination with `title` and
/// `body` parameters.
pub fn link(destination: &str, r: &Report, lang: Lang) -> String {
    let (s, b) = (encode(&subject(r, lang)), encode(&body(r, lang)));
    if destination.starts_with("https://") {
        let join = if destination.contains('?') { '&' } else { '?' };
        format!("{destination}{join}title={s}&body={b}")
    } else {
        let to = destination.strip_prefix("mailto:").unwrap_or(destination);
        format!("mailto:{to}?subject={s}&body={b}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> Report<'static> {
        Report {
            id: "rel-crane-14",
            name: "Sciensano takes part in CraNE",
            values: vec![
                ("Dates".into(), "1 October 2022 – 30 September 2024".into()),
                ("Confidence".into(), "Partly confirmed".into()),
            ],
            url: "https://atlas.example.org/?sel=rel-crane-14&lang=en",
        }
    }

    /// Undoes `encode`, for the tests.
    fn decode(text: &str) -> String {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_mail_report_names_the_record_its_values_and_the_view() {
        let l = link("corrections@example.org", &report(), Lang::En);
        assert!(
            l.starts_with("mailto:corrections@example.org?subject="),
            "{l}"
        );
        let (_, query) = l.split_once('?').unwrap();
        let (subject, body) = query.split_once("&body=").unwrap();
        let subject = decode(subject.strip_prefix("subject=").unwrap());
        let body = decode(body);
        assert!(subject.contains("rel-crane-14") && subject.contains("Sciensano takes part"));
        assert!(body.contains("Record: Sciensano takes part in CraNE (rel-crane-14)\n"));
        assert!(body.contains("Confidence: Partly confirmed\n"));
        assert!(body.contains("View: https://atlas.example.org/?sel=rel-crane-14&lang=en\n"));
        // Nothing in the link itself can break out of it.
        assert!(!l.contains(' ') && !l.contains('\n') && l.matches('&').count() == 1);
    }

    #[test]
    fn an_https_destination_gets_title_and_body_parameters() {
        let l = link(
            "https://example.org/issues/new?labels=data",
            &report(),
            Lang::Fr,
        );
        assert!(l.starts_with("https://example.org/issues/new?labels=data&title=Correction"));
        assert!(decode(&l).contains("Fiche\u{202f}: Sciensano takes part in CraNE (rel-crane-14)"));
    }

    #[test]
    fn the_build_sets_a_destination() {
        assert!(!DESTINATION.is_empty());
    }
}
