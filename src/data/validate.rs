//! Raw data → validated [`Dataset`], listing every problem at once with its file, record
//! and field. Never panics, whatever the input.

use super::raw::*;
use crate::i18n::Lang;
use crate::model::*;
use std::collections::BTreeMap;
use std::fmt;

/// One problem in the data, located as precisely as possible.
#[derive(Clone, Debug, PartialEq)]
pub struct DataError {
    /// The file (or URL) the record came from.
    pub file: String,
    /// The record's id, or its position when it has none.
    pub record: Option<String>,
    pub field: Option<String>,
    pub problem: Problem,
}

/// What is wrong.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The file is not valid JSON, or a value has the wrong type.
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    DuplicateId {
        first_in: String,
    },
    BadId,
    UnknownReference {
        id: String,
        expected: &'static str,
    },
    CoordinateOutOfRange {
        value: f64,
        min: f64,
        max: f64,
    },
    EndBeforeStart {
        start: String,
        end: String,
    },
    MissingSource,
    MissingText {
        lang: Lang,
    },
    BadDate {
        value: String,
        reason: String,
    },
    UnknownValue {
        value: String,
        allowed: Vec<&'static str>,
    },
    BadUrl {
        value: String,
    },
    /// The same organisation (name and city) under a second id.
    DuplicateOrganisation {
        first: String,
    },
    /// A position outside the box around its stated country's outline.
    OutsideCountry {
        lat: f64,
        lon: f64,
        country: String,
    },
    Empty,
    /// The dataset built into the app could not be read back (`data::binary`).
    Unreadable,
    /// Text that breaks the house typography (`crate::typography`): the atlas's own data
    /// only, not a dataset a visitor opens.
    Typography {
        lang: Lang,
        what: &'static str,
        near: String,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Json {
                line,
                column,
                message,
            } => {
                write!(f, "invalid JSON at line {line}, column {column}: {message}")
            }
            Problem::DuplicateId { first_in } => {
                write!(f, "duplicate id (first used in {first_in})")
            }
            Problem::BadId => f.write_str("ids use lowercase letters, digits and hyphens only"),
            Problem::UnknownReference { id, expected } => {
                write!(
                    f,
                    "unknown reference `{id}` (expected the id of {expected})"
                )
            }
            Problem::CoordinateOutOfRange { value, min, max } => {
                write!(
                    f,
                    "{} is outside {}..{}",
                    decimal(*value),
                    decimal(*min),
                    decimal(*max)
                )
            }
            Problem::EndBeforeStart { start, end } => {
                write!(f, "ends ({end}) before it starts ({start})")
            }
            Problem::MissingSource => f.write_str("no source: every record needs at least one"),
            Problem::MissingText { lang } => {
                write!(f, "missing {} text", lang.tag().to_uppercase())
            }
            Problem::BadDate { value, reason } => write!(f, "bad date `{value}`: {reason}"),
            Problem::UnknownValue { value, allowed } => {
                write!(
                    f,
                    "unknown value `{value}` (allowed: {})",
                    allowed.join(", ")
                )
            }
            Problem::BadUrl { value } => write!(f, "`{value}` is not an http(s) address"),
            Problem::DuplicateOrganisation { first } => write!(
                f,
                "the same name and city as `{first}`: one organisation needs one id"
            ),
            Problem::OutsideCountry { lat, lon, country } => write!(
                f,
                "{}, {} is outside {country} (more than {} map units beyond the box around its outline)",
                decimal(*lat),
                decimal(*lon),
                COUNTRY_BOX_MARGIN as u32
            ),
            Problem::Empty => f.write_str("must not be empty"),
            Problem::Unreadable => f.write_str("could not be read back from the build"),
            Problem::Typography { lang, what, near } => write!(
                f,
                "{} text has {what} in “{near}” (`cargo xtask typography` puts it right)",
                lang.tag().to_uppercase()
            ),
        }
    }
}

/// A coordinate written with up to 6 decimals, using integer formatting only (float
/// formatting would add kilobytes of wasm for these rare messages).
fn decimal(v: f64) -> String {
    if !v.is_finite() {
        return "not a number".to_owned();
    }
    let micro = (v * 1e6).round().clamp(-1e15, 1e15) as i64;
    let sign = if micro < 0 { "-" } else { "" };
    let (whole, frac) = (
        micro.unsigned_abs() / 1_000_000,
        micro.unsigned_abs() % 1_000_000,
    );
    if frac == 0 {
        format!("{sign}{whole}")
    } else {
        let digits = format!("{frac:06}");
        format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(record) = &self.record {
            write!(f, " › {record}")?;
        }
        if let Some(field) = &self.field {
            write!(f, " › {field}")?;
        }
        write!(f, ": {}", self.problem)
    }
}

/// Where each section of a dataset was read from, for error messages.
pub trait Origin {
    fn file(&self, section: &str) -> String;
    /// Whether text must follow the house typography (`crate::typography`): true for the
    /// atlas's own files, false for a dataset a visitor opens, which is shown as published.
    fn house_style(&self) -> bool {
        false
    }
}

/// What kind of record an id names, for reference checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Source,
    Country,
    Organisation,
    Programme,
    Project,
    Relation,
    Event,
    Figure,
    Conflict,
}

/// Which kinds a reference may point to, and how to say so.
struct Expect(&'static [Kind], &'static str);

const ORGANISATION: Expect = Expect(&[Kind::Organisation], "an organisation");
const PROGRAMME: Expect = Expect(&[Kind::Programme], "a programme");
const ACTOR: Expect = Expect(
    &[Kind::Organisation, Kind::Project],
    "an organisation or project",
);
const SUBJECT: Expect = Expect(
    &[Kind::Organisation, Kind::Project, Kind::Programme],
    "an organisation, project or programme",
);
const ANY_RECORD: Expect = Expect(
    &[
        Kind::Organisation,
        Kind::Project,
        Kind::Programme,
        Kind::Relation,
        Kind::Event,
        Kind::Figure,
    ],
    "an organisation, project, programme, relation, event or figure",
);

struct Checker<'a> {
    origin: &'a dyn Origin,
    errors: Vec<DataError>,
    /// id → (kind, file it was first defined in)
    ids: BTreeMap<String, (Kind, String)>,
    /// Current location.
    file: String,
    record: Option<String>,
}

impl<'a> Checker<'a> {
    fn at(&mut self, section: &str, record: String) {
        self.file = self.origin.file(section);
        self.record = Some(record);
    }

    fn report(&mut self, field: &str, problem: Problem) {
        self.errors.push(DataError {
            file: self.file.clone(),
            record: self.record.clone(),
            field: (!field.is_empty()).then(|| field.to_owned()),
            problem,
        });
    }

    /// Registers a record's id (first pass).
    fn define(&mut self, section: &str, index: usize, id: &str, kind: Kind) {
        self.at(section, record_name(id, index));
        // Country codes are checked as ISO codes in pass 2.
        let well_formed = !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if kind != Kind::Country && !well_formed {
            self.report("id", Problem::BadId);
        }
        let file = self.file.clone();
        if let Some((_, first_in)) = self.ids.get(id) {
            let first_in = first_in.clone();
            self.report("id", Problem::DuplicateId { first_in });
        } else {
            self.ids.insert(id.to_owned(), (kind, file));
        }
    }

    fn reference(&mut self, field: &str, id: &str, expect: &Expect) {
        let ok = self
            .ids
            .get(id)
            .is_some_and(|(kind, _)| expect.0.contains(kind));
        if !ok {
            self.report(
                field,
                Problem::UnknownReference {
                    id: id.to_owned(),
                    expected: expect.1,
                },
            );
        }
    }

    fn references(&mut self, field: &str, ids: &[String], expect: &Expect) {
        for (i, id) in ids.iter().enumerate() {
            self.reference(&format!("{field}[{i}]"), id, expect);
        }
    }

    fn text(&mut self, field: &str, raw: &RawText) -> Text {
        let mut side = |value: &Option<String>, lang: Lang| match value.as_deref().map(str::trim) {
            Some(v) if !v.is_empty() => v.to_owned(),
            _ => {
                self.report(field, Problem::MissingText { lang });
                String::new()
            }
        };
        let en = side(&raw.en, Lang::En);
        let fr = side(&raw.fr, Lang::Fr);
        self.typography(field, &en, Lang::En);
        self.typography(field, &fr, Lang::Fr);
        Text { en, fr }
    }

    /// Reports text that breaks the house typography, in the atlas's own files. Checked
    /// where those files are (the build script and native tests), so the app's wasm does
    /// not carry it.
    #[cfg(not(target_arch = "wasm32"))]
    fn typography(&mut self, field: &str, text: &str, lang: Lang) {
        if !self.origin.house_style() {
            return;
        }
        if let Some(fault) = crate::typography::fault(text, lang == Lang::Fr) {
            let start = text.floor_char_boundary(fault.at.saturating_sub(24));
            let end = text.ceil_char_boundary((fault.at + 24).min(text.len()));
            let near = text[start..end].to_owned();
            self.report(
                field,
                Problem::Typography {
                    lang,
                    what: fault.what,
                    near,
                },
            );
        }
    }

    #[cfg(target_arch = "wasm32")]
    fn typography(&mut self, _field: &str, _text: &str, _lang: Lang) {}

    fn name(&mut self, field: &str, raw: &RawName) -> Text {
        match raw {
            RawName::Same(s) if !s.trim().is_empty() => {
                self.typography(field, s.trim(), Lang::Fr);
                Text::new(s.trim(), s.trim())
            }
            RawName::Same(_) => {
                self.report(field, Problem::Empty);
                Text::default()
            }
            RawName::Each(t) => self.text(field, t),
        }
    }

    fn date(&mut self, field: &str, raw: Option<&String>) -> Option<PartialDate> {
        let value = raw?;
        match PartialDate::parse(value) {
            Ok(d) => Some(d),
            Err(e) => {
                self.report(
                    field,
                    Problem::BadDate {
                        value: value.clone(),
                        reason: e.to_string(),
                    },
                );
                None
            }
        }
    }

    fn span(&mut self, start: Option<&String>, end: Option<&String>, end_field: &str) -> Span {
        let span = Span::new(self.date("start", start), self.date(end_field, end));
        if span.ends_before_it_starts() {
            if let (Some(s), Some(e)) = (span.start, span.end) {
                self.report(
                    end_field,
                    Problem::EndBeforeStart {
                        start: s.iso(),
                        end: e.iso(),
                    },
                );
            }
        }
        span
    }

    fn choice<T: Copy>(
        &mut self,
        field: &str,
        value: &str,
        all: &[T],
        key: fn(T) -> &'static str,
    ) -> Option<T> {
        let found = all.iter().copied().find(|&t| key(t) == value);
        if found.is_none() {
            self.report(
                field,
                Problem::UnknownValue {
                    value: value.to_owned(),
                    allowed: all.iter().map(|&t| key(t)).collect(),
                },
            );
        }
        found
    }

    fn provenance(
        &mut self,
        confidence: &str,
        sources: &[String],
        note: Option<&RawText>,
    ) -> Provenance {
        let confidence = self
            .choice("confidence", confidence, &Confidence::ALL, Confidence::key)
            .unwrap_or(Confidence::Unconfirmed);
        if sources.is_empty() {
            self.report("sources", Problem::MissingSource);
        }
        self.references("sources", sources, &Expect(&[Kind::Source], "a source"));
        let note = note.map(|n| self.text("note", n));
        Provenance {
            confidence,
            sources: sources.to_vec(),
            note,
        }
    }

    fn url(&mut self, field: &str, value: Option<&String>) -> Option<String> {
        let value = value?;
        if (value.starts_with("https://") || value.starts_with("http://"))
            && !value.contains(char::is_whitespace)
        {
            Some(value.clone())
        } else {
            self.report(
                field,
                Problem::BadUrl {
                    value: value.clone(),
                },
            );
            None
        }
    }

    fn coordinate(&mut self, field: &str, value: f64, limit: f64) {
        if !value.is_finite() || value.abs() > limit {
            self.report(
                field,
                Problem::CoordinateOutOfRange {
                    value,
                    min: -limit,
                    max: limit,
                },
            );
        }
    }

    fn non_empty(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.report(field, Problem::Empty);
        }
    }
}

/// `id` when there is one, else the record's position.
fn record_name(id: &str, index: usize) -> String {
    if id.trim().is_empty() {
        format!("#{}", index + 1)
    } else {
        id.to_owned()
    }
}

/// One organisation entered twice under two ids: the same name (in either language, accents,
/// case and punctuation aside) in the same city.
fn duplicate_organisations(c: &mut Checker<'_>, orgs: &[Organisation]) {
    let key = |name: &str, city: &str| {
        (
            crate::filter::normalize(name),
            crate::filter::normalize(city),
        )
    };
    let mut seen: BTreeMap<(String, String), &str> = BTreeMap::new();
    for org in orgs {
        let mut first = None;
        for lang in [Lang::En, Lang::Fr] {
            let k = key(org.name.get(lang), org.city.get(lang));
            match seen.get(&k) {
                Some(id) if *id != org.id => first = first.or(Some(*id)),
                Some(_) => {}
                None => {
                    seen.insert(k, &org.id);
                }
            }
        }
        if let Some(first) = first {
            c.at("organisations", org.id.clone());
            c.report(
                "name",
                Problem::DuplicateOrganisation {
                    first: first.to_owned(),
                },
            );
        }
    }
}

/// How far (map units, about 64 km each) a position may lie beyond the box around its
/// country's outline: a coarse check that catches swapped or mistyped coordinates and a
/// wrong country, not a border dispute.
const COUNTRY_BOX_MARGIN: f64 = 2.0;

/// Islands too small for the map file (dropped when it was simplified) that belong to a
/// country the atlas maps: (country, south, north, west, east), in degrees.
const OUTLYING: [(&str, f64, f64, f64, f64); 3] = [
    ("PT", 36.5, 40.0, -31.5, -24.5), // Azores
    ("PT", 32.3, 33.2, -17.5, -16.2), // Madeira
    ("ES", 27.5, 29.5, -18.3, -13.3), // Canary Islands
];

/// Every organisation lies near its stated country: inside the box around the country's
/// outline on the map, widened by [`COUNTRY_BOX_MARGIN`]. A country without an outline in the
/// embedded world file is not checked.
fn outside_country(c: &mut Checker<'_>, countries: &[Country], orgs: &[Organisation]) {
    let world = crate::geo::world::countries();
    let mut boxes: BTreeMap<&str, Option<(f64, f64, f64, f64)>> = BTreeMap::new();
    for org in orgs {
        if !(org.lat.is_finite()
            && org.lon.is_finite()
            && org.lat.abs() <= 90.0
            && org.lon.abs() <= 180.0)
        {
            continue;
        }
        let Some(country) = countries.iter().find(|k| k.code == org.country) else {
            continue;
        };
        let outlying = OUTLYING.iter().any(|&(code, s, n, w, e)| {
            code == org.country && (s..=n).contains(&org.lat) && (w..=e).contains(&org.lon)
        });
        if outlying {
            continue;
        }
        let bounds = *boxes.entry(country.iso3.as_str()).or_insert_with(|| {
            world
                .iter()
                .find(|shape| shape.iso3 == country.iso3)
                .and_then(|shape| crate::geo::world::bounds(shape.path))
        });
        let Some((x0, y0, x1, y1)) = bounds else {
            continue;
        };
        let p = crate::geo::to_map(org.lon, org.lat);
        let m = COUNTRY_BOX_MARGIN;
        if p.x < x0 - m || p.x > x1 + m || p.y < y0 - m || p.y > y1 + m {
            c.at("organisations", org.id.clone());
            c.report(
                "lat",
                Problem::OutsideCountry {
                    lat: org.lat,
                    lon: org.lon,
                    country: org.country.clone(),
                },
            );
        }
    }
}

/// Validates a raw dataset. All problems are reported together.
pub fn validate(raw: &RawDataset, origin: &dyn Origin) -> Result<Dataset, Vec<DataError>> {
    let mut c = Checker {
        origin,
        errors: Vec::new(),
        ids: BTreeMap::new(),
        file: String::new(),
        record: None,
    };

    // Pass 1: every id, so references can point forwards and across files.
    for (i, s) in raw.sources.iter().enumerate() {
        c.define("sources", i, &s.id, Kind::Source);
    }
    for (i, x) in raw.countries.iter().enumerate() {
        c.define("countries", i, &x.code, Kind::Country);
    }
    for (i, x) in raw.organisations.iter().enumerate() {
        c.define("organisations", i, &x.id, Kind::Organisation);
    }
    for (i, x) in raw.programmes.iter().enumerate() {
        c.define("programmes", i, &x.id, Kind::Programme);
    }
    for (i, x) in raw.projects.iter().enumerate() {
        c.define("projects", i, &x.id, Kind::Project);
    }
    for (i, x) in raw.relations.iter().enumerate() {
        c.define("relations", i, &x.id, Kind::Relation);
    }
    for (i, x) in raw.events.iter().enumerate() {
        c.define("events", i, &x.id, Kind::Event);
    }
    for (i, x) in raw.figures.iter().enumerate() {
        c.define("figures", i, &x.id, Kind::Figure);
    }
    for (i, x) in raw.conflicts.iter().enumerate() {
        c.define("conflicts", i, &x.id, Kind::Conflict);
    }

    // Pass 2: values and references.
    let mut data = Dataset::default();
    for (i, s) in raw.sources.iter().enumerate() {
        c.at("sources", record_name(&s.id, i));
        c.non_empty("title", &s.title);
        c.non_empty("publisher", &s.publisher);
        let kind = c
            .choice("kind", &s.kind, &SourceKind::ALL, SourceKind::key)
            .unwrap_or(SourceKind::Document);
        let url = c.url("url", s.url.as_ref());
        if kind == SourceKind::Document && url.is_none() && s.url.is_none() {
            c.report("url", Problem::Empty);
        }
        data.sources.push(Source {
            id: s.id.clone(),
            title: s.title.trim().to_owned(),
            publisher: s.publisher.trim().to_owned(),
            url,
            seed_file: s.seed_file.clone(),
            date: c.date("date", s.date.as_ref()),
            kind,
        });
    }
    for (i, x) in raw.countries.iter().enumerate() {
        c.at("countries", record_name(&x.code, i));
        if !super::iso3166::is_assigned(&x.code) {
            c.report(
                "code",
                Problem::UnknownValue {
                    value: x.code.clone(),
                    allowed: vec!["an assigned ISO 3166-1 alpha-2 code, such as FR"],
                },
            );
        }
        if x.iso3.len() != 3 || !x.iso3.bytes().all(|b| b.is_ascii_uppercase()) {
            c.report(
                "iso3",
                Problem::UnknownValue {
                    value: x.iso3.clone(),
                    allowed: vec!["three capital letters (ISO 3166-1)"],
                },
            );
        }
        data.countries.push(Country {
            code: x.code.clone(),
            iso3: x.iso3.clone(),
            name: c.text("name", &x.name),
        });
    }
    for (i, x) in raw.organisations.iter().enumerate() {
        c.at("organisations", record_name(&x.id, i));
        let name = c.text("name", &x.name);
        let acronym = x.acronym.as_ref().map(|a| c.name("acronym", a));
        let kind = c
            .choice("kind", &x.kind, &OrgKind::ALL, OrgKind::key)
            .unwrap_or(OrgKind::Society);
        c.reference(
            "country",
            &x.country,
            &Expect(&[Kind::Country], "a country"),
        );
        let city = c.name("city", &x.city);
        c.coordinate("lat", x.lat, 90.0);
        c.coordinate("lon", x.lon, 180.0);
        let website = c.url("website", x.website.as_ref());
        let provenance = c.provenance(&x.confidence, &x.sources, x.note.as_ref());
        data.organisations.push(Organisation {
            id: x.id.clone(),
            name,
            acronym,
            kind,
            country: x.country.clone(),
            city,
            lat: x.lat,
            lon: x.lon,
            website,
            provenance,
        });
    }
    duplicate_organisations(&mut c, &data.organisations);
    outside_country(&mut c, &data.countries, &data.organisations);
    for (i, x) in raw.programmes.iter().enumerate() {
        c.at("programmes", record_name(&x.id, i));
        let name = c.text("name", &x.name);
        let summary = c.text("summary", &x.summary);
        c.reference("hub", &x.hub, &ACTOR);
        let sections = x
            .sections
            .iter()
            .enumerate()
            .map(|(s, sec)| {
                let field = format!("sections[{s}]");
                if sec.items.is_empty() {
                    c.report(&format!("{field}.items"), Problem::Empty);
                }
                Section {
                    id: sec.id.clone(),
                    title: c.text(&format!("{field}.title"), &sec.title),
                    items: sec
                        .items
                        .iter()
                        .enumerate()
                        .map(|(k, item)| c.text(&format!("{field}.items[{k}]"), item))
                        .collect(),
                }
            })
            .collect();
        let provenance = c.provenance(&x.confidence, &x.sources, x.note.as_ref());
        data.programmes.push(Programme {
            id: x.id.clone(),
            name,
            summary,
            hub: x.hub.clone(),
            sections,
            provenance,
        });
    }
    for (i, x) in raw.projects.iter().enumerate() {
        c.at("projects", record_name(&x.id, i));
        let name = c.text("name", &x.name);
        let acronym = x.acronym.as_ref().map(|a| c.name("acronym", a));
        let kind = c
            .choice("kind", &x.kind, &ProjectKind::ALL, ProjectKind::key)
            .unwrap_or(ProjectKind::ResearchProject);
        c.references("programmes", &x.programmes, &PROGRAMME);
        let summary = c.text("summary", &x.summary);
        let funding = x.funding.as_ref().map(|f| c.name("funding", f));
        if let Some(coordinator) = &x.coordinator {
            c.reference("coordinator", coordinator, &ORGANISATION);
        }
        let span = c.span(x.start.as_ref(), x.end.as_ref(), "end");
        let partners_note = x.partners_note.as_ref().map(|t| c.text("partners_note", t));
        let countries = x
            .countries
            .iter()
            .enumerate()
            .map(|(k, m)| {
                let field = format!("countries[{k}]");
                c.reference(
                    &format!("{field}.code"),
                    &m.code,
                    &Expect(&[Kind::Country], "a country"),
                );
                if m.sources.is_empty() {
                    c.report(&format!("{field}.sources"), Problem::MissingSource);
                }
                c.references(
                    &format!("{field}.sources"),
                    &m.sources,
                    &Expect(&[Kind::Source], "a source"),
                );
                CountryMention {
                    code: m.code.clone(),
                    sources: m.sources.clone(),
                }
            })
            .collect();
        let budget = x.budget.as_ref().map(|t| c.text("budget", t));
        let provenance = c.provenance(&x.confidence, &x.sources, x.note.as_ref());
        data.projects.push(Project {
            id: x.id.clone(),
            name,
            acronym,
            kind,
            programmes: x.programmes.clone(),
            summary,
            funding,
            grant: x.grant.clone(),
            coordinator: x.coordinator.clone(),
            coordinator_person: x.coordinator_person.clone(),
            span,
            partners: x.partners,
            partner_countries: x.partner_countries,
            countries,
            partners_note,
            budget,
            provenance,
        });
    }
    for (i, x) in raw.relations.iter().enumerate() {
        c.at("relations", record_name(&x.id, i));
        c.reference("from", &x.from, &ACTOR);
        let kind = c
            .choice("kind", &x.kind, &RelationKind::ALL, RelationKind::key)
            .unwrap_or(RelationKind::PartnerOf);
        c.reference("to", &x.to, &ACTOR);
        let span = c.span(x.start.as_ref(), x.end.as_ref(), "end");
        let provenance = c.provenance(&x.confidence, &x.sources, x.note.as_ref());
        data.relations.push(Relation {
            id: x.id.clone(),
            from: x.from.clone(),
            kind,
            to: x.to.clone(),
            span,
            provenance,
        });
    }
    for (i, x) in raw.events.iter().enumerate() {
        c.at("events", record_name(&x.id, i));
        let kind = c
            .choice("kind", &x.kind, &EventKind::ALL, EventKind::key)
            .unwrap_or(EventKind::Meeting);
        let label = c.text("label", &x.label);
        let span = c.span(x.date.as_ref(), x.until.as_ref(), "until");
        let place = x.place.as_ref().map(|p| c.name("place", p));
        c.references("related", &x.related, &ACTOR);
        let provenance = c.provenance(&x.confidence, &x.sources, x.note.as_ref());
        data.events.push(Event {
            id: x.id.clone(),
            kind,
            label,
            date: span.start,
            until: span.end,
            place,
            related: x.related.clone(),
            provenance,
        });
    }
    for (i, x) in raw.figures.iter().enumerate() {
        c.at("figures", record_name(&x.id, i));
        if !x.value.is_finite() {
            c.report("value", Problem::Empty);
        }
        let unit = c.text("unit", &x.unit);
        let subject = c.text("subject", &x.subject);
        c.references("about", &x.about, &SUBJECT);
        c.non_empty("statement.text", &x.statement.text);
        let lang = Lang::from_tag(&x.statement.lang).unwrap_or_else(|| {
            c.report(
                "statement.lang",
                Problem::UnknownValue {
                    value: x.statement.lang.clone(),
                    allowed: vec!["en", "fr"],
                },
            );
            Lang::En
        });
        c.reference(
            "statement.source",
            &x.statement.source,
            &Expect(&[Kind::Source], "a source"),
        );
        let provenance = c.provenance(&x.confidence, &x.sources, x.note.as_ref());
        data.figures.push(Figure {
            id: x.id.clone(),
            value: x.value,
            unit,
            subject,
            about: x.about.clone(),
            statement: Quote {
                text: x.statement.text.clone(),
                lang,
                source: x.statement.source.clone(),
            },
            provenance,
        });
    }
    for (i, x) in raw.conflicts.iter().enumerate() {
        c.at("conflicts", record_name(&x.id, i));
        let topic = c.text("topic", &x.topic);
        if x.about.is_empty() {
            c.report("about", Problem::Empty);
        }
        c.references("about", &x.about, &ANY_RECORD);
        if x.claims.len() < 2 {
            c.report("claims", Problem::Empty);
        }
        let claims = x
            .claims
            .iter()
            .enumerate()
            .map(|(k, claim)| {
                let field = format!("claims[{k}]");
                if claim.sources.is_empty() {
                    c.report(&format!("{field}.sources"), Problem::MissingSource);
                }
                c.references(
                    &format!("{field}.sources"),
                    &claim.sources,
                    &Expect(&[Kind::Source], "a source"),
                );
                Claim {
                    from_seed: claim.seed,
                    says: c.text(&format!("{field}.says"), &claim.says),
                    sources: claim.sources.clone(),
                }
            })
            .collect();
        let status = c
            .choice("status", &x.status, &Confidence::ALL, Confidence::key)
            .unwrap_or(Confidence::Disputed);
        let resolution = c.text("resolution", &x.resolution);
        data.conflicts.push(Conflict {
            id: x.id.clone(),
            topic,
            about: x.about.clone(),
            claims,
            status,
            resolution,
        });
    }

    if c.errors.is_empty() {
        Ok(data)
    } else {
        Err(c.errors)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn decimals_are_written_without_float_formatting() {
        assert_eq!(super::decimal(91.0), "91");
        assert_eq!(super::decimal(-180.5), "-180.5");
        assert_eq!(super::decimal(45.748512), "45.748512");
        assert_eq!(super::decimal(f64::NAN), "not a number");
    }
}
