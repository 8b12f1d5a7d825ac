//! FR/EN interface strings and language choice. Pure: no leptos, no web-sys.
//!
//! Every string is a field of [`Strings`]; the French and English tables are constants
//! of that type, so a string missing in one language fails to compile.

/// A language the atlas is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Fr,
}

impl Lang {
    /// Both languages, in the order the switch shows them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// The BCP 47 tag written into `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// Reads a language tag such as `fr`, `fr-CA` or `EN_gb`; `None` for any other language.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// The first supported language in the visitor's preference list (as in
    /// `navigator.languages`), or English when none is supported.
    pub fn preferred<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        tags.into_iter()
            .find_map(Lang::from_tag)
            .unwrap_or(Lang::En)
    }

    /// The interface strings in this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::En => &EN,
            Lang::Fr => &FR,
        }
    }
}

/// Every piece of interface text, in one language.
#[derive(Debug)]
pub struct Strings {
    /// The language's own name, as the switch shows it.
    pub language_name: &'static str,
    pub app_title: &'static str,
    pub app_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub language_switch_label: &'static str,
    pub map_title: &'static str,
    pub timeline_title: &'static str,
    pub details_title: &'static str,
    pub details_empty: &'static str,
    pub footer_sources: &'static str,
    pub footer_sources_text: &'static str,
    pub footer_about: &'static str,
    pub footer_about_text: &'static str,
    pub footer_dataset: &'static str,
    pub count_organisations: &'static str,
    pub count_projects: &'static str,
    pub count_relations: &'static str,
    pub count_events: &'static str,
    pub count_sources: &'static str,
    pub data_error_title: &'static str,
    pub data_error_text: &'static str,
    pub map_label: &'static str,
    pub map_help: &'static str,
    pub zoom_in: &'static str,
    pub zoom_out: &'static str,
    pub view_world: &'static str,
    pub view_europe: &'static str,
    pub legend_title: &'static str,
    pub legend_member_country: &'static str,
    pub cluster_hint: &'static str,
    pub links_title: &'static str,
    pub links_none: &'static str,
    pub clear_selection: &'static str,
    pub selected_label: &'static str,
    pub details_kind: &'static str,
    pub details_place: &'static str,
    pub details_website: &'static str,
    pub details_confidence: &'static str,
    pub details_sources: &'static str,
    pub details_note: &'static str,
    pub as_of: &'static str,
    pub timeline_label: &'static str,
    pub as_of_label: &'static str,
    pub play: &'static str,
    pub pause: &'static str,
    pub timeline_help: &'static str,
    pub ongoing: &'static str,
    pub today: &'static str,
    pub details_dates: &'static str,
    pub details_coordinator: &'static str,
    pub details_funding: &'static str,
    pub details_partners: &'static str,
    pub details_budget: &'static str,
}

pub const EN: Strings = Strings {
    language_name: "English",
    app_title: "Cancer Cooperation Atlas",
    app_tagline: "Who works with whom against cancer, across borders",
    skip_to_content: "Skip to content",
    language_switch_label: "Language",
    map_title: "Map",
    timeline_title: "Timeline",
    details_title: "Details",
    details_empty: "Select an organisation, project or event to read about it, with its sources.",
    footer_sources: "Sources",
    footer_sources_text:
        "Every fact in the atlas names its source and how confident we are in it. \
        Where sources disagree, both are shown.",
    footer_about: "About",
    footer_about_text: "An independent, open atlas of international cooperation against cancer: \
        the G7 Cancer alliance, Unicancer's international partnerships and the European joint \
        actions on cancer.",
    footer_dataset: "In the dataset",
    count_organisations: "organisations",
    count_projects: "projects and programmes",
    count_relations: "relations",
    count_events: "events",
    count_sources: "sources",
    data_error_title: "The atlas's data could not be read",
    data_error_text: "The problems below were found in the dataset. Nothing is shown rather than \
        something wrong.",
    map_label: "Map of cooperating organisations",
    map_help:
        "Drag to move. Ctrl + scroll or pinch to zoom. Keys: arrows move, + and − zoom, 0 resets.",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    view_world: "World",
    view_europe: "Europe",
    legend_title: "Kinds of organisation",
    legend_member_country: "Country of a G7 Cancer member",
    cluster_hint: "zoom in to separate",
    links_title: "Links",
    links_none: "No link in the dataset.",
    clear_selection: "Clear selection",
    selected_label: "Selected",
    details_kind: "Kind",
    details_place: "Place",
    details_website: "Website",
    details_confidence: "Confidence",
    details_sources: "Sources",
    details_note: "Note",
    as_of: "As of",
    timeline_label: "Timeline of cooperation",
    as_of_label: "Date shown on the map",
    play: "Play the years",
    pause: "Pause",
    timeline_help: "Drag or Ctrl + scroll to move and zoom the timeline; the slider sets the date the map shows.",
    ongoing: "ongoing",
    today: "Today",
    details_dates: "Dates",
    details_coordinator: "Coordinator",
    details_funding: "Funding",
    details_partners: "Partners",
    details_budget: "Budget",
};

pub const FR: Strings = Strings {
    language_name: "Français",
    app_title: "Atlas de la coopération contre le cancer",
    app_tagline: "Qui travaille avec qui contre le cancer, par-delà les frontières",
    skip_to_content: "Aller au contenu",
    language_switch_label: "Langue",
    map_title: "Carte",
    timeline_title: "Frise chronologique",
    details_title: "Détails",
    details_empty: "Choisissez une organisation, un projet ou un événement pour le découvrir, \
        avec ses sources.",
    footer_sources: "Sources",
    footer_sources_text: "Chaque fait de l’atlas cite sa source et notre degré de confiance. \
        Quand les sources divergent, les deux versions sont présentées.",
    footer_about: "À propos",
    footer_about_text: "Un atlas ouvert et indépendant de la coopération internationale contre \
        le cancer : l’alliance G7 Cancer, les partenariats internationaux d’Unicancer et les \
        actions conjointes européennes contre le cancer.",
    footer_dataset: "Dans les données",
    count_organisations: "organisations",
    count_projects: "projets et programmes",
    count_relations: "relations",
    count_events: "événements",
    count_sources: "sources",
    data_error_title: "Les données de l’atlas n’ont pas pu être lues",
    data_error_text:
        "Les problèmes ci-dessous ont été trouvés dans les données. Mieux vaut ne rien \
        afficher qu’afficher une erreur.",
    map_label: "Carte des organisations partenaires",
    map_help: "Glisser pour déplacer. Ctrl + molette ou pincer pour zoomer. Touches : flèches pour déplacer, + et − pour zoomer, 0 pour revenir.",
    zoom_in: "Zoomer",
    zoom_out: "Dézoomer",
    view_world: "Monde",
    view_europe: "Europe",
    legend_title: "Types d’organisation",
    legend_member_country: "Pays d’un membre du G7 Cancer",
    cluster_hint: "zoomer pour les séparer",
    links_title: "Liens",
    links_none: "Aucun lien dans les données.",
    clear_selection: "Effacer la sélection",
    selected_label: "Sélection",
    details_kind: "Type",
    details_place: "Lieu",
    details_website: "Site web",
    details_confidence: "Fiabilité",
    details_sources: "Sources",
    details_note: "Note",
    as_of: "Au",
    timeline_label: "Frise de la coopération",
    as_of_label: "Date affichée sur la carte",
    play: "Faire défiler les années",
    pause: "Pause",
    timeline_help: "Glisser ou Ctrl + molette pour déplacer et zoomer la frise ; le curseur règle la date affichée sur la carte.",
    ongoing: "en cours",
    today: "Aujourd’hui",
    details_dates: "Dates",
    details_coordinator: "Coordination",
    details_funding: "Financement",
    details_partners: "Partenaires",
    details_budget: "Budget",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_primary_subtag_in_any_case() {
        assert_eq!(Lang::from_tag("fr"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("fr-CA"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("EN_gb"), Some(Lang::En));
        assert_eq!(Lang::from_tag(" en-US "), Some(Lang::En));
    }

    #[test]
    fn rejects_other_languages_and_garbage() {
        assert_eq!(Lang::from_tag("de-DE"), None);
        assert_eq!(Lang::from_tag(""), None);
        assert_eq!(Lang::from_tag("french"), None);
        assert_eq!(Lang::from_tag("-"), None);
    }

    #[test]
    fn preferred_takes_first_supported_language_in_order() {
        assert_eq!(Lang::preferred(["de-DE", "fr-BE", "en"]), Lang::Fr);
        assert_eq!(Lang::preferred(["en-GB", "fr"]), Lang::En);
    }

    #[test]
    fn preferred_falls_back_to_english() {
        assert_eq!(Lang::preferred(["de", "ja"]), Lang::En);
        assert_eq!(Lang::preferred([]), Lang::En);
    }

    #[test]
    fn tag_round_trips_for_every_language() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
    }

    #[test]
    fn every_string_is_filled_and_differs_between_languages_where_it_should() {
        for lang in Lang::ALL {
            let s = lang.strings();
            let all = [
                s.language_name,
                s.app_title,
                s.app_tagline,
                s.skip_to_content,
                s.language_switch_label,
                s.map_title,
                s.timeline_title,
                s.details_title,
                s.details_empty,
                s.footer_sources,
                s.footer_sources_text,
                s.footer_about,
                s.footer_about_text,
                s.footer_dataset,
                s.count_organisations,
                s.count_projects,
                s.count_relations,
                s.count_events,
                s.count_sources,
                s.data_error_title,
                s.data_error_text,
                s.map_label,
                s.map_help,
                s.zoom_in,
                s.zoom_out,
                s.view_world,
                s.view_europe,
                s.legend_title,
                s.legend_member_country,
                s.cluster_hint,
                s.links_title,
                s.links_none,
                s.clear_selection,
                s.selected_label,
                s.details_kind,
                s.details_place,
                s.details_website,
                s.details_confidence,
                s.details_sources,
                s.details_note,
                s.as_of,
                s.timeline_label,
                s.as_of_label,
                s.play,
                s.pause,
                s.timeline_help,
                s.ongoing,
                s.today,
                s.details_dates,
                s.details_coordinator,
                s.details_funding,
                s.details_partners,
                s.details_budget,
            ];
            for text in all {
                assert!(!text.trim().is_empty(), "{lang:?} has an empty string");
                assert!(
                    !text.contains("  "),
                    "{lang:?}: stray double space in {text:?}"
                );
            }
        }
        assert_ne!(EN.app_title, FR.app_title);
        assert_ne!(EN.details_empty, FR.details_empty);
    }
}

use crate::model::{Confidence, OrgKind, RelationKind};

impl Lang {
    /// A number as this language writes it (French: narrow no-break space thousands).
    pub fn number(self, n: usize) -> String {
        let digits = n.to_string();
        let sep = match self {
            Lang::En => ",",
            Lang::Fr => "\u{202f}",
        };
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(sep);
            }
            out.push(c);
        }
        out
    }

    /// "3 organisations" / "3 organisations", singular for 1.
    pub fn organisations(self, n: usize) -> String {
        let word = if n == 1 {
            "organisation"
        } else {
            "organisations"
        };
        format!("{} {word}", self.number(n))
    }

    /// "2 relations" / "1 relation" (the same words in both languages).
    pub fn relations(self, n: usize) -> String {
        let word = if n == 1 { "relation" } else { "relations" };
        format!("{} {word}", self.number(n))
    }

    /// How sure the atlas is, in words.
    pub fn confidence(self, c: Confidence) -> &'static str {
        use Confidence::*;
        match (self, c) {
            (Lang::En, Confirmed) => "Confirmed by an independent source",
            (Lang::Fr, Confirmed) => "Confirmé par une source indépendante",
            (Lang::En, PartlyConfirmed) => "Partly confirmed",
            (Lang::Fr, PartlyConfirmed) => "Confirmé en partie",
            (Lang::En, Seed) => "Stated by the source page only",
            (Lang::Fr, Seed) => "Affirmé par la seule page source",
            (Lang::En, Unconfirmed) => "Unconfirmed",
            (Lang::Fr, Unconfirmed) => "Non confirmé",
            (Lang::En, Disputed) => "Disputed: sources disagree",
            (Lang::Fr, Disputed) => "Discuté : les sources divergent",
            (Lang::En, Corrected) => "Corrected: the source page is wrong",
            (Lang::Fr, Corrected) => "Corrigé : la page source se trompe",
        }
    }

    pub fn org_kind(self, kind: OrgKind) -> &'static str {
        use OrgKind::*;
        match (self, kind) {
            (Lang::En, PublicAgency) => "Public agency",
            (Lang::Fr, PublicAgency) => "Agence publique",
            (Lang::En, ResearchFunder) => "Research funder",
            (Lang::Fr, ResearchFunder) => "Financeur de la recherche",
            (Lang::En, ResearchCentre) => "Research centre",
            (Lang::Fr, ResearchCentre) => "Centre de recherche",
            (Lang::En, CancerCentre) => "Cancer centre",
            (Lang::Fr, CancerCentre) => "Centre de lutte contre le cancer",
            (Lang::En, Federation) => "Federation or network",
            (Lang::Fr, Federation) => "Fédération ou réseau",
            (Lang::En, Society) => "Society, NGO or charity",
            (Lang::Fr, Society) => "Société savante, ONG ou association",
            (Lang::En, International) => "Intergovernmental or EU body",
            (Lang::Fr, International) => "Organisme intergouvernemental ou européen",
        }
    }

    /// The relation read from its `from` side: "member of", "coordinates"...
    pub fn relation_kind(self, kind: RelationKind) -> &'static str {
        use RelationKind::*;
        match (self, kind) {
            (Lang::En, MemberOf) => "member of",
            (Lang::Fr, MemberOf) => "membre de",
            (Lang::En, AffiliatedMemberOf) => "affiliated member of",
            (Lang::Fr, AffiliatedMemberOf) => "membre affilié de",
            (Lang::En, ObserverOf) => "observer of",
            (Lang::Fr, ObserverOf) => "observateur de",
            (Lang::En, Signatory) => "signatory of",
            (Lang::Fr, Signatory) => "signataire de",
            (Lang::En, Presidency) => "holds the presidency of",
            (Lang::Fr, Presidency) => "assure la présidence de",
            (Lang::En, Secretariat) => "holds the secretariat of",
            (Lang::Fr, Secretariat) => "assure le secrétariat de",
            (Lang::En, BoardSeat) => "has a board seat at",
            (Lang::Fr, BoardSeat) => "siège au conseil de",
            (Lang::En, Coordinates) => "coordinates",
            (Lang::Fr, Coordinates) => "coordonne",
            (Lang::En, CoLeads) => "co-leads",
            (Lang::Fr, CoLeads) => "codirige",
            (Lang::En, ParticipatesIn) => "takes part in",
            (Lang::Fr, ParticipatesIn) => "participe à",
            (Lang::En, AffiliatedEntityOf) => "affiliated entity of",
            (Lang::Fr, AffiliatedEntityOf) => "entité affiliée de",
            (Lang::En, PartnerOf) => "partner of",
            (Lang::Fr, PartnerOf) => "partenaire de",
            (Lang::En, CollaboratesWith) => "collaborates with",
            (Lang::Fr, CollaboratesWith) => "collabore avec",
            (Lang::En, Liaison) => "liaison office of",
            (Lang::Fr, Liaison) => "bureau de liaison de",
            (Lang::En, LabelledBy) => "labelled by",
            (Lang::Fr, LabelledBy) => "labellisé par",
            (Lang::En, PartOf) => "part of",
            (Lang::Fr, PartOf) => "rattaché à",
            (Lang::En, Supports) => "supports",
            (Lang::Fr, Supports) => "soutient",
            (Lang::En, Implements) => "implements",
            (Lang::Fr, Implements) => "met en œuvre",
            (Lang::En, FundedUnder) => "funded under",
            (Lang::Fr, FundedUnder) => "financé par",
            (Lang::En, Adopted) => "adopted",
            (Lang::Fr, Adopted) => "a adopté",
            (Lang::En, Launched) => "launched",
            (Lang::Fr, Launched) => "a lancé",
            (Lang::En, SuccessorOf) => "successor of",
            (Lang::Fr, SuccessorOf) => "succède à",
        }
    }
}

#[cfg(test)]
mod format_tests {
    use super::*;

    #[test]
    fn numbers_follow_each_language() {
        assert_eq!(Lang::En.number(1234567), "1,234,567");
        assert_eq!(Lang::Fr.number(1234567), "1\u{202f}234\u{202f}567");
        assert_eq!(Lang::Fr.number(12), "12");
        assert_eq!(Lang::En.organisations(1), "1 organisation");
        assert_eq!(Lang::Fr.relations(3), "3 relations");
        assert_eq!(Lang::En.relations(1), "1 relation");
    }

    #[test]
    fn every_kind_has_a_label_in_both_languages() {
        for lang in Lang::ALL {
            for kind in OrgKind::ALL {
                assert!(!lang.org_kind(kind).is_empty());
            }
            for c in Confidence::ALL {
                assert!(!lang.confidence(c).is_empty());
            }
            for kind in RelationKind::ALL {
                assert!(!lang.relation_kind(kind).is_empty());
            }
        }
        assert_ne!(
            Lang::En.relation_kind(RelationKind::MemberOf),
            Lang::Fr.relation_kind(RelationKind::MemberOf)
        );
    }
}
