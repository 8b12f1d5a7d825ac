//! Synthetic datasets for the benchmarks: the real dataset plus `n` generated organisations
//! with relations and events in the real dataset's proportions (102 relations and 45 events
//! for 44 organisations: about 2.3 and 1 per organisation). Seeded, so every run and every
//! machine measures the same data; generated at each run, never committed.
//!
//! Used by the wasm benchmarks (`tests/bench_map.rs`, through `data::load_document`) and by
//! `cargo xtask bench`, which writes the same documents to files for the first-render
//! measurement (`?data=`). The output is one document in the schema `data/README.md`
//! describes, so it goes through the same parser and validator as any published dataset.

use super::Lcg;
use serde_json::{json, Map, Value};

/// The dataset's sections, in the order of the document.
pub const SECTIONS: [&str; 9] = [
    "sources",
    "countries",
    "organisations",
    "programmes",
    "projects",
    "relations",
    "events",
    "figures",
    "conflicts",
];

/// Confidence levels given to synthetic records, in turn.
const CONFIDENCE: [&str; 3] = ["confirmed", "partly-confirmed", "seed"];

fn array<'a>(doc: &'a Map<String, Value>, section: &str) -> &'a [Value] {
    doc.get(section)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// One value of `key` taken from a random record of `records` (the real distribution).
fn sample(rng: &mut Lcg, records: &[Value], key: &str) -> Value {
    records[rng.below(records.len() as u64) as usize][key].clone()
}

/// A day between 1990 and 2030 as `YYYY-MM-DD` (months of 28 days keep every date valid).
fn day(rng: &mut Lcg) -> (u64, String) {
    let year = 1990 + rng.below(41);
    (
        year,
        format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
    )
}

/// The real dataset (`(section, JSON array)` pairs, as in `data/`) plus `n` synthetic
/// organisations, `round(n × relations / organisations)` relations and as many events in
/// proportion, as one JSON document. Panics only if the real sections are not JSON arrays.
pub fn document(sections: &[(&str, &str)], n: usize) -> String {
    let mut doc = Map::new();
    doc.insert("schema".into(), json!(1));
    for (name, text) in sections {
        let value: Value = serde_json::from_str(text).expect("a section of the real dataset");
        assert!(value.is_array(), "section {name} is not an array");
        doc.insert((*name).to_owned(), value);
    }
    let real_orgs = array(&doc, "organisations").to_vec();
    let real_relations = array(&doc, "relations").to_vec();
    let real_events = array(&doc, "events").to_vec();
    let source = array(&doc, "sources")[0]["id"].clone();
    let per_org = |count: usize| (n * count + real_orgs.len() / 2) / real_orgs.len().max(1);

    // The box around each country's outline, as the validator draws it.
    let world = crate::geo::world::countries();
    let boxes: Vec<(String, (f64, f64, f64, f64))> = array(&doc, "countries")
        .iter()
        .filter_map(|c| {
            let iso3 = c["iso3"].as_str()?;
            let shape = world.iter().find(|s| s.iso3 == iso3)?;
            Some((
                c["code"].as_str()?.to_owned(),
                crate::geo::world::bounds(shape.path)?,
            ))
        })
        .collect();
    assert!(!boxes.is_empty(), "the dataset’s countries have outlines");
    let mut rng = Lcg(42);
    let mut orgs = Vec::with_capacity(n);
    for i in 0..n {
        // As spread as the old benchmarks' points (two thirds in a box around Europe, the
        // rest anywhere inhabited), each kept only where it falls inside the box around one
        // of the dataset's countries, which becomes its country (the validator checks it).
        let (lon, lat, country) = loop {
            let (lon, lat) = if rng.unit() < 0.66 {
                (-10.0 + rng.unit() * 40.0, 36.0 + rng.unit() * 24.0)
            } else {
                (-180.0 + rng.unit() * 360.0, -55.0 + rng.unit() * 125.0)
            };
            let p = crate::geo::to_map(lon, lat);
            let inside: Vec<&str> = boxes
                .iter()
                .filter(|(_, b)| p.x >= b.0 && p.x <= b.2 && p.y >= b.1 && p.y <= b.3)
                .map(|(code, _)| code.as_str())
                .collect();
            if !inside.is_empty() {
                let pick = inside[rng.below(inside.len() as u64) as usize];
                break (lon, lat, pick.to_owned());
            }
        };
        orgs.push(json!({
            "id": format!("syn-org-{i}"),
            "name": {"en": format!("Synthetic organisation {i}"), "fr": format!("Organisation synthétique {i}")},
            "kind": sample(&mut rng, &real_orgs, "kind"),
            "country": country,
            "city": format!("City {i}"),
            "lat": (lat * 1e4_f64).round() / 1e4,
            "lon": (lon * 1e4_f64).round() / 1e4,
            "confidence": CONFIDENCE[i % CONFIDENCE.len()],
            "sources": [source],
        }));
    }
    // Either end may be any actor: a synthetic or real organisation, or a real project.
    let mut actors: Vec<Value> = ["organisations", "projects"]
        .iter()
        .flat_map(|s| array(&doc, s).iter().map(|r| r["id"].clone()))
        .collect();
    actors.extend(orgs.iter().map(|o| o["id"].clone()));
    let mut relations = Vec::new();
    for i in 0..per_org(real_relations.len()) {
        let from = format!("syn-org-{}", rng.below(n as u64));
        let mut relation = json!({
            "id": format!("syn-rel-{i}"),
            "from": from,
            "kind": sample(&mut rng, &real_relations, "kind"),
            "to": actors[rng.below(actors.len() as u64) as usize],
            "confidence": CONFIDENCE[i % CONFIDENCE.len()],
            "sources": [source],
        });
        // Most relations are dated, a fifth of them ended, like the real ones.
        if rng.unit() < 0.7 {
            let (year, start) = day(&mut rng);
            relation["start"] = json!(start);
            if rng.unit() < 0.2 {
                relation["end"] = json!(format!("{}", year + 1 + rng.below(6)));
            }
        }
        relations.push(relation);
    }
    let mut events = Vec::new();
    for i in 0..per_org(real_events.len()) {
        events.push(json!({
            "id": format!("syn-event-{i}"),
            "kind": sample(&mut rng, &real_events, "kind"),
            "label": {"en": format!("Synthetic event {i}"), "fr": format!("Événement synthétique {i}")},
            "date": day(&mut rng).1,
            "related": [format!("syn-org-{}", rng.below(n as u64))],
            "confidence": CONFIDENCE[i % CONFIDENCE.len()],
            "sources": [source],
        }));
    }
    for (section, records) in [
        ("organisations", orgs),
        ("relations", relations),
        ("events", events),
    ] {
        if let Some(Value::Array(list)) = doc.get_mut(section) {
            list.extend(records);
        }
    }
    serde_json::to_string(&doc).expect("JSON values serialise")
}
