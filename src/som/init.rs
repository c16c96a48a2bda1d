//! Initialisation: where the nodes start.
//!
//! * `random`: every weight uniform in `[0.01, 0.1)`: a tight clump near the origin, so the
//!   lesson can watch the map unfold. Needs no data.
//! * `samples`: every node copies a row of the data chosen uniformly at random (with
//!   replacement), MiniSom's `random_weights_init`.
//! * `pca`: a linear init. With mean `μ`, first and second principal directions `v1`, `v2`
//!   (unit vectors) and their standard deviations `s1`, `s2` (population covariance), node
//!   `(row, col)` gets `w = μ + a·s1·v1 + b·s2·v2`, where `a` runs linearly from −1 to 1 along
//!   the longer side of the grid and `b` along the shorter (0 on a side of length 1). The map
//!   starts flat, spanning mean ± 1 sd of the data's main plane. (MiniSom's `pca_weights_init`
//!   omits the mean and scales by the eigenvalue; here the sheet is centred on the data.)
//!   The directions come from power iteration with deflation in `f64` on the centred data, at
//!   most 200 iterations each, from a fixed start vector; each is signed so its largest
//!   component is positive.

use super::{below, error, uniform, Som, SomError};
use rand_core::SeedableRng;
use rand_pcg::Pcg32;

name_enum! {
    /// How to initialise the weights. JavaScript names: `"random"`, `"samples"`, `"pca"`.
    Init, "init", {
        /// Uniform in `[0.01, 0.1)`, ignoring the data.
        Random => "random",
        /// Each node a random row of the data.
        Samples => "samples",
        /// A flat sheet spanned by the two main principal components (mean ± 1 sd).
        Pca => "pca",
    }
}

/// `n` weights uniform in `[0.01, 0.1)`: `0.01 + 0.09·u`, `u` from [`uniform`].
pub(crate) fn random_weights(rng: &mut Pcg32, n: usize) -> Vec<f32> {
    (0..n).map(|_| 0.01 + 0.09 * uniform(rng)).collect()
}

impl Som {
    /// Re-initialises the weights by `init` from `data` (row-major, `dim` columns) and resets
    /// `t` to 0 (the row order's position is kept). `random` ignores `data`; `samples` needs at
    /// least 1 row, `pca` at least 2 ([`SomError::NotEnoughData`]). Refuses data that is not a
    /// whole number of rows ([`SomError::WrongLength`], what `"data"`) or holds NaN or
    /// infinities ([`SomError::NonFinite`]). Random and samples draw from the map's PRNG.
    pub fn initialize(&mut self, init: Init, data: &[f32]) -> Result<(), SomError> {
        let dim = self.config.dim;
        match init {
            Init::Random => {
                let n = self.len() * dim;
                let w = random_weights(&mut self.rng, n);
                self.weights.set_row_major(w);
            }
            Init::Samples => {
                let n = error::check_data(data, dim)?;
                if n == 0 {
                    return Err(SomError::NotEnoughData { what: "samples init", needed: 1, got: 0 });
                }
                let mut w = vec![0.0; self.len() * dim];
                for node in w.chunks_exact_mut(dim) {
                    let r = below(&mut self.rng, n);
                    node.copy_from_slice(&data[r * dim..(r + 1) * dim]);
                }
                self.weights.set_row_major(w);
            }
            Init::Pca => {
                let n = error::check_data(data, dim)?;
                if n < 2 {
                    return Err(SomError::NotEnoughData { what: "pca init", needed: 2, got: n });
                }
                self.pca_init(data, n);
            }
        }
        self.t = 0;
        Ok(())
    }

    fn pca_init(&mut self, data: &[f32], n: usize) {
        let dim = self.config.dim;
        let mut mean = vec![0.0f64; dim];
        for row in data.chunks_exact(dim) {
            for (m, &v) in mean.iter_mut().zip(row) {
                *m += v as f64;
            }
        }
        mean.iter_mut().for_each(|m| *m /= n as f64);
        let mut comps: Vec<Vec<f64>> = Vec::new();
        let mut sds = [0.0f64; 2];
        for (m, sd) in sds.iter_mut().enumerate() {
            let (v, var) = principal(data, &mean, &comps, 0x5eed + m as u64);
            *sd = libm::sqrt(var.max(0.0));
            comps.push(v);
        }
        let (rows, cols) = (self.config.rows, self.config.cols);
        let lin =
            |i: usize, len: usize| if len <= 1 { 0.0 } else { -1.0 + 2.0 * i as f64 / (len - 1) as f64 };
        let mut weights = vec![0.0; self.len() * dim];
        for (i, w) in weights.chunks_exact_mut(dim).enumerate() {
            let (r, c) = (i / cols, i % cols);
            let (a, b) =
                if cols >= rows { (lin(c, cols), lin(r, rows)) } else { (lin(r, rows), lin(c, cols)) };
            for k in 0..dim {
                w[k] = (mean[k] + a * sds[0] * comps[0][k] + b * sds[1] * comps[1][k]) as f32;
            }
        }
        self.weights.set_row_major(weights);
    }
}

/// Removes from `v` its components along the (unit) vectors in `basis`.
fn deflate(v: &mut [f64], basis: &[Vec<f64>]) {
    for b in basis {
        let dot: f64 = v.iter().zip(b).map(|(x, y)| x * y).sum();
        v.iter_mut().zip(b).for_each(|(x, y)| *x -= dot * y);
    }
}

/// Normalises `v`; returns false (and leaves zeros) when it has no length.
fn normalize(v: &mut [f64]) -> bool {
    let norm = libm::sqrt(v.iter().map(|x| x * x).sum::<f64>());
    if norm > 1e-300 && norm.is_finite() {
        v.iter_mut().for_each(|x| *x /= norm);
        true
    } else {
        v.iter_mut().for_each(|x| *x = 0.0);
        false
    }
}

/// The leading eigenvector of the data's covariance orthogonal to `basis`, and its variance.
fn principal(data: &[f32], mean: &[f64], basis: &[Vec<f64>], seed: u64) -> (Vec<f64>, f64) {
    let dim = mean.len();
    let n = (data.len() / dim) as f64;
    let mut rng = Pcg32::seed_from_u64(seed);
    let mut v: Vec<f64> = (0..dim).map(|_| uniform(&mut rng) as f64 - 0.5).collect();
    deflate(&mut v, basis);
    if !normalize(&mut v) {
        return (v, 0.0);
    }
    // u = C v = (1/n) Σ_j ((x_j − μ)·v) (x_j − μ)
    let cov_times = |v: &[f64], u: &mut [f64]| {
        u.iter_mut().for_each(|x| *x = 0.0);
        for row in data.chunks_exact(dim) {
            let proj: f64 = row.iter().zip(mean).zip(v).map(|((&x, m), vk)| (x as f64 - m) * vk).sum();
            u.iter_mut().zip(row).zip(mean).for_each(|((uk, &x), m)| *uk += proj * (x as f64 - m));
        }
        u.iter_mut().for_each(|x| *x /= n);
    };
    let mut u = vec![0.0; dim];
    for _ in 0..200 {
        cov_times(&v, &mut u);
        deflate(&mut u, basis);
        if !normalize(&mut u) {
            return (u, 0.0);
        }
        let change: f64 = u.iter().zip(&v).map(|(a, b)| (a - b) * (a - b)).sum();
        std::mem::swap(&mut u, &mut v);
        if change < 1e-20 {
            break;
        }
    }
    cov_times(&v, &mut u);
    let var: f64 = v.iter().zip(&u).map(|(a, b)| a * b).sum();
    let big = v.iter().fold(0.0f64, |m, &x| if x.abs() > m.abs() { x } else { m });
    if big < 0.0 {
        v.iter_mut().for_each(|x| *x = -*x);
    }
    (v, var)
}
