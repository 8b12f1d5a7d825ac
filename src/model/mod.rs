//! The domain: organisations, programmes, projects, relations, events, key figures,
//! sources, confidence and conflicts. Pure data types: no leptos, no parsing (that is
//! `crate::data`), no I/O.

pub mod date;

use crate::i18n::Lang;
pub use date::{Activity, Day, PartialDate, Precision, Span};

/// A text in both languages. Validation guarantees neither is blank.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    pub en: String,
    pub fr: String,
}

impl Text {
    pub fn new(en: impl Into<String>, fr: impl Into<String>) -> Self {
        Text {
            en: en.into(),
            fr: fr.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
        }
    }
}

/// How sure the atlas is of a statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Confidence {
    /// Confirmed by at least one source independent of the seed pages.
    Confirmed,
    /// Part of the statement is confirmed, part is not.
    PartlyConfirmed,
    /// Stated by one of the two seed pages only.
    Seed,
    /// Not verified, or from general knowledge.
    Unconfirmed,
    /// Sources disagree; the conflict lists each side.
    Disputed,
    /// The seed page says something that another source corrects; both are kept.
    Corrected,
}

impl Confidence {
    pub const ALL: [Confidence; 6] = [
        Confidence::Confirmed,
        Confidence::PartlyConfirmed,
        Confidence::Seed,
        Confidence::Unconfirmed,
        Confidence::Disputed,
        Confidence::Corrected,
    ];

    /// The word used in data files.
    pub fn key(self) -> &'static str {
        match self {
            Confidence::Confirmed => "confirmed",
            Confidence::PartlyConfirmed => "partly-confirmed",
            Confidence::Seed => "seed",
            Confidence::Unconfirmed => "unconfirmed",
            Confidence::Disputed => "disputed",
            Confidence::Corrected => "corrected",
        }
    }

    /// True for statements a reader should treat with care.
    pub fn needs_caution(self) -> bool {
        matches!(
            self,
            Confidence::Unconfirmed | Confidence::Disputed | Confidence::Corrected
        )
    }
}

/// What kind of organisation, coarse enough for a map legend.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OrgKind {
    /// Governments' cancer agencies, national institutes, ministries, public-health institutes.
    PublicAgency,
    /// Funders of research: public councils and research charities.
    ResearchFunder,
    /// Research centres and research organisations.
    ResearchCentre,
    /// Hospitals specialised in cancer, including comprehensive cancer centres.
    CancerCentre,
    /// Federations, networks and associations of organisations.
    Federation,
    /// Non-governmental organisations, learned societies and patient charities.
    Society,
    /// Intergovernmental agencies and EU institutions.
    International,
}

impl OrgKind {
    pub const ALL: [OrgKind; 7] = [
        OrgKind::PublicAgency,
        OrgKind::ResearchFunder,
        OrgKind::ResearchCentre,
        OrgKind::CancerCentre,
        OrgKind::Federation,
        OrgKind::Society,
        OrgKind::International,
    ];

    pub fn key(self) -> &'static str {
        match self {
            OrgKind::PublicAgency => "public-agency",
            OrgKind::ResearchFunder => "research-funder",
            OrgKind::ResearchCentre => "research-centre",
            OrgKind::CancerCentre => "cancer-centre",
            OrgKind::Federation => "federation",
            OrgKind::Society => "society",
            OrgKind::International => "international",
        }
    }
}

/// What kind of project, programme or network.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProjectKind {
    /// An alliance or coordination group of organisations (G7 Cancer).
    Alliance,
    /// A working group or partnership inside an alliance (ICCDP).
    WorkingGroup,
    /// A policy plan (Europe's Beating Cancer Plan).
    Plan,
    /// A research and innovation mission (EU Mission on Cancer).
    Mission,
    /// An EU joint action, co-funded with Member States (CraNE, JANE...).
    JointAction,
    /// A research project or clinical study (MyPeBS, ONCOBIOME...).
    ResearchProject,
    /// A data or real-world evidence programme (ESMÉ).
    DataProgramme,
    /// A coordination and support action (CCI4EU).
    SupportAction,
}

impl ProjectKind {
    pub const ALL: [ProjectKind; 8] = [
        ProjectKind::Alliance,
        ProjectKind::WorkingGroup,
        ProjectKind::Plan,
        ProjectKind::Mission,
        ProjectKind::JointAction,
        ProjectKind::ResearchProject,
        ProjectKind::DataProgramme,
        ProjectKind::SupportAction,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ProjectKind::Alliance => "alliance",
            ProjectKind::WorkingGroup => "working-group",
            ProjectKind::Plan => "plan",
            ProjectKind::Mission => "mission",
            ProjectKind::JointAction => "joint-action",
            ProjectKind::ResearchProject => "research-project",
            ProjectKind::DataProgramme => "data-programme",
            ProjectKind::SupportAction => "support-action",
        }
    }
}

/// How two entities are linked. Read as "from <kind> to".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RelationKind {
    MemberOf,
    AffiliatedMemberOf,
    ObserverOf,
    Signatory,
    Presidency,
    Secretariat,
    BoardSeat,
    Coordinates,
    CoLeads,
    ParticipatesIn,
    /// A beneficiary of a grant (the source says beneficiary, competent authority or signatory).
    BeneficiaryOf,
    AffiliatedEntityOf,
    /// An associated partner: takes part without receiving the grant.
    AssociatedPartnerOf,
    /// A collaborating partner or stakeholder.
    CollaboratingPartnerOf,
    /// Works for a project under contract to one of its partners, without being a partner.
    SubcontractorOf,
    PartnerOf,
    CollaboratesWith,
    Liaison,
    LabelledBy,
    PartOf,
    Supports,
    Implements,
    FundedUnder,
    Adopted,
    Launched,
    SuccessorOf,
}

impl RelationKind {
    pub const ALL: [RelationKind; 26] = [
        RelationKind::MemberOf,
        RelationKind::AffiliatedMemberOf,
        RelationKind::ObserverOf,
        RelationKind::Signatory,
        RelationKind::Presidency,
        RelationKind::Secretariat,
        RelationKind::BoardSeat,
        RelationKind::Coordinates,
        RelationKind::CoLeads,
        RelationKind::ParticipatesIn,
        RelationKind::BeneficiaryOf,
        RelationKind::AffiliatedEntityOf,
        RelationKind::AssociatedPartnerOf,
        RelationKind::CollaboratingPartnerOf,
        RelationKind::SubcontractorOf,
        RelationKind::PartnerOf,
        RelationKind::CollaboratesWith,
        RelationKind::Liaison,
        RelationKind::LabelledBy,
        RelationKind::PartOf,
        RelationKind::Supports,
        RelationKind::Implements,
        RelationKind::FundedUnder,
        RelationKind::Adopted,
        RelationKind::Launched,
        RelationKind::SuccessorOf,
    ];

    pub fn key(self) -> &'static str {
        match self {
            RelationKind::MemberOf => "member-of",
            RelationKind::AffiliatedMemberOf => "affiliated-member-of",
            RelationKind::ObserverOf => "observer-of",
            RelationKind::Signatory => "signatory",
            RelationKind::Presidency => "presidency",
            RelationKind::Secretariat => "secretariat",
            RelationKind::BoardSeat => "board-seat",
            RelationKind::Coordinates => "coordinates",
            RelationKind::CoLeads => "co-leads",
            RelationKind::ParticipatesIn => "participates-in",
            RelationKind::BeneficiaryOf => "beneficiary-of",
            RelationKind::AffiliatedEntityOf => "affiliated-entity-of",
            RelationKind::AssociatedPartnerOf => "associated-partner-of",
            RelationKind::CollaboratingPartnerOf => "collaborating-partner-of",
            RelationKind::SubcontractorOf => "subcontractor-of",
            RelationKind::PartnerOf => "partner-of",
            RelationKind::CollaboratesWith => "collaborates-with",
            RelationKind::Liaison => "liaison",
            RelationKind::LabelledBy => "labelled-by",
            RelationKind::PartOf => "part-of",
            RelationKind::Supports => "supports",
            RelationKind::Implements => "implements",
            RelationKind::FundedUnder => "funded-under",
            RelationKind::Adopted => "adopted",
            RelationKind::Launched => "launched",
            RelationKind::SuccessorOf => "successor-of",
        }
    }
}

/// What kind of event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventKind {
    /// A founding, launch or start.
    Launch,
    /// An end or closure.
    End,
    /// A meeting, conference or kick-off.
    Meeting,
    /// A report or article.
    Publication,
    /// An organisation joins another, or a label is awarded.
    Membership,
    /// A decision: a plan adopted, a label launched.
    Decision,
}

impl EventKind {
    pub const ALL: [EventKind; 6] = [
        EventKind::Launch,
        EventKind::End,
        EventKind::Meeting,
        EventKind::Publication,
        EventKind::Membership,
        EventKind::Decision,
    ];

    pub fn key(self) -> &'static str {
        match self {
            EventKind::Launch => "launch",
            EventKind::End => "end",
            EventKind::Meeting => "meeting",
            EventKind::Publication => "publication",
            EventKind::Membership => "membership",
            EventKind::Decision => "decision",
        }
    }
}

/// What kind of source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// One of the two pages the product was specified from.
    Seed,
    /// A published page or document.
    Document,
    /// The researcher's general knowledge, not a document.
    GeneralKnowledge,
}

impl SourceKind {
    pub const ALL: [SourceKind; 3] = [
        SourceKind::Seed,
        SourceKind::Document,
        SourceKind::GeneralKnowledge,
    ];

    pub fn key(self) -> &'static str {
        match self {
            SourceKind::Seed => "seed",
            SourceKind::Document => "document",
            SourceKind::GeneralKnowledge => "general-knowledge",
        }
    }
}

/// Where a fact comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub id: String,
    /// The title as published, in its own language.
    pub title: String,
    pub publisher: String,
    pub url: Option<String>,
    /// For seed pages: the file name under shared/seeds.
    pub seed_file: Option<String>,
    pub date: Option<PartialDate>,
    pub kind: SourceKind,
}

/// What every sourced record carries.
#[derive(Clone, Debug, PartialEq)]
pub struct Provenance {
    pub confidence: Confidence,
    /// Ids of [`Source`]s; validation guarantees at least one.
    pub sources: Vec<String>,
    pub note: Option<Text>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Country {
    /// ISO 3166-1 alpha-2.
    pub code: String,
    /// ISO 3166-1 alpha-3, the key of the country's shape on the map.
    pub iso3: String,
    pub name: Text,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Organisation {
    pub id: String,
    pub name: Text,
    pub acronym: Option<Text>,
    pub kind: OrgKind,
    /// ISO 3166-1 alpha-2, a key of the dataset's countries.
    pub country: String,
    pub city: Text,
    /// WGS84 degrees, city level.
    pub lat: f64,
    pub lon: f64,
    pub website: Option<String>,
    pub provenance: Provenance,
}

/// A list of items under a heading on a programme's page (principles, priorities...).
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub id: String,
    pub title: Text,
    pub items: Vec<Text>,
}

/// A lens on the atlas with a page of its own: G7 Cancer, Unicancer international, EU.
#[derive(Clone, Debug, PartialEq)]
pub struct Programme {
    pub id: String,
    pub name: Text,
    pub summary: Text,
    /// The organisation or project at its centre.
    pub hub: String,
    pub sections: Vec<Section>,
    pub provenance: Provenance,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Project {
    pub id: String,
    pub name: Text,
    pub acronym: Option<Text>,
    pub kind: ProjectKind,
    /// Ids of the [`Programme`]s it belongs to.
    pub programmes: Vec<String>,
    pub summary: Text,
    /// The funding programme, in words (EU4Health, Horizon 2020...).
    pub funding: Option<Text>,
    /// Grant or call number.
    pub grant: Option<String>,
    /// Id of the coordinating organisation.
    pub coordinator: Option<String>,
    /// The person who leads it, as sources name them.
    pub coordinator_person: Option<String>,
    pub span: Span,
    /// How many partner organisations a source states, with what the number covers.
    pub partners: Option<u32>,
    /// How many countries a source states the partners come from.
    pub partner_countries: Option<u32>,
    /// Countries a source names as taking part, whether or not an organisation of theirs
    /// is named.
    pub countries: Vec<CountryMention>,
    pub partners_note: Option<Text>,
    pub budget: Option<Text>,
    pub provenance: Provenance,
}

/// A country a source names as taking part in a project.
#[derive(Clone, Debug, PartialEq)]
pub struct CountryMention {
    /// ISO 3166-1 alpha-2, a key of the dataset's countries.
    pub code: String,
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Relation {
    pub id: String,
    pub from: String,
    pub kind: RelationKind,
    pub to: String,
    pub span: Span,
    pub provenance: Provenance,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub id: String,
    pub kind: EventKind,
    pub label: Text,
    /// From `date` to `until` (the same day when `until` is absent); `None` when the
    /// sources give no date at all.
    pub date: Option<PartialDate>,
    pub until: Option<PartialDate>,
    pub place: Option<Text>,
    /// Ids of the organisations and projects involved.
    pub related: Vec<String>,
    pub provenance: Provenance,
}

/// The sentence a figure comes from, quoted in its own language.
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    pub text: String,
    pub lang: Lang,
    /// Id of the [`Source`] quoted.
    pub source: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub id: String,
    pub value: f64,
    pub unit: Text,
    pub subject: Text,
    /// Ids of what the figure is about.
    pub about: Vec<String>,
    pub statement: Quote,
    pub provenance: Provenance,
}

/// One side of a conflict: what is claimed, by which sources.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// True for the seed page's statement.
    pub from_seed: bool,
    pub says: Text,
    pub sources: Vec<String>,
}

/// Where sources disagree, or where a seed page is wrong or vague.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub id: String,
    pub topic: Text,
    /// Ids of the records it concerns.
    pub about: Vec<String>,
    pub claims: Vec<Claim>,
    /// `Corrected` when the seed is wrong and a source settles it, `Disputed` when
    /// sources still disagree, `Unconfirmed` when nothing settles it.
    pub status: Confidence,
    /// What the atlas shows, and why.
    pub resolution: Text,
}

/// The whole validated dataset. Ids are unique across all record types.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dataset {
    pub sources: Vec<Source>,
    pub countries: Vec<Country>,
    pub organisations: Vec<Organisation>,
    pub programmes: Vec<Programme>,
    pub projects: Vec<Project>,
    pub relations: Vec<Relation>,
    pub events: Vec<Event>,
    pub figures: Vec<Figure>,
    pub conflicts: Vec<Conflict>,
}

/// A relation's dates as the atlas shows them: its own, or, when it has none and says an
/// organisation takes part in a dated project, the project's (`of_project`), shown marked
/// as the project's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RelationDates {
    pub span: Span,
    pub of_project: bool,
}

impl Dataset {
    pub fn relation_dates(&self, r: &Relation) -> RelationDates {
        let own = RelationDates {
            span: r.span,
            of_project: false,
        };
        if r.span.start.is_some() || r.span.end.is_some() {
            return own;
        }
        let from_organisation = self.organisations.iter().any(|o| o.id == r.from);
        match self.projects.iter().find(|p| p.id == r.to) {
            Some(p) if from_organisation && (p.span.start.is_some() || p.span.end.is_some()) => {
                RelationDates {
                    span: p.span,
                    of_project: true,
                }
            }
            _ => own,
        }
    }
}
