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
//!
//! With the mexican hat the weights `h` can be negative, and then the "mean" is an
//! extrapolation: a small positive `Σ_j h` can put a node arbitrarily far out (even beyond the
//! `f32` range). So with the mexican hat each new weight is clamped into the data's bounding
//! box, per coordinate, as the online pushes are (see `fast.rs`); the other kernels' means lie
//! in the box already.

use super::{fast, Kernel, Som};

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
        let (mut lo, mut hi) = (vec![f64::INFINITY; dim], vec![f64::NEG_INFINITY; dim]);
        for x in data.chunks_exact(dim) {
            for ((l, h), &v) in lo.iter_mut().zip(hi.iter_mut()).zip(x) {
                let v = v as f64;
                *l = if v < *l { v } else { *l };
                *h = if v > *h { v } else { *h };
            }
            let c = fast::bmu(self.weights.planes(), n, x, self.scratch.avx);
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
        let clamp = kernel == Kernel::MexicanHat;
        let mut weights = self.weights().to_vec();
        for (i, w) in weights.chunks_exact_mut(dim).enumerate() {
            if den[i] > 0.0 {
                let new = &num[i * dim..(i + 1) * dim];
                if new.iter().all(|v| (v / den[i]).is_finite()) {
                    for (k, (wk, &v)) in w.iter_mut().zip(new).enumerate() {
                        let mean = v / den[i];
                        let (l, h) = (lo[k], hi[k]);
                        *wk = if clamp && mean < l {
                            l
                        } else if clamp && mean > h {
                            h
                        } else {
                            mean
                        } as f32;
                    }
                }
            }
        }
        self.weights.set_row_major(weights);
        self.t = self.t.saturating_add(n_rows as u64);
    }
}
