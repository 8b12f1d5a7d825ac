//! The view state a visitor would want to share, and its URL query: the only module that
//! knows the URL keys. Parsing is total: unknown keys and malformed values are dropped and
//! reported, never a panic. Pure: no leptos, no web-sys.

use crate::filter::Facets;
use crate::i18n::Lang;
use crate::model::{Day, OrgKind, PartialDate, RelationKind};
use crate::table::{Sort, Tab};
use std::collections::BTreeSet;

/// What the main region shows: the map, the network of who works with whom, or the table
/// (the accessible alternative to both).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Map,
    Network,
    Table,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Map, Mode::Network, Mode::Table];

    /// The URL's `view=` value.
    pub fn key(self) -> &'static str {
        match self {
            Mode::Map => "map",
            Mode::Network => "network",
            Mode::Table => "table",
        }
    }
}

/// How the network view places its nodes: by who works with whom (the default), or grouped
/// by country, the "across borders" reading.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Arrange {
    #[default]
    Links,
    Countries,
}

/// Everything the URL carries. `None` means "the default" (browser language, today...).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UrlState {
    /// Where to load another dataset of the same schema from, instead of the embedded one
    /// (an `https://` address, or a path on this site).
    pub data: Option<String>,
    pub lang: Option<Lang>,
    /// The selected record's id.
    pub selection: Option<String>,
    pub as_of: Option<Day>,
    pub search: Option<String>,
    /// Map centre (map units, rounded to 0.1) and zoom (rounded to 0.01).
    pub map: Option<(f64, f64, f64)>,
    pub facets: Facets,
    pub mode: Mode,
    /// The network view's arrangement (kept whatever the view, as the table's tab is).
    pub arrange: Arrange,
    pub tab: Tab,
    pub sort: Option<Sort>,
}

/// What could not be read from a URL, for a discreet notice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ignored {
    UnknownKey(String),
    BadValue { key: String, value: String },
}

impl Ignored {
    /// How the notice names it: `zoom`, `lang=de`.
    pub fn describe(&self) -> String {
        match self {
            Ignored::UnknownKey(key) => key.clone(),
            Ignored::BadValue { key, value } => format!("{key}={value}"),
        }
    }
}

/// Percent-encodes a query value (RFC 3986 unreserved characters, and the colon of a
/// country key, stay as they are).
pub fn encode(value: &str) -> String {
    let mut out = String::new();
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~:".contains(&b) {
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

/// A dataset address the atlas may fetch: `https://…` or a path on this site (`/…`, not
/// `//…`), at most 2 000 characters, no spaces or control characters. Plain `http://` is
/// refused: the site is served over HTTPS, and its CSP allows only `https:` connections.
pub fn is_dataset_address(s: &str) -> bool {
    let path = s.starts_with('/') && !s.starts_with("//");
    let https = s.len() > "https://".len() && s[..8].eq_ignore_ascii_case("https://");
    (path || https) && s.len() <= 2000 && !s.chars().any(|c| c.is_whitespace() || c.is_control())
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

/// A comma-separated list of ids (programmes, country codes); None if any is malformed.
fn id_list(value: &str) -> Option<BTreeSet<String>> {
    value
        .split(',')
        .map(|id| is_id(id).then(|| id.to_owned()))
        .collect()
}

/// A comma-separated list of known keys; None if any is unknown.
fn key_list<T: Copy + Ord>(
    value: &str,
    all: &[T],
    key: fn(&T) -> &'static str,
) -> Option<BTreeSet<T>> {
    value
        .split(',')
        .map(|k| all.iter().find(|x| key(x) == k).copied())
        .collect()
}

impl UrlState {
    /// The query string, without the leading `?`; keys in a fixed order.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        // First: every other key refers to the records of this dataset.
        if let Some(data) = &self.data {
            parts.push(format!("data={}", encode(data)));
        }
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
        let list = |parts: &mut Vec<String>, key: &str, values: Vec<&str>| {
            if !values.is_empty() {
                let encoded: Vec<String> = values.into_iter().map(encode).collect();
                parts.push(format!("{key}={}", encoded.join(",")));
            }
        };
        let f = &self.facets;
        list(
            &mut parts,
            "prog",
            f.programmes.iter().map(String::as_str).collect(),
        );
        list(
            &mut parts,
            "kind",
            f.kinds.iter().map(|k| k.key()).collect(),
        );
        list(
            &mut parts,
            "country",
            f.countries.iter().map(String::as_str).collect(),
        );
        list(
            &mut parts,
            "rel",
            f.relation_kinds.iter().map(|k| k.key()).collect(),
        );
        if self.mode != Mode::Map {
            parts.push(format!("view={}", self.mode.key()));
        }
        if self.arrange == Arrange::Countries {
            parts.push("arrange=country".to_owned());
        }
        if self.tab != Tab::default() {
            parts.push(format!("tab={}", self.tab.key()));
        }
        if let Some(sort) = &self.sort {
            parts.push(format!("sort={}", sort.key()));
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

    /// Drops what this dataset does not hold (a selection, programme or country it does
    /// not know), reporting each as ignored.
    pub fn restrict_to(&mut self, data: &crate::model::Dataset) -> Vec<Ignored> {
        let mut ignored = Vec::new();
        let bad = |key: &str, value: &str| Ignored::BadValue {
            key: key.to_owned(),
            value: value.to_owned(),
        };
        if let Some(id) = &self.selection {
            let known = data.organisations.iter().any(|o| &o.id == id)
                || data.projects.iter().any(|p| &p.id == id)
                || data.programmes.iter().any(|p| &p.id == id)
                || data.relations.iter().any(|r| &r.id == id)
                || data.events.iter().any(|e| &e.id == id)
                || crate::countries::code_of(id)
                    .is_some_and(|code| data.countries.iter().any(|c| c.code == code));
            if !known {
                ignored.push(bad("sel", id));
                self.selection = None;
            }
        }
        let f = &mut self.facets;
        f.programmes.retain(|p| {
            let ok = data.programmes.iter().any(|x| &x.id == p);
            if !ok {
                ignored.push(bad("prog", p));
            }
            ok
        });
        f.countries.retain(|c| {
            let ok = data.organisations.iter().any(|o| &o.country == c);
            if !ok {
                ignored.push(bad("country", c));
            }
            ok
        });
        ignored
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
                "data" if is_dataset_address(&value) => state.data = Some(value),
                "sel" if is_id(&value) || crate::countries::code_of(&value).is_some_and(is_id) => {
                    state.selection = Some(value)
                }
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
                "prog" | "country" => match id_list(&value) {
                    Some(ids) if key == "prog" => state.facets.programmes = ids,
                    Some(ids) => state.facets.countries = ids,
                    None => bad(&mut ignored),
                },
                "kind" => match key_list(&value, &OrgKind::ALL, |k| k.key()) {
                    Some(kinds) => state.facets.kinds = kinds,
                    None => bad(&mut ignored),
                },
                "rel" => match key_list(&value, &RelationKind::ALL, |k| k.key()) {
                    Some(kinds) => state.facets.relation_kinds = kinds,
                    None => bad(&mut ignored),
                },
                "view" => match Mode::ALL.into_iter().find(|m| m.key() == value) {
                    Some(mode) => state.mode = mode,
                    None => bad(&mut ignored),
                },
                "arrange" => match value.as_str() {
                    "links" => state.arrange = Arrange::Links,
                    "country" => state.arrange = Arrange::Countries,
                    _ => bad(&mut ignored),
                },
                "tab" => match Tab::from_key(&value) {
                    Some(tab) => state.tab = tab,
                    None => bad(&mut ignored),
                },
                "sort" => match Sort::parse(&value) {
                    Some(sort) => state.sort = Some(sort),
                    None => bad(&mut ignored),
                },
                "data" | "sel" | "q" => bad(&mut ignored),
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
            data: [
                None,
                Some("https://example.org/atlas-data.json?v=1&x=é".to_owned()),
                Some("/custom/atlas.json".to_owned()),
            ][rng.below(3) as usize]
                .clone(),
            lang: [None, Some(Lang::En), Some(Lang::Fr)][rng.below(3) as usize],
            selection: (rng.below(2) == 0).then(|| text(rng, &id_chars, 30)),
            as_of: (rng.below(2) == 0).then(|| {
                crate::model::date::day_number(1000 + rng.below(1999) as i32, 1, 1)
                    + rng.below(365) as i32
            }),
            search: (rng.below(2) == 0)
                .then(|| text(rng, &any_chars, 20))
                .filter(|s| !s.trim().is_empty()),
            facets: {
                let mut f = crate::filter::Facets::default();
                for _ in 0..rng.below(3) {
                    f.programmes.insert(text(rng, &id_chars, 12));
                    f.countries.insert(text(rng, &id_chars, 3));
                    f.kinds.insert(OrgKind::ALL[rng.below(7) as usize]);
                    f.relation_kinds.insert(
                        RelationKind::ALL[rng.below(RelationKind::ALL.len() as u64) as usize],
                    );
                }
                f
            },
            mode: Mode::ALL[rng.below(3) as usize],
            arrange: [Arrange::Links, Arrange::Countries][rng.below(2) as usize],
            tab: Tab::ALL[rng.below(Tab::ALL.len() as u64) as usize],
            sort: (rng.below(2) == 0).then(|| {
                let tab = Tab::ALL[rng.below(Tab::ALL.len() as u64) as usize];
                let cols = tab.columns();
                Sort {
                    column: cols[rng.below(cols.len() as u64) as usize].0.to_owned(),
                    descending: rng.below(2) == 0,
                }
            }),
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
    fn only_https_or_same_site_dataset_addresses_are_taken() {
        for ok in [
            "https://example.org/atlas.json",
            "HTTPS://example.org/a.json?v=2",
            "/custom/atlas.json",
        ] {
            assert!(is_dataset_address(ok), "{ok}");
            let (state, ignored) = UrlState::from_query(&format!("data={}", encode(ok)));
            assert_eq!(state.data.as_deref(), Some(ok));
            assert!(ignored.is_empty());
        }
        let long = format!("https://example.org/{}", "a".repeat(2000));
        for bad in [
            "http://example.org/atlas.json",
            "//evil.example/atlas.json",
            "javascript:alert(1)",
            "data:application/json,{}",
            "https://",
            "https://example.org/a b.json",
            "atlas.json",
            "",
            long.as_str(),
        ] {
            assert!(!is_dataset_address(bad), "{bad}");
            let (state, ignored) = UrlState::from_query(&format!("data={}", encode(bad)));
            assert_eq!(state.data, None, "{bad}");
            assert_eq!(ignored.len(), 1, "{bad}");
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
        let (state, ignored) = UrlState::from_query(
            "kind=cancer-centre,spaceship&rel=member-of&view=globe&tab=people&sort=-height&prog=a b",
        );
        assert_eq!(
            state.facets.relation_kinds.len(),
            1,
            "the good parameter stays"
        );
        assert!(
            state.facets.kinds.is_empty(),
            "a list with an unknown value is dropped whole"
        );
        assert_eq!(ignored.len(), 5, "{ignored:?}");
    }

    #[test]
    fn what_the_dataset_does_not_hold_is_dropped_and_reported() {
        let data = crate::data::embedded().unwrap();
        let (mut state, _) =
            UrlState::from_query("sel=atlantis&prog=prog-g7,prog-mars&country=FR,XX");
        let ignored = state.restrict_to(&data);
        assert_eq!(state.selection, None);
        assert_eq!(state.facets.programmes.len(), 1);
        assert_eq!(state.facets.countries.len(), 1);
        let described: Vec<String> = ignored.iter().map(Ignored::describe).collect();
        assert_eq!(described, ["sel=atlantis", "prog=prog-mars", "country=XX"]);
        let (mut ok, _) = UrlState::from_query("sel=prog-g7");
        assert!(
            ok.restrict_to(&data).is_empty(),
            "programmes can be selected"
        );
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
        let (state, _) =
            UrlState::from_query("prog=prog-g7,prog-eu&kind=cancer-centre&country=FR&view=table&tab=relations&sort=-start");
        assert_eq!(state.facets.programmes.len(), 2);
        assert!(state.facets.kinds.contains(&OrgKind::CancerCentre));
        assert!(state.facets.countries.contains("FR"));
        assert_eq!((state.mode, state.tab), (Mode::Table, Tab::Relations));
        assert_eq!(state.sort.map(|s| s.key()), Some("-start".to_owned()));
    }
}
