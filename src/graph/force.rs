//! The free arrangement: a force-directed layout (placeholder: a grid, for now).

use super::{Graph, Placement};

/// Every node's position in the free arrangement.
pub fn arrange(graph: &Graph, radii: &[f32]) -> Placement {
    let side = (graph.nodes.len() as f32).sqrt().ceil().max(1.0) as usize;
    let step = 2.0 * radii.iter().copied().fold(0.0, f32::max) + super::GAP + 1.0;
    let pos = (0..graph.nodes.len())
        .map(|i| ((i % side) as f32 * step, (i / side) as f32 * step))
        .collect();
    Placement {
        pos,
        regions: Vec::new(),
        bounds: (0.0, 0.0, 0.0, 0.0),
    }
}
