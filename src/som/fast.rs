//! The hot path: BMU search and the update, with buffers allocated once per map.
//!
//! * The weights are in planes, one per column, node-contiguous (`layout.rs`), so both loops
//!   below run across nodes, 4 or 8 to a SIMD instruction.
//! * The BMU search (in `search.rs`, re-exported here) compares squared distances (no `sqrt`),
//!   each summed over `k` in the order of [`d2`], so `distances` and the metrics agree to the
//!   bit.
//! * The neighbourhood comes from per-row and per-column tables. The squared grid distance
//!   splits as `d² = dy²(row) + dx²(col)` (hexagonal: `dx²` depends also on whether the row's
//!   parity matches the BMU row's, so there are two column tables). The gaussian factorises,
//!   `exp(−d²/2σ²) = exp(−dy²/2σ²) · exp(−dx²/2σ²)`, so a step needs at most `rows + 2·cols`
//!   exponentials instead of `rows·cols` (about half that: rows and columns mirrored about the
//!   BMU share one); the mexican hat reuses the same product times `(1 − d²/σ²)`; bubble and
//!   triangle need only a `sqrt` per node.
//! * Gaussian update: node `(r, c)`'s coefficient is `lr·(ry[r]·cx[c])`, computed once per step;
//!   then each plane's run of moving rows is one loop `w += coef·(x_k − w)` over contiguous
//!   nodes. Rows with `ry[r] = 0` (far beyond σ) are skipped.
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

/// Buffers reused by every step: the tables, the nodes' coefficients, the bounding box.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scratch {
    tables: Tables,
    /// `lr·h` of every node (filled for the rows that move).
    coef: Vec<f32>,
    /// The bounding box of the weights and `x` (mexican hat only): per coordinate min and max.
    lo: Vec<f32>,
    hi: Vec<f32>,
    /// Whether the AVX copies of the loops run: only if the CPU has AVX.
    pub(crate) avx: bool,
}

impl Scratch {
    pub(crate) fn new(rows: usize, cols: usize, dim: usize) -> Scratch {
        Scratch {
            tables: Tables::with_capacity(rows, cols),
            coef: Vec::with_capacity(rows * cols),
            lo: Vec::with_capacity(dim),
            hi: Vec::with_capacity(dim),
            avx: has_avx(),
        }
    }
}

/// `w_i += lr · h_i · (x − w_i)` for every node, on the weights in planes (plane `k` holds
/// weight `k` of every node, see `layout.rs`), with `lr` clamped to `[0, 1]` and mexican-hat
/// pushes clamped into the bounding box of the weights and `x` (see the module docs). No-op if
/// `x.len() < dim`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn update(
    s: &mut Scratch,
    grid: &Grid,
    kernel: Kernel,
    planes: &mut [f32],
    x: &[f32],
    bmu: usize,
    lr: f32,
    sigma: f32,
) {
    let n = grid.len();
    let dim = planes.len().checked_div(n).unwrap_or(0);
    if dim == 0 || x.len() < dim {
        return;
    }
    let x = &x[..dim];
    let lr = if lr > 0.0 { lr.min(1.0) } else { 0.0 };
    s.tables.fill(grid, kernel, bmu, sigma);
    if kernel == Kernel::MexicanHat {
        bounding_box(planes, n, x, &mut s.lo, &mut s.hi);
    } else {
        // the other kernels never push; an unbounded box keeps the row loop uniform
        s.lo.clear();
        s.lo.resize(dim, f32::NEG_INFINITY);
        s.hi.clear();
        s.hi.resize(dim, f32::INFINITY);
    }
    #[cfg(target_arch = "x86_64")]
    if s.avx {
        // SAFETY: `s.avx` is true only when the CPU supports AVX.
        unsafe { update_rows_avx(s, grid, kernel, planes, x, lr, sigma) };
        return;
    }
    update_rows(s, grid, kernel, planes, x, lr, sigma);
}

/// The update after [`Tables::fill`], over runs of consecutive grid rows that move: the run's
/// coefficients `lr·h` once per node, then for each plane one vertical loop over the run's nodes,
/// a contiguous slice (4 or 8 nodes per SIMD operation, no shuffles).
///
/// Gaussian: rows whose factor `ry` is 0 (far beyond σ) end a run and are skipped; every other
/// node takes `w + lr·(ry·cx)·(x − w)`, then exactly `x` where that coefficient is 1
/// (`w + 1·(x − w)` can be an ulp off; a coefficient is 1 only when `lr` is). Other kernels: one
/// run, and per node exactly `x` at coefficient 1, the formula when it is positive, the formula
/// clamped into the box when it is negative (a push), untouched at 0.
#[inline(always)]
fn update_rows(
    s: &mut Scratch,
    grid: &Grid,
    kernel: Kernel,
    planes: &mut [f32],
    x: &[f32],
    lr: f32,
    sigma: f32,
) {
    let (n, rows, cols) = (grid.len(), grid.rows(), grid.cols());
    let t = &s.tables;
    let gaussian = kernel == Kernel::Gaussian;
    let moves = |r: usize| !gaussian || t.ry[r] != 0.0;
    s.coef.resize(n, 0.0);
    let mut r = 0;
    while r < rows {
        if !moves(r) {
            r += 1;
            continue;
        }
        let first = r;
        while r < rows && moves(r) {
            let row = &mut s.coef[r * cols..(r + 1) * cols];
            if gaussian {
                let a = t.ry[r];
                for (o, &c) in row.iter_mut().zip(&t.cx[t.parity(r)]) {
                    *o = lr * (a * c);
                }
            } else {
                for (c, o) in row.iter_mut().enumerate() {
                    *o = lr * t.h(kernel, sigma, r, c);
                }
            }
            r += 1;
        }
        let run = first * cols..r * cols;
        let coef = &s.coef[run.clone()];
        for (((plane, &xk), &l), &h) in planes.chunks_exact_mut(n).zip(x).zip(&s.lo).zip(&s.hi) {
            let w = &mut plane[run.clone()];
            if gaussian {
                for (w, &co) in w.iter_mut().zip(coef) {
                    *w += co * (xk - *w);
                }
                if lr == 1.0 {
                    for (w, &co) in w.iter_mut().zip(coef) {
                        if co == 1.0 {
                            *w = xk;
                        }
                    }
                }
            } else {
                for (w, &co) in w.iter_mut().zip(coef) {
                    *w = if co == 1.0 {
                        xk
                    } else if co > 0.0 {
                        *w + co * (xk - *w)
                    } else if co < 0.0 {
                        // a push (mexican hat only): kept inside the box, by plain comparisons
                        // (the same bits on every platform, and no panic on NaN)
                        let v = *w + co * (xk - *w);
                        if v < l {
                            l
                        } else if v > h {
                            h
                        } else {
                            v
                        }
                    } else {
                        *w
                    };
                }
            }
        }
    }
}

/// [`update_rows`] compiled for AVX.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
fn update_rows_avx(
    s: &mut Scratch,
    grid: &Grid,
    kernel: Kernel,
    planes: &mut [f32],
    x: &[f32],
    lr: f32,
    sigma: f32,
) {
    update_rows(s, grid, kernel, planes, x, lr, sigma)
}

/// Per coordinate, the smallest and largest value among `x` and every node's weights (in
/// planes, `n` nodes) into `lo` and `hi`.
fn bounding_box(planes: &[f32], n: usize, x: &[f32], lo: &mut Vec<f32>, hi: &mut Vec<f32>) {
    lo.clear();
    hi.clear();
    for (plane, &xk) in planes.chunks_exact(n).zip(x) {
        let (mut l, mut h) = (xk, xk);
        for &v in plane {
            l = if v < l { v } else { l };
            h = if v > h { v } else { h };
        }
        lo.push(l);
        hi.push(h);
    }
}
