//! The batch SOM: one epoch moves every node at once to a weighted mean of the data.
//!
//! With `c_j` the BMU of row `x_j` (found with the weights before the epoch) and `σ = σ(t)`:
//!
//! ```text
//! w_i ← Σ_j h(d(c_j, i); σ) · x_j  /  Σ_j h(d(c_j, i); σ)
//! ```
//!
//! There is no learning rate. With a neighbourhood that covers only the BMU (e.g. bubble with
//! `σ < 1`) this is exactly one k-means (Lloyd) iteration: each node becomes the mean of the
//! rows it wins. Nodes whose total pull `Σ_j h` is not positive keep their weights (no row
//! reaches them; with the mexican hat, whose `h` can be negative, also when the pushes win).
//! Sums are grouped by BMU (rows with the same BMU contribute `h · Σ x_j`) and accumulated in
//! `f64`.

use super::{fast, Som};

impl Som {
    /// One batch epoch over `data` (row-major, `dim` columns) with `σ` at the current `t` (see
    /// the module docs), then `t += number of rows`. Does nothing when `data` holds no whole
    /// row. Precondition: finite data.
    pub fn batch_epoch(&mut self, data: &[f32]) {
        let dim = self.config.dim;
        let n_rows = data.len() / dim;
        if n_rows == 0 {
            return;
        }
        let n = self.len();
        let sigma = self.sigma();
        let kernel = self.config.neighborhood;
        let mut counts = vec![0u64; n];
        let mut sums = vec![0.0f64; n * dim];
        for x in data.chunks_exact(dim) {
            let c = fast::bmu(&self.weights, x, dim, self.scratch.avx);
            counts[c] += 1;
            for (s, &v) in sums[c * dim..(c + 1) * dim].iter_mut().zip(x) {
                *s += v as f64;
            }
        }
        let mut num = vec![0.0f64; n * dim];
        let mut den = vec![0.0f64; n];
        let mut h = vec![0.0f32; n];
        let mut tables = fast::Tables::default();
        for c in (0..n).filter(|&c| counts[c] > 0) {
            tables.neighborhood_into(&self.grid, kernel, c, sigma, &mut h);
            let sum_c = &sums[c * dim..(c + 1) * dim];
            for (i, &hi) in h.iter().enumerate() {
                if hi != 0.0 {
                    let hi = hi as f64;
                    den[i] += hi * counts[c] as f64;
                    for (a, &s) in num[i * dim..(i + 1) * dim].iter_mut().zip(sum_c) {
                        *a += hi * s;
                    }
                }
            }
        }
        for (i, w) in self.weights.chunks_exact_mut(dim).enumerate() {
            if den[i] > 0.0 {
                let new = &num[i * dim..(i + 1) * dim];
                if new.iter().all(|v| (v / den[i]).is_finite()) {
                    for (wk, &v) in w.iter_mut().zip(new) {
                        *wk = (v / den[i]) as f32;
                    }
                }
            }
        }
        self.t = self.t.saturating_add(n_rows as u64);
    }
}
