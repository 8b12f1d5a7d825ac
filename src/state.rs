//! The view state a visitor would want to share, and its URL query: the only module that
//! knows the URL keys. Parsing is total: unknown keys and malformed values are dropped and
//! reported, never a panic. Pure: no leptos, no web-sys.

use crate::i18n::Lang;
use crate::model::{Day, PartialDate};

/// Everything the URL carries. `None` means "the default" (browser language, today...).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UrlState {
    pub lang: Option<Lang>,
    /// The selected record's id.
    pub selection: Option<String>,
    pub as_of: Option<Day>,
    pub search: Option<String>,
    /// Map centre (map units, rounded to 0.1) and zoom (rounded to 0.01).
    pub map: Option<(f64, f64, f64)>,
}

/// What could not be read from a URL, for a discreet notice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ignored {
    UnknownKey(String),
    BadValue { key: String, value: String },
}

/// Percent-encodes a query value (RFC 3986 unreserved characters stay as they are).
pub fn encode(value: &str) -> String {
    let mut out = String::new();
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` and `+`; None for malformed escapes or invalid UTF-8.
pub fn decode(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = value.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

fn is_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 100 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// A number written with at most `decimals` decimals, from its integer multiple.
fn fixed(value: f64, decimals: u32) -> String {
    let scale = 10i64.pow(decimals);
    let n = (value * scale as f64).round() as i64;
    let sign = if n < 0 { "-" } else { "" };
    let (whole, frac) = (
        n.unsigned_abs() / scale as u64,
        n.unsigned_abs() % scale as u64,
    );
    if frac == 0 {
        format!("{sign}{whole}")
    } else {
        let digits = format!("{frac:0width$}", width = decimals as usize);
        format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
    }
}

fn round_to(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

impl UrlState {
    /// The query string, without the leading `?`; keys in a fixed order.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(lang) = self.lang {
            parts.push(format!("lang={}", lang.tag()));
        }
        if let Some(id) = &self.selection {
            parts.push(format!("sel={}", encode(id)));
        }
        if let Some(day) = self.as_of {
            parts.push(format!("date={}", PartialDate::from_day(day).iso()));
        }
        if let Some(q) = &self.search {
            parts.push(format!("q={}", encode(q)));
        }
        if let Some((x, y, z)) = self.map {
            parts.push(format!(
                "map={},{},{}",
                fixed(x, 1),
                fixed(y, 1),
                fixed(z, 2)
            ));
        }
        parts.join("&")
    }

    /// Reads a query string (with or without `?`). Keeps what it understands.
    pub fn from_query(query: &str) -> (UrlState, Vec<Ignored>) {
        let mut state = UrlState::default();
        let mut ignored = Vec::new();
        for pair in query
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty())
        {
            let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
            let bad = |ignored: &mut Vec<Ignored>| {
                ignored.push(Ignored::BadValue {
                    key: key.to_owned(),
                    value: raw.chars().take(60).collect(),
                })
            };
            let Some(value) = decode(raw) else {
                bad(&mut ignored);
                continue;
            };
            match key {
                "lang" => match Lang::from_tag(&value).filter(|l| l.tag() == value) {
                    Some(l) => state.lang = Some(l),
                    None => bad(&mut ignored),
                },
                "sel" if is_id(&value) => state.selection = Some(value),
                "date" => match PartialDate::parse(&value) {
                    Ok(d) if !d.uncertain => state.as_of = Some(d.first_day()),
                    _ => bad(&mut ignored),
                },
                "q" if !value.trim().is_empty() && value.chars().count() <= 200 => {
                    state.search = Some(value)
                }
                "map" => {
                    let nums: Vec<f64> = value
                        .split(',')
                        .filter_map(|n| n.parse().ok())
                        .filter(|n: &f64| n.is_finite())
                        .collect();
                    match nums.as_slice() {
                        [x, y, z]
                            if (1.0..=64.0).contains(z)
                                && x.abs() <= 1000.0
                                && y.abs() <= 1000.0 =>
                        {
                            state.map = Some((round_to(*x, 1), round_to(*y, 1), round_to(*z, 2)))
                        }
                        _ => bad(&mut ignored),
                    }
                }
                "sel" | "q" => bad(&mut ignored),
                _ => ignored.push(Ignored::UnknownKey(key.chars().take(40).collect())),
            }
        }
        (state, ignored)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing::Lcg;

    fn text(rng: &mut Lcg, alphabet: &[char], max: u64) -> String {
        (0..rng.below(max) + 1)
            .map(|_| alphabet[rng.below(alphabet.len() as u64) as usize])
            .collect()
    }

    fn random_state(rng: &mut Lcg) -> UrlState {
        let id_chars: Vec<char> = "abcdefghijklmnopqrstuvwxyz0123456789-".chars().collect();
        let any_chars: Vec<char> = "aéà &=?%+#/ç\u{202f}Œ😀x\"'<>".chars().collect();
        UrlState {
            lang: [None, Some(Lang::En), Some(Lang::Fr)][rng.below(3) as usize],
            selection: (rng.below(2) == 0).then(|| text(rng, &id_chars, 30)),
            as_of: (rng.below(2) == 0).then(|| {
                crate::model::date::day_number(1000 + rng.below(1999) as i32, 1, 1)
                    + rng.below(365) as i32
            }),
            search: (rng.below(2) == 0)
                .then(|| text(rng, &any_chars, 20))
                .filter(|s| !s.trim().is_empty()),
            map: (rng.below(2) == 0).then(|| {
                // States as the app keeps them: already at the URL's precision.
                let x = round_to((rng.below(5000) as f64 - 2500.0) / 10.0, 1);
                let y = round_to((rng.below(2600) as f64 - 1300.0) / 10.0, 1);
                let z = round_to(1.0 + rng.below(6300) as f64 / 100.0, 2);
                (x, y, z)
            }),
        }
    }

    #[test]
    fn any_state_survives_a_round_trip_through_the_url() {
        let mut rng = Lcg(2026);
        for case in 0..10_000 {
            let state = random_state(&mut rng);
            let query = state.to_query();
            let (back, ignored) = UrlState::from_query(&query);
            assert_eq!(back, state, "case {case}: {query}");
            assert!(ignored.is_empty(), "case {case}: {query}: {ignored:?}");
        }
    }

    #[test]
    fn garbage_never_panics_and_is_reported() {
        let mut rng = Lcg(9);
        let chars: Vec<char> = "ab=&%?+1-.,é😀 zZ9lselqdatemap".chars().collect();
        for _ in 0..10_000 {
            let _ = UrlState::from_query(&text(&mut rng, &chars, 60));
        }
        let (state, ignored) =
            UrlState::from_query("?lang=de&sel=<b>&date=2023-13-01&map=1,2&zoom=3&q=%ZZ&q2");
        assert_eq!(state, UrlState::default());
        assert_eq!(ignored.len(), 7, "{ignored:?}");
    }

    #[test]
    fn reads_a_shared_link() {
        let (state, ignored) =
            UrlState::from_query("?lang=fr&sel=crane&date=2023-05-09&q=l%C3%A9on+b%C3%A9rard");
        assert!(ignored.is_empty());
        assert_eq!(state.lang, Some(Lang::Fr));
        assert_eq!(state.selection.as_deref(), Some("crane"));
        assert_eq!(state.as_of, Some(PartialDate::day(2023, 5, 9).first_day()));
        assert_eq!(state.search.as_deref(), Some("léon bérard"));
    }
}
