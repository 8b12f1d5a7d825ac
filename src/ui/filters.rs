//! The facets: programme, kind of organisation, country and kind of relation, each value
//! with the count it would show. They filter the map, the timeline and the table at once.

use crate::filter::Facets;
use crate::i18n::Lang;
use crate::model::{OrgKind, RelationKind};
use crate::{use_atlas, use_explore, use_locale};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// How a group reads and flips one of its values, given the value's key.
type Has = fn(&Facets, &str) -> bool;
type Flip = fn(&mut Facets, &str);

/// Adds or removes a value.
fn flip<T: Ord>(set: &mut BTreeSet<T>, value: T) {
    if !set.remove(&value) {
        set.insert(value);
    }
}

/// One checkbox per value of a group: `(key, label)`; `count(i)` reads the i-th value's
/// count reactively, so ticking a box updates the numbers without rebuilding the boxes
/// (which would lose keyboard focus). Not generic over the value type: one copy of this
/// view code serves the four groups.
fn group(
    legend: &'static str,
    name: &'static str,
    values: Vec<(String, String)>,
    (has, toggle): (Has, Flip),
    count: std::sync::Arc<dyn Fn(usize) -> usize + Send + Sync>,
) -> AnyView {
    let explore = use_explore();
    let boxes = values
        .into_iter()
        .enumerate()
        .map(|(i, (key, label))| {
            let id = format!("facet-{name}-{i}");
            let k2 = key.clone();
            let checked = move || explore.facets.with(|f| has(f, &key));
            let (c1, c2) = (count.clone(), count.clone());
            view! {
                <li class="facet__value" class:facet__value--empty=move || c1(i) == 0>
                    <input type="checkbox" id=id.clone() prop:checked=checked
                        on:change=move |_| explore.facets.update(|f| toggle(f, &k2))/>
                    <label for=id>{label}" "<span class="facet__count">"("{move || c2(i)}")"</span></label>
                </li>
            }
        })
        .collect_view();
    view! {
        <fieldset class="facet">
            <legend>{legend}</legend>
            <ul class="facet__values">{boxes}</ul>
        </fieldset>
    }
    .into_any()
}

#[component]
pub fn Filters() -> impl IntoView {
    let locale = use_locale();
    let atlas = use_atlas().0;
    let explore = use_explore();
    let counts = {
        let atlas = atlas.clone();
        Memo::new(move |_| {
            explore
                .facets
                .with(|f| explore.index.with_value(|ix| ix.counts(&atlas, f)))
        })
    };
    // The values (and their order) do not depend on the ticks, only on the dataset.
    let panel = move || {
        let lang: Lang = locale.0.get();
        let t = lang.strings();
        let all = counts.get_untracked();
        let programmes = all
            .programmes
            .iter()
            .map(|(id, _)| {
                let name = atlas
                    .programmes
                    .iter()
                    .find(|p| &p.id == id)
                    .map_or(id.clone(), |p| p.name.get(lang).to_owned());
                (id.clone(), name)
            })
            .collect();
        let kinds = all
            .kinds
            .iter()
            .map(|(k, _)| (k.key().to_owned(), lang.org_kind(*k).to_owned()))
            .collect();
        let mut countries: Vec<(usize, String, String)> = all
            .countries
            .iter()
            .enumerate()
            .map(|(i, (code, _))| {
                let name = atlas
                    .countries
                    .iter()
                    .find(|c| &c.code == code)
                    .map_or(code.clone(), |c| c.name.get(lang).to_owned());
                (i, code.clone(), name)
            })
            .collect();
        // Countries in alphabetical order of the current language; counts keep their index.
        crate::sort::sort_by_key(&mut countries, |c| crate::filter::normalize(&c.2));
        let order: Vec<usize> = countries.iter().map(|c| c.0).collect();
        let countries = countries
            .into_iter()
            .map(|(_, code, name)| (code, name))
            .collect();
        let relations = all
            .relation_kinds
            .iter()
            .map(|(k, _)| (k.key().to_owned(), lang.relation_kind(*k).to_owned()))
            .collect();
        let order = StoredValue::new(order);
        view! {
            {group(t.facet_programme, "prog", programmes,
                (|f, k| f.programmes.contains(k), |f, k| flip(&mut f.programmes, k.to_owned())),
                std::sync::Arc::new(move |i| counts.with(|c| c.programmes[i].1)))}
            {group(t.facet_kind, "kind", kinds,
                (|f, k| f.kinds.iter().any(|x| x.key() == k),
                 |f, k| if let Some(x) = OrgKind::ALL.into_iter().find(|x| x.key() == k) { flip(&mut f.kinds, x) }),
                std::sync::Arc::new(move |i| counts.with(|c| c.kinds[i].1)))}
            {group(t.facet_country, "country", countries,
                (|f, k| f.countries.contains(k), |f, k| flip(&mut f.countries, k.to_owned())),
                std::sync::Arc::new(move |i| counts.with(|c| c.countries[order.with_value(|o| o[i])].1)))}
            {group(t.facet_relation, "rel", relations,
                (|f, k| f.relation_kinds.iter().any(|x| x.key() == k),
                 |f, k| if let Some(x) = RelationKind::ALL.into_iter().find(|x| x.key() == k) { flip(&mut f.relation_kinds, x) }),
                std::sync::Arc::new(move |i| counts.with(|c| c.relation_kinds[i].1)))}
            <p class="filters__note">{t.facet_counts_note}</p>
        }
    };
    view! {
        <details class="filters" on:keydown=crate::ui::explore::close_panel_on_escape>
            <summary class="button filters__summary">
                {move || locale.0.get().filters_summary(explore.facets.with(Facets::count))}
            </summary>
            <div class="filters__panel">{panel}</div>
        </details>
    }
}
