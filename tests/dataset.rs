//! The shipped dataset, and proof that validation catches each kind of error.
//! `cargo xtask data` prints the report: `cargo test --test dataset -- --nocapture report`.
#![cfg(not(target_arch = "wasm32"))]

use cancer_atlas::data::report::Report;
use cancer_atlas::data::{self, DataError, Problem};
use cancer_atlas::model::{Confidence, PartialDate, RelationKind};

fn shipped() -> cancer_atlas::model::Dataset {
    match data::embedded() {
        Ok(d) => d,
        Err(errors) => {
            let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
            panic!(
                "the shipped dataset has {} problem(s):\n{}",
                list.len(),
                list.join("\n")
            );
        }
    }
}

#[test]
fn shipped_dataset_has_no_problem() {
    shipped();
}

#[test]
fn report_shows_every_record_sourced_and_bilingual() {
    let report = Report::of(&shipped());
    println!("{report}");
    assert_eq!(report.sourced, report.records, "every record has a source");
    assert_eq!(
        report.bilingual_texts, report.texts,
        "every text has FR and EN"
    );
    assert!(report.records > 250);
    // Per programme too, and the atlas never names more partners than the sources count.
    assert_eq!(report.coverage.len(), 3);
    for prog in &report.coverage {
        assert_eq!(
            prog.sourced, prog.records,
            "{}: every record sourced",
            prog.id
        );
        assert_eq!(
            prog.bilingual_texts, prog.texts,
            "{}: every text bilingual",
            prog.id
        );
        assert!(prog.records > 0 && prog.texts > 0, "{}", prog.id);
        for p in &prog.projects {
            if let Some(stated) = p.stated {
                assert!(
                    p.named <= stated as usize,
                    "{}: {} named, {stated} stated",
                    p.id,
                    p.named
                );
            }
        }
    }
    let eu = report.coverage.iter().find(|c| c.id == "prog-eu").unwrap();
    for ja in [
        "epaac", "cancon", "ipaac", "crane", "jane", "jane-2", "eunetccc",
    ] {
        let row = eu.projects.iter().find(|p| p.id == ja).expect(ja);
        assert!(row.named >= 3 && row.stated.is_some(), "{ja}: {row:?}");
    }
}

#[test]
fn coverage_counts_partners_not_subcontractors_and_every_country_once() {
    let mut d = shipped();
    let before = Report::of(&d);
    let crane = |r: &Report| {
        r.coverage
            .iter()
            .find(|c| c.id == "prog-eu")
            .and_then(|c| c.projects.iter().find(|p| p.id == "crane"))
            .cloned()
            .unwrap()
    };
    // Turning a partner into a subcontractor takes it out of the count.
    let rel = d
        .relations
        .iter_mut()
        .find(|r| r.to == "crane" && r.from == "nijz")
        .unwrap();
    rel.kind = RelationKind::SubcontractorOf;
    let after = Report::of(&d);
    assert_eq!(crane(&after).named + 1, crane(&before).named);
    // The report shows the table.
    let text = before.to_string();
    assert!(text.contains("### Coverage by programme"), "{text}");
    assert!(text.contains("| CraNE | "), "{text}");
}

#[test]
fn all_unicancer_comprehensive_cancer_centres_are_on_the_map() {
    let d = shipped();
    let members: Vec<&str> = d
        .relations
        .iter()
        .filter(|r| r.kind == RelationKind::MemberOf && r.to == "unicancer")
        .map(|r| r.from.as_str())
        .collect();
    assert_eq!(members.len(), 18, "{members:?}");
    for id in members {
        let org = d.organisations.iter().find(|o| o.id == id).expect(id);
        assert_eq!(org.country, "FR", "{id}");
        assert!(
            (41.0..52.0).contains(&org.lat) && (-5.0..10.0).contains(&org.lon),
            "{id} is in metropolitan France"
        );
    }
}

#[test]
fn every_country_of_the_dataset_has_a_shape_on_the_map() {
    let world = cancer_atlas::geo::world::countries();
    for country in shipped().countries {
        assert!(
            world.iter().any(|s| s.iso3 == country.iso3),
            "{} ({})",
            country.code,
            country.iso3
        );
    }
}

#[test]
fn g7_cancer_has_seven_founders_and_iarc_as_2024_observer() {
    let d = shipped();
    let founders = d
        .relations
        .iter()
        .filter(|r| r.to == "g7-cancer" && r.kind == RelationKind::Signatory)
        .filter(|r| r.span.start == Some(PartialDate::day(2023, 5, 9)))
        .count();
    assert_eq!(founders, 7);
    let iarc = d
        .relations
        .iter()
        .find(|r| r.from == "iarc" && r.to == "g7-cancer")
        .unwrap();
    assert_eq!(iarc.kind, RelationKind::ObserverOf);
    assert_eq!(iarc.span.start, Some(PartialDate::year(2024)));
}

#[test]
fn seed_statements_and_corrections_stand_side_by_side() {
    let d = shipped();
    let iarc = d
        .conflicts
        .iter()
        .find(|c| c.id == "c-iarc-status")
        .unwrap();
    assert_eq!(iarc.status, Confidence::Corrected);
    assert!(iarc
        .claims
        .iter()
        .any(|c| c.from_seed && c.sources == ["seed-000"]));
    assert!(iarc
        .claims
        .iter()
        .any(|c| !c.from_seed && !c.sources.is_empty()));
    let uicc = d.relations.iter().find(|r| r.id == "rel-026").unwrap();
    assert_eq!(uicc.provenance.confidence, Confidence::Disputed);
    assert!(d
        .conflicts
        .iter()
        .any(|c| c.about.contains(&"rel-026".to_owned())));
}

// ---- each kind of error is caught, with file, record and field ----

const MINIMAL: &str = r#"{
  "schema": 1,
  "sources": [{"id": "s1", "title": "A page", "publisher": "Someone", "url": "https://example.org/", "kind": "document"}],
  "countries": [{"code": "FR", "iso3": "FRA", "name": {"en": "France", "fr": "France"}}],
  "organisations": [{"id": "org-a", "name": {"en": "A", "fr": "A"}, "kind": "cancer-centre", "country": "FR",
     "city": "Lyon", "lat": 45.7, "lon": 4.8, "confidence": "confirmed", "sources": ["s1"]}],
  "projects": [{"id": "proj-b", "name": {"en": "B", "fr": "B"}, "kind": "joint-action", "summary": {"en": "b", "fr": "b"},
     "start": "2022-10-01", "end": "2024-09-30", "confidence": "seed", "sources": ["s1"]}],
  "relations": [{"id": "rel-1", "from": "org-a", "kind": "participates-in", "to": "proj-b", "start": "2022-10",
     "confidence": "seed", "sources": ["s1"]}]
}"#;

fn problems_after(edit: impl Fn(&mut serde_json::Value)) -> Vec<DataError> {
    let mut doc: serde_json::Value = serde_json::from_str(MINIMAL).unwrap();
    edit(&mut doc);
    data::load_document("test.json", &doc.to_string()).expect_err("the edit must be caught")
}

fn only(errors: &[DataError]) -> &DataError {
    assert_eq!(errors.len(), 1, "{errors:#?}");
    &errors[0]
}

#[test]
fn minimal_document_is_valid() {
    let d = data::load_document("test.json", MINIMAL).unwrap();
    assert_eq!(d.relations.len(), 1);
}

#[test]
fn catches_unknown_reference() {
    let errors = problems_after(|d| d["relations"][0]["to"] = "nowhere".into());
    let e = only(&errors);
    assert_eq!(e.record.as_deref(), Some("rel-1"));
    assert_eq!(e.field.as_deref(), Some("to"));
    assert!(matches!(&e.problem, Problem::UnknownReference { id, .. } if id == "nowhere"));
    assert_eq!(e.file, "test.json (relations)");
    assert!(e.to_string().contains("unknown reference `nowhere`"), "{e}");
}

#[test]
fn catches_duplicate_ids_across_files() {
    let errors = problems_after(|d| d["projects"][0]["id"] = "org-a".into());
    assert!(errors.iter().any(|e| matches!(&e.problem, Problem::DuplicateId { first_in } if first_in.contains("organisations"))));
}

#[test]
fn catches_coordinates_out_of_range() {
    let errors = problems_after(|d| {
        d["organisations"][0]["lat"] = 91.0.into();
        d["organisations"][0]["lon"] = (-180.5).into();
    });
    assert_eq!(errors.len(), 2);
    assert!(errors
        .iter()
        .all(|e| matches!(e.problem, Problem::CoordinateOutOfRange { .. })));
    assert_eq!(errors[0].field.as_deref(), Some("lat"));
    assert_eq!(errors[1].field.as_deref(), Some("lon"));
}

#[test]
fn catches_end_before_start() {
    let errors = problems_after(|d| d["projects"][0]["end"] = "2021".into());
    let e = only(&errors);
    assert_eq!(e.field.as_deref(), Some("end"));
    assert!(
        matches!(&e.problem, Problem::EndBeforeStart { start, end } if start == "2022-10-01" && end == "2021")
    );
}

#[test]
fn catches_missing_source_and_unknown_source() {
    let errors = problems_after(|d| d["relations"][0]["sources"] = serde_json::json!([]));
    assert!(matches!(only(&errors).problem, Problem::MissingSource));
    let errors = problems_after(|d| d["relations"][0]["sources"] = serde_json::json!(["s9"]));
    assert_eq!(only(&errors).field.as_deref(), Some("sources[0]"));
}

#[test]
fn catches_missing_french_or_english_text() {
    let errors = problems_after(|d| {
        d["projects"][0]["summary"] = serde_json::json!({"en": "b"});
        d["organisations"][0]["name"] = serde_json::json!({"en": " ", "fr": "A"});
    });
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors.iter().any(|e| e.field.as_deref() == Some("summary")
        && e.problem
            == Problem::MissingText {
                lang: cancer_atlas::i18n::Lang::Fr
            }));
    assert!(errors.iter().any(|e| e.field.as_deref() == Some("name")
        && e.problem
            == Problem::MissingText {
                lang: cancer_atlas::i18n::Lang::En
            }));
}

#[test]
fn catches_bad_dates_and_unknown_kinds() {
    let errors = problems_after(|d| {
        d["relations"][0]["start"] = "2022-13".into();
        d["relations"][0]["kind"] = "friend-of".into();
        d["organisations"][0]["confidence"] = "sure".into();
    });
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(errors
        .iter()
        .any(|e| matches!(&e.problem, Problem::BadDate { value, .. } if value == "2022-13")));
    assert!(errors.iter().any(
        |e| matches!(&e.problem, Problem::UnknownValue { value, .. } if value == "friend-of")
    ));
    assert!(errors
        .iter()
        .any(|e| e.field.as_deref() == Some("confidence")));
}

#[test]
fn reports_every_problem_at_once() {
    let errors = problems_after(|d| {
        d["relations"][0]["from"] = "x".into();
        d["relations"][0]["to"] = "y".into();
        d["projects"][0]["end"] = "2000".into();
        d["organisations"][0]["lat"] = 100.0.into();
    });
    assert_eq!(errors.len(), 4, "{errors:#?}");
}

#[test]
fn invalid_json_names_line_and_column() {
    let broken = MINIMAL.replacen("\"kind\": \"document\"}", "\"kind\": \"document\",}", 1);
    let errors = data::load_document("test.json", &broken).unwrap_err();
    let e = only(&errors);
    assert!(matches!(e.problem, Problem::Json { line: 3, .. }), "{e}");
    assert!(
        e.to_string()
            .starts_with("test.json: invalid JSON at line 3"),
        "{e}"
    );
}

#[test]
fn unknown_fields_are_refused_rather_than_ignored() {
    let errors = problems_after(|d| d["organisations"][0]["nmae"] = "typo".into());
    assert!(matches!(only(&errors).problem, Problem::Json { .. }));
}

#[test]
fn html_in_strings_is_kept_as_plain_text() {
    let mut doc: serde_json::Value = serde_json::from_str(MINIMAL).unwrap();
    doc["organisations"][0]["name"]["en"] = "<script>alert(1)</script>".into();
    let d = data::load_document("test.json", &doc.to_string()).unwrap();
    assert_eq!(d.organisations[0].name.en, "<script>alert(1)</script>");
}

#[test]
fn synthetic_datasets_keep_the_real_proportions_and_are_valid() {
    use cancer_atlas::testing::synthetic;
    let sections = data::EMBEDDED.sections();
    let names: Vec<&str> = sections.iter().map(|(name, _)| *name).collect();
    assert_eq!(names, synthetic::SECTIONS);
    let real = shipped();
    let (orgs, relations, events) = (
        real.organisations.len(),
        real.relations.len(),
        real.events.len(),
    );
    for n in [0, 100, 1_000] {
        let text = synthetic::document(&sections, n);
        assert_eq!(
            text,
            synthetic::document(&sections, n),
            "seeded: same every run"
        );
        let d = data::load_document("synthetic", &text).unwrap_or_else(|errors| {
            panic!("{n}: {}", errors[0]);
        });
        assert_eq!(d.organisations.len(), orgs + n);
        let expect = |real: usize| real + (n * real + orgs / 2) / orgs;
        assert_eq!(d.relations.len(), expect(relations), "{n} relations");
        assert_eq!(d.events.len(), expect(events), "{n} events");
        if n > 0 {
            // Synthetic relations reach real records too, and most of them are dated.
            let synthetic: Vec<_> = d.relations[relations..].iter().collect();
            assert!(synthetic.iter().any(|r| !r.to.starts_with("syn-")));
            let dated = synthetic.iter().filter(|r| r.span.start.is_some()).count();
            assert!(
                dated * 2 > synthetic.len(),
                "{dated} of {}",
                synthetic.len()
            );
        }
    }
}

#[test]
fn refuses_a_country_code_that_iso_has_not_assigned() {
    for code in ["XX", "UK", "EU"] {
        let errors = problems_after(|d| {
            d["countries"][0]["code"] = code.into();
            d["organisations"][0]["country"] = code.into();
        });
        let e = only(&errors);
        assert_eq!(e.file, "test.json (countries)");
        assert_eq!(e.record.as_deref(), Some(code));
        assert_eq!(e.field.as_deref(), Some("code"));
        assert!(e.to_string().contains("ISO 3166-1"), "{e}");
    }
}

#[test]
fn refuses_one_organisation_under_two_ids() {
    // The same centre again, its name typed with other accents and case, in the same city.
    let errors = problems_after(|d| {
        d["organisations"][0]["name"] =
            serde_json::json!({"en": "Centre Léon Bérard", "fr": "Centre Léon Bérard"});
        let mut again = d["organisations"][0].clone();
        again["id"] = "org-a-again".into();
        again["name"] = serde_json::json!({"en": "Leon Berard Centre", "fr": "centre leon-berard"});
        d["organisations"].as_array_mut().unwrap().push(again);
    });
    let e = only(&errors);
    assert_eq!(e.file, "test.json (organisations)");
    assert_eq!(e.record.as_deref(), Some("org-a-again"));
    assert_eq!(e.field.as_deref(), Some("name"));
    assert!(matches!(&e.problem, Problem::DuplicateOrganisation { first } if first == "org-a"));
    assert!(e.to_string().contains("`org-a`"), "{e}");
}

#[test]
fn the_same_name_in_another_city_is_another_organisation() {
    let mut doc: serde_json::Value = serde_json::from_str(MINIMAL).unwrap();
    let mut other = doc["organisations"][0].clone();
    other["id"] = "org-a-paris".into();
    other["city"] = "Paris".into();
    other["lat"] = 48.85.into();
    other["lon"] = 2.35.into();
    doc["organisations"].as_array_mut().unwrap().push(other);
    let d = data::load_document("test.json", &doc.to_string()).unwrap();
    assert_eq!(d.organisations.len(), 2);
}

#[test]
fn refuses_an_organisation_outside_its_country() {
    // Lyon's coordinates swapped (lat 4.8, lon 45.7): in the Indian Ocean, not in France.
    let errors = problems_after(|d| {
        d["organisations"][0]["lat"] = 4.8.into();
        d["organisations"][0]["lon"] = 45.7.into();
    });
    let e = only(&errors);
    assert_eq!(e.file, "test.json (organisations)");
    assert_eq!(e.record.as_deref(), Some("org-a"));
    assert_eq!(e.field.as_deref(), Some("lat"));
    assert!(matches!(&e.problem, Problem::OutsideCountry { country, .. } if country == "FR"));
    assert!(e.to_string().contains("is outside FR"), "{e}");
    // Near a border, or on an island the map leaves out, is not an error.
    for (lat, lon, code, iso3) in [(48.58, 7.75, "FR", "FRA"), (37.74, -25.67, "PT", "PRT")] {
        let mut doc: serde_json::Value = serde_json::from_str(MINIMAL).unwrap();
        doc["countries"][0]["code"] = code.into();
        doc["countries"][0]["iso3"] = iso3.into();
        doc["organisations"][0]["country"] = code.into();
        doc["organisations"][0]["lat"] = lat.into();
        doc["organisations"][0]["lon"] = lon.into();
        data::load_document("test.json", &doc.to_string()).expect("inside its country");
    }
}

#[test]
fn refuses_a_partner_relation_without_a_source_and_a_country_named_without_one() {
    for kind in [
        "beneficiary-of",
        "affiliated-entity-of",
        "associated-partner-of",
        "collaborating-partner-of",
    ] {
        let errors = problems_after(|d| {
            d["relations"][0]["kind"] = kind.into();
            d["relations"][0]["sources"] = serde_json::json!([]);
        });
        let e = only(&errors);
        assert_eq!(e.record.as_deref(), Some("rel-1"));
        assert_eq!(e.field.as_deref(), Some("sources"));
        assert!(matches!(e.problem, Problem::MissingSource), "{kind}: {e}");
    }
    let errors = problems_after(|d| {
        d["projects"][0]["countries"] =
            serde_json::json!([{"code": "FR", "sources": []}, {"code": "DE", "sources": ["s1"]}]);
    });
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_eq!(errors[0].field.as_deref(), Some("countries[0].sources"));
    assert!(matches!(errors[0].problem, Problem::MissingSource));
    assert_eq!(errors[1].field.as_deref(), Some("countries[1].code"));
    assert!(matches!(&errors[1].problem, Problem::UnknownReference { id, .. } if id == "DE"));
}

// ---- the house typography (`src/typography.rs`) ----

/// The atlas's own files with one French note edited: an ordinary space before the colon,
/// as a new record typed in a hurry would have it.
#[test]
fn a_record_that_breaks_french_typography_is_refused_in_the_atlas_files() {
    let organisations = data::EMBEDDED.organisations.replacen(
        "\"fr\": \"",
        "\"fr\": \"Nom allemand : Beispiel. ",
        1,
    );
    assert_ne!(organisations, data::EMBEDDED.organisations);
    let files = data::Files {
        organisations: &organisations,
        ..data::EMBEDDED
    };
    let errors = data::load_files(&files).expect_err("an ordinary space before « : » is refused");
    let e = only(&errors);
    assert_eq!(e.file, "data/organisations.json");
    assert_eq!(e.field.as_deref(), Some("name"));
    assert!(
        matches!(&e.problem, Problem::Typography { lang: cancer_atlas::i18n::Lang::Fr, near, .. } if near.contains("allemand :")),
        "{e}"
    );
    assert!(e.to_string().contains("cargo xtask typography"), "{e}");
    // A straight apostrophe, in either language, is refused too.
    let organisations =
        data::EMBEDDED
            .organisations
            .replacen("\"en\": \"", "\"en\": \"Europe's ", 1);
    let files = data::Files {
        organisations: &organisations,
        ..data::EMBEDDED
    };
    let errors = data::load_files(&files).expect_err("a straight apostrophe is refused");
    assert!(matches!(
        &only(&errors).problem,
        Problem::Typography { lang: cancer_atlas::i18n::Lang::En, what, .. } if what.contains("apostrophe")
    ));
}

/// A dataset a visitor opens with `?data=` is shown as published: typography is the
/// atlas's own rule, not a reason to refuse someone else's data.
#[test]
fn a_visitors_dataset_is_not_held_to_the_house_typography() {
    let doc = MINIMAL.replace(
        r#""summary": {"en": "b", "fr": "b"}"#,
        r#""summary": {"en": "Europe's plan", "fr": "Note : l'atlas « ici »"}"#,
    );
    assert_ne!(doc, MINIMAL);
    assert!(data::load_document("test.json", &doc).is_ok());
}

/// A relation with no dates of its own takes its project's, marked as the project's: an
/// organisation taking part in a dated project; never a project following another.
#[test]
fn a_relation_without_dates_takes_its_projects_marked_so() {
    let d = shipped();
    let rel = |id: &str| d.relations.iter().find(|r| r.id == id).unwrap();
    let crane = d.projects.iter().find(|p| p.id == "crane").unwrap();
    let sciensano = d.relation_dates(rel("rel-crane-14"));
    assert!(sciensano.of_project);
    assert_eq!(sciensano.span, crane.span);
    // Its own dates win (INCa in G7 Cancer from 9 May 2023).
    let inca = d.relation_dates(rel("rel-001"));
    assert!(!inca.of_project);
    assert_eq!(inca.span.start, PartialDate::parse("2023-05-09").ok());
    // Between two projects nothing is borrowed (EUnetCCC follows CraNE).
    let successor = d.relations.iter().find(|r| {
        r.kind == RelationKind::SuccessorOf && r.span.start.is_none() && r.span.end.is_none()
    });
    if let Some(r) = successor {
        assert!(!d.relation_dates(r).of_project, "{}", r.id);
    }
    // Sciensano's relations: none reads "undated" any more when its project has dates.
    let undated: Vec<&str> = d
        .relations
        .iter()
        .filter(|r| r.from == "sciensano-be")
        .filter(|r| {
            let dates = d.relation_dates(r);
            dates.span.start.is_none() && dates.span.end.is_none()
        })
        .map(|r| r.id.as_str())
        .collect();
    assert!(
        undated.len() <= 2,
        "Sciensano's undated relations: {undated:?}"
    );
}
