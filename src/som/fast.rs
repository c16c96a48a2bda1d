//! The hot path: BMU search and the update, with buffers allocated once per map.
//!
//! * The BMU search (in `search.rs`, re-exported here) compares squared distances (no `sqrt`),
//!   with the loop specialised for small `dim` so the compiler unrolls it. Every variant sums
//!   `(x_k − w_k)²` in the same order ([`d2`]), so `distances` and the metrics agree to the bit.
//! * The neighbourhood comes from per-row and per-column tables. The squared grid distance
//!   splits as `d² = dy²(row) + dx²(col)` (hexagonal: `dx²` depends also on whether the row's
//!   parity matches the BMU row's, so there are two column tables). The gaussian factorises,
//!   `exp(−d²/2σ²) = exp(−dy²/2σ²) · exp(−dx²/2σ²)`, so a step needs at most `rows + 2·cols`
//!   exponentials instead of `rows·cols` (about half that: rows and columns mirrored about the
//!   BMU share one); the mexican hat reuses the same product times `(1 − d²/σ²)`; bubble and
//!   triangle need only a `sqrt` per node.
//! * Gaussian update: per grid row `r`, the row factor `a = ry[r]` is constant and the column
//!   factors are expanded to one per weight, so `w[j] += lr·(a·cx[j])·(x[j] − w[j])` runs over
//!   a contiguous `cols·dim` slice and vectorises. Rows with `a = 0` (far beyond σ) are skipped.
//! * A node whose `lr·h` is exactly 1 is set to `x` exactly (`w + 1·(x − w)` can be an ulp
//!   off in floating point), so `lr = 1` puts the BMU on the row.
//! * Bounded moves. `lr` is clamped to `[0, 1]` (NaN counts as 0), so with `h ≤ 1` a pull
//!   `lr·h ∈ (0, 1]` moves a node along the segment towards `x` and never past it. The mexican
//!   hat's pushes (`lr·h < 0`, down to about −0.45) are the only moves away from the row, and
//!   unbounded they diverge: a node pushed again and again grows its distance by up to 45 % per
//!   step (weights reached 1e38 within a few thousand steps at α = 1, σ = 2). So a pushed weight
//!   is clamped, coordinate by coordinate, into the bounding box of all weights before the
//!   update and `x`: `w_k ← clamp(w_k + lr·h·(x_k − w_k), lo_k, hi_k)`. A push still moves a
//!   node away from the row (at most 0.45 of its distance, and never out of the box), but the
//!   box can only shrink or grow towards the rows presented, so the weights stay within the
//!   bounding box of the initial weights and the data, finite whatever the settings. The
//!   clamp acts per coordinate (a node at the edge of the box slides along it) because that
//!   is cheap, keeps every other coordinate's push exact, and is easy to state; the box is
//!   recomputed each step (one pass over the weights, for the mexican hat only) so that it
//!   follows the map as it contracts.
//!
//! The reference implementation in `tests/som_reference.rs` checks all of this against
//! straightforward loops.

pub(crate) use super::search::{bmu, bmus_into, d2, has_avx};
use super::{Grid, Kernel, Topology};

/// Per-row and per-column parts of the neighbourhood of one BMU (see the module docs).
#[derive(Clone, Debug, Default)]
pub(crate) struct Tables {
    /// `dy²` per grid row.
    dy2: Vec<f32>,
    /// `exp(−dy²/2σ²)` per grid row (gaussian and mexican hat only).
    ry: Vec<f32>,
    /// `dx²` per column: `[0]` rows with the BMU row's parity, `[1]` the others (hexagonal).
    dx2: [Vec<f32>; 2],
    /// `exp(−dx²/2σ²)` per column, same split.
    cx: [Vec<f32>; 2],
    /// The BMU's grid row.
    br: usize,
    hex: bool,
}

impl Tables {
    fn with_capacity(rows: usize, cols: usize) -> Tables {
        let c = || Vec::with_capacity(cols);
        Tables {
            dy2: Vec::with_capacity(rows),
            ry: Vec::with_capacity(rows),
            dx2: [c(), c()],
            cx: [c(), c()],
            br: 0,
            hex: false,
        }
    }

    /// Fills the tables for `bmu` and `sigma`; allocates only if the grid grew.
    pub(crate) fn fill(&mut self, grid: &Grid, kernel: Kernel, bmu: usize, sigma: f32) {
        let cols = grid.cols().max(1);
        let (br, bc) = (bmu / cols, bmu % cols);
        self.br = br;
        self.hex = grid.topology() == Topology::Hexagonal;
        let expo = matches!(kernel, Kernel::Gaussian | Kernel::MexicanHat);
        // σ not above 0 (0, NaN) counts as 0: `−v/0 = −∞`, so every factor but the BMU's is 0.
        let sigma = if sigma > 0.0 { sigma } else { 0.0 };
        let two_s2 = 2.0 * sigma * sigma;
        let g = |v: f32| if v == 0.0 { 1.0 } else { libm::expf(-v / two_s2) };
        self.dy2.clear();
        self.ry.clear();
        // Rows (columns) mirrored about the BMU have the same offset, hence the same d² part
        // and the same factor: each exponential is computed once and copied to the mirror.
        for r in 0..grid.rows() {
            let v = grid.dy2(r, br);
            self.dy2.push(v);
            if expo {
                let m = (2 * br).wrapping_sub(r);
                self.ry.push(if m < r { self.ry[m] } else { g(v) });
            }
        }
        for p in 0..if self.hex { 2 } else { 1 } {
            self.dx2[p].clear();
            self.cx[p].clear();
            // the mirror of column c is 2·bc − c; on rows of the other parity the centres are
            // shifted by ±½, which moves the mirror by ∓1
            let centre2 = match (p, br & 1) {
                (0, _) => 2 * bc,
                (_, 0) => (2 * bc).wrapping_sub(1),
                _ => 2 * bc + 1,
            };
            for c in 0..grid.cols() {
                let v = grid.dx2(br ^ p, c, br, bc);
                self.dx2[p].push(v);
                if expo {
                    let m = centre2.wrapping_sub(c);
                    self.cx[p].push(if m < c { self.cx[p][m] } else { g(v) });
                }
            }
        }
    }

    /// Which column table serves grid row `r`.
    #[inline(always)]
    fn parity(&self, r: usize) -> usize {
        if self.hex {
            (r ^ self.br) & 1
        } else {
            0
        }
    }

    /// `h` for the node in grid row `r`, column `c`, after [`Tables::fill`].
    #[inline(always)]
    fn h(&self, kernel: Kernel, sigma: f32, r: usize, c: usize) -> f32 {
        let p = self.parity(r);
        match kernel {
            Kernel::Gaussian => self.ry[r] * self.cx[p][c],
            Kernel::MexicanHat => {
                let d2 = self.dy2[r] + self.dx2[p][c];
                if d2 == 0.0 {
                    1.0
                } else {
                    super::kernel::mexican_hat(d2, sigma * sigma, self.ry[r] * self.cx[p][c])
                }
            }
            Kernel::Bubble | Kernel::Triangle => kernel.h(libm::sqrtf(self.dy2[r] + self.dx2[p][c]), sigma),
        }
    }

    /// Writes `h(d(bmu, i); sigma)` for every node into `out` (length `rows·cols`).
    pub(crate) fn neighborhood_into(
        &mut self,
        grid: &Grid,
        kernel: Kernel,
        bmu: usize,
        sigma: f32,
        out: &mut [f32],
    ) {
        self.fill(grid, kernel, bmu, sigma);
        for (r, row) in out.chunks_exact_mut(grid.cols().max(1)).take(grid.rows()).enumerate() {
            for (c, o) in row.iter_mut().enumerate() {
                *o = self.h(kernel, sigma, r, c);
            }
        }
    }
}

/// Buffers reused by every step: the tables, the expanded column factors and the tiled row.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scratch {
    tables: Tables,
    /// Column factors repeated `dim` times: `cxe[p][c·dim + k] = cx[p][c]`.
    cxe: [Vec<f32>; 2],
    /// `x` repeated `cols` times.
    xt: Vec<f32>,
    /// The bounding box of the weights and `x` (mexican hat only): per coordinate min and max.
    lo: Vec<f32>,
    hi: Vec<f32>,
    /// Whether the AVX copies of the loops run: only if the CPU has AVX.
    pub(crate) avx: bool,
}

impl Scratch {
    pub(crate) fn new(rows: usize, cols: usize, dim: usize) -> Scratch {
        let n = cols * dim;
        Scratch {
            tables: Tables::with_capacity(rows, cols),
            cxe: [Vec::with_capacity(n), Vec::with_capacity(n)],
            xt: Vec::with_capacity(n),
            lo: Vec::with_capacity(dim),
            hi: Vec::with_capacity(dim),
            avx: has_avx(),
        }
    }
}

/// `w_i += lr · h_i · (x − w_i)` for every node, with `lr` clamped to `[0, 1]` and mexican-hat
/// pushes clamped into the bounding box of the weights and `x` (see the module docs). No-op if
/// `x.len() < dim`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn update(
    s: &mut Scratch,
    grid: &Grid,
    kernel: Kernel,
    weights: &mut [f32],
    x: &[f32],
    bmu: usize,
    lr: f32,
    sigma: f32,
) {
    let cols = grid.cols();
    let dim = if grid.is_empty() { 0 } else { weights.len() / grid.len() };
    if dim == 0 || x.len() < dim {
        return;
    }
    let x = &x[..dim];
    let lr = if lr > 0.0 { lr.min(1.0) } else { 0.0 };
    s.tables.fill(grid, kernel, bmu, sigma);
    let t = &s.tables;
    let rl = cols * dim;
    if kernel == Kernel::Gaussian {
        for p in 0..if t.hex { 2 } else { 1 } {
            s.cxe[p].resize(rl, 0.0);
            for (e, &c) in s.cxe[p].chunks_exact_mut(dim).zip(&t.cx[p]) {
                e.fill(c);
            }
        }
        if s.xt.len() != rl || s.xt[..dim] != *x {
            s.xt.resize(rl, 0.0);
            for e in s.xt.chunks_exact_mut(dim) {
                e.copy_from_slice(x);
            }
        }
        for (r, wrow) in weights.chunks_exact_mut(rl).enumerate() {
            let a = t.ry[r];
            if a == 0.0 {
                continue;
            }
            #[cfg(target_arch = "x86_64")]
            if s.avx {
                // SAFETY: `s.avx` is true only when the CPU supports AVX.
                unsafe { gaussian_row_avx(wrow, &s.cxe[t.parity(r)], &s.xt, lr, a) };
                continue_fix(wrow, t, r, dim, x, lr, a);
                continue;
            }
            gaussian_row(wrow, &s.cxe[t.parity(r)], &s.xt, lr, a);
            continue_fix(wrow, t, r, dim, x, lr, a);
        }
    } else {
        if kernel == Kernel::MexicanHat {
            bounding_box(weights, x, &mut s.lo, &mut s.hi);
        }
        let (lo, hi) = (&s.lo, &s.hi);
        for (r, wrow) in weights.chunks_exact_mut(rl).enumerate() {
            for (c, w) in wrow.chunks_exact_mut(dim).enumerate() {
                let coef = lr * t.h(kernel, sigma, r, c);
                if coef == 1.0 {
                    w.copy_from_slice(x);
                } else if coef > 0.0 {
                    for (w, &xv) in w.iter_mut().zip(x) {
                        *w += coef * (xv - *w);
                    }
                } else if coef < 0.0 {
                    // a push (mexican hat only): kept inside the box
                    for (((w, &xv), &l), &h) in w.iter_mut().zip(x).zip(lo).zip(hi) {
                        // plain comparisons: the same bits on every platform (f32::max may
                        // pick either zero), and no panic (f32::clamp panics on NaN)
                        let v = *w + coef * (xv - *w);
                        *w = if v < l {
                            l
                        } else if v > h {
                            h
                        } else {
                            v
                        };
                    }
                }
            }
        }
    }
}

/// Per coordinate, the smallest and largest value among `x` and every node's weights
/// (`weights` row-major with `x.len()` columns) into `lo` and `hi`.
fn bounding_box(weights: &[f32], x: &[f32], lo: &mut Vec<f32>, hi: &mut Vec<f32>) {
    lo.clear();
    lo.extend_from_slice(x);
    hi.clear();
    hi.extend_from_slice(x);
    for w in weights.chunks_exact(x.len()) {
        for ((l, h), &v) in lo.iter_mut().zip(hi.iter_mut()).zip(w) {
            *l = if v < *l { v } else { *l };
            *h = if v > *h { v } else { *h };
        }
    }
}

/// `w[j] += lr·(a·c[j])·(x[j] − w[j])` over one grid row (vectorised).
#[inline(always)]
fn gaussian_row(wrow: &mut [f32], ce: &[f32], xt: &[f32], lr: f32, a: f32) {
    for ((w, &c), &xv) in wrow.iter_mut().zip(ce).zip(xt) {
        *w += lr * (a * c) * (xv - *w);
    }
}

/// [`gaussian_row`] compiled for AVX.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
fn gaussian_row_avx(wrow: &mut [f32], ce: &[f32], xt: &[f32], lr: f32, a: f32) {
    gaussian_row(wrow, ce, xt, lr, a)
}

/// After a gaussian row update: when `lr = 1` and `a = 1`, nodes whose coefficient
/// `lr·(a·c)` is exactly 1 are set to `x` exactly (`w + 1·(x − w)` can be an ulp off).
#[inline(always)]
fn continue_fix(wrow: &mut [f32], t: &Tables, r: usize, dim: usize, x: &[f32], lr: f32, a: f32) {
    if lr * a == 1.0 {
        for (c, w) in wrow.chunks_exact_mut(dim).enumerate() {
            if lr * (a * t.cx[t.parity(r)][c]) == 1.0 {
                w.copy_from_slice(x);
            }
        }
    }
}
