//! The atlas's open data package, written into `<out>/data/` (served as `/data/`):
//!
//! - one CSV per record type (RFC 4180, UTF-8, a header row, CRLF line ends): bilingual
//!   fields as `<field>_en` and `<field>_fr` columns, lists of ids in one column joined by
//!   `;`, dates as the data writes them (`2023`, `2023-05`, `2023-05-09`, `?` if hedged);
//!   a conflict's claims in `conflict_claims.csv`;
//! - `atlas.json`: the whole dataset as one document in the schema `?data=` loads (the data
//!   files' records as they are, under `"schema": 1`);
//! - `datapackage.json`: a Frictionless Tabular Data Package (v1) describing the CSVs with
//!   Table Schemas (types, enums taken from the model's `key()`s, primary and foreign
//!   keys), its version and dates from `data/changelog.json` when there is one, and the
//!   licence (CC BY 4.0; the cited pages keep their own terms).
//!
//! `cargo xtask csp` copies the folder into the built site; nothing in the page loads it.

use cancer_atlas::data::raw::{RawDataset, RawName, RawText};
use cancer_atlas::data::EMBEDDED;
use cancer_atlas::model::{Confidence, EventKind, OrgKind, ProjectKind, RelationKind, SourceKind};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::Path;

/// The package's name (Frictionless: lowercase, `-`, `_`, `.`).
pub const NAME: &str = "cancer-cooperation-atlas";
pub const TITLE: &str = "Cancer Cooperation Atlas";
/// The one-document form of the dataset (see data/README.md, "One document").
pub const DOCUMENT: &str = "atlas.json";
/// A date as the data writes it.
const DATE_PATTERN: &str = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\??$";
/// Ids joined by `;` (a list column).
const ID_LIST_PATTERN: &str = r"^[a-z0-9-]+(;[a-z0-9-]+)*$";

/// One field of a table: its name, Table Schema type and constraints.
#[derive(Clone, Debug)]
pub struct Field {
    pub name: String,
    kind: &'static str,
    description: Option<&'static str>,
    required: bool,
    one_of: Option<Vec<&'static str>>,
    pattern: Option<&'static str>,
}

impl Field {
    fn new(name: &str, kind: &'static str) -> Field {
        Field {
            name: name.to_owned(),
            kind,
            description: None,
            required: false,
            one_of: None,
            pattern: None,
        }
    }
    fn string(name: &str) -> Field {
        Field::new(name, "string")
    }
    fn required(mut self) -> Field {
        self.required = true;
        self
    }
    fn one_of(mut self, keys: Vec<&'static str>) -> Field {
        self.one_of = Some(keys);
        self
    }
    fn pattern(mut self, pattern: &'static str) -> Field {
        self.pattern = Some(pattern);
        self
    }
    fn describe(mut self, text: &'static str) -> Field {
        self.description = Some(text);
        self
    }
    fn date(name: &str) -> Field {
        Field::string(name)
            .pattern(DATE_PATTERN)
            .describe("A date at the precision the source gives (YYYY, YYYY-MM or YYYY-MM-DD), with a trailing question mark when the source hedges it.")
    }
    fn ids(name: &str, what: &'static str) -> Field {
        Field::string(name).pattern(ID_LIST_PATTERN).describe(what)
    }

    fn schema(&self) -> Value {
        let mut f = json!({"name": self.name, "type": self.kind});
        if let Some(d) = self.description {
            f["description"] = json!(d);
        }
        let mut c = serde_json::Map::new();
        if self.required {
            c.insert("required".into(), json!(true));
        }
        if let Some(keys) = &self.one_of {
            c.insert("enum".into(), json!(keys));
        }
        if let Some(p) = self.pattern {
            c.insert("pattern".into(), json!(p));
        }
        if !c.is_empty() {
            f["constraints"] = Value::Object(c);
        }
        f
    }
}

/// A bilingual field as its two columns.
fn text_fields(name: &str, required: bool) -> [Field; 2] {
    let f = |lang: &str| {
        let field = Field::string(&format!("{name}_{lang}"));
        if required {
            field.required()
        } else {
            field
        }
    };
    [f("en"), f("fr")]
}

/// One CSV file: its name, description, fields, rows and keys.
pub struct Table {
    pub name: &'static str,
    description: &'static str,
    pub fields: Vec<Field>,
    pub rows: Vec<Vec<String>>,
    primary_key: Vec<&'static str>,
    /// (field, resource, field there).
    foreign_keys: Vec<(&'static str, &'static str, &'static str)>,
}

impl Table {
    fn new(name: &'static str, description: &'static str, fields: Vec<Field>) -> Table {
        Table {
            name,
            description,
            fields,
            rows: Vec::new(),
            primary_key: vec!["id"],
            foreign_keys: Vec::new(),
        }
    }

    fn file(&self) -> String {
        format!("{}.csv", self.name)
    }

    /// The table as RFC 4180 CSV.
    pub fn csv(&self) -> String {
        let header: Vec<String> = self.fields.iter().map(|f| f.name.clone()).collect();
        let mut out = String::new();
        for row in std::iter::once(&header).chain(&self.rows) {
            let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
        out
    }

    fn resource(&self) -> Value {
        let mut schema = json!({
            "fields": self.fields.iter().map(Field::schema).collect::<Vec<_>>(),
            "primaryKey": self.primary_key,
            "missingValues": [""],
        });
        if !self.foreign_keys.is_empty() {
            schema["foreignKeys"] = json!(self
                .foreign_keys
                .iter()
                .map(|(field, resource, there)| json!({
                    "fields": field,
                    "reference": {"resource": resource, "fields": there}
                }))
                .collect::<Vec<_>>());
        }
        json!({
            "name": self.name,
            "path": self.file(),
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": self.description,
            "dialect": {"delimiter": ",", "quoteChar": "\"", "doubleQuote": true, "lineTerminator": "\r\n", "header": true},
            "schema": schema,
        })
    }
}

/// One CSV cell: quoted when it holds a comma, a quote or a line break (quotes doubled).
pub fn cell(text: &str) -> String {
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

fn opt(text: &Option<String>) -> String {
    text.clone().unwrap_or_default()
}

/// A bilingual text as its two cells.
fn text(t: &RawText) -> [String; 2] {
    [opt(&t.en), opt(&t.fr)]
}

fn opt_text(t: &Option<RawText>) -> [String; 2] {
    t.as_ref().map_or_else(Default::default, text)
}

/// A name that may be one string for both languages, as its two cells.
fn name(n: &Option<RawName>) -> [String; 2] {
    match n {
        None => Default::default(),
        Some(RawName::Same(s)) => [s.clone(), s.clone()],
        Some(RawName::Each(t)) => text(t),
    }
}

/// A list column: the ids joined by `;`.
pub fn list(ids: &[String]) -> String {
    ids.join(";")
}

fn number(n: f64) -> String {
    format!("{n}")
}

/// Where an id that may name an organisation or a project points: its two cells.
fn split(id: &str, organisations: &BTreeSet<&str>) -> [String; 2] {
    if organisations.contains(id) {
        [id.to_owned(), String::new()]
    } else {
        [String::new(), id.to_owned()]
    }
}

/// The dataset as one document of the `?data=` schema: the data files' records as written.
pub fn document() -> String {
    let mut out = String::from("{\"schema\": 1");
    for (section, text) in EMBEDDED.sections() {
        out.push_str(&format!(",\n\"{section}\": {}", text.trim()));
    }
    out.push_str("\n}\n");
    out
}

fn keys<T: Copy>(all: &[T], key: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|k| key(*k)).collect()
}

fn confidence() -> Field {
    Field::string("confidence")
        .required()
        .one_of(keys(&Confidence::ALL, Confidence::key))
}

fn sources() -> Field {
    Field::ids(
        "sources",
        "Ids of sources.csv records, joined by `;` (not declared as a foreign key: Table Schema v1 has no list type).",
    )
    .required()
}

/// Every table of the package, from the raw records.
pub fn tables(raw: &RawDataset) -> Vec<Table> {
    let orgs: BTreeSet<&str> = raw.organisations.iter().map(|o| o.id.as_str()).collect();
    let provenance = |fields: &mut Vec<Field>| {
        fields.push(confidence());
        fields.push(sources());
        fields.extend(text_fields("note", false));
    };

    let mut countries = Table::new(
        "countries",
        "Countries the atlas uses (ISO 3166-1).",
        [
            Field::string("code").required(),
            Field::string("iso3").required(),
        ]
        .into_iter()
        .chain(text_fields("name", true))
        .collect(),
    );
    countries.primary_key = vec!["code"];
    for c in &raw.countries {
        let [en, fr] = text(&c.name);
        countries
            .rows
            .push(vec![c.code.clone(), c.iso3.clone(), en, fr]);
    }

    let mut sources_t = Table::new(
        "sources",
        "Where the facts come from. Each cited page keeps its own terms of use.",
        vec![
            Field::string("id").required(),
            Field::string("title").required(),
            Field::string("publisher").required(),
            Field::string("url"),
            Field::string("seed_file"),
            Field::date("date"),
            Field::string("kind")
                .required()
                .one_of(keys(&SourceKind::ALL, SourceKind::key)),
        ],
    );
    for s in &raw.sources {
        sources_t.rows.push(vec![
            s.id.clone(),
            s.title.clone(),
            s.publisher.clone(),
            opt(&s.url),
            opt(&s.seed_file),
            opt(&s.date),
            s.kind.clone(),
        ]);
    }

    let mut fields = vec![Field::string("id").required()];
    fields.extend(text_fields("name", true));
    fields.extend(text_fields("acronym", false));
    fields.push(
        Field::string("kind")
            .required()
            .one_of(keys(&OrgKind::ALL, OrgKind::key)),
    );
    fields.push(Field::string("country").required());
    fields.extend(text_fields("city", true));
    fields.push(Field::new("lat", "number").required());
    fields.push(Field::new("lon", "number").required());
    fields.push(Field::string("website"));
    provenance(&mut fields);
    let mut organisations = Table::new(
        "organisations",
        "Organisations on the map (city-level WGS84 coordinates).",
        fields,
    );
    organisations.foreign_keys = vec![("country", "countries", "code")];
    for o in &raw.organisations {
        let mut row = vec![o.id.clone()];
        row.extend(text(&o.name));
        row.extend(name(&o.acronym));
        row.push(o.kind.clone());
        row.push(o.country.clone());
        row.extend(name(&Some(o.city.clone())));
        row.extend([number(o.lat), number(o.lon), opt(&o.website)]);
        row.extend([o.confidence.clone(), list(&o.sources)]);
        row.extend(opt_text(&o.note));
        organisations.rows.push(row);
    }

    let mut fields = vec![Field::string("id").required()];
    fields.extend(text_fields("name", true));
    fields.extend(text_fields("summary", true));
    fields.push(Field::string("hub_organisation"));
    fields.push(Field::string("hub_project"));
    provenance(&mut fields);
    let mut programmes = Table::new(
        "programmes",
        "Programmes with a page of their own; the hub is an organisation or a project (one of the two columns). Their sections (principles, priorities, pillars) are in atlas.json only.",
        fields,
    );
    programmes.foreign_keys = vec![
        ("hub_organisation", "organisations", "id"),
        ("hub_project", "projects", "id"),
    ];
    for p in &raw.programmes {
        let mut row = vec![p.id.clone()];
        row.extend(text(&p.name));
        row.extend(text(&p.summary));
        row.extend(split(&p.hub, &orgs));
        row.extend([p.confidence.clone(), list(&p.sources)]);
        row.extend(opt_text(&p.note));
        programmes.rows.push(row);
    }

    let mut fields = vec![Field::string("id").required()];
    fields.extend(text_fields("name", true));
    fields.extend(text_fields("acronym", false));
    fields.push(
        Field::string("kind")
            .required()
            .one_of(keys(&ProjectKind::ALL, ProjectKind::key)),
    );
    fields.push(Field::ids(
        "programmes",
        "Ids of programmes.csv records, joined by `;`.",
    ));
    fields.extend(text_fields("summary", true));
    fields.extend(text_fields("funding", false));
    fields.push(Field::string("grant"));
    fields.push(Field::string("coordinator"));
    fields.push(Field::string("coordinator_person"));
    fields.push(Field::date("start"));
    fields.push(Field::date("end"));
    fields.push(Field::new("partners", "integer").describe("The partner count a source states."));
    fields.push(
        Field::new("partner_countries", "integer")
            .describe("The number of countries a source states."),
    );
    fields.push(
        Field::string("countries")
            .pattern(r"^[A-Z]{2}(;[A-Z]{2})*$")
            .describe("Countries a source names as taking part (codes joined by `;`; each country’s own sources are in atlas.json)."),
    );
    fields.extend(text_fields("partners_note", false));
    fields.extend(text_fields("budget", false));
    provenance(&mut fields);
    let mut projects = Table::new(
        "projects",
        "Projects, joint actions, plans and alliances.",
        fields,
    );
    projects.foreign_keys = vec![("coordinator", "organisations", "id")];
    for p in &raw.projects {
        let mut row = vec![p.id.clone()];
        row.extend(text(&p.name));
        row.extend(name(&p.acronym));
        row.push(p.kind.clone());
        row.push(list(&p.programmes));
        row.extend(text(&p.summary));
        row.extend(name(&p.funding));
        row.extend([
            opt(&p.grant),
            opt(&p.coordinator),
            opt(&p.coordinator_person),
            opt(&p.start),
            opt(&p.end),
            p.partners.map(|n| n.to_string()).unwrap_or_default(),
            p.partner_countries
                .map(|n| n.to_string())
                .unwrap_or_default(),
        ]);
        let codes: Vec<String> = p.countries.iter().map(|c| c.code.clone()).collect();
        row.push(list(&codes));
        row.extend(opt_text(&p.partners_note));
        row.extend(opt_text(&p.budget));
        row.extend([p.confidence.clone(), list(&p.sources)]);
        row.extend(opt_text(&p.note));
        projects.rows.push(row);
    }

    let mut fields = vec![
        Field::string("id").required(),
        Field::string("from_organisation"),
        Field::string("from_project"),
        Field::string("kind")
            .required()
            .one_of(keys(&RelationKind::ALL, RelationKind::key)),
        Field::string("to_organisation"),
        Field::string("to_project"),
        Field::date("start"),
        Field::date("end"),
    ];
    provenance(&mut fields);
    let mut relations = Table::new(
        "relations",
        "Who works with whom, read “from kind to”. Each end is an organisation or a project: one of its two columns is filled.",
        fields,
    );
    relations.foreign_keys = vec![
        ("from_organisation", "organisations", "id"),
        ("from_project", "projects", "id"),
        ("to_organisation", "organisations", "id"),
        ("to_project", "projects", "id"),
    ];
    for r in &raw.relations {
        let mut row = vec![r.id.clone()];
        row.extend(split(&r.from, &orgs));
        row.push(r.kind.clone());
        row.extend(split(&r.to, &orgs));
        row.extend([opt(&r.start), opt(&r.end)]);
        row.extend([r.confidence.clone(), list(&r.sources)]);
        row.extend(opt_text(&r.note));
        relations.rows.push(row);
    }

    let mut fields = vec![
        Field::string("id").required(),
        Field::string("kind")
            .required()
            .one_of(keys(&EventKind::ALL, EventKind::key)),
    ];
    fields.extend(text_fields("label", true));
    fields.push(Field::date("date"));
    fields.push(Field::date("until"));
    fields.extend(text_fields("place", false));
    fields.push(Field::ids(
        "related",
        "Ids of organisations or projects, joined by `;`.",
    ));
    provenance(&mut fields);
    let mut events = Table::new("events", "Dated events (an empty date: undated).", fields);
    for e in &raw.events {
        let mut row = vec![e.id.clone(), e.kind.clone()];
        row.extend(text(&e.label));
        row.extend([opt(&e.date), opt(&e.until)]);
        row.extend(name(&e.place));
        row.push(list(&e.related));
        row.extend([e.confidence.clone(), list(&e.sources)]);
        row.extend(opt_text(&e.note));
        events.rows.push(row);
    }

    let mut fields = vec![
        Field::string("id").required(),
        Field::new("value", "number").required(),
    ];
    fields.extend(text_fields("unit", true));
    fields.extend(text_fields("subject", true));
    fields.push(Field::ids("about", "Ids of any records, joined by `;`."));
    fields.push(
        Field::string("statement")
            .required()
            .describe("The sentence quoted as published."),
    );
    fields.push(
        Field::string("statement_lang")
            .required()
            .one_of(vec!["en", "fr"]),
    );
    fields.push(Field::string("statement_source").required());
    provenance(&mut fields);
    let mut figures = Table::new("figures", "Key figures as the sources state them.", fields);
    figures.foreign_keys = vec![("statement_source", "sources", "id")];
    for f in &raw.figures {
        let mut row = vec![f.id.clone(), number(f.value)];
        row.extend(text(&f.unit));
        row.extend(text(&f.subject));
        row.push(list(&f.about));
        row.extend([
            f.statement.text.clone(),
            f.statement.lang.clone(),
            f.statement.source.clone(),
        ]);
        row.extend([f.confidence.clone(), list(&f.sources)]);
        row.extend(opt_text(&f.note));
        figures.rows.push(row);
    }

    let mut fields = vec![Field::string("id").required()];
    fields.extend(text_fields("topic", true));
    fields.push(Field::ids("about", "Ids of any records, joined by `;`.").required());
    fields.push(
        Field::string("status")
            .required()
            .one_of(keys(&Confidence::ALL, Confidence::key)),
    );
    fields.extend(text_fields("resolution", true));
    let mut conflicts = Table::new(
        "conflicts",
        "Where sources disagree; each side is in conflict_claims.csv.",
        fields,
    );
    let mut fields = vec![
        Field::string("conflict_id").required(),
        Field::new("position", "integer").required(),
        Field::new("seed", "boolean")
            .required()
            .describe("Whether the claim is a seed page’s."),
    ];
    fields.extend(text_fields("says", true));
    fields.push(sources());
    let mut claims = Table::new(
        "conflict_claims",
        "Each side of a conflict, in the order conflicts.json gives them (position from 1).",
        fields,
    );
    claims.primary_key = vec!["conflict_id", "position"];
    claims.foreign_keys = vec![("conflict_id", "conflicts", "id")];
    for c in &raw.conflicts {
        let mut row = vec![c.id.clone()];
        row.extend(text(&c.topic));
        row.extend([list(&c.about), c.status.clone()]);
        row.extend(text(&c.resolution));
        conflicts.rows.push(row);
        for (i, claim) in c.claims.iter().enumerate() {
            let mut row = vec![c.id.clone(), (i + 1).to_string(), claim.seed.to_string()];
            row.extend(text(&claim.says));
            row.push(list(&claim.sources));
            claims.rows.push(row);
        }
    }

    vec![
        organisations,
        programmes,
        projects,
        relations,
        events,
        figures,
        sources_t,
        conflicts,
        claims,
        countries,
    ]
}

/// The dataset's version, first and last dates, from `data/changelog.json` (newest first):
/// `(version, created, last updated)`; without a changelog, `fallback_day` for both dates.
pub fn release(changelog: Option<&str>, fallback_day: &str) -> (String, String, String) {
    let list: Vec<Value> = changelog
        .and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default();
    let field = |r: Option<&Value>, k: &str| r.and_then(|r| r[k].as_str()).map(str::to_owned);
    match (field(list.first(), "version"), field(list.first(), "date")) {
        (Some(version), Some(updated)) => {
            let created = field(list.last(), "date").unwrap_or_else(|| updated.clone());
            (version, created, updated)
        }
        _ => (
            format!("0.0.0+{}", fallback_day.replace('-', "")),
            fallback_day.to_owned(),
            fallback_day.to_owned(),
        ),
    }
}

/// `datapackage.json` for `tables`.
pub fn descriptor(
    tables: &[Table],
    (version, created, updated): &(String, String, String),
    site: Option<&str>,
) -> Value {
    let mut package = json!({
        "profile": "tabular-data-package",
        "name": NAME,
        "title": TITLE,
        "description": format!(
            "Organisations, programmes, joint actions and projects, relations, events, key figures and sources of international cooperation against cancer (G7 Cancer, Unicancer’s international partnerships, the EU’s joint actions on cancer), in English and French. Every record names its sources and a confidence level; where sources disagree, conflicts.csv and conflict_claims.csv keep each side. Bilingual fields are two columns, <field>_en and <field>_fr. Lists of ids (sources, programmes, related, about) are one column joined by `;`: Table Schema v1 has no list type, so they are checked by pattern and not declared as foreign keys (the atlas’s own validator checks every one). Columns that may point to an organisation or a project are split in two (from_organisation / from_project). The whole dataset is also {DOCUMENT}, one JSON document in the schema the atlas reads with ?data= (data/README.md, “One document”), with what the CSVs leave out (programme sections, each project country’s sources); it is not a tabular resource, so it is not listed under resources."
        ),
        "version": version,
        "created": format!("{created}T00:00:00Z"),
        "last_updated": updated,
        "keywords": ["cancer", "international cooperation", "G7 Cancer", "Unicancer", "EU joint actions", "Europe’s Beating Cancer Plan"],
        "licenses": [{
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0"
        }],
        "sources": [{
            "title": "The pages and documents listed in sources.csv; each keeps its own terms of use (the licence above covers the atlas’s compilation, not the cited pages)",
            "path": "sources.csv"
        }],
        "contributors": [{"title": "The Cancer Cooperation Atlas project", "role": "author"}],
        "resources": tables.iter().map(Table::resource).collect::<Vec<_>>(),
    });
    if let Some(url) = site {
        package["homepage"] = json!(format!("{url}/"));
        package["contributors"][0]["path"] = json!(format!("{url}/"));
    }
    package
}

/// Writes the package into `dir`; returns one line per file (name, rows). `site` is the
/// site's address without its last slash, when the build knows it.
pub fn write(
    dir: &Path,
    changelog: Option<&str>,
    fallback_day: &str,
    site: Option<&str>,
) -> Result<Vec<String>, String> {
    let doc = document();
    let raw: RawDataset = serde_json::from_str(&doc).map_err(|e| format!("{DOCUMENT}: {e}"))?;
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let put = |name: &str, text: &str| {
        std::fs::write(dir.join(name), text).map_err(|e| format!("cannot write {name}: {e}"))
    };
    let tables = tables(&raw);
    let mut lines = Vec::new();
    for t in &tables {
        put(&t.file(), &t.csv())?;
        lines.push(format!("{}: {} rows", t.file(), t.rows.len()));
    }
    put(DOCUMENT, &doc)?;
    let release = release(changelog, fallback_day);
    let package = descriptor(&tables, &release, site);
    let text = serde_json::to_string_pretty(&package).map_err(|e| e.to_string())?;
    put("datapackage.json", &(text + "\n"))?;
    lines.push(format!(
        "{DOCUMENT}, datapackage.json (version {})",
        release.0
    ));
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_only_when_they_must_be_and_quotes_doubled() {
        assert_eq!(cell("Lyon"), "Lyon");
        assert_eq!(cell(""), "");
        assert_eq!(cell("Paris, France"), "\"Paris, France\"");
        assert_eq!(cell("the \"seed\" page"), "\"the \"\"seed\"\" page\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell("l’Institut ; « x »"), "l’Institut ; « x »");
    }

    #[test]
    fn a_table_has_its_header_then_one_crlf_line_per_row() {
        let mut t = Table::new("t", "", vec![Field::string("id"), Field::string("name_en")]);
        t.rows.push(vec!["a".into(), "x, y".into()]);
        t.rows.push(vec!["b".into(), String::new()]);
        assert_eq!(t.csv(), "id,name_en\r\na,\"x, y\"\r\nb,\r\n");
    }

    fn sample() -> RawDataset {
        serde_json::from_str(
            r#"{"schema": 1,
            "sources": [{"id": "s1", "title": "T, \"quoted\"", "publisher": "P", "kind": "document", "url": "https://x.org"}],
            "countries": [{"code": "FR", "iso3": "FRA", "name": {"en": "France", "fr": "France"}}],
            "organisations": [{"id": "o1", "name": {"en": "Org", "fr": "Organisme"}, "acronym": "OA", "kind": "federation", "country": "FR", "city": {"en": "Geneva", "fr": "Genève"}, "lat": 46.2, "lon": 6.15, "confidence": "confirmed", "sources": ["s1", "s2"]}],
            "projects": [{"id": "p1", "name": {"en": "P", "fr": "P"}, "kind": "joint-action", "summary": {"en": "S", "fr": "S"}, "start": "2023-05?", "confidence": "seed", "sources": ["s1"], "countries": [{"code": "FR", "sources": ["s1"]}, {"code": "DE", "sources": []}]}],
            "relations": [{"id": "r1", "from": "o1", "kind": "coordinates", "to": "p1", "confidence": "seed", "sources": ["s1"], "note": {"en": "n", "fr": "n"}}],
            "conflicts": [{"id": "c1", "topic": {"en": "t", "fr": "t"}, "about": ["o1", "p1"], "claims": [{"seed": true, "says": {"en": "a", "fr": "a"}, "sources": ["s1"]}, {"says": {"en": "b", "fr": "b"}, "sources": ["s1"]}], "status": "disputed", "resolution": {"en": "r", "fr": "r"}}]}"#,
        )
        .unwrap()
    }

    fn column<'a>(t: &'a Table, row: usize, name: &str) -> &'a str {
        let i = t.fields.iter().position(|f| f.name == name).unwrap();
        &t.rows[row][i]
    }

    #[test]
    fn bilingual_fields_are_two_columns_and_lists_one_joined_by_semicolons() {
        let tables = tables(&sample());
        let t = |name| tables.iter().find(|t| t.name == name).unwrap();
        let orgs = t("organisations");
        assert_eq!(column(orgs, 0, "name_en"), "Org");
        assert_eq!(column(orgs, 0, "name_fr"), "Organisme");
        assert_eq!(
            column(orgs, 0, "acronym_en"),
            "OA",
            "one string: both columns"
        );
        assert_eq!(column(orgs, 0, "acronym_fr"), "OA");
        assert_eq!(column(orgs, 0, "city_fr"), "Genève");
        assert_eq!(column(orgs, 0, "sources"), "s1;s2");
        assert_eq!(column(orgs, 0, "lat"), "46.2");
        assert_eq!(column(orgs, 0, "note_en"), "", "no note: empty");
        assert_eq!(column(t("projects"), 0, "countries"), "FR;DE");
        assert_eq!(column(t("projects"), 0, "start"), "2023-05?", "as written");
        let rel = t("relations");
        assert_eq!(column(rel, 0, "from_organisation"), "o1");
        assert_eq!(column(rel, 0, "from_project"), "");
        assert_eq!(column(rel, 0, "to_organisation"), "");
        assert_eq!(column(rel, 0, "to_project"), "p1");
        let claims = t("conflict_claims");
        assert_eq!(claims.rows.len(), 2);
        assert_eq!(claims.rows[0][..3], ["c1", "1", "true"]);
        assert_eq!(claims.rows[1][..3], ["c1", "2", "false"]);
        assert_eq!(column(t("conflicts"), 0, "about"), "o1;p1");
        assert!(t("sources").csv().contains("\"T, \"\"quoted\"\"\""));
        for table in &tables {
            assert!(
                table.rows.iter().all(|r| r.len() == table.fields.len()),
                "{}: every row has every column",
                table.name
            );
        }
    }

    #[test]
    fn enums_come_from_the_model_and_keys_are_declared() {
        let tables = tables(&sample());
        let package = descriptor(
            &tables,
            &release(None, "2026-12-07"),
            Some("https://atlas.example.org"),
        );
        assert_eq!(package["profile"], "tabular-data-package");
        assert_eq!(package["version"], "0.0.0+20261207");
        assert_eq!(package["created"], "2026-12-07T00:00:00Z");
        assert_eq!(package["homepage"], "https://atlas.example.org/");
        assert_eq!(package["licenses"][0]["name"], "CC-BY-4.0");
        let resources = package["resources"].as_array().unwrap();
        assert_eq!(resources.len(), 10);
        let rel = resources.iter().find(|r| r["name"] == "relations").unwrap();
        let kind = rel["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == "kind")
            .unwrap();
        let allowed = kind["constraints"]["enum"].as_array().unwrap();
        assert_eq!(allowed.len(), RelationKind::ALL.len());
        assert!(allowed.contains(&json!("coordinates")));
        assert_eq!(rel["schema"]["foreignKeys"].as_array().unwrap().len(), 4);
        let countries = resources.iter().find(|r| r["name"] == "countries").unwrap();
        assert_eq!(countries["schema"]["primaryKey"], json!(["code"]));
    }

    #[test]
    fn the_release_comes_from_the_changelog_newest_first() {
        let changelog = r#"[{"version": "1.2.0", "date": "2026-12-07", "changes": []},
            {"version": "1.0.0", "date": "2026-11-24", "changes": []}]"#;
        assert_eq!(
            release(Some(changelog), "2030-01-01"),
            ("1.2.0".into(), "2026-11-24".into(), "2026-12-07".into())
        );
        assert_eq!(
            release(Some("not json"), "2030-01-01").1,
            "2030-01-01",
            "the build day when there is no changelog to read"
        );
    }

    #[test]
    fn the_document_loads_back_with_the_same_counts() {
        let doc = document();
        let loaded = cancer_atlas::data::load_document(DOCUMENT, &doc).expect("valid");
        let own = cancer_atlas::data::embedded().expect("valid");
        assert_eq!(loaded.organisations.len(), own.organisations.len());
        assert_eq!(loaded.relations.len(), own.relations.len());
        assert_eq!(loaded.projects.len(), own.projects.len());
        assert_eq!(loaded.events.len(), own.events.len());
        assert_eq!(loaded.sources.len(), own.sources.len());
        let raw: RawDataset = serde_json::from_str(&doc).unwrap();
        let tables = tables(&raw);
        let rows = |name| tables.iter().find(|t| t.name == name).unwrap().rows.len();
        assert_eq!(rows("organisations"), own.organisations.len());
        assert_eq!(rows("relations"), own.relations.len());
    }
}
