//! The arrangement by country (placeholder: the free one's grid, for now).

use super::{Graph, Placement};
use crate::model::Dataset;

/// Every node's position grouped by country, with the countries' discs.
pub fn arrange(_data: &Dataset, graph: &Graph, radii: &[f32]) -> Placement {
    super::force::arrange(graph, radii)
}
