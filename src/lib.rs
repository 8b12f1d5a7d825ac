//! Cancer Cooperation Atlas: the app's root component and the context it shares.
//!
//! `App` lays out the shell (header, map, timeline, details, footer) and owns the
//! app-wide state. Pure logic lives in modules without leptos (`i18n`, later `model`,
//! `geo`, `time`, `filter`); `ui/` only turns state into DOM.
// Rendering the whole `App` to HTML natively (the prerendered first screen) nests types
// deeper than the default limit.
#![recursion_limit = "256"]

pub mod boot;
pub mod cite;
pub mod correction;
pub mod countries;
pub mod data;
pub mod embed_code;
pub mod filter;
pub mod geo;
pub mod gesture;
pub mod graph;
pub mod i18n;
pub mod lanes;
pub mod loader;
pub mod members;
pub mod model;
pub mod network;
pub mod panic_banner;
pub mod participation;
pub mod picture;
pub mod release;
pub mod sort;
pub mod state;
pub mod table;
pub mod testing;
pub mod time;
pub mod timeline_keys;
pub mod timeline_labels;
pub mod typography;
pub mod ui;
pub mod viewport;
pub mod worker;

use filter::{Facets, Index, Visible};
use i18n::{Lang, Strings};
use leptos::prelude::*;
use model::Dataset;
use state::{Arrange, Ignored, Mode, UrlState};
use std::sync::Arc;
use table::{Sort, Tab};

/// The interface language, shared by every component through context.
#[derive(Clone, Copy)]
pub struct Locale(pub RwSignal<Lang>);

impl Locale {
    /// The current language's strings; reactive when called inside a view or effect.
    pub fn strings(self) -> &'static Strings {
        self.0.get().strings()
    }
}

/// The locale provided by [`App`]. Panics outside it, which is a programming error.
pub fn use_locale() -> Locale {
    expect_context::<Locale>()
}

/// The validated dataset every view reads, shared through context.
#[derive(Clone)]
pub struct Atlas(pub Arc<Dataset>);

/// The network view's graph, layouts and links between countries, for the dataset shown:
/// laid out when the app was built, or by the dataset worker for `?data=`; empty layouts
/// when they are missing or damaged (the view says it cannot draw), never computed here.
#[derive(Clone)]
pub struct NetworkData(pub Arc<graph::Network>);

/// The network provided with the dataset.
pub fn use_network() -> NetworkData {
    expect_context::<NetworkData>()
}

/// The selected organisation, project or event (its id), shared by every view.
#[derive(Clone, Copy)]
pub struct Selection(pub RwSignal<Option<String>>);

/// The selection provided by [`App`].
pub fn use_selection() -> Selection {
    expect_context::<Selection>()
}

/// The "as of" day: what the map shows is what was active then. Defaults to today.
#[derive(Clone, Copy)]
pub struct AsOf(pub RwSignal<model::Day>);

/// The as-of day provided by [`App`].
pub fn use_as_of() -> AsOf {
    expect_context::<AsOf>()
}

/// How the visitor narrows and arranges what they see: facets, search, map or table, the
/// table's tab and sort, the map's framing, and the notice about a link's ignored parts.
/// Everything here (with the language, selection and date) is mirrored in the URL.
#[derive(Clone, Copy)]
pub struct Explore {
    pub facets: RwSignal<Facets>,
    pub query: RwSignal<String>,
    pub mode: RwSignal<Mode>,
    /// The network view's arrangement.
    pub arrange: RwSignal<Arrange>,
    pub tab: RwSignal<Tab>,
    pub sort: RwSignal<Option<Sort>>,
    /// Map centre and zoom as the URL writes them; None is the default framing (Europe).
    pub map: RwSignal<Option<(f64, f64, f64)>>,
    /// What a link held that could not be used, ready to show.
    pub notice: RwSignal<Vec<String>>,
    /// Which records pass the facets.
    pub visible: Memo<Visible>,
    pub index: StoredValue<Arc<Index>>,
    /// The address of the dataset shown when it is not the embedded one (`?data=`).
    pub source: StoredValue<Option<String>>,
}

impl Explore {
    /// Fresh exploration state (no filter, map view, default tab) over a dataset.
    pub fn new(data: Arc<Dataset>) -> Explore {
        let index = Arc::new(Index::new(&data));
        let facets = RwSignal::new(Facets::default());
        let visible = {
            let index = index.clone();
            Memo::new(move |_| facets.with(|f| index.apply(&data, f)))
        };
        Explore {
            facets,
            query: RwSignal::new(String::new()),
            mode: RwSignal::new(Mode::Map),
            arrange: RwSignal::new(Arrange::Links),
            tab: RwSignal::new(Tab::default()),
            sort: RwSignal::new(None),
            map: RwSignal::new(None),
            notice: RwSignal::new(Vec::new()),
            visible,
            index: StoredValue::new(index),
            source: StoredValue::new(None),
        }
    }
}

/// The exploration state provided by [`App`].
pub fn use_explore() -> Explore {
    expect_context::<Explore>()
}

/// Every signal the URL mirrors, gathered once inside the component tree so that event
/// listeners (which run outside it, where contexts cannot be looked up) can use them.
#[derive(Clone, Copy)]
pub struct ViewState {
    pub locale: Locale,
    pub selection: Selection,
    pub as_of: AsOf,
    pub explore: Explore,
}

impl ViewState {
    /// Looks the signals up in context; call it while building components.
    pub fn get() -> ViewState {
        ViewState {
            locale: use_locale(),
            selection: use_selection(),
            as_of: use_as_of(),
            explore: use_explore(),
        }
    }

    /// The whole view state as the URL carries it (reactive). Defaults are left out: the
    /// language the host serves at this address ([`address_lang`]), today, the default
    /// map framing.
    pub fn current(&self) -> UrlState {
        let explore = self.explore;
        let lang = self.locale.0.get();
        let day = self.as_of.0.get();
        let query = explore.query.get();
        UrlState {
            data: explore.source.get_value(),
            lang: (lang != address_lang()).then_some(lang),
            selection: self.selection.0.get(),
            as_of: (day != today()).then_some(day),
            search: (!query.trim().is_empty()).then_some(query),
            map: explore.map.get(),
            facets: explore.facets.get(),
            mode: explore.mode.get(),
            arrange: explore.arrange.get(),
            tab: explore.tab.get(),
            sort: explore.sort.get(),
        }
    }

    /// Sets every piece of view state from a URL state (missing parts take their defaults).
    pub fn apply(&self, state: UrlState) {
        let explore = self.explore;
        self.locale.0.set(state.lang.unwrap_or_else(page_lang));
        self.selection.0.set(state.selection);
        self.as_of.0.set(state.as_of.unwrap_or_else(today));
        explore.query.set(state.search.unwrap_or_default());
        explore.map.set(state.map);
        explore.facets.set(state.facets);
        explore.mode.set(state.mode);
        explore.arrange.set(state.arrange);
        explore.tab.set(state.tab);
        explore.sort.set(state.sort);
    }
}

/// True in the app, false when the build draws the first screen natively
/// ([`first_screen`]): calls into the browser are skipped there.
pub const IN_BROWSER: bool = cfg!(target_arch = "wasm32");

/// Today in the visitor's calendar, as a day number.
pub fn today() -> model::Day {
    if !IN_BROWSER {
        return BUILD_DAY.with(|d| d.get());
    }
    let now = js_sys::Date::new_0();
    model::date::day_number(
        now.get_full_year() as i32,
        (now.get_month() + 1) as u8,
        now.get_date() as u8,
    )
}

/// The dataset provided by [`App`] once it has loaded.
pub fn use_atlas() -> Atlas {
    expect_context::<Atlas>()
}

/// Milliseconds since the page started, for start-up measurements.
fn now_ms() -> f64 {
    if !IN_BROWSER {
        return 0.0;
    }
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The dataset under `data/`, validated when the app was built (`build.rs`) and built in
/// in its binary form.
const EMBEDDED_DATASET: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/dataset.bin"));

/// The network view's layouts of that dataset, computed when the app was built
/// (`build.rs`); read by `graph::embedded`.
const EMBEDDED_NETWORK: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/network.bin"));

/// The one problem the built-in dataset can have, worded as `data::DataError` words it.
pub const UNREADABLE_BUILD: &str = "data/: could not be read back from the build";

/// Reads the dataset built into the app, logging how long it took. Its only possible
/// problem is a damaged build (the data was validated when it was built), named as the
/// validator would name it (`data::Problem::Unreadable`), without carrying the validator.
pub fn load_embedded_dataset() -> Result<Dataset, Vec<String>> {
    let started = now_ms();
    let result =
        data::binary::decode(EMBEDDED_DATASET).ok_or_else(|| vec![UNREADABLE_BUILD.to_owned()]);
    let elapsed = now_ms() - started;
    // Tenths of a millisecond, with integer formatting (float formatting costs wasm size).
    let tenths = (elapsed * 10.0).round() as i64;
    if !IN_BROWSER {
        return result;
    }
    web_sys::console::info_1(
        &format!(
            "dataset read in {}.{} ms (validated at build time)",
            tenths / 10,
            tenths % 10
        )
        .into(),
    );
    result
}

thread_local! {
    /// The language [`first_screen`] draws in, which stands for the browser's at build time.
    static BUILD_LANG: std::cell::Cell<Lang> = const { std::cell::Cell::new(Lang::En) };
    /// The day [`first_screen`] draws, which stands for the visitor's today at build time.
    static BUILD_DAY: std::cell::Cell<model::Day> = const { std::cell::Cell::new(0) };
}

/// The language the browser asks for, from `navigator.languages` (English if none fits).
pub fn browser_lang() -> Lang {
    if !IN_BROWSER {
        return BUILD_LANG.with(|l| l.get());
    }
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Lang::En;
    };
    let tags: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .chain(navigator.language())
        .collect();
    Lang::preferred(tags.iter().map(String::as_str))
}

thread_local! {
    /// [`page_lang`], read once before the app changes `<html lang>`.
    static PAGE_LANG: std::cell::OnceCell<Lang> = const { std::cell::OnceCell::new() };
    /// [`address_lang`]: the path and the browser's languages do not change while the
    /// page lives (the app only writes the query), and the URL state asks at every change.
    static ADDRESS_LANG: std::cell::OnceCell<Lang> = const { std::cell::OnceCell::new() };
}

/// The language the atlas starts in when its address names none: that of the page it was
/// served in, when the page holds a first screen drawn in it (`/`, `/fr/`: the host chose it
/// by the path and the browser's first language, public/_redirects), so that the language
/// never changes after the first screen. Elsewhere (the embed, `trunk serve`), the
/// browser's. Read once, before the app changes `<html lang>`.
pub fn page_lang() -> Lang {
    if !IN_BROWSER {
        return BUILD_LANG.with(|l| l.get());
    }
    PAGE_LANG.with(|cell| *cell.get_or_init(|| served_lang().unwrap_or_else(browser_lang)))
}

/// `<html lang>` of a page that holds a prerendered first screen.
fn served_lang() -> Option<Lang> {
    let document = web_sys::window()?.document()?;
    let boot = document.get_element_by_id("boot")?;
    if !boot
        .class_name()
        .split_whitespace()
        .any(|c| c == "boot--prerendered")
    {
        return None;
    }
    Lang::from_tag(&document.document_element()?.get_attribute("lang")?)
}

/// The language the host serves at this address when it names none ([`Lang::served_at`]):
/// the address bar leaves `lang=` out only for that one, so that a reload or a shared
/// address keeps the language shown.
pub fn address_lang() -> Lang {
    if !IN_BROWSER {
        return BUILD_LANG.with(|l| l.get());
    }
    ADDRESS_LANG.with(|cell| {
        *cell.get_or_init(|| {
            let Some(window) = web_sys::window() else {
                return Lang::En;
            };
            let path = window.location().pathname().unwrap_or_default();
            let navigator = window.navigator();
            let first = navigator
                .languages()
                .iter()
                .find_map(|tag| tag.as_string())
                .or_else(|| navigator.language());
            Lang::served_at(&path, first.as_deref()).unwrap_or_else(browser_lang)
        })
    })
}

/// Offline use: registers `/sw.js` (`public/sw.js`), which keeps the page and its hashed
/// assets after a first visit. Release builds only: `trunk serve` (debug) never caches.
/// Browsers without service workers, or a refused registration, just go without.
pub fn register_service_worker() {
    // The embed lives in other sites' pages: it never installs the atlas for offline use.
    if cfg!(debug_assertions) || ui::location::embedded() {
        return;
    }
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return;
    };
    if !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let registering = navigator.service_worker().register("/sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(registering).await;
    });
}

/// Removes index.html's "loading" note or prerendered first screen (`#boot`) once the app
/// is running.
fn remove_boot_placeholder() {
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
}

/// The header, toolbar, map or table, timeline, details and footer over a dataset (or the
/// list of its problems); `notice` says where the data came from when it was not embedded.
fn workspace<D: Into<Arc<Dataset>>>(
    dataset: Result<D, Vec<String>>,
    layouts: Option<graph::Layouts>,
    url: UrlState,
    ignored: Vec<Ignored>,
    notice: Option<ui::custom_data::SourceNotice>,
) -> AnyView {
    let data: Arc<Dataset> = match dataset {
        Ok(d) => d.into(),
        Err(errors) => {
            return view! {
                <ui::header::Header/>
                <ui::data_errors::DataErrors errors/>
            }
            .into_any()
        }
    };
    provide_context(Atlas(data.clone()));
    provide_context(NetworkData(Arc::new(graph::Network::new(&data, layouts))));
    let explore = Explore::new(data.clone());
    if let Some(ui::custom_data::SourceNotice::Loaded { address }) = &notice {
        explore.source.set_value(Some(address.clone()));
    }
    provide_context(explore);
    ui::location::start(url, ignored, &data);
    let selection = use_selection();
    let main = move || match explore.mode.get() {
        Mode::Map => view! { <ui::map::MapRegion/> }.into_any(),
        Mode::Network => view! { <ui::network::NetworkRegion/> }.into_any(),
        Mode::Table => view! { <ui::table::TableRegion/> }.into_any(),
    };
    if ui::location::embedded() {
        // Another site's frame: the map or the network (the table needs the toolbar), and
        // no site header, toolbar or footer (src/ui/embed.rs).
        if explore.mode.get_untracked() == Mode::Table {
            explore.mode.set(Mode::Map);
        }
        ui::embed::report_height();
        ui::embed::open_links_outside();
        let locale = use_locale();
        return view! {
            <div class="frame frame--embed">
                {notice.map(|notice| view! { <ui::custom_data::SourceNote notice/> })}
                <ui::explore::Notice/>
                <main id="main" class="workspace" tabindex="-1"
                    class:workspace--selected=move || selection.0.get().is_some()>
                    // The page's title for screen readers: the frame shows no site header.
                    <h1 class="visually-hidden">{move || locale.strings().app_title}</h1>
                    {main}
                    <ui::timeline::TimelineRegion/>
                    <ui::details::DetailsRegion/>
                </main>
                <ui::embed::EmbedBar/>
            </div>
        }
        .into_any();
    }
    // A staged start ([`App`]) builds the map (or table, or network) a task later, then
    // the timeline, details and footer a task after that.
    let stage = RwSignal::new(LAST_STAGE);
    if STAGED.with(|s| s.replace(false)) {
        stage.set(0);
        REST.with(|r| r.set(Some(stage)));
    }
    let built = move |n: u8| Memo::new(move |_| stage.get() >= n);
    let (main_built, rest_built) = (built(1), built(LAST_STAGE));
    let main = move || main_built.get().then(main);
    // On wide screens the frame fills the window (header, toolbar, then map, timeline and
    // details all in view); the footer follows below it.
    view! {
        <div class="frame">
            <ui::header::Header>
                <ui::export::Export/>
            </ui::header::Header>
            {notice.map(|notice| view! { <ui::custom_data::SourceNote notice/> })}
            <ui::explore::Toolbar/>
            <main id="main" class="workspace" tabindex="-1"
                class:workspace--selected=move || selection.0.get().is_some()>
                {main}
                {move || rest_built.get().then(|| view! {
                    <ui::timeline::TimelineRegion/>
                    <ui::details::DetailsRegion/>
                }.into_any())}
            </main>
        </div>
        {move || rest_built.get().then(|| view! { <ui::footer::Footer/> }.into_any())}
    }
    .into_any()
}

thread_local! {
    /// Set by [`App`] for [`workspace`]: build the app in stages (see [`build_rest`]).
    static STAGED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// How far a staged app is built: 0 the header and toolbar, 1 the map (or table, or
    /// network), [`LAST_STAGE`] the timeline, details and footer too.
    static REST: std::cell::Cell<Option<RwSignal<u8>>> = const { std::cell::Cell::new(None) };
}

/// The built-in dataset (or its problems) and its network layouts.
type Embedded = (Result<Dataset, Vec<String>>, Option<graph::Layouts>);

thread_local! {
    /// The built-in dataset and its network layouts, read ahead by [`preload`].
    static PRELOADED: std::cell::RefCell<Option<Embedded>> = const { std::cell::RefCell::new(None) };
}

/// Reads the built-in dataset and its network layouts ahead of the mount, in a task of its
/// own (src/main.rs), so that the mount's first task is shorter on a phone (issue 35).
pub fn preload() {
    let read = (load_embedded_dataset(), graph::embedded());
    PRELOADED.with(|p| *p.borrow_mut() = Some(read));
}

/// The stage at which a staged app is whole.
const LAST_STAGE: u8 = 2;

/// The class on `<html>` that keeps the app out of sight while it is built behind the first
/// screen (style/base.css).
const BUILDING: &str = "is-building";

/// The whole app, started from the browser: its address, language and calendar.
///
/// Behind a prerendered first screen, with the built-in data, it is built in two tasks so
/// that no task of the start runs long on a phone (issue 35): this one builds the header and
/// toolbar out of sight (`html.is-building`), [`build_rest`] the map in the next task and
/// the timeline, details and footer in the one after, and [`show_app`] then puts the app in
/// the first screen's place at once (src/main.rs). Elsewhere (the embed, `?data=`, `trunk serve`) it is built and
/// shown at once.
#[component]
pub fn App() -> impl IntoView {
    let served = page_lang();
    let (url, ignored) = UrlState::from_query(&ui::location::search());
    let staged = url.data.is_none() && boot::prerendered();
    if staged {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.class_list().add_1(BUILDING);
        }
    } else {
        remove_boot_placeholder();
    }
    STAGED.with(|s| s.set(staged));
    let lang = url.lang.unwrap_or(served);
    shell(url, ignored, lang, today())
}

/// Builds the next part of an app whose start is staged ([`App`]), in the task that calls
/// it; false when there is nothing left to build.
pub fn build_rest() -> bool {
    let Some(stage) = REST.with(|r| r.get()) else {
        return false;
    };
    let next = stage.get_untracked() + 1;
    stage.set(next);
    if next >= LAST_STAGE {
        REST.with(|r| r.set(None));
    }
    true
}

/// Puts the built app in the first screen's place, in one go.
pub fn show_app() {
    remove_boot_placeholder();
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.class_list().remove_1(BUILDING);
    }
}

/// The default first view in `lang` on `day`, as the build draws it into the page
/// (natively, with Leptos' HTML rendering): the same components as [`App`], with no
/// address, so that the app can replace it without anything moving.
pub fn first_screen(lang: Lang, day: model::Day) -> impl IntoView {
    BUILD_LANG.with(|l| l.set(lang));
    BUILD_DAY.with(|d| d.set(day));
    shell(UrlState::default(), Vec::new(), lang, day)
}

/// The app over its starting point: the address's view, the language and today.
fn shell(url: UrlState, ignored: Vec<Ignored>, lang: Lang, day: model::Day) -> impl IntoView {
    let locale = Locale(RwSignal::new(lang));
    provide_context(locale);
    provide_context(Selection(RwSignal::new(None)));
    provide_context(AsOf(RwSignal::new(day)));

    // <html lang> and the document title follow the interface language, so screen
    // readers pronounce the page correctly and tabs are named in the visitor's language.
    Effect::new(move |_| {
        let lang = locale.0.get();
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = document.document_element() {
                let _ = root.set_attribute("lang", lang.tag());
            }
            document.set_title(lang.strings().app_title);
        }
    });

    let body = match url.data.clone() {
        None => {
            let (dataset, layouts) = PRELOADED
                .with(|p| p.take())
                .unwrap_or_else(|| (load_embedded_dataset(), graph::embedded()));
            workspace(dataset, layouts, url, ignored, None)
        }
        Some(address) => {
            // Another dataset by address: a status while it loads, then the workspace
            // with it, or with the embedded data and the reason it could not be used.
            type Read = (Arc<Dataset>, graph::Layouts);
            let outcome = RwSignal::new(None::<Result<Read, ui::custom_data::Failure>>);
            {
                let address = address.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let result = ui::custom_data::fetch(&address)
                        .await
                        .map(|(data, layouts)| (Arc::new(data), layouts));
                    outcome.set(Some(result));
                });
            }
            (move || match outcome.get() {
                None => view! { <ui::custom_data::Loading address=address.clone()/> }.into_any(),
                Some(Ok((dataset, layouts))) => {
                    let notice = ui::custom_data::SourceNotice::Loaded {
                        address: address.clone(),
                    };
                    let (url, ignored) = (url.clone(), ignored.clone());
                    workspace(Ok(dataset), Some(layouts), url, ignored, Some(notice))
                }
                Some(Err(failure)) => {
                    let notice = ui::custom_data::SourceNotice::Failed {
                        address: address.clone(),
                        failure,
                    };
                    let mut url = url.clone();
                    url.data = None;
                    let ignored = ignored.clone();
                    let layouts = graph::embedded();
                    workspace(load_embedded_dataset(), layouts, url, ignored, Some(notice))
                }
            })
            .into_any()
        }
    };

    // The embed has no header to skip.
    let skip = (!ui::location::embedded()).then(|| {
        view! { <a class="skip-link" href="#main">{move || locale.strings().skip_to_content}</a> }
    });
    view! {
        {skip}
        {body}
    }
}
