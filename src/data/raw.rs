//! The data files' shapes, as serde reads them. Everything a person can get wrong in a
//! value (dates, kinds, references, missing translations) is a plain string or an option
//! here, so that validation can report it with its record and field rather than stop at
//! the first serde error.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// `{"en": "...", "fr": "..."}`; a missing language is reported by validation.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawText {
    #[serde(default)]
    pub en: Option<String>,
    #[serde(default)]
    pub fr: Option<String>,
}

/// A proper noun may be one string for both languages: `"INCa"`, or `{"en": "IARC", "fr": "CIRC"}`.
#[derive(Clone, Debug, PartialEq)]
pub enum RawName {
    Same(String),
    Each(RawText),
}

// Written by hand rather than `#[serde(untagged)]`, which buffers every value and costs
// tens of kilobytes of wasm; this also gives a clearer message.
impl<'de> Deserialize<'de> for RawName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NameVisitor;
        impl<'de> Visitor<'de> for NameVisitor {
            type Value = RawName;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#"a string, or {"en": "...", "fr": "..."}"#)
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<RawName, E> {
                Ok(RawName::Same(value.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawName, A::Error> {
                RawText::deserialize(de::value::MapAccessDeserializer::new(map)).map(RawName::Each)
            }
        }
        deserializer.deserialize_any(NameVisitor)
    }
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub id: String,
    pub title: String,
    pub publisher: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub seed_file: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    pub kind: String,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawCountry {
    pub code: String,
    pub iso3: String,
    pub name: RawText,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawOrganisation {
    pub id: String,
    pub name: RawText,
    #[serde(default)]
    pub acronym: Option<RawName>,
    pub kind: String,
    pub country: String,
    pub city: RawName,
    pub lat: f64,
    pub lon: f64,
    #[serde(default)]
    pub website: Option<String>,
    pub confidence: String,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub note: Option<RawText>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub id: String,
    pub title: RawText,
    pub items: Vec<RawText>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawProgramme {
    pub id: String,
    pub name: RawText,
    pub summary: RawText,
    pub hub: String,
    #[serde(default)]
    pub sections: Vec<RawSection>,
    pub confidence: String,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub note: Option<RawText>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawProject {
    pub id: String,
    pub name: RawText,
    #[serde(default)]
    pub acronym: Option<RawName>,
    pub kind: String,
    #[serde(default)]
    pub programmes: Vec<String>,
    pub summary: RawText,
    #[serde(default)]
    pub funding: Option<RawName>,
    #[serde(default)]
    pub grant: Option<String>,
    #[serde(default)]
    pub coordinator: Option<String>,
    #[serde(default)]
    pub coordinator_person: Option<String>,
    #[serde(default)]
    pub start: Option<String>,
    #[serde(default)]
    pub end: Option<String>,
    #[serde(default)]
    pub partners: Option<u32>,
    #[serde(default)]
    pub partner_countries: Option<u32>,
    #[serde(default)]
    pub countries: Vec<RawCountryMention>,
    #[serde(default)]
    pub partners_note: Option<RawText>,
    #[serde(default)]
    pub budget: Option<RawText>,
    pub confidence: String,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub note: Option<RawText>,
}

/// A country a source names as taking part in a project.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawCountryMention {
    pub code: String,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawRelation {
    pub id: String,
    pub from: String,
    pub kind: String,
    pub to: String,
    #[serde(default)]
    pub start: Option<String>,
    #[serde(default)]
    pub end: Option<String>,
    pub confidence: String,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub note: Option<RawText>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    pub id: String,
    pub kind: String,
    pub label: RawText,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub until: Option<String>,
    #[serde(default)]
    pub place: Option<RawName>,
    #[serde(default)]
    pub related: Vec<String>,
    pub confidence: String,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub note: Option<RawText>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawQuote {
    pub text: String,
    pub lang: String,
    pub source: String,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawFigure {
    pub id: String,
    pub value: f64,
    pub unit: RawText,
    pub subject: RawText,
    #[serde(default)]
    pub about: Vec<String>,
    pub statement: RawQuote,
    pub confidence: String,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub note: Option<RawText>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawClaim {
    #[serde(default)]
    pub seed: bool,
    pub says: RawText,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawConflict {
    pub id: String,
    pub topic: RawText,
    #[serde(default)]
    pub about: Vec<String>,
    pub claims: Vec<RawClaim>,
    pub status: String,
    pub resolution: RawText,
}

/// A whole dataset in one JSON document (the form `?data=` loads); the embedded dataset is
/// the same sections, one file each.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawDataset {
    #[serde(default)]
    pub schema: Option<u32>,
    #[serde(default)]
    pub sources: Vec<RawSource>,
    #[serde(default)]
    pub countries: Vec<RawCountry>,
    #[serde(default)]
    pub organisations: Vec<RawOrganisation>,
    #[serde(default)]
    pub programmes: Vec<RawProgramme>,
    #[serde(default)]
    pub projects: Vec<RawProject>,
    #[serde(default)]
    pub relations: Vec<RawRelation>,
    #[serde(default)]
    pub events: Vec<RawEvent>,
    #[serde(default)]
    pub figures: Vec<RawFigure>,
    #[serde(default)]
    pub conflicts: Vec<RawConflict>,
}
