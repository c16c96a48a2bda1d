//! How good is the map? Quantization error, topographic error, U-matrix, hits.
//!
//! * **Quantization error** `QE = (1/n) Σ_j ‖x_j − w_{c_j}‖`: the mean distance from each row
//!   to its BMU. How well the nodes cover the data (lower is better; 0 only when every row sits
//!   on a node).
//! * **Topographic error** `TE = (1/n) Σ_j [c_j and c'_j are not grid neighbours]`, with `c'_j`
//!   the second-best node: the share of rows whose two nearest nodes are not adjacent on the grid
//!   (rectangular: 4-neighbourhood; hexagonal: 6; wrapped when toroidal). How well the map keeps
//!   neighbourhoods (0 is perfect; 0 for a 1-node map).
//! * **U-matrix** `U_i = mean over grid neighbours j of ‖w_i − w_j‖`: high values mark borders
//!   between clusters (0 for a node without neighbours).
//! * **Hits**: how many rows each node wins.
//!
//! All take `data` row-major with `dim` columns; an empty `data` gives 0 errors, all-zero hits.
//! Sums are accumulated in `f64`.

use super::{fast, Som, SomError};

impl Som {
    /// Mean distance `‖x_j − w_{c_j}‖` of each row to its BMU; 0 for no rows.
    pub fn quantization_error(&self, data: &[f32]) -> f32 {
        let dim = self.config.dim;
        let n = data.len() / dim;
        if n == 0 {
            return 0.0;
        }
        let total: f64 = data
            .chunks_exact(dim)
            .zip(self.bmus(data))
            .map(|(x, c)| libm::sqrtf(fast::d2(self.node_weights(c as usize), x)) as f64)
            .sum();
        (total / n as f64) as f32
    }

    /// Share of rows whose first and second BMU are not grid neighbours; 0 for no rows or a
    /// 1-node map.
    pub fn topographic_error(&self, data: &[f32]) -> f32 {
        let dim = self.config.dim;
        let n = data.len() / dim;
        if n == 0 || self.len() < 2 {
            return 0.0;
        }
        let bad = data
            .chunks_exact(dim)
            .filter(|x| {
                let (a, b) = self.bmu_and_second(x);
                !self.grid.are_neighbors(a, b)
            })
            .count();
        (bad as f64 / n as f64) as f32
    }

    /// Per node, the mean weight-space distance to its grid neighbours (hexagonal aware,
    /// wrapped when toroidal); 0 for a node without neighbours.
    pub fn u_matrix(&self) -> Vec<f32> {
        (0..self.len())
            .map(|i| {
                let (nb, k) = self.grid.neighbor_array(i);
                if k == 0 {
                    return 0.0;
                }
                let w = self.node_weights(i);
                let sum: f64 =
                    nb[..k].iter().map(|&j| libm::sqrtf(fast::d2(self.node_weights(j), w)) as f64).sum();
                (sum / k as f64) as f32
            })
            .collect()
    }

    /// The BMU of every row.
    pub fn bmus(&self, data: &[f32]) -> Vec<u32> {
        let dim = self.config.dim;
        let mut out = Vec::with_capacity(data.len() / dim.max(1));
        fast::bmus_into(self.weights.planes(), self.len(), data, self.scratch.avx, &mut out);
        out
    }

    /// How many rows each node wins (length `len()`, summing to the number of rows).
    pub fn hits(&self, data: &[f32]) -> Vec<u32> {
        let mut hits = vec![0u32; self.len()];
        for b in self.bmus(data) {
            hits[b as usize] += 1;
        }
        hits
    }

    /// The majority label of the rows each node wins: for node i, the class `c` that most of
    /// the rows with BMU i carry (`labels[j]` is row j's class index; the lowest index wins a
    /// tie), or -1 for a node that wins no row. `labels` must have one entry per row.
    pub fn majority_labels(&self, data: &[f32], labels: &[u32]) -> Vec<i32> {
        // Sorting the (node, label) pairs puts each node's rows together, labels ascending, so
        // one pass counts them without a nodes × classes table (classes may be many). Two
        // stable counting sorts (by label, then by node) give that order in O(rows + nodes +
        // classes), without a generic sort in the wasm.
        let bmus = self.bmus(data);
        let classes = labels.iter().max().map_or(0, |&m| m as usize + 1);
        let rows: Vec<u32> = (0..bmus.len().min(labels.len()) as u32).collect();
        let rows = stable_by(&rows, |j| labels[j as usize] as usize, classes);
        let rows = stable_by(&rows, |j| bmus[j as usize] as usize, self.len());
        let pairs: Vec<(u32, u32)> = rows.iter().map(|&j| (bmus[j as usize], labels[j as usize])).collect();
        let mut majority = vec![-1i32; self.len()];
        let mut count = vec![0usize; self.len()];
        for run in pairs.chunk_by(|a, b| a == b) {
            let (node, label) = (run[0].0 as usize, run[0].1);
            if run.len() > count[node] {
                count[node] = run.len();
                majority[node] = label as i32;
            }
        }
        majority
    }
}

/// `order` stably sorted by `key` (each key below `buckets`): a counting sort.
fn stable_by(order: &[u32], key: impl Fn(u32) -> usize, buckets: usize) -> Vec<u32> {
    let mut start = vec![0usize; buckets + 1];
    for &j in order {
        start[key(j) + 1] += 1;
    }
    for b in 0..buckets {
        start[b + 1] += start[b];
    }
    let mut out = vec![0u32; order.len()];
    for &j in order {
        let k = key(j);
        out[start[k]] = j;
        start[k] += 1;
    }
    out
}

name_enum! {
    /// What a pitfall pair's sentence is about (`pitfalls.rs`); on every pair a higher value is
    /// worse. JavaScript names as below (the facade's `som.pitfallMetric(id)` measures any).
    Metric, "metric", {
        /// Mean distance of each row to its BMU ([`Som::quantization_error`]).
        QuantizationError => "quantizationError",
        /// Share of rows whose two nearest nodes are not grid neighbours ([`Som::topographic_error`]).
        TopographicError => "topographicError",
        /// Mean of the U-matrix: how far apart neighbouring nodes are ([`Som::u_matrix`]).
        MeanUMatrix => "meanUMatrix",
        /// Share of nodes that win no row ([`Som::hits`] = 0).
        EmptyNodes => "emptyNodes",
    }
}

impl Metric {
    /// The metric of `som` on `data` (row-major, the map's `dim` columns).
    pub fn of(self, som: &Som, data: &[f32]) -> f32 {
        match self {
            Metric::QuantizationError => som.quantization_error(data),
            Metric::TopographicError => som.topographic_error(data),
            Metric::MeanUMatrix => {
                let u = som.u_matrix();
                (u.iter().map(|&v| v as f64).sum::<f64>() / u.len() as f64) as f32
            }
            Metric::EmptyNodes => {
                let hits = som.hits(data);
                hits.iter().filter(|&&h| h == 0).count() as f32 / hits.len() as f32
            }
        }
    }
}
