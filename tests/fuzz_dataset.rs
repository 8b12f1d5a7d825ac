//! Robustness of dataset parsing (issue 9): 10 000 damaged versions of the shipped dataset,
//! as one document of the published schema, go through `load_document`; none may panic,
//! every rejection must say what is wrong, and whatever is accepted must hold together.
//! Half the cases damage the text (bytes flipped, inserted, deleted, cut off), half the
//! structure (a field of a random record set to a hostile value, removed, or a record
//! duplicated). Seeded, so every run tests the same 10 000 cases.
#![cfg(not(target_arch = "wasm32"))]

use cancer_atlas::data::{self, EMBEDDED};
use cancer_atlas::testing::Lcg;
use serde_json::{json, Value};

const CASES: usize = 10_000;
const SECTIONS: [&str; 9] = [
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

/// The shipped dataset's sections, parsed, in `SECTIONS` order.
fn sections() -> Vec<Value> {
    let f = &EMBEDDED;
    [
        f.sources,
        f.countries,
        f.organisations,
        f.programmes,
        f.projects,
        f.relations,
        f.events,
        f.figures,
        f.conflicts,
    ]
    .iter()
    .map(|text| serde_json::from_str(text).expect("shipped JSON parses"))
    .collect()
}

/// One document of the published schema, as someone publishing their own would write it,
/// from the sections' JSON texts.
fn document(texts: &[String]) -> String {
    let body: Vec<String> = SECTIONS
        .iter()
        .zip(texts)
        .map(|(name, text)| format!("\"{name}\":{text}"))
        .collect();
    format!("{{\"schema\":1,{}}}", body.join(","))
}

fn hostile(rng: &mut Lcg, long: &str) -> Value {
    let choices = [
        Value::Null,
        json!(""),
        json!(-1),
        json!(1e308),
        json!(u64::MAX),
        json!(true),
        json!([]),
        json!({}),
        json!("<script>alert(1)</script>"),
        json!("<img src=x onerror=alert(1)>"),
        json!("2023-13-45"),
        json!("0000-00-00"),
        json!("9999-12-31"),
        json!("-2023"),
        json!("unknown-id-xyz"),
        json!("prog-g7"),
        json!({ "en": "", "fr": "" }),
        json!({ "en": "only English" }),
        json!(long),
        json!("\u{0}\u{202e}\u{fffd}"),
        json!([[[[[[]]]]]]),
        json!(["unknown-source"]),
    ];
    choices[rng.below(choices.len() as u64) as usize].clone()
}

/// The document with one section damaged: a record duplicated or replaced, or one of its
/// fields removed or set to a hostile value. Only that section is copied and re-written.
fn damage_structure(sections: &[Value], texts: &[String], rng: &mut Lcg, long: &str) -> String {
    let which = rng.below(SECTIONS.len() as u64) as usize;
    let mut records = sections[which].as_array().cloned().unwrap_or_default();
    if !records.is_empty() {
        let at = rng.below(records.len() as u64) as usize;
        match rng.below(4) {
            0 => records.push(records[at].clone()),
            1 => records[at] = hostile(rng, long),
            _ => {
                if let Some(record) = records[at].as_object_mut() {
                    let keys: Vec<String> = record.keys().cloned().collect();
                    let key = keys[rng.below(keys.len() as u64) as usize].clone();
                    if rng.below(3) == 0 {
                        record.remove(&key);
                    } else {
                        record.insert(key, hostile(rng, long));
                    }
                }
            }
        }
    }
    let mut texts = texts.to_vec();
    texts[which] = Value::Array(records).to_string();
    document(&texts)
}

fn damage_text(text: &str, rng: &mut Lcg) -> String {
    const REPLACE: &[u8] = b"{}[]\",:\\0x\n\xff";
    const INSERT: &[u8] = b"{}[]\",:-e9";
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() as u64 + 1) as usize;
        match rng.below(4) {
            0 if at < bytes.len() => bytes[at] = REPLACE[rng.below(REPLACE.len() as u64) as usize],
            1 => bytes.insert(at, INSERT[rng.below(INSERT.len() as u64) as usize]),
            2 if at < bytes.len() => {
                bytes.remove(at);
            }
            _ => bytes.truncate(at),
        }
    }
    // Invalid UTF-8 cannot reach the parser as a &str; the browser's decoder replaces it.
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn ten_thousand_damaged_datasets_never_panic_and_every_rejection_says_why() {
    let sections = sections();
    let texts: Vec<String> = sections.iter().map(Value::to_string).collect();
    let text = document(&texts);
    let long = "x".repeat(100_000);
    data::load_document("atlas.json", &text).expect("the undamaged document loads");
    // Each case has its own seeded generator, so the cases are the same however many
    // threads share them out.
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let counts: Vec<(usize, usize)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                let (sections, texts, text, long) = (&sections, &texts, &text, &long);
                scope.spawn(move || {
                    let (mut accepted, mut rejected) = (0, 0);
                    for case in (worker..CASES).step_by(workers) {
                        check_case(
                            case,
                            sections,
                            texts,
                            text,
                            long,
                            &mut accepted,
                            &mut rejected,
                        );
                    }
                    (accepted, rejected)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a worker panicked"))
            .collect()
    });
    let accepted: usize = counts.iter().map(|c| c.0).sum();
    let rejected: usize = counts.iter().map(|c| c.1).sum();
    println!(
        "{CASES} damaged datasets: {accepted} accepted, {rejected} rejected with reasons, 0 panics"
    );
    assert_eq!(accepted + rejected, CASES);
    assert!(
        rejected > CASES / 2,
        "the damage must mostly be caught: {rejected}"
    );
}

/// One damaged dataset through the loader: no panic, a reason for every rejection, and
/// whatever is accepted holds together.
fn check_case(
    case: usize,
    sections: &[Value],
    texts: &[String],
    text: &str,
    long: &str,
    accepted: &mut usize,
    rejected: &mut usize,
) {
    let mut rng = Lcg(0x0a71a5 ^ (case as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));

    let damaged = if case.is_multiple_of(2) {
        damage_text(text, &mut rng)
    } else {
        damage_structure(sections, texts, &mut rng, long)
    };
    let outcome = std::panic::catch_unwind(|| data::load_document("atlas.json", &damaged));
    match outcome {
        Err(_) => panic!(
            "case {case} panicked; input starts {:?}",
            damaged.chars().take(200).collect::<String>()
        ),
        Ok(Ok(dataset)) => {
            *accepted += 1;
            // Whatever is accepted holds together: every relation's ends exist.
            for r in &dataset.relations {
                let known = |id: &str| {
                    dataset.organisations.iter().any(|o| o.id == id)
                        || dataset.projects.iter().any(|p| p.id == id)
                        || dataset.programmes.iter().any(|p| p.id == id)
                };
                assert!(
                    known(&r.from) && known(&r.to),
                    "case {case}: relation {} dangles",
                    r.id
                );
            }
        }
        Ok(Err(errors)) => {
            *rejected += 1;
            assert!(!errors.is_empty(), "case {case}: rejected without a reason");
            for e in &errors {
                assert!(
                    !e.to_string().trim().is_empty(),
                    "case {case}: an empty message"
                );
            }
        }
    }
}
