//! The facets: programme, kind of organisation, country and kind of relation, each value
//! with the count it would show. They filter the map, the timeline and the table at once.

use crate::filter::Facets;
use crate::i18n::Lang;
use crate::{use_atlas, use_explore, use_locale};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// One checkbox per value of a group: `(value, label)`; `count(i)` reads the i-th value's
/// count reactively, so ticking a box updates the numbers without rebuilding the boxes
/// (which would lose keyboard focus).
fn group<T: Ord + Clone + Send + Sync + 'static>(
    legend: &'static str,
    name: &'static str,
    values: Vec<(T, String)>,
    field: fn(&mut Facets) -> &mut BTreeSet<T>,
    count: impl Fn(usize) -> usize + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let explore = use_explore();
    let boxes = values
        .into_iter()
        .enumerate()
        .map(|(i, (value, label))| {
            let id = format!("facet-{name}-{i}");
            let (v1, v2) = (value.clone(), value);
            let checked = move || explore.facets.with(|f| field(&mut f.clone()).contains(&v1));
            let toggle = move |_| {
                explore.facets.update(|f| {
                    let set = field(f);
                    if !set.remove(&v2) {
                        set.insert(v2.clone());
                    }
                })
            };
            view! {
                <li class="facet__value" class:facet__value--empty=move || count(i) == 0>
                    <input type="checkbox" id=id.clone() prop:checked=checked on:change=toggle/>
                    <label for=id>{label}" "<span class="facet__count">"("{move || count(i)}")"</span></label>
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
            .map(|(k, _)| (*k, lang.org_kind(*k).to_owned()))
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
        countries.sort_by_cached_key(|c| crate::filter::normalize(&c.2));
        let order: Vec<usize> = countries.iter().map(|c| c.0).collect();
        let countries = countries
            .into_iter()
            .map(|(_, code, name)| (code, name))
            .collect();
        let relations = all
            .relation_kinds
            .iter()
            .map(|(k, _)| (*k, lang.relation_kind(*k).to_owned()))
            .collect();
        let order = StoredValue::new(order);
        view! {
            {group(t.facet_programme, "prog", programmes, |f| &mut f.programmes,
                move |i| counts.with(|c| c.programmes[i].1))}
            {group(t.facet_kind, "kind", kinds, |f| &mut f.kinds,
                move |i| counts.with(|c| c.kinds[i].1))}
            {group(t.facet_country, "country", countries, |f| &mut f.countries,
                move |i| counts.with(|c| c.countries[order.with_value(|o| o[i])].1))}
            {group(t.facet_relation, "rel", relations, |f| &mut f.relation_kinds,
                move |i| counts.with(|c| c.relation_kinds[i].1))}
            <p class="filters__note">{t.facet_counts_note}</p>
        }
    };
    view! {
        <details class="filters">
            <summary class="button filters__summary">
                {move || locale.0.get().filters_summary(explore.facets.with(Facets::count))}
            </summary>
            <div class="filters__panel">{panel}</div>
        </details>
    }
}
