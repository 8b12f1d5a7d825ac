//! The network layout's benchmark (native): the time `graph::layout` takes for the real
//! dataset and for the synthetic ones (`cancer_atlas::testing::synthetic`), and the size
//! of its binary form. Not a timed test: it is ignored by `cargo test` and run with
//! `cargo test --release --test bench_layout -- --ignored --nocapture` (native release is
//! roughly 1.5–2× faster than the wasm the dataset worker runs; `tests/bench_map.rs`
//! measures that in Chromium). It also writes both arrangements as SVG pictures to
//! `target/network-<case>-{free,by-country}.svg`, to look at.

use cancer_atlas::graph::{self, Graph, NodeKind, Placement};
use cancer_atlas::model::Dataset;
use cancer_atlas::testing::synthetic;
use std::time::Instant;

fn dataset_with(extra: usize) -> Dataset {
    if extra == 0 {
        return cancer_atlas::data::embedded().expect("the embedded dataset validates");
    }
    let text = synthetic::document(&cancer_atlas::data::EMBEDDED.sections(), extra);
    cancer_atlas::data::load_document("synthetic", &text).expect("a valid synthetic dataset")
}

/// The arrangement as an SVG picture: links as lines, nodes as discs coloured by kind,
/// regions as rings with their country's code.
fn picture(graph: &Graph, p: &Placement) -> String {
    let (x0, y0, x1, y1) = p.bounds;
    let mut svg = format!(
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='{} {} {} {}' style='background:#fff'>",
        x0 - 10.0,
        y0 - 10.0,
        x1 - x0 + 20.0,
        y1 - y0 + 20.0
    );
    for g in &p.regions {
        svg += &format!(
            "<circle cx='{}' cy='{}' r='{}' fill='#f4f4f8' stroke='#99a'/><text x='{}' y='{}' font-size='12' text-anchor='middle' fill='#556'>{}</text>",
            g.cx, g.cy, g.r, g.cx, g.cy - g.r + 12.0, g.country
        );
    }
    for l in &graph.links {
        let (a, b) = (p.pos[l.a as usize], p.pos[l.b as usize]);
        svg += &format!(
            "<line x1='{}' y1='{}' x2='{}' y2='{}' stroke='#888' stroke-opacity='0.35' stroke-width='0.6'/>",
            a.0, a.1, b.0, b.1
        );
    }
    for (n, &(x, y)) in graph.nodes.iter().zip(&p.pos) {
        let fill = match n.kind {
            NodeKind::Organisation(_) => "#2a7fbf",
            NodeKind::Programme => "#c0392b",
            NodeKind::Project(_) => "#e67e22",
        };
        svg += &format!(
            "<circle cx='{x}' cy='{y}' r='{}' fill='{fill}' fill-opacity='0.85'/>",
            graph::radius(n)
        );
    }
    svg + "</svg>"
}

/// Time this thread has spent on a CPU, in ms (Linux: `/proc/thread-self/schedstat`), so
/// that a busy machine does not inflate the numbers; 0 where it cannot be read.
fn cpu_ms() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e6)
}

fn bench(case: &str, extra: usize) {
    let data = dataset_with(extra);
    let graph = Graph::new(&data);
    let mut times = Vec::new();
    let mut layouts = graph::Layouts::default();
    for _ in 0..if extra > 1000 { 1 } else { 3 } {
        let (started, cpu) = (Instant::now(), cpu_ms());
        layouts = graph::layout(&data, &graph);
        times.push((cpu_ms() - cpu, started.elapsed().as_secs_f64() * 1000.0));
    }
    times.sort_by(|a, b| a.0.total_cmp(&b.0));
    let bytes = graph::encode(&layouts);
    println!(
        "BENCH network-layout {case} organisations={} nodes={} links={} layout_cpu_ms={:.0} layout_wall_ms={:.0} binary_bytes={}",
        data.organisations.len(),
        graph.nodes.len(),
        graph.links.len(),
        times[0].0,
        times[0].1,
        bytes.len()
    );
    let target = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    for (name, p) in [("free", &layouts.free), ("by-country", &layouts.by_country)] {
        let _ = std::fs::write(
            target.join(format!("network-{case}-{name}.svg")),
            picture(&graph, p),
        );
    }
}

#[test]
#[ignore = "a benchmark: cargo test --release --test bench_layout -- --ignored --nocapture"]
fn layout_of_the_real_dataset() {
    bench("real", 0);
}

#[test]
#[ignore = "a benchmark: cargo test --release --test bench_layout -- --ignored --nocapture"]
fn layout_with_1000_organisations() {
    bench("synthetic-1k", 1_000);
}

#[test]
#[ignore = "a benchmark: cargo test --release --test bench_layout -- --ignored --nocapture"]
fn layout_with_10000_organisations() {
    bench("synthetic-10k", 10_000);
}
