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

    /// The language the host serves at `path` when the address names none
    /// (public/_redirects): French under `/fr/`; at any other page the browser's first
    /// language when it is French (the first of Accept-Language, as Netlify reads it), else
    /// English. None for the embed, which the host serves in no particular language.
    pub fn served_at(path: &str, first_browser_tag: Option<&str>) -> Option<Lang> {
        let under = |dir: &str| path == dir || path.starts_with(&format!("{dir}/"));
        if under("/embed") {
            None
        } else if under("/fr") {
            Some(Lang::Fr)
        } else {
            Some(match first_browser_tag.and_then(Lang::from_tag) {
                Some(Lang::Fr) => Lang::Fr,
                _ => Lang::En,
            })
        }
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
    /// The colour theme switch: its group name and its three choices.
    pub theme_label: &'static str,
    pub theme_auto: &'static str,
    pub theme_light: &'static str,
    pub theme_dark: &'static str,
    pub map_title: &'static str,
    pub timeline_title: &'static str,
    pub details_title: &'static str,
    pub details_empty: &'static str,
    pub footer_sources: &'static str,
    pub footer_sources_text: &'static str,
    pub footer_about: &'static str,
    pub footer_about_text: &'static str,
    pub footer_dataset: &'static str,
    /// Before the licence's name in the footer: "Licence:".
    pub footer_licence: &'static str,
    /// After it: what the licence covers.
    pub footer_licence_scope: &'static str,
    /// The footer's links to the open data.
    pub footer_download: &'static str,
    pub footer_package: &'static str,
    pub footer_whole: &'static str,
    /// The footer's link to the "About the data" page.
    pub about_data: &'static str,
    pub count_organisations: &'static str,
    pub count_projects: &'static str,
    pub count_relations: &'static str,
    pub count_events: &'static str,
    pub count_sources: &'static str,
    /// Loading another dataset by address (`?data=`), and what can go wrong.
    pub data_loading: &'static str,
    pub data_custom: &'static str,
    pub data_custom_checked: &'static str,
    pub data_back: &'static str,
    pub data_failed: &'static str,
    pub data_failed_fallback: &'static str,
    pub data_retry: &'static str,
    pub data_network: &'static str,
    pub data_timeout: &'static str,
    pub data_reader: &'static str,
    pub data_status: &'static str,
    pub data_too_large: &'static str,
    pub data_content_type: &'static str,
    pub data_invalid: &'static str,
    pub data_more: &'static str,
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
    /// The kind of one of Unicancer's French members, a legal status in France.
    pub kind_clcc: &'static str,
    pub details_place: &'static str,
    pub details_website: &'static str,
    pub details_confidence: &'static str,
    pub details_sources: &'static str,
    /// In a list of sources: what the atlas states without a document behind it.
    pub source_unchecked: &'static str,
    pub details_note: &'static str,
    pub as_of: &'static str,
    /// A project still running, in a table cell: "ongoing".
    pub ongoing: &'static str,
    /// After dates a relation takes from its project: "the project's dates".
    pub project_dates: &'static str,
    pub timeline_label: &'static str,
    pub as_of_label: &'static str,
    pub play: &'static str,
    pub pause: &'static str,
    pub timeline_help: &'static str,
    pub today: &'static str,
    pub details_dates: &'static str,
    pub details_coordinator: &'static str,
    pub details_funding: &'static str,
    pub details_partners: &'static str,
    pub details_budget: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub search_none: &'static str,
    pub search_help: &'static str,
    pub filters_title: &'static str,
    pub filters_clear: &'static str,
    pub facet_programme: &'static str,
    pub facet_kind: &'static str,
    pub facet_country: &'static str,
    pub facet_relation: &'static str,
    pub facet_counts_note: &'static str,
    pub view_label: &'static str,
    pub view_map: &'static str,
    pub view_table: &'static str,
    pub view_network: &'static str,
    pub network_title: &'static str,
    pub network_label: &'static str,
    pub network_help: &'static str,
    pub network_unavailable: &'static str,
    pub arrange_label: &'static str,
    pub arrange_links: &'static str,
    pub arrange_countries: &'static str,
    pub frame_selection: &'static str,
    pub fit_network: &'static str,
    pub network_programme: &'static str,
    pub network_project: &'static str,
    pub network_programmes_region: &'static str,
    pub network_shapes: &'static str,
    pub network_links: &'static str,
    pub link_lead: &'static str,
    pub link_member: &'static str,
    pub link_part: &'static str,
    pub link_partner: &'static str,
    pub link_structure: &'static str,
    pub network_across: &'static str,
    pub network_shown: &'static str,
    pub table_title: &'static str,
    pub table_tabs_label: &'static str,
    pub table_empty: &'static str,
    pub table_sort_hint: &'static str,
    pub export_title: &'static str,
    pub export_csv: &'static str,
    pub export_json: &'static str,
    pub export_svg: &'static str,
    pub export_png: &'static str,
    pub export_png_2x: &'static str,
    pub export_net_svg: &'static str,
    pub export_net_png: &'static str,
    pub export_net_png_2x: &'static str,
    pub picture_source: &'static str,
    pub copy_link: &'static str,
    pub link_copied: &'static str,
    pub copy_failed: &'static str,
    pub embed_open: &'static str,
    pub new_tab: &'static str,
    pub embed_source: &'static str,
    pub embed_sources_cited: &'static str,
    pub embed_title: &'static str,
    /// "Cite this view": its button and its dialog's title.
    pub cite_title: &'static str,
    pub cite_inline: &'static str,
    pub cite_full: &'static str,
    pub cite_copy: &'static str,
    pub cite_copied: &'static str,
    pub embed_size: &'static str,
    pub embed_responsive: &'static str,
    pub embed_code: &'static str,
    pub embed_help: &'static str,
    pub embed_copy: &'static str,
    pub embed_copied: &'static str,
    pub embed_preview: &'static str,
    pub close: &'static str,
    pub notice_ignored: &'static str,
    pub notice_unknown_record: &'static str,
    pub dismiss: &'static str,
    pub programmes_nav: &'static str,
    pub details_relations: &'static str,
    pub details_figures: &'static str,
    pub details_conflicts: &'static str,
    pub conflict_seed: &'static str,
    pub conflict_other: &'static str,
    pub conflict_resolution: &'static str,
    /// A programme's page, heading: the organisations its hub partners with or belongs to.
    pub details_members: &'static str,
    /// A programme's page, heading: the organisations that are members of its hub.
    pub members_title: &'static str,
    /// A programme's page, heading: the organisations that observe its hub.
    pub observers_title: &'static str,
    pub details_projects: &'static str,
    pub details_events: &'static str,
    pub details_involves: &'static str,
    pub details_programmes: &'static str,
    pub details_close: &'static str,
    /// The link at the foot of every card that opens a prefilled report.
    pub report_correction: &'static str,
    pub details_quote: &'static str,
    pub details_status: &'static str,
    pub date_about: &'static str,
    pub undated: &'static str,
    pub toolbar_label: &'static str,
    pub details_grant: &'static str,
    pub details_programme: &'static str,
    pub details_hub: &'static str,
    pub details_from: &'static str,
    pub details_to: &'static str,
    pub details_relation: &'static str,
    pub participation_title: &'static str,
    pub participation_country_only: &'static str,
    pub participation_named_by: &'static str,
    /// The phone's menu button (language, theme, export, link).
    pub menu: &'static str,
    /// The timeline's switch between compact rows and rows with names.
    pub timeline_names: &'static str,
    /// The timeline's button that shows the whole period.
    pub timeline_all: &'static str,
    /// The legend's swatch for the countries of the organisations a selection involves.
    pub legend_involved_country: &'static str,
    /// A country's card: its kind line.
    pub country_kind: &'static str,
    /// Heading: the country's organisations.
    pub country_organisations: &'static str,
    /// Heading: the projects the country takes part in.
    pub country_projects: &'static str,
    /// Fact: first and last participation.
    pub country_period: &'static str,
    /// No project names the country.
    pub country_none: &'static str,
    /// Fact: its organisations in G7 Cancer.
    pub country_g7: &'static str,
    /// The map's list of countries, for the keyboard.
    pub countries_list: &'static str,
    /// Legend: the count layer's title.
    pub legend_layer_count: &'static str,
    /// Legend: the role layer's title.
    pub legend_layer_roles: &'static str,
}

pub const EN: Strings = Strings {
    language_name: "English",
    app_title: "Cancer Cooperation Atlas",
    app_tagline: "Who works with whom against cancer, across borders",
    skip_to_content: "Skip to content",
    language_switch_label: "Language",
    theme_label: "Colour theme",
    theme_auto: "Auto",
    theme_light: "Light",
    theme_dark: "Dark",
    map_title: "Map",
    timeline_title: "Timeline",
    details_title: "Details",
    details_empty: "Select an organisation, project or event to see its record and sources.",
    footer_sources: "Sources",
    footer_sources_text:
        "Every fact in the atlas names its source and how confident we are in it. \
        Where sources disagree, both sides are shown.",
    footer_about: "About",
    footer_about_text: "An independent, open atlas of international cooperation against cancer: \
        the G7 Cancer alliance, Unicancer’s international partnerships and the European joint \
        actions on cancer.",
    footer_dataset: "In the dataset",
    footer_licence: "Licence:",
    footer_licence_scope: "for the compilation; each source keeps its own terms.",
    footer_download: "Download the data:",
    footer_package: "data package (CSV tables with their schemas)",
    footer_whole: "the whole dataset (JSON)",
    about_data: "About the data: version, changes, coverage, method",
    count_organisations: "organisations",
    count_projects: "projects and programmes",
    count_relations: "relations",
    count_events: "events",
    count_sources: "sources",
    data_loading: "Loading the dataset from",
    data_custom: "This view shows a dataset published at",
    data_custom_checked: "It passes every check of the atlas’s schema.",
    data_back: "Back to the atlas’s own data",
    data_failed: "The dataset at this address could not be used:",
    data_failed_fallback: "The atlas’s own data is shown instead.",
    data_retry: "Try again",
    data_network: "the address could not be reached (no network, or the server does not let other sites read this file: CORS).",
    data_timeout: "no answer within 20 seconds.",
    data_reader: "the atlas could not start its dataset reader (offline, or the site is being updated): try again in a moment.",
    data_status: "the server answered with HTTP status",
    data_too_large: "the file is larger than the 10\u{a0}MB limit.",
    data_content_type: "the server says this is not JSON but",
    data_invalid: "it does not match the atlas’s schema. Problems found:",
    data_more: "more",
    data_error_title: "The atlas’s data could not be read",
    data_error_text: "The problems below were found in the dataset. Showing nothing is better than \
        showing something wrong.",
    map_label: "Map of cooperating organisations",
    map_help:
        "Drag to move the map. Ctrl + scroll or pinch to zoom. Keys: arrows move, + and − zoom, 0 returns to the first view. Tab then reaches the organisations: arrows go from one to the next, Enter selects.",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    view_world: "World",
    view_europe: "Europe",
    legend_title: "Kinds of organisation",
    legend_member_country: "Country of a G7 Cancer member",
    cluster_hint: "zoom in to separate",
    links_title: "Links",
    links_none: "No links in the dataset.",
    clear_selection: "Clear selection",
    selected_label: "Selected",
    details_kind: "Kind",
    kind_clcc: "French comprehensive cancer centre (CLCC)",
    details_place: "Place",
    details_website: "Website",
    details_confidence: "Confidence",
    details_sources: "Sources",
    source_unchecked: "Not checked against a source (a city, coordinates or a web address given without a document)",
    details_note: "Note",
    as_of: "As of",
    ongoing: "ongoing",
    project_dates: "the project’s dates",
    timeline_label: "Timeline of cooperation",
    as_of_label: "Date shown on the map",
    play: "Play the years",
    pause: "Pause",
    timeline_help: "Drag or Ctrl + scroll to move along the timeline and zoom; the slider sets the date the map shows.",
    today: "Today",
    details_dates: "Dates",
    details_coordinator: "Coordinator",
    details_funding: "Funding",
    details_partners: "Partners",
    details_budget: "Budget",
    search_label: "Search organisations and projects",
    search_placeholder: "Name, acronym, city",
    search_none: "No organisation or project matches.",
    search_help: "Up and down arrows move through the results, Enter selects, Escape closes.",
    filters_title: "Filters",
    filters_clear: "Clear all filters",
    facet_programme: "Programme",
    facet_kind: "Kind of organisation",
    facet_country: "Country",
    facet_relation: "Kind of relation",
    facet_counts_note: "Each count is the number of organisations (of relations, for kinds of relation) that ticking the box would show.",
    view_label: "View",
    view_map: "Map",
    view_table: "Table",
    view_network: "Network",
    network_title: "Network of cooperation",
    network_label: "Network of who works with whom: organisations, programmes and projects",
    network_help: "Drag to move the network. Ctrl + scroll or pinch to zoom. Keys: Tab reaches the network, arrows go to a linked or nearby node, Home and End to the largest and smallest, Enter selects, + and − zoom, 0 shows everything.",
    network_unavailable: "The network cannot be drawn for this dataset: its layout is missing or damaged. The map and the table still show everything.",
    arrange_label: "Arrange the network",
    arrange_links: "By links",
    arrange_countries: "By country",
    frame_selection: "Frame the selection",
    fit_network: "Whole network",
    network_programme: "Programme",
    network_project: "Project or joint action",
    network_programmes_region: "Programmes and projects",
    network_shapes: "Programmes and projects",
    network_links: "Links",
    link_lead: "coordinates, co-leads, chairs",
    link_member: "member, signatory, observer",
    link_part: "takes part (beneficiary, affiliated entity, associated partner)",
    link_partner: "partnership, support, label",
    link_structure: "project of a programme",
    network_across: "Links across borders",
    network_shown: "shown",
    table_title: "Table",
    table_tabs_label: "Records",
    table_empty: "Nothing matches these filters.",
    table_sort_hint: "Select a column header to sort the table.",
    export_title: "Export",
    export_csv: "This table (CSV)",
    export_json: "All filtered records (JSON)",
    export_svg: "The map (SVG)",
    export_png: "The map (PNG)",
    export_png_2x: "The map (PNG, 2× for print)",
    export_net_svg: "The network (SVG)",
    export_net_png: "The network (PNG)",
    export_net_png_2x: "The network (PNG, 2× for print)",
    picture_source: "Source: Cancer Cooperation Atlas, every fact with its sources",
    copy_link: "Copy link",
    link_copied: "Link copied.",
    embed_open: "Open in the Cancer Cooperation Atlas",
    new_tab: "(opens in a new tab)",
    embed_source: "Source: Cancer Cooperation Atlas",
    embed_sources_cited: "sources cited",
    embed_title: "Embed this view",
    cite_title: "Cite this view",
    cite_inline: "In-line citation",
    cite_full: "Full reference",
    cite_copy: "Copy",
    cite_copied: "Copied.",
    embed_size: "Size",
    embed_responsive: "Responsive (the column’s width)",
    embed_code: "HTML code",
    embed_help: "Paste it into a page of your site. The view keeps its selection, date, filters and language; readers can open it in the atlas.",
    embed_copy: "Copy the code",
    embed_copied: "Code copied.",
    embed_preview: "Preview",
    close: "Close",
    copy_failed: "Copying is not allowed here; select and copy this link:",
    notice_ignored: "Part of this link was not understood and has been ignored:",
    notice_unknown_record: "no record with this id",
    dismiss: "Dismiss",
    programmes_nav: "Programmes",
    details_relations: "Relations",
    details_figures: "Key figures",
    details_conflicts: "Where sources disagree",
    conflict_seed: "The source page says",
    conflict_other: "Another source says",
    conflict_resolution: "What the atlas shows",
    details_members: "Partners and memberships",
    members_title: "Members",
    observers_title: "Observers",
    details_projects: "Projects",
    details_events: "Events",
    details_involves: "Involves",
    details_programmes: "Programmes",
    details_close: "Close details",
    report_correction: "Report a correction",
    details_quote: "Quoted from",
    details_status: "Status",
    date_about: "c.",
    undated: "undated",
    toolbar_label: "Explore the atlas",
    details_grant: "Grant",
    details_programme: "Programme",
    details_hub: "At its centre",
    details_from: "From",
    details_to: "To",
    details_relation: "Relation",
    participation_title: "Participation by country",
    participation_country_only: "named as taking part, no organisation named here",
    participation_named_by: "Named as taking part by",
    menu: "Menu",
    timeline_names: "Names",
    timeline_all: "All years",
    legend_involved_country: "Country of an organisation in the selection",
    country_kind: "Country",
    country_organisations: "Organisations in the atlas",
    country_projects: "Joint actions and projects",
    country_period: "Taking part",
    country_none: "No joint action or project in the atlas names this country.",
    country_g7: "In G7 Cancer",
    countries_list: "Countries on the map",
    legend_layer_count: "Countries by number of joint actions and projects on the date shown",
    legend_layer_roles: "Countries by role in the selected project",
};

pub const FR: Strings = Strings {
    language_name: "Français",
    app_title: "Atlas de la coopération contre le cancer",
    app_tagline: "Qui travaille avec qui contre le cancer, par-delà les frontières",
    skip_to_content: "Aller au contenu",
    language_switch_label: "Langue",
    theme_label: "Thème de couleurs",
    theme_auto: "Auto",
    theme_light: "Clair",
    theme_dark: "Sombre",
    map_title: "Carte",
    timeline_title: "Frise chronologique",
    details_title: "Détails",
    details_empty: "Sélectionnez une organisation, un projet ou un événement pour afficher sa \
        fiche et ses sources.",
    footer_sources: "Sources",
    footer_sources_text: "Chaque fait de l’atlas indique sa source et son degré de fiabilité. \
        Quand les sources divergent, les deux versions sont présentées.",
    footer_about: "À propos",
    footer_about_text: "Un atlas ouvert et indépendant de la coopération internationale contre \
        le cancer\u{202f}: l’alliance G7 Cancer, les partenariats internationaux d’Unicancer et les \
        actions conjointes européennes contre le cancer.",
    footer_dataset: "Dans les données",
    footer_licence: "Licence\u{202f}:",
    footer_licence_scope: "pour la compilation\u{202f}; chaque source garde ses propres conditions.",
    footer_download: "Télécharger les données\u{202f}:",
    footer_package: "paquet de données (tableaux CSV et leurs schémas)",
    footer_whole: "le jeu de données complet (JSON)",
    about_data: "À propos des données\u{202f}: version, changements, couverture, méthode",
    count_organisations: "organisations",
    count_projects: "projets et programmes",
    count_relations: "relations",
    count_events: "événements",
    count_sources: "sources",
    data_loading: "Chargement du jeu de données depuis",
    data_custom: "Cette vue montre un jeu de données publié à l’adresse",
    data_custom_checked: "Il satisfait à toutes les vérifications du schéma de l’atlas.",
    data_back: "Revenir aux données de l’atlas",
    data_failed: "Le jeu de données à cette adresse n’a pas pu être utilisé\u{202f}:",
    data_failed_fallback: "Les données de l’atlas sont affichées à la place.",
    data_retry: "Réessayer",
    data_network: "l’adresse est inaccessible (pas de réseau, ou le serveur n’autorise pas les autres sites à lire ce fichier\u{202f}: CORS).",
    data_timeout: "aucune réponse en 20 secondes.",
    data_reader: "l’atlas n’a pas pu lancer son lecteur de jeux de données (hors ligne, ou site en cours de mise à jour)\u{202f}: réessayez dans un instant.",
    data_status: "le serveur a répondu avec le code HTTP",
    data_too_large: "le fichier dépasse la limite de 10\u{a0}Mo.",
    data_content_type: "le serveur indique qu’il ne s’agit pas de JSON mais de",
    data_invalid: "il n’est pas conforme au schéma de l’atlas. Problèmes relevés\u{202f}:",
    data_more: "autres",
    data_error_title: "Les données de l’atlas n’ont pas pu être lues",
    data_error_text:
        "Les problèmes ci-dessous ont été relevés dans les données. Mieux vaut ne rien \
        afficher que d’afficher des informations erronées.",
    map_label: "Carte des organisations partenaires",
    map_help: "Glisser pour déplacer la carte. Ctrl + molette ou pincer pour zoomer. Touches\u{202f}: flèches pour se déplacer, + et − pour zoomer, 0 pour revenir à la vue initiale. Tab mène ensuite aux organisations\u{202f}: les flèches passent de l’une à l’autre, Entrée sélectionne.",
    zoom_in: "Zoom avant",
    zoom_out: "Zoom arrière",
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
    kind_clcc: "Centre de lutte contre le cancer (CLCC)",
    details_place: "Lieu",
    details_website: "Site web",
    details_confidence: "Fiabilité",
    details_sources: "Sources",
    source_unchecked: "Non vérifié sur une source (ville, coordonnées ou adresse web indiquées sans document)",
    details_note: "Note",
    as_of: "Au",
    ongoing: "en cours",
    project_dates: "dates du projet",
    timeline_label: "Frise de la coopération",
    as_of_label: "Date affichée sur la carte",
    play: "Faire défiler les années",
    pause: "Pause",
    timeline_help: "Glisser ou Ctrl + molette pour faire défiler la frise et zoomer\u{202f}; le curseur règle la date affichée sur la carte.",
    today: "Aujourd’hui",
    details_dates: "Dates",
    details_coordinator: "Coordination",
    details_funding: "Financement",
    details_partners: "Partenaires",
    details_budget: "Budget",
    search_label: "Rechercher une organisation ou un projet",
    search_placeholder: "Nom, sigle, ville",
    search_none: "Aucune organisation ni aucun projet ne correspond.",
    search_help: "Flèches haut et bas pour parcourir les résultats, Entrée pour sélectionner, Échap pour fermer.",
    filters_title: "Filtres",
    filters_clear: "Effacer tous les filtres",
    facet_programme: "Programme",
    facet_kind: "Type d’organisation",
    facet_country: "Pays",
    facet_relation: "Type de relation",
    facet_counts_note: "Chaque nombre indique combien d’organisations (de relations, pour les types de relation) s’afficheraient si l’on cochait la case.",
    view_label: "Affichage",
    view_map: "Carte",
    view_table: "Tableau",
    view_network: "Réseau",
    network_title: "Réseau de coopération",
    network_label: "Réseau des coopérations : organisations, programmes et projets",
    network_help: "Glisser pour déplacer le réseau. Ctrl + molette ou pincer pour zoomer. Touches\u{202f}: Tab mène au réseau, les flèches mènent à un nœud lié ou voisin, Début et Fin au plus grand et au plus petit, Entrée sélectionne, + et − pour zoomer, 0 pour tout afficher.",
    network_unavailable: "Le réseau ne peut pas être dessiné pour ce jeu de données\u{202f}: sa disposition manque ou est endommagée. La carte et le tableau montrent toujours tout.",
    arrange_label: "Disposition du réseau",
    arrange_links: "Par liens",
    arrange_countries: "Par pays",
    frame_selection: "Cadrer la sélection",
    fit_network: "Tout le réseau",
    network_programme: "Programme",
    network_project: "Projet ou action conjointe",
    network_programmes_region: "Programmes et projets",
    network_shapes: "Programmes et projets",
    network_links: "Liens",
    link_lead: "coordonne, codirige, préside",
    link_member: "membre, signataire, observateur",
    link_part: "participe (bénéficiaire, entité affiliée, partenaire associé)",
    link_partner: "partenariat, soutien, label",
    link_structure: "projet d’un programme",
    network_across: "Liens par-delà les frontières",
    network_shown: "affichés",
    table_title: "Tableau",
    table_tabs_label: "Fiches",
    table_empty: "Rien ne correspond à ces filtres.",
    table_sort_hint: "Sélectionnez un en-tête de colonne pour trier le tableau.",
    export_title: "Exporter",
    export_csv: "Ce tableau (CSV)",
    export_json: "Toutes les fiches filtrées (JSON)",
    export_svg: "La carte (SVG)",
    export_png: "La carte (PNG)",
    export_png_2x: "La carte (PNG, 2× pour l’impression)",
    export_net_svg: "Le réseau (SVG)",
    export_net_png: "Le réseau (PNG)",
    export_net_png_2x: "Le réseau (PNG, 2× pour l’impression)",
    picture_source: "Source\u{202f}: Atlas de la coopération contre le cancer, chaque fait avec ses sources",
    copy_link: "Copier le lien",
    link_copied: "Lien copié.",
    embed_open: "Ouvrir dans l’Atlas de la coopération contre le cancer",
    new_tab: "(s’ouvre dans un nouvel onglet)",
    embed_source: "Source\u{202f}: Atlas de la coopération contre le cancer",
    embed_sources_cited: "sources citées",
    embed_title: "Intégrer cette vue",
    cite_title: "Citer cette vue",
    cite_inline: "Citation courte",
    cite_full: "Référence complète",
    cite_copy: "Copier",
    cite_copied: "Copié.",
    embed_size: "Taille",
    embed_responsive: "Adaptative (la largeur de la colonne)",
    embed_code: "Code HTML",
    embed_help: "Collez-le dans une page de votre site. La vue garde sa sélection, sa date, ses filtres et sa langue\u{202f}; les lecteurs peuvent l’ouvrir dans l’atlas.",
    embed_copy: "Copier le code",
    embed_copied: "Code copié.",
    embed_preview: "Aperçu",
    close: "Fermer",
    copy_failed: "La copie n’est pas autorisée ici\u{202f}; sélectionnez et copiez ce lien\u{202f}:",
    notice_ignored: "Une partie de ce lien n’a pas été reconnue et a été ignorée\u{202f}:",
    notice_unknown_record: "aucune fiche ne porte cet identifiant",
    dismiss: "Fermer",
    programmes_nav: "Programmes",
    details_relations: "Relations",
    details_figures: "Chiffres clés",
    details_conflicts: "Divergences entre les sources",
    conflict_seed: "La page source dit",
    conflict_other: "Une autre source dit",
    conflict_resolution: "Ce que montre l’atlas",
    details_members: "Partenaires et adhésions",
    members_title: "Membres",
    observers_title: "Observateurs",
    details_projects: "Projets",
    details_events: "Événements",
    details_involves: "Concerne",
    details_programmes: "Programmes",
    details_close: "Fermer les détails",
    report_correction: "Signaler une erreur",
    details_quote: "Extrait de",
    details_status: "Statut",
    date_about: "vers",
    undated: "sans date",
    toolbar_label: "Explorer l’atlas",
    details_grant: "Convention de subvention",
    details_programme: "Programme",
    details_hub: "Au centre",
    details_from: "De",
    details_to: "Vers",
    details_relation: "Relation",
    participation_title: "Participation par pays",
    participation_country_only: "cité comme participant, aucune organisation nommée ici",
    participation_named_by: "Cité comme participant par",
    menu: "Menu",
    timeline_names: "Noms",
    timeline_all: "Toutes les années",
    legend_involved_country: "Pays d’une organisation de la sélection",
    country_kind: "Pays",
    country_organisations: "Organisations dans l’atlas",
    country_projects: "Actions conjointes et projets",
    country_period: "Participation",
    country_none: "Aucune action conjointe ni aucun projet de l’atlas ne cite ce pays.",
    country_g7: "Dans le G7 Cancer",
    countries_list: "Pays sur la carte",
    legend_layer_count: "Pays selon le nombre d’actions conjointes et de projets à la date affichée",
    legend_layer_roles: "Pays selon leur rôle dans le projet choisi",
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
                s.theme_label,
                s.theme_auto,
                s.theme_light,
                s.theme_dark,
                s.map_title,
                s.timeline_title,
                s.details_title,
                s.details_empty,
                s.footer_sources,
                s.footer_sources_text,
                s.footer_about,
                s.footer_about_text,
                s.footer_dataset,
                s.footer_licence,
                s.footer_licence_scope,
                s.footer_download,
                s.footer_package,
                s.footer_whole,
                s.about_data,
                s.count_organisations,
                s.count_projects,
                s.count_relations,
                s.count_events,
                s.count_sources,
                s.data_loading,
                s.data_custom,
                s.data_custom_checked,
                s.data_back,
                s.data_failed,
                s.data_failed_fallback,
                s.data_retry,
                s.data_network,
                s.data_timeout,
                s.data_reader,
                s.data_status,
                s.data_too_large,
                s.data_content_type,
                s.data_invalid,
                s.data_more,
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
                s.kind_clcc,
                s.details_place,
                s.details_website,
                s.details_confidence,
                s.details_sources,
                s.source_unchecked,
                s.details_note,
                s.as_of,
                s.ongoing,
                s.project_dates,
                s.timeline_label,
                s.as_of_label,
                s.play,
                s.pause,
                s.timeline_help,
                s.today,
                s.details_dates,
                s.details_coordinator,
                s.details_funding,
                s.details_partners,
                s.details_budget,
                s.search_label,
                s.search_placeholder,
                s.search_none,
                s.search_help,
                s.filters_title,
                s.filters_clear,
                s.facet_programme,
                s.facet_kind,
                s.facet_country,
                s.facet_relation,
                s.facet_counts_note,
                s.view_label,
                s.view_map,
                s.view_table,
                s.view_network,
                s.network_title,
                s.network_label,
                s.network_help,
                s.network_unavailable,
                s.arrange_label,
                s.arrange_links,
                s.arrange_countries,
                s.frame_selection,
                s.fit_network,
                s.network_programme,
                s.network_project,
                s.network_programmes_region,
                s.network_shapes,
                s.network_links,
                s.link_lead,
                s.link_member,
                s.link_part,
                s.link_partner,
                s.link_structure,
                s.network_across,
                s.network_shown,
                s.table_title,
                s.table_tabs_label,
                s.table_empty,
                s.table_sort_hint,
                s.export_title,
                s.export_csv,
                s.export_json,
                s.export_svg,
                s.export_png,
                s.export_png_2x,
                s.export_net_svg,
                s.export_net_png,
                s.export_net_png_2x,
                s.picture_source,
                s.copy_link,
                s.link_copied,
                s.copy_failed,
                s.embed_open,
                s.new_tab,
                s.embed_source,
                s.embed_sources_cited,
                s.embed_title,
                s.cite_title,
                s.cite_inline,
                s.cite_full,
                s.cite_copy,
                s.cite_copied,
                s.embed_size,
                s.embed_responsive,
                s.embed_code,
                s.embed_help,
                s.embed_copy,
                s.embed_copied,
                s.embed_preview,
                s.close,
                s.notice_ignored,
                s.notice_unknown_record,
                s.dismiss,
                s.programmes_nav,
                s.details_relations,
                s.details_figures,
                s.details_conflicts,
                s.conflict_seed,
                s.conflict_other,
                s.conflict_resolution,
                s.details_members,
                s.members_title,
                s.observers_title,
                s.details_projects,
                s.details_events,
                s.details_involves,
                s.details_programmes,
                s.details_close,
                s.report_correction,
                s.details_quote,
                s.details_status,
                s.date_about,
                s.undated,
                s.toolbar_label,
                s.details_grant,
                s.details_programme,
                s.details_hub,
                s.details_from,
                s.details_to,
                s.details_relation,
                s.participation_title,
                s.participation_country_only,
                s.participation_named_by,
                s.menu,
                s.timeline_names,
                s.timeline_all,
                s.legend_involved_country,
                s.country_kind,
                s.country_organisations,
                s.country_projects,
                s.country_period,
                s.country_none,
                s.country_g7,
                s.countries_list,
                s.legend_layer_count,
                s.legend_layer_roles,
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

use crate::model::{Confidence, EventKind, OrgKind, PartialDate, ProjectKind, RelationKind};

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

    /// The colon after a label: "Sources: " in English, « Sources : » in French (a narrow
    /// no-break space before it).
    pub fn colon(self) -> &'static str {
        match self {
            Lang::En => ": ",
            Lang::Fr => "\u{202f}: ",
        }
    }

    /// Between the items of a list that hold commas themselves: "; " in English, « ; » in
    /// French (a narrow no-break space before it).
    pub fn semicolon(self) -> &'static str {
        match self {
            Lang::En => "; ",
            Lang::Fr => "\u{202f}; ",
        }
    }

    /// The dataset's version and last update: "Data version 1.2.0, updated on 7 December
    /// 2026." / « Version 1.2.0 des données, mises à jour le 7 décembre 2026. »
    pub fn data_release(self, version: &str, updated: PartialDate) -> String {
        match self {
            Lang::En => format!("Data version {version}, updated on {}.", self.date(updated)),
            Lang::Fr => format!(
                "Version {version} des données, mises à jour le {}.",
                self.date(updated)
            ),
        }
    }

    /// Quotation marks as this language sets them: “text” in English, « text » in French
    /// (narrow no-break spaces inside the guillemets).
    pub fn quote(self, text: &str) -> String {
        match self {
            Lang::En => format!("“{text}”"),
            Lang::Fr => format!("«\u{202f}{text}\u{202f}»"),
        }
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

    /// A month's name, 1-based ("May" / "mai").
    pub fn month(self, month: u8) -> &'static str {
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        const FR: [&str; 12] = [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ];
        let i = usize::from(month.clamp(1, 12) - 1);
        match self {
            Lang::En => EN[i],
            Lang::Fr => FR[i],
        }
    }

    /// A date at its own precision: "9 May 2023", "May 2023", "2023"; "c. 2015" when the
    /// sources hedge it. French writes the first of the month "1er".
    pub fn date(self, d: PartialDate) -> String {
        let mut out = String::new();
        if d.uncertain {
            out.push_str(self.strings().date_about);
            out.push(' ');
        }
        if let (Some(day), Some(_)) = (d.day, d.month) {
            out.push_str(&day.to_string());
            if day == 1 && self == Lang::Fr {
                out.push_str("er");
            }
            out.push(' ');
        }
        if let Some(m) = d.month {
            out.push_str(self.month(m));
            out.push(' ');
        }
        out.push_str(&d.year.to_string());
        out
    }

    /// An open span's start: "since May 2023", « depuis mai 2023 », « depuis le 9 mai 2023 »;
    /// a hedged start reads "since c. 2015", « depuis 2015 environ ».
    pub fn since(self, d: PartialDate) -> String {
        match self {
            Lang::En => format!("since {}", self.date(d)),
            Lang::Fr => {
                let exact = PartialDate {
                    uncertain: false,
                    ..d
                };
                let article = if d.day.is_some() && d.month.is_some() {
                    "le "
                } else {
                    ""
                };
                let about = if d.uncertain { " environ" } else { "" };
                format!("depuis {article}{}{about}", self.date(exact))
            }
        }
    }

    /// A span: "2022 – 2024", "since May 2023" for open ends.
    pub fn span(self, span: crate::model::Span) -> String {
        let t = self.strings();
        match (span.start, span.end) {
            (Some(s), Some(e)) if s == e => self.date(s),
            (Some(s), Some(e)) => format!("{} – {}", self.date(s), self.date(e)),
            (Some(s), None) => self.since(s),
            (None, Some(e)) => format!("… – {}", self.date(e)),
            (None, None) => t.undated.to_owned(),
        }
    }

    /// A confidence level in a word or two, for badges and table cells.
    pub fn confidence_short(self, c: Confidence) -> &'static str {
        use Confidence::*;
        match (self, c) {
            (Lang::En, Confirmed) => "Confirmed",
            (Lang::Fr, Confirmed) => "Confirmé",
            (Lang::En, PartlyConfirmed) => "Partly confirmed",
            (Lang::Fr, PartlyConfirmed) => "Confirmé en partie",
            (Lang::En, Seed) => "Source page only",
            (Lang::Fr, Seed) => "Page source seule",
            (Lang::En, Unconfirmed) => "Unconfirmed",
            (Lang::Fr, Unconfirmed) => "Non confirmé",
            (Lang::En, Disputed) => "Disputed",
            (Lang::Fr, Disputed) => "Contesté",
            (Lang::En, Corrected) => "Corrected",
            (Lang::Fr, Corrected) => "Corrigé",
        }
    }

    /// A kind of project in the plural, for a heading: "Joint actions" / "Actions conjointes".
    pub fn project_kinds(self, kind: ProjectKind) -> &'static str {
        use ProjectKind::*;
        match (self, kind) {
            (Lang::En, Alliance) => "Alliances",
            (Lang::Fr, Alliance) => "Alliances",
            (Lang::En, WorkingGroup) => "Working groups",
            (Lang::Fr, WorkingGroup) => "Groupes de travail",
            (Lang::En, Plan) => "Plans",
            (Lang::Fr, Plan) => "Plans",
            (Lang::En, Mission) => "Missions",
            (Lang::Fr, Mission) => "Missions",
            (Lang::En, JointAction) => "Joint actions",
            (Lang::Fr, JointAction) => "Actions conjointes",
            (Lang::En, ResearchProject) => "Research projects",
            (Lang::Fr, ResearchProject) => "Projets de recherche",
            (Lang::En, DataProgramme) => "Data programmes",
            (Lang::Fr, DataProgramme) => "Programmes de données",
            (Lang::En, SupportAction) => "Support actions",
            (Lang::Fr, SupportAction) => "Actions de soutien",
        }
    }

    pub fn project_kind(self, kind: ProjectKind) -> &'static str {
        use ProjectKind::*;
        match (self, kind) {
            (Lang::En, Alliance) => "Alliance",
            (Lang::Fr, Alliance) => "Alliance",
            (Lang::En, WorkingGroup) => "Working group",
            (Lang::Fr, WorkingGroup) => "Groupe de travail",
            (Lang::En, Plan) => "Plan",
            (Lang::Fr, Plan) => "Plan",
            (Lang::En, Mission) => "Mission",
            (Lang::Fr, Mission) => "Mission",
            (Lang::En, JointAction) => "Joint action",
            (Lang::Fr, JointAction) => "Action conjointe",
            (Lang::En, ResearchProject) => "Research project",
            (Lang::Fr, ResearchProject) => "Projet de recherche",
            (Lang::En, DataProgramme) => "Data programme",
            (Lang::Fr, DataProgramme) => "Programme de données",
            (Lang::En, SupportAction) => "Support action",
            (Lang::Fr, SupportAction) => "Action de soutien",
        }
    }

    pub fn event_kind(self, kind: EventKind) -> &'static str {
        use EventKind::*;
        match (self, kind) {
            (Lang::En, Launch) => "Launch",
            (Lang::Fr, Launch) => "Lancement",
            (Lang::En, End) => "End",
            (Lang::Fr, End) => "Fin",
            (Lang::En, Meeting) => "Meeting",
            (Lang::Fr, Meeting) => "Réunion",
            (Lang::En, Publication) => "Publication",
            (Lang::Fr, Publication) => "Publication",
            (Lang::En, Membership) => "Membership",
            (Lang::Fr, Membership) => "Adhésion",
            (Lang::En, Decision) => "Decision",
            (Lang::Fr, Decision) => "Décision",
        }
    }

    /// "3 results" / "3 résultats".
    pub fn results(self, n: usize) -> String {
        let word = match (self, n == 1) {
            (Lang::En, true) => "result",
            (Lang::En, false) => "results",
            (Lang::Fr, true) => "résultat",
            (Lang::Fr, false) => "résultats",
        };
        format!("{} {word}", self.number(n))
    }

    /// The table's "show more" button: how many more, and how many are shown of all.
    pub fn table_more(self, more: usize, shown: usize, total: usize) -> String {
        let (more, shown, total) = (self.number(more), self.number(shown), self.number(total));
        match self {
            Lang::En => format!("Show {more} more ({shown} of {total} shown)"),
            Lang::Fr => format!("Afficher {more} de plus ({shown} sur {total} affichés)"),
        }
    }

    /// "Filters (2)" when some are ticked.
    pub fn filters_summary(self, ticked: usize) -> String {
        let t = self.strings();
        if ticked == 0 {
            t.filters_title.to_owned()
        } else {
            format!("{} ({})", t.filters_title, self.number(ticked))
        }
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
            (Lang::Fr, Disputed) => "Contesté\u{202f}: les sources divergent",
            (Lang::En, Corrected) => "Corrected: the source page is wrong",
            (Lang::Fr, Corrected) => "Corrigé\u{202f}: la page source est erronée",
        }
    }

    pub fn org_kind(self, kind: OrgKind) -> &'static str {
        use OrgKind::*;
        match (self, kind) {
            (Lang::En, PublicAgency) => "Public authority or agency",
            (Lang::Fr, PublicAgency) => "Autorité ou agence publique",
            (Lang::En, ResearchFunder) => "Research funder",
            (Lang::Fr, ResearchFunder) => "Financeur de la recherche",
            (Lang::En, ResearchCentre) => "Research centre",
            (Lang::Fr, ResearchCentre) => "Centre de recherche",
            (Lang::En, CancerCentre) => "Hospital or cancer centre",
            (Lang::Fr, CancerCentre) => "Hôpital ou centre de cancérologie",
            (Lang::En, Federation) => "Federation or network",
            (Lang::Fr, Federation) => "Fédération ou réseau",
            (Lang::En, Society) => "Society, NGO or charity",
            (Lang::Fr, Society) => "Société savante, ONG ou association",
            (Lang::En, International) => "Intergovernmental or EU body",
            (Lang::Fr, International) => "Organisme intergouvernemental ou européen",
        }
    }

    /// A role in a project as a noun, for a country or organisation: "coordinator",
    /// "affiliated entity"... (kinds that are not roles fall back to the relation's words).
    pub fn role(self, kind: RelationKind) -> &'static str {
        use RelationKind::*;
        match (self, kind) {
            (Lang::En, Coordinates) => "coordinator",
            (Lang::Fr, Coordinates) => "coordinateur",
            (Lang::En, CoLeads) => "co-lead",
            (Lang::Fr, CoLeads) => "copilote",
            (Lang::En, BeneficiaryOf) => "beneficiary",
            (Lang::Fr, BeneficiaryOf) => "bénéficiaire",
            (Lang::En, AffiliatedEntityOf) => "affiliated entity",
            (Lang::Fr, AffiliatedEntityOf) => "entité affiliée",
            (Lang::En, MemberOf) => "member",
            (Lang::Fr, MemberOf) => "membre",
            (Lang::En, Signatory) => "signatory",
            (Lang::Fr, Signatory) => "signataire",
            (Lang::En, ParticipatesIn) => "participant",
            (Lang::Fr, ParticipatesIn) => "participant",
            (Lang::En, AssociatedPartnerOf) => "associated partner",
            (Lang::Fr, AssociatedPartnerOf) => "partenaire associé",
            (Lang::En, CollaboratingPartnerOf) => "collaborating partner",
            (Lang::Fr, CollaboratingPartnerOf) => "partenaire collaborateur",
            (Lang::En, ObserverOf) => "observer",
            (Lang::Fr, ObserverOf) => "observateur",
            (Lang::En, AffiliatedMemberOf) => "affiliated member",
            (Lang::Fr, AffiliatedMemberOf) => "membre affilié",
            (Lang::En, Presidency) => "presidency",
            (Lang::Fr, Presidency) => "présidence",
            (Lang::En, Secretariat) => "secretariat",
            (Lang::Fr, Secretariat) => "secrétariat",
            (Lang::En, BoardSeat) => "board seat",
            (Lang::Fr, BoardSeat) => "siège au conseil",
            (Lang::En, SubcontractorOf) => "subcontractor",
            (Lang::Fr, SubcontractorOf) => "sous-traitant",
            (lang, other) => lang.relation_kind(other),
        }
    }

    /// What the atlas names of a project's partners against what the sources state:
    /// "121 partners according to the sources; 7 named here, in 3 countries (29 stated)."
    pub fn participation_summary(
        self,
        stated: Option<u32>,
        named: usize,
        stated_countries: Option<u32>,
        countries: usize,
    ) -> String {
        let n = |v: usize| self.number(v);
        let plural =
            |v: usize, one: &'static str, many: &'static str| if v == 1 { one } else { many };
        let countries_stated = stated_countries.map(|c| n(c as usize));
        match self {
            Lang::En => {
                let named_part = format!(
                    "{} named here, in {} {}",
                    n(named),
                    n(countries),
                    plural(countries, "country", "countries")
                );
                let countries_part = countries_stated
                    .map(|c| format!(" ({c} stated)"))
                    .unwrap_or_default();
                match stated {
                    Some(s) => format!(
                        "{} {} according to the sources; {named_part}{countries_part}.",
                        n(s as usize),
                        plural(s as usize, "partner", "partners")
                    ),
                    None => format!(
                        "No partner count found in the sources; {named_part}{countries_part}."
                    ),
                }
            }
            Lang::Fr => {
                let named_part = format!(
                    "{} {} ici, dans {} pays",
                    n(named),
                    plural(named, "nommé", "nommés"),
                    n(countries)
                );
                let countries_part = countries_stated
                    .map(|c| format!(" ({c} selon les sources)"))
                    .unwrap_or_default();
                match stated {
                    Some(s) => format!(
                        "{} {} selon les sources\u{202f}; {named_part}{countries_part}.",
                        n(s as usize),
                        plural(s as usize, "partenaire", "partenaires")
                    ),
                    None => format!(
                        "Aucun nombre de partenaires trouvé dans les sources\u{202f}; {named_part}{countries_part}."
                    ),
                }
            }
        }
    }

    /// "7 of 121 partners named" / "7 partenaires nommés sur 121"; without a stated count,
    /// "7 partners named".
    pub fn named_of(self, named: usize, stated: Option<u32>) -> String {
        let n = |v: usize| self.number(v);
        match (self, stated) {
            (Lang::En, Some(s)) => format!("{} of {} partners named", n(named), n(s as usize)),
            (Lang::En, None) if named == 1 => "1 partner named".to_owned(),
            (Lang::En, None) => format!("{} partners named", n(named)),
            (Lang::Fr, Some(s)) => format!(
                "{} {} sur {}",
                n(named),
                if named == 1 {
                    "partenaire nommé"
                } else {
                    "partenaires nommés"
                },
                n(s as usize)
            ),
            (Lang::Fr, None) if named == 1 => "1 partenaire nommé".to_owned(),
            (Lang::Fr, None) => format!("{} partenaires nommés", n(named)),
        }
    }

    /// A relation as a phrase read from its `from` side: "Gustave Roussy member of
    /// Unicancer", « Gustave Roussy membre d’Unicancer ».
    pub fn relation_phrase(self, from: &str, kind: RelationKind, to: &str) -> String {
        format!("{from} {}", self.then_name(self.relation_kind(kind), to))
    }

    /// `words` followed by a name, French eliding a closing « de » before a vowel:
    /// « membre d’Unicancer », « bureau de liaison d’EORTC » (« de HOPE » keeps its « de »).
    pub fn then_name(self, words: &str, name: &str) -> String {
        let vowel = name
            .chars()
            .next()
            .and_then(|c| c.to_lowercase().next())
            .is_some_and(|c| "aeiouyàâäéèêëîïôöùûüœ".contains(c));
        match words.strip_suffix(" de") {
            Some(stem) if self == Lang::Fr && vowel => format!("{stem} d’{name}"),
            _ => format!("{words} {name}"),
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
            (Lang::En, BeneficiaryOf) => "beneficiary of",
            (Lang::Fr, BeneficiaryOf) => "bénéficiaire de",
            (Lang::En, AssociatedPartnerOf) => "associated partner of",
            (Lang::Fr, AssociatedPartnerOf) => "partenaire associé de",
            (Lang::En, CollaboratingPartnerOf) => "collaborating partner of",
            (Lang::Fr, CollaboratingPartnerOf) => "partenaire collaborateur de",
            (Lang::En, AffiliatedEntityOf) => "affiliated entity of",
            (Lang::Fr, AffiliatedEntityOf) => "entité affiliée de",
            (Lang::En, SubcontractorOf) => "subcontractor for",
            (Lang::Fr, SubcontractorOf) => "sous-traitant pour",
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
    fn dates_are_written_at_their_precision_in_each_language() {
        let d = |t: &str| PartialDate::parse(t).unwrap();
        assert_eq!(Lang::En.date(d("2023-05-09")), "9 May 2023");
        assert_eq!(Lang::Fr.date(d("2023-05-09")), "9 mai 2023");
        assert_eq!(Lang::Fr.date(d("2024-10-01")), "1er octobre 2024");
        assert_eq!(Lang::En.date(d("2022-10")), "October 2022");
        assert_eq!(Lang::Fr.date(d("2015")), "2015");
        assert_eq!(Lang::En.date(d("2015?")), "c. 2015");
        assert_eq!(Lang::Fr.date(d("2015?")), "vers 2015");
        let open = crate::model::Span::new(Some(d("2012")), None);
        assert_eq!(Lang::Fr.span(open), "depuis 2012");
        assert_eq!(Lang::En.span(open), "since 2012");
        let day = crate::model::Span::new(Some(d("2023-05-09")), None);
        assert_eq!(Lang::Fr.span(day), "depuis le 9 mai 2023");
        assert_eq!(Lang::En.span(day), "since 9 May 2023");
        let hedged = crate::model::Span::new(Some(d("2015?")), None);
        assert_eq!(Lang::Fr.span(hedged), "depuis 2015 environ");
        assert_eq!(Lang::En.span(hedged), "since c. 2015");
        assert_eq!(
            Lang::En.span(crate::model::Span::new(None, None)),
            "undated"
        );
    }

    #[test]
    fn the_data_release_is_dated_in_each_language() {
        let d = PartialDate::parse("2026-12-01").unwrap();
        assert_eq!(
            Lang::En.data_release("1.2.0", d),
            "Data version 1.2.0, updated on 1 December 2026."
        );
        assert_eq!(
            Lang::Fr.data_release("1.2.0", d),
            "Version 1.2.0 des données, mises à jour le 1er décembre 2026."
        );
    }

    #[test]
    fn french_elides_de_before_a_vowel_in_relation_phrases() {
        use crate::model::RelationKind::*;
        assert_eq!(
            Lang::Fr.relation_phrase("Gustave Roussy", MemberOf, "Unicancer"),
            "Gustave Roussy membre d’Unicancer"
        );
        assert_eq!(
            Lang::Fr.relation_phrase("Unicancer", Liaison, "EORTC"),
            "Unicancer bureau de liaison d’EORTC"
        );
        assert_eq!(
            Lang::Fr.relation_phrase("Unicancer", MemberOf, "HOPE"),
            "Unicancer membre de HOPE"
        );
        assert_eq!(
            Lang::Fr.relation_phrase("INCa", Coordinates, "EUnetCCC"),
            "INCa coordonne EUnetCCC"
        );
        assert_eq!(
            Lang::En.relation_phrase("Gustave Roussy", MemberOf, "Unicancer"),
            "Gustave Roussy member of Unicancer"
        );
    }

    #[test]
    fn participation_is_summed_up_in_each_language() {
        assert_eq!(
            Lang::En.participation_summary(Some(121), 7, Some(29), 3),
            "121 partners according to the sources; 7 named here, in 3 countries (29 stated)."
        );
        assert_eq!(
            Lang::Fr.participation_summary(Some(121), 1, None, 1),
            "121 partenaires selon les sources\u{202f}; 1 nommé ici, dans 1 pays."
        );
        assert!(Lang::En
            .participation_summary(None, 2, None, 1)
            .starts_with("No partner count found in the sources; 2 named here, in 1 country"));
        assert_eq!(
            Lang::En.named_of(7, Some(1210)),
            "7 of 1,210 partners named"
        );
        assert_eq!(Lang::Fr.named_of(1, Some(36)), "1 partenaire nommé sur 36");
        assert_eq!(Lang::Fr.named_of(3, None), "3 partenaires nommés");
        assert_eq!(
            Lang::Fr.role(RelationKind::AffiliatedEntityOf),
            "entité affiliée"
        );
    }

    #[test]
    fn the_host_serves_french_under_fr_and_at_the_root_to_a_browser_that_asks_first_for_french() {
        assert_eq!(Lang::served_at("/fr/", Some("en-GB")), Some(Lang::Fr));
        assert_eq!(Lang::served_at("/fr", None), Some(Lang::Fr));
        assert_eq!(
            Lang::served_at("/fr/index.html", Some("en")),
            Some(Lang::Fr)
        );
        assert_eq!(Lang::served_at("/", Some("fr-CA")), Some(Lang::Fr));
        assert_eq!(Lang::served_at("/", Some("en-US")), Some(Lang::En));
        // Only the first language counts: Netlify's `Language=` reads no further.
        assert_eq!(Lang::served_at("/", Some("de-DE")), Some(Lang::En));
        assert_eq!(Lang::served_at("/", None), Some(Lang::En));
        assert_eq!(Lang::served_at("/french", Some("en")), Some(Lang::En));
        assert_eq!(Lang::served_at("/embed", Some("fr")), None);
        assert_eq!(Lang::served_at("/embed/", Some("en")), None);
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
                assert!(!lang.role(kind).is_empty());
            }
            for kind in ProjectKind::ALL {
                assert!(!lang.project_kind(kind).is_empty());
                assert!(!lang.project_kinds(kind).is_empty());
            }
            for kind in EventKind::ALL {
                assert!(!lang.event_kind(kind).is_empty());
            }
        }
        assert_ne!(
            Lang::En.relation_kind(RelationKind::MemberOf),
            Lang::Fr.relation_kind(RelationKind::MemberOf)
        );
    }
}
