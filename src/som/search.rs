//! The BMU search, for one row and for all rows: squared distances (no `sqrt`) in a fixed
//! order, a block of nodes at a time with an 8-lane running minimum, and on x86-64 an AVX copy
//! of the same operations in the same order, so every build finds the same node.

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
                let one: Vec<u32> =
                    data.chunks_exact(dim).map(|x| bmu(&weights, x, dim, avx) as u32).collect();
                assert_eq!(out, one, "{nodes} nodes, dim {dim}, avx {avx}");
            }
        }
    }
}
