//! The tug of war: how hard each of several rows pulls on every node.
//!
//! For rows `r_1 … r_K` with BMUs `c_1 … c_K`, the pull of row `k` on node `i` is
//! `p_ki = α · h(d(c_k, i); σ)`, the fraction of the way node `i` would move towards row `k` if
//! row `k` were the one presented. The front end colours each node by mixing the rows' colours in
//! proportion to their pulls and shows the total as intensity.

use super::{fast, Som};

impl Som {
    /// `K × N` pulls, row-major: `out[k·N + i] = learning_rate · h(d(bmus[k], i); sigma)`, with
    /// `h` bit for bit as in [`Som::neighborhood`]. Preconditions: every BMU `< len()`, `sigma`
    /// finite and positive.
    pub fn pulls(&self, bmus: &[usize], learning_rate: f32, sigma: f32) -> Vec<f32> {
        let n = self.len();
        let mut out = vec![0.0f32; bmus.len() * n];
        let mut tables = fast::Tables::default();
        for (&c, row) in bmus.iter().zip(out.chunks_exact_mut(n)) {
            tables.neighborhood_into(&self.grid, self.config.neighborhood, c, sigma, row);
            row.iter_mut().for_each(|p| *p *= learning_rate);
        }
        out
    }
}
