use super::*;
use crate::model::{
    Confidence, Organisation, Programme, Project, Provenance, Relation, RelationKind, Span, Text,
};
use crate::testing::Lcg;

fn real() -> Dataset {
    crate::data::embedded().expect("the embedded dataset validates")
}

fn radii(graph: &Graph) -> Vec<f64> {
    graph.nodes.iter().map(|n| f64::from(radius(n))).collect()
}

fn positions(p: &Placement) -> Vec<(f64, f64)> {
    p.pos
        .iter()
        .map(|&(x, y)| (f64::from(x), f64::from(y)))
        .collect()
}

/// Asserts that no two nodes are closer than their radii and [`GAP`] (every pair, not
/// through the grid the layout uses).
fn assert_no_overlap(p: &Placement, graph: &Graph, what: &str) {
    let pos = positions(p);
    let r = radii(graph);
    let mut order: Vec<usize> = (0..pos.len()).collect();
    order.sort_by(|&a, &b| pos[a].0.total_cmp(&pos[b].0));
    let largest = r.iter().copied().fold(0.0, f64::max);
    for (k, &i) in order.iter().enumerate() {
        for &j in &order[k + 1..] {
            if pos[j].0 - pos[i].0 > 2.0 * largest + f64::from(GAP) {
                break;
            }
            let min = r[i] + r[j] + f64::from(GAP);
            let (dx, dy) = (pos[j].0 - pos[i].0, pos[j].1 - pos[i].1);
            assert!(
                dx * dx + dy * dy >= min * min - 1e-9,
                "{what}: nodes {i} and {j} overlap: {:?} {:?}, radii {} {}",
                pos[i],
                pos[j],
                r[i],
                r[j]
            );
        }
    }
}

fn assert_inside_bounds(p: &Placement, graph: &Graph) {
    let (x0, y0, x1, y1) = p.bounds;
    for (i, (&(x, y), n)) in p.pos.iter().zip(&graph.nodes).enumerate() {
        let r = radius(n);
        assert!(
            x - r >= x0 && y - r >= y0 && x + r <= x1 && y + r <= y1,
            "node {i} at ({x}, {y}) r {r} outside {:?}",
            p.bounds
        );
    }
    for g in &p.regions {
        assert!(g.cx - g.r >= x0 && g.cy - g.r >= y0 && g.cx + g.r <= x1 && g.cy + g.r <= y1);
    }
}

fn assert_regions_hold_their_nodes(data: &Dataset, graph: &Graph, p: &Placement) {
    let regions = &p.regions;
    for (a, ra) in regions.iter().enumerate() {
        for rb in &regions[a + 1..] {
            let (dx, dy) = (rb.cx - ra.cx, rb.cy - ra.cy);
            assert!(
                (dx * dx + dy * dy).sqrt() >= ra.r + rb.r,
                "regions {} and {} overlap",
                ra.country,
                rb.country
            );
        }
    }
    let codes: Vec<&str> = regions.iter().map(|g| g.country.as_str()).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(codes, sorted, "regions in code order");
    for (i, &(x, y)) in p.pos.iter().enumerate() {
        let country = graph.country_of(data, i as u32);
        let g = regions
            .iter()
            .find(|g| g.country == country)
            .unwrap_or_else(|| panic!("no region for {country:?}"));
        let (dx, dy) = (x - g.cx, y - g.cy);
        assert!(
            (dx * dx + dy * dy).sqrt() + radius(&graph.nodes[i]) <= g.r,
            "node {i} ({}) sticks out of region {country:?}",
            graph.id_of(data, i as u32)
        );
    }
}

#[test]
fn the_graph_has_a_node_per_organisation_programme_and_project_in_dataset_order() {
    let data = real();
    let graph = Graph::new(&data);
    let n = data.organisations.len() + data.programmes.len() + data.projects.len();
    assert_eq!(graph.nodes.len(), n);
    assert_eq!(graph.id_of(&data, 0), data.organisations[0].id);
    let first_programme = data.organisations.len() as u32;
    assert_eq!(
        graph.nodes[first_programme as usize].kind,
        NodeKind::Programme
    );
    assert_eq!(graph.id_of(&data, first_programme), data.programmes[0].id);
    for i in 0..n as u32 {
        assert_eq!(graph.node_of(&data, graph.id_of(&data, i)), Some(i));
    }
    assert_eq!(graph.node_of(&data, "no-such-record"), None);
    assert_eq!(graph.id_of(&data, n as u32), "");
    let degrees: u32 = graph.nodes.iter().map(|n| n.degree).sum();
    assert_eq!(degrees as usize, 2 * graph.links.len());
}

#[test]
fn a_link_per_relation_between_nodes_and_per_project_in_a_programme() {
    let data = real();
    let graph = Graph::new(&data);
    let relations = graph
        .links
        .iter()
        .filter(|l| matches!(l.kind, LinkKind::Relation(_)))
        .count();
    let between_nodes = data
        .relations
        .iter()
        .filter(|r| {
            graph.node_of(&data, &r.from).is_some() && graph.node_of(&data, &r.to).is_some()
        })
        .count();
    assert_eq!(relations, between_nodes);
    let listed: usize = data.projects.iter().map(|p| p.programmes.len()).sum();
    assert_eq!(graph.links.len() - relations, listed);
    let inca = graph.node_of(&data, "inca").unwrap();
    let crane = graph.node_of(&data, "crane").unwrap();
    assert!(graph.neighbours(inca).contains(&crane));
    assert!(graph.neighbours(crane).contains(&inca));
    for node in 0..graph.nodes.len() as u32 {
        let around = graph.neighbours(node);
        assert!(
            around.windows(2).all(|w| w[0] < w[1]),
            "ascending, once each"
        );
        for other in around {
            assert!(graph.neighbours(other).contains(&node));
        }
    }
}

#[test]
fn no_two_nodes_overlap_in_either_arrangement_at_real_size() {
    let data = real();
    let graph = Graph::new(&data);
    let layouts = layout(&data, &graph);
    assert_no_overlap(&layouts.free, &graph, "free");
    assert_no_overlap(&layouts.by_country, &graph, "by country");
}

#[test]
fn the_same_dataset_gives_the_same_bits() {
    let data = real();
    let graph = Graph::new(&data);
    let once = layout(&data, &graph);
    let twice = layout(&data, &Graph::new(&data));
    assert_eq!(encode(&once), encode(&twice));
    assert_eq!(once, twice);
}

#[test]
fn the_build_embeds_the_layout_of_the_embedded_dataset() {
    let data = real();
    let graph = Graph::new(&data);
    assert_eq!(embedded(), Some(layout(&data, &graph)));
    let network = Network::new(&data, embedded());
    assert!(network.layouts.fits(&network.graph));
}

#[test]
fn positions_depend_on_no_date_nor_filter() {
    // The layout's only inputs are the dataset and its graph: no day, no facet.
    let _: fn(&Dataset, &Graph) -> Layouts = layout;
    let data = real();
    let graph = Graph::new(&data);
    let layouts = layout(&data, &graph);
    let again = layout(&data, &graph);
    // What the view shows on a day is a subset of the nodes, each at its one position.
    for year in [2009, 2015, 2026] {
        let day = crate::model::date::day_number(year, 6, 1);
        let shown: Vec<u32> = graph
            .links
            .iter()
            .filter(|l| match l.kind {
                LinkKind::Relation(r) => data.relations[r as usize].span.active_on(day),
                LinkKind::PartOf => true,
            })
            .flat_map(|l| [l.a, l.b])
            .collect();
        assert!(!shown.is_empty());
        for node in shown {
            let n = node as usize;
            assert_eq!(layouts.free.pos[n], again.free.pos[n]);
            assert_eq!(layouts.by_country.pos[n], again.by_country.pos[n]);
        }
    }
}

#[test]
fn every_node_and_region_lies_inside_the_bounds() {
    let data = real();
    let graph = Graph::new(&data);
    let layouts = layout(&data, &graph);
    assert!(layouts.free.regions.is_empty());
    assert_inside_bounds(&layouts.free, &graph);
    assert_inside_bounds(&layouts.by_country, &graph);
}

#[test]
fn by_country_regions_do_not_overlap_and_hold_their_countrys_nodes() {
    let data = real();
    let graph = Graph::new(&data);
    let layouts = layout(&data, &graph);
    assert_regions_hold_their_nodes(&data, &graph, &layouts.by_country);
    let mut countries: Vec<&str> = data
        .organisations
        .iter()
        .map(|o| o.country.as_str())
        .collect();
    countries.push("");
    countries.sort();
    countries.dedup();
    let regions: Vec<&str> = layouts
        .by_country
        .regions
        .iter()
        .map(|g| g.country.as_str())
        .collect();
    assert_eq!(
        regions, countries,
        "one region per country, and one for the rest"
    );
}

#[test]
fn no_node_stands_far_from_every_other() {
    // Nothing flung to the edge: each node's nearest neighbour is within a few diameters.
    let data = real();
    let graph = Graph::new(&data);
    let layouts = layout(&data, &graph);
    let pos = positions(&layouts.free);
    for (i, a) in pos.iter().enumerate() {
        let nearest = pos
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != i)
            .map(|(_, b)| ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt())
            .fold(f64::MAX, f64::min);
        assert!(
            nearest < 120.0,
            "node {i} is {nearest} units from any other"
        );
    }
}

#[test]
fn unlinked_organisations_sit_in_a_grid_under_the_picture() {
    let mut data = real();
    let lonely = data.organisations.len();
    for k in 0..5 {
        let mut o = data.organisations[0].clone();
        o.id = format!("lonely-{k}");
        data.organisations.push(o);
    }
    let graph = Graph::new(&data);
    let layouts = layout(&data, &graph);
    let linked_bottom = (0..graph.nodes.len())
        .filter(|&i| graph.nodes[i].degree > 0)
        .map(|i| layouts.free.pos[i].1)
        .fold(f32::MIN, f32::max);
    let row = layouts.free.pos[lonely].1;
    for k in 0..5 {
        let (_, y) = layouts.free.pos[lonely + k];
        assert!(y > linked_bottom, "below the linked nodes");
        assert_eq!(y, row, "on one row");
    }
    assert_no_overlap(&layouts.free, &graph, "free with unlinked");
}

#[test]
fn an_empty_dataset_has_an_empty_layout() {
    let data = Dataset::default();
    let graph = Graph::new(&data);
    let layouts = layout(&data, &graph);
    assert!(layouts.free.pos.is_empty() && layouts.by_country.regions.is_empty());
    assert_eq!(decode(&encode(&layouts)), Some(layouts));
}

#[test]
fn layouts_survive_their_binary_form_and_damaged_bytes_give_none() {
    let data = real();
    let layouts = layout(&data, &Graph::new(&data));
    let bytes = encode(&layouts);
    assert_eq!(decode(&bytes).as_ref(), Some(&layouts));
    for cut in 0..bytes.len() {
        assert_eq!(decode(&bytes[..cut]), None, "cut at {cut}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(decode(&longer), None);
    // Flipped bytes: no panic, whatever comes back.
    let mut rng = Lcg(7);
    for _ in 0..2000 {
        let mut damaged = bytes.clone();
        let at = rng.below(damaged.len() as u64) as usize;
        damaged[at] ^= 1 << rng.below(8);
        let _ = decode(&damaged);
    }
    assert_eq!(decode(&[]), None);
    assert_eq!(decode(&[0xff; 16]), None);
}

#[test]
fn missing_or_foreign_layouts_leave_the_network_without_positions() {
    let data = real();
    assert!(Network::new(&data, None).layouts.free.pos.is_empty());
    let wrong = Layouts {
        free: Placement {
            pos: vec![(0.0, 0.0)],
            ..Placement::default()
        },
        by_country: Placement::default(),
    };
    let network = Network::new(&data, Some(wrong));
    assert_eq!(network.layouts, Layouts::default());
    assert_eq!(network.graph, Graph::new(&data));
}

fn provenance() -> Provenance {
    Provenance {
        confidence: Confidence::Confirmed,
        sources: vec!["s".into()],
        note: None,
    }
}

fn organisation(id: &str, country: &str) -> Organisation {
    Organisation {
        id: id.into(),
        name: Text::new(id, id),
        acronym: None,
        kind: OrgKind::ResearchCentre,
        country: country.into(),
        city: Text::new("c", "c"),
        lat: 0.0,
        lon: 0.0,
        website: None,
        provenance: provenance(),
    }
}

fn relation(id: &str, from: &str, to: &str) -> Relation {
    Relation {
        id: id.into(),
        from: from.into(),
        kind: RelationKind::ParticipatesIn,
        to: to.into(),
        span: Span::default(),
        provenance: provenance(),
    }
}

/// Three French, two German and one Italian organisation; a project P (two French, one
/// German, the Italian), a programme G (one French, one German), and two direct relations.
fn tiny() -> Dataset {
    let project = Project {
        id: "p".into(),
        name: Text::new("P", "P"),
        acronym: None,
        kind: ProjectKind::JointAction,
        programmes: vec!["g".into()],
        summary: Text::new("s", "s"),
        funding: None,
        grant: None,
        coordinator: None,
        coordinator_person: None,
        span: Span::default(),
        partners: None,
        partner_countries: None,
        countries: Vec::new(),
        partners_note: None,
        budget: None,
        provenance: provenance(),
    };
    Dataset {
        organisations: vec![
            organisation("fr1", "FR"),
            organisation("fr2", "FR"),
            organisation("fr3", "FR"),
            organisation("de1", "DE"),
            organisation("de2", "DE"),
            organisation("it1", "IT"),
        ],
        programmes: vec![Programme {
            id: "g".into(),
            name: Text::new("G", "G"),
            summary: Text::new("s", "s"),
            hub: "fr1".into(),
            sections: Vec::new(),
            provenance: provenance(),
        }],
        projects: vec![project],
        relations: vec![
            relation("r1", "fr1", "p"),
            relation("r2", "fr2", "p"),
            // A second relation of fr2 to P: still one organisation of P.
            relation("r3", "fr2", "p"),
            relation("r4", "de1", "p"),
            relation("r5", "it1", "p"),
            relation("r6", "fr3", "g"),
            relation("r7", "de2", "g"),
            // Across a border, and within one.
            relation("r8", "fr3", "de1"),
            relation("r9", "fr1", "fr2"),
            // Ends that are not nodes: no link.
            relation("r10", "fr1", "an-event"),
        ],
        ..Dataset::default()
    }
}

#[test]
fn country_links_count_direct_relations_and_shared_projects_and_programmes() {
    let data = tiny();
    let graph = Graph::new(&data);
    assert_eq!(
        graph.links.len(),
        9 + 1,
        "nine relations between nodes, one PartOf"
    );
    // DE–FR: P gives fr1–de1, fr2–de1; G gives fr3–de2; r8 gives fr3–de1: 4.
    // FR–IT: P gives fr1–it1, fr2–it1: 2. DE–IT: P gives de1–it1: 1.
    assert_eq!(
        country_links(&data, &graph),
        vec![
            ("DE".to_owned(), "FR".to_owned(), 4),
            ("DE".to_owned(), "IT".to_owned(), 1),
            ("FR".to_owned(), "IT".to_owned(), 2),
        ]
    );
}

#[test]
fn the_tiny_dataset_is_laid_out_by_country_with_projects_in_the_middle() {
    let data = tiny();
    let graph = Graph::new(&data);
    let layouts = layout(&data, &graph);
    assert_no_overlap(&layouts.free, &graph, "free");
    assert_no_overlap(&layouts.by_country, &graph, "by country");
    assert_regions_hold_their_nodes(&data, &graph, &layouts.by_country);
    let middle = &layouts.by_country.regions[0];
    assert_eq!(middle.country, "");
    assert_eq!((middle.cx, middle.cy), (0.0, 0.0));
}

#[test]
fn labels_never_overlap_each_other_nor_a_node() {
    let mut rng = Lcg(2026);
    for round in 0..200 {
        let nodes: Vec<(f64, f64, f64)> = (0..1 + rng.below(120))
            .map(|_| {
                (
                    rng.unit() * 800.0,
                    rng.unit() * 500.0,
                    2.0 + rng.unit() * 14.0,
                )
            })
            .collect();
        let candidates: Vec<Candidate> = nodes
            .iter()
            .take(1 + rng.below(nodes.len() as u64) as usize)
            .map(|&(x, y, r)| Candidate {
                x,
                y,
                r,
                width: 20.0 + rng.unit() * 120.0,
                height: 12.0 + rng.unit() * 6.0,
            })
            .collect();
        let placed = place_labels(&candidates, &nodes);
        assert_eq!(placed.len(), candidates.len());
        let boxes: Vec<(f64, f64, f64, f64)> = placed
            .iter()
            .zip(&candidates)
            .filter_map(|(p, c)| p.as_ref().map(|p| label_box(p, c.width, c.height)))
            .collect();
        assert!(
            placed[0].is_some() || nodes.len() > 1,
            "round {round}: a lone label fits"
        );
        for (a, ba) in boxes.iter().enumerate() {
            for bb in &boxes[a + 1..] {
                let apart = ba.2 <= bb.0 || bb.2 <= ba.0 || ba.3 <= bb.1 || bb.3 <= ba.1;
                assert!(apart, "round {round}: {ba:?} and {bb:?} overlap");
            }
            for &(x, y, r) in &nodes {
                let dx = x - x.clamp(ba.0, ba.2);
                let dy = y - y.clamp(ba.1, ba.3);
                assert!(
                    dx * dx + dy * dy >= r * r,
                    "round {round}: {ba:?} covers the node at ({x}, {y}) r {r}"
                );
            }
        }
    }
}

#[test]
fn a_label_goes_right_of_its_node_when_there_is_room_and_left_when_not() {
    let c = Candidate {
        x: 100.0,
        y: 100.0,
        r: 10.0,
        width: 50.0,
        height: 12.0,
    };
    let free = place_labels(&[c], &[(100.0, 100.0, 10.0)]);
    assert_eq!(
        free,
        vec![Some(Placed {
            x: 114.0,
            y: 100.0,
            anchor: Anchor::Start
        })]
    );
    let blocked = place_labels(&[c], &[(100.0, 100.0, 10.0), (140.0, 100.0, 8.0)]);
    assert_eq!(blocked[0].map(|p| p.anchor), Some(Anchor::End));
    // Non-finite input is never placed, never a panic.
    let bad = Candidate { x: f64::NAN, ..c };
    assert_eq!(place_labels(&[bad, c], &[]), vec![None, free[0]]);
}
