//! The hot path: BMU search and the update, with buffers allocated once per map.
//!
//! * The BMU search compares squared distances (no `sqrt`), with the loop specialised for
//!   small `dim` so the compiler unrolls it. Every variant sums `(x_k − w_k)²` in the same order
//!   ([`d2`]), so the specialised and generic paths, `distances` and the metrics agree to the bit.
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
//!
//! The reference implementation in `tests/som_reference.rs` checks all of this against
//! straightforward loops.

use super::{Grid, Kernel, Topology};

/// Squared Euclidean distance `Σ_k (x_k − w_k)²` in a fixed order: four interleaved partial
/// sums `acc_l = Σ_{k ≡ l (mod 4)} (x_k − w_k)²`, then `(acc_0 + acc_1) + (acc_2 + acc_3)`. For
/// `dim ≤ 4` that is the plain left-to-right sum; for longer rows it vectorises along `k` (one
/// 4-lane accumulator). The sums start from `−0.0`, the exact identity of `+`.
#[inline(always)]
pub(crate) fn d2(w: &[f32], x: &[f32]) -> f32 {
    let n = x.len().min(w.len());
    let (xc, xr) = x[..n].as_chunks::<4>();
    let (wc, wr) = w[..n].as_chunks::<4>();
    let mut acc = [-0.0f32; 4];
    for (a, b) in xc.iter().zip(wc) {
        for l in 0..4 {
            let d = a[l] - b[l];
            acc[l] += d * d;
        }
    }
    for (l, (a, b)) in xr.iter().zip(wr).enumerate() {
        let d = a - b;
        acc[l] += d * d;
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3])
}

/// Nodes per block of the BMU search. The squared distances of a block go to a stack buffer
/// (an independent, vectorisable loop); the block's minimum comes from an 8-lane running
/// minimum; only when it beats the best so far is the block scanned for its first index.
const BLOCK: usize = 64;
const LANES: usize = 8;

/// Running best `(index, d²)`; `index` stays 0 while nothing is below infinity.
struct Best {
    index: usize,
    d2: f32,
}

impl Best {
    fn new() -> Best {
        Best { index: 0, d2: f32::INFINITY }
    }

    /// Takes block `d` (node indices from `base`) into account: strictly smaller wins, so the
    /// lowest index wins ties, across blocks and within one. NaN never wins.
    #[inline(always)]
    fn scan(&mut self, d: &[f32], base: usize) {
        let mut m = [f32::INFINITY; LANES];
        let (chunks, rest) = d.as_chunks::<LANES>();
        for ch in chunks {
            for l in 0..LANES {
                m[l] = if ch[l] < m[l] { ch[l] } else { m[l] };
            }
        }
        let mut bm = rest.iter().fold(f32::INFINITY, |a, &b| if b < a { b } else { a });
        for v in m {
            bm = if v < bm { v } else { bm };
        }
        if bm < self.d2 {
            self.d2 = bm;
            self.index = base + d.iter().position(|&v| v == bm).unwrap_or(0);
        }
    }
}

#[inline(always)]
fn bmu_fixed<const D: usize>(weights: &[f32], x: &[f32]) -> usize {
    let Some(x) = x.get(..D).and_then(|x| <&[f32; D]>::try_from(x).ok()) else { return 0 };
    let (nodes, _) = weights.as_chunks::<D>();
    let mut best = Best::new();
    let mut buf = [0.0f32; BLOCK];
    for (b, block) in nodes.chunks(BLOCK).enumerate() {
        for (o, w) in buf.iter_mut().zip(block) {
            *o = d2(w, x);
        }
        best.scan(&buf[..block.len()], b * BLOCK);
    }
    best.index
}

#[inline(always)]
fn bmu_generic(weights: &[f32], x: &[f32], dim: usize) -> usize {
    let mut best = Best::new();
    let mut buf = [0.0f32; BLOCK];
    for (b, block) in weights.chunks(BLOCK * dim.max(1)).enumerate() {
        let n = block.len() / dim.max(1);
        for (o, w) in buf.iter_mut().zip(block.chunks_exact(dim.max(1))) {
            *o = d2(w, x);
        }
        best.scan(&buf[..n], b * BLOCK);
    }
    best.index
}

/// Whether this CPU has AVX (x86-64 only; detected once, cached by std). The AVX copies of the
/// hot loops do the same IEEE operations in the same order 8 lanes wide (no FMA), so they give
/// the same bits as the SSE2 and wasm builds.
#[inline(always)]
pub(crate) fn has_avx() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}


/// Index of the node nearest to `x` (lowest index on a tie; node 0 if `x` is shorter than `dim`).
/// `avx` must be true only when [`has_avx`] is.
pub(crate) fn bmu(weights: &[f32], x: &[f32], dim: usize, avx: bool) -> usize {
    #[cfg(not(target_arch = "x86_64"))]
    let _ = avx;
    #[cfg(target_arch = "x86_64")]
    if avx {
        // SAFETY: callers pass `avx = true` only when the CPU supports AVX (`Scratch::avx`).
        return unsafe { bmu_avx(weights, x, dim) };
    }
    bmu_portable(weights, x, dim)
}

/// [`bmu_portable`] compiled for AVX.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
fn bmu_avx(weights: &[f32], x: &[f32], dim: usize) -> usize {
    bmu_portable(weights, x, dim)
}

#[inline(always)]
fn bmu_portable(weights: &[f32], x: &[f32], dim: usize) -> usize {
    if x.len() < dim {
        return 0;
    }
    match dim {
        1 => bmu_fixed::<1>(weights, x),
        2 => bmu_fixed::<2>(weights, x),
        3 => bmu_fixed::<3>(weights, x),
        4 => bmu_fixed::<4>(weights, x),
        5 => bmu_fixed::<5>(weights, x),
        6 => bmu_fixed::<6>(weights, x),
        8 => bmu_fixed::<8>(weights, x),
        16 => bmu_fixed::<16>(weights, x),
        _ => bmu_generic(weights, x, dim),
    }
}

/// The BMU of every row of `data` (row-major, `dim` columns), as [`bmu`] would find it one row at
/// a time. For `dim = 3` (colours, the page's default) the weights are first transposed into three
/// planes, so each block of nodes is a plain vertical loop (4 or 8 nodes per SIMD operation, no
/// shuffles): `(x₀ − w₀)² + (x₁ − w₁)²`, then `+ (x₂ − w₂)²`, the very operations and order of
/// [`d2`] for three columns, so the indices are the same to the bit. `avx` as for [`bmu`].
pub(crate) fn bmus_into(weights: &[f32], data: &[f32], dim: usize, avx: bool, out: &mut Vec<u32>) {
    out.clear();
    if dim != 3 || weights.len() < 3 {
        out.extend(data.chunks_exact(dim.max(1)).map(|x| bmu(weights, x, dim, avx) as u32));
        return;
    }
    let n = weights.len() / 3;
    let mut planes = vec![0.0f32; 3 * n];
    let (p0, rest) = planes.split_at_mut(n);
    let (p1, p2) = rest.split_at_mut(n);
    for (i, w) in weights.chunks_exact(3).enumerate() {
        p0[i] = w[0];
        p1[i] = w[1];
        p2[i] = w[2];
    }
    #[cfg(target_arch = "x86_64")]
    if avx {
        // SAFETY: callers pass `avx = true` only when the CPU supports AVX.
        unsafe { bmus3_avx(p0, p1, p2, data, out) };
        return;
    }
    bmus3(p0, p1, p2, data, out);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
fn bmus3_avx(p0: &[f32], p1: &[f32], p2: &[f32], data: &[f32], out: &mut Vec<u32>) {
    bmus3(p0, p1, p2, data, out)
}

#[inline(always)]
fn bmus3(p0: &[f32], p1: &[f32], p2: &[f32], data: &[f32], out: &mut Vec<u32>) {
    let mut buf = [0.0f32; BLOCK];
    for x in data.chunks_exact(3) {
        let (x0, x1, x2) = (x[0], x[1], x[2]);
        let mut best = Best::new();
        for (b, ((a0, a1), a2)) in p0.chunks(BLOCK).zip(p1.chunks(BLOCK)).zip(p2.chunks(BLOCK)).enumerate() {
            let m = a0.len();
            for (j, o) in buf[..m].iter_mut().enumerate() {
                let (d0, d1, d2) = (x0 - a0[j], x1 - a1[j], x2 - a2[j]);
                *o = (d0 * d0 + d1 * d1) + d2 * d2;
            }
            best.scan(&buf[..m], b * BLOCK);
        }
        out.push(best.index as u32);
    }
}

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
        Tables { dy2: Vec::with_capacity(rows), ry: Vec::with_capacity(rows), dx2: [c(), c()], cx: [c(), c()], br: 0, hex: false }
    }

    /// Fills the tables for `bmu` and `sigma`; allocates only if the grid grew.
    pub(crate) fn fill(&mut self, grid: &Grid, kernel: Kernel, bmu: usize, sigma: f32) {
        let cols = grid.cols().max(1);
        let (br, bc) = (bmu / cols, bmu % cols);
        self.br = br;
        self.hex = grid.topology() == Topology::Hexagonal;
        let expo = matches!(kernel, Kernel::Gaussian | Kernel::MexicanHat);
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
                    (1.0 - d2 / (sigma * sigma)) * (self.ry[r] * self.cx[p][c])
                }
            }
            Kernel::Bubble | Kernel::Triangle => kernel.h(libm::sqrtf(self.dy2[r] + self.dx2[p][c]), sigma),
        }
    }

    /// Writes `h(d(bmu, i); sigma)` for every node into `out` (length `rows·cols`).
    pub(crate) fn neighborhood_into(&mut self, grid: &Grid, kernel: Kernel, bmu: usize, sigma: f32, out: &mut [f32]) {
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
            avx: has_avx(),
        }
    }
}

/// `w_i += lr · h_i · (x − w_i)` for every node; see the module docs. No-op if `x.len() < dim`.
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

        for (r, wrow) in weights.chunks_exact_mut(rl).enumerate() {
            for (c, w) in wrow.chunks_exact_mut(dim).enumerate() {
                let coef = lr * t.h(kernel, sigma, r, c);
                if coef == 1.0 {
                    w.copy_from_slice(x);
                } else if coef != 0.0 {
                    for (w, &xv) in w.iter_mut().zip(x) {
                        *w += coef * (xv - *w);
                    }
                }
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The batch search finds what the one-row search finds, ties and all.
    #[test]
    fn bmus_into_matches_bmu() {
        let mut state = 12345u32;
        let mut rnd = || {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (state >> 8) as f32 / 16_777_216.0
        };
        for (nodes, dim) in [(1, 3), (7, 3), (64, 3), (65, 3), (300, 3), (100, 2), (50, 16)] {
            let mut weights: Vec<f32> = (0..nodes * dim).map(|_| rnd()).collect();
            // a duplicated node: the lower index must win the tie
            if nodes > 5 {
                let w: Vec<f32> = weights[dim..2 * dim].to_vec();
                weights[4 * dim..5 * dim].copy_from_slice(&w);
            }
            let mut data: Vec<f32> = (0..200 * dim).map(|_| rnd()).collect();
            data.extend_from_slice(&weights[..dim.min(weights.len())]);
            for avx in [false, has_avx()] {
                let mut out = Vec::new();
                bmus_into(&weights, &data, dim, avx, &mut out);
                let one: Vec<u32> = data.chunks_exact(dim).map(|x| bmu(&weights, x, dim, avx) as u32).collect();
                assert_eq!(out, one, "{nodes} nodes, dim {dim}, avx {avx}");
            }
        }
    }
}
