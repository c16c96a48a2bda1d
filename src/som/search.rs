//! The BMU search, for one row and for all rows, over the weights in planes (`layout.rs`):
//! squared distances (no `sqrt`) in a fixed order, a block of nodes at a time, each column one
//! vertical loop across the block's nodes, then an 8-lane running minimum; on x86-64 an AVX copy
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

/// Nodes per block of the search: the block's partial sums (4 × 128 floats, 2 KB) stay in L1.
const BLOCK: usize = 128;
/// Values side by side in the running minimum: one AVX register, two `simd128` ones.
const LANES: usize = 8;

/// Running best `(index, d²)` over blocks of nodes; `index` stays 0 while nothing is below
/// infinity.
struct Best {
    index: usize,
    d2: f32,
}

impl Best {
    fn new() -> Best {
        Best { index: 0, d2: f32::INFINITY }
    }

    /// Takes block `d` (node indices from `base`) into account: strictly smaller wins, so the
    /// lowest index wins ties, across blocks and within one. NaN never wins. The block's least
    /// value comes from a `LANES`-wide running minimum (a vertical loop); only when it beats the
    /// best so far is the block searched for it, `LANES` values at a time.
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
            let c = chunks.iter().position(|ch| ch.iter().fold(false, |any, &v| any | (v == bm)));
            let from = c.map_or(chunks.len(), |c| c) * LANES;
            self.index = base + from + d[from..].iter().position(|&v| v == bm).unwrap_or(0);
        }
    }
}

/// The BMU search over planes (plane `k` of the `n` nodes at `k·n .. (k+1)·n`, see `layout.rs`),
/// a block of [`BLOCK`] nodes at a time, every loop a plain vertical one across nodes:
///
/// 1. for each column `k`, `acc[k mod 4][j] (+)= (x_k − w_k,j)²` over the block's nodes `j`
///    (the first four columns store, the rest add): for every node exactly the four partial sums
///    of [`d2`], in its order (a sum that starts from `−0.0` and adds `v` is `v`);
/// 2. `d²_j = (acc₀ + acc₁) + (acc₂ + acc₃)` as in [`d2`] (fewer terms below 4 columns: the
///    missing partial sums are `−0.0`, which adding does not change);
/// 3. [`Best::scan`] of the block's `d²`.
///
/// So each node's `d²` has the bits [`d2`] gives on its row-major weights, and the winner is the
/// first node of least `d²`, as a scan in node order finds it.
#[inline(always)]
fn search(planes: &[f32], n: usize, x: &[f32]) -> usize {
    let mut acc = [[0.0f32; BLOCK]; 4];
    let mut buf = [0.0f32; BLOCK];
    let mut best = Best::new();
    for base in (0..n).step_by(BLOCK) {
        let m = BLOCK.min(n - base);
        for (k, (plane, &xk)) in planes.chunks_exact(n).zip(x).enumerate() {
            let a = &mut acc[k % 4][..m];
            let w = &plane[base..base + m];
            if k < 4 {
                for (a, &w) in a.iter_mut().zip(w) {
                    let d = xk - w;
                    *a = d * d;
                }
            } else {
                for (a, &w) in a.iter_mut().zip(w) {
                    let d = xk - w;
                    *a += d * d;
                }
            }
        }
        let [a0, a1, a2, a3] = &acc;
        let (out, a0, a1, a2, a3) = (&mut buf[..m], &a0[..m], &a1[..m], &a2[..m], &a3[..m]);
        match x.len() {
            1 => out.copy_from_slice(a0),
            2 => out.iter_mut().zip(a0.iter().zip(a1)).for_each(|(o, (p, q))| *o = p + q),
            3 => {
                let terms = a0.iter().zip(a1).zip(a2);
                out.iter_mut().zip(terms).for_each(|(o, ((p, q), r))| *o = (p + q) + r)
            }
            _ => {
                let terms = a0.iter().zip(a1).zip(a2.iter().zip(a3));
                out.iter_mut().zip(terms).for_each(|(o, ((p, q), (r, u)))| *o = (p + q) + (r + u))
            }
        }
        best.scan(out, base);
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

/// Index of the node nearest to `x` among the `n ≥ 1` nodes in `planes` (the first on a tie;
/// node 0 if `x` is shorter than `dim`, the number of planes). `avx` must be true only when
/// [`has_avx`] is.
pub(crate) fn bmu(planes: &[f32], n: usize, x: &[f32], avx: bool) -> usize {
    let dim = planes.len().checked_div(n).unwrap_or(0);
    let Some(x) = x.get(..dim).filter(|x| !x.is_empty()) else { return 0 };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = avx;
    #[cfg(target_arch = "x86_64")]
    if avx {
        // SAFETY: callers pass `avx = true` only when the CPU supports AVX (`Scratch::avx`).
        return unsafe { search_avx(planes, n, x) };
    }
    search(planes, n, x)
}

/// [`search`] compiled for AVX.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
fn search_avx(planes: &[f32], n: usize, x: &[f32]) -> usize {
    search(planes, n, x)
}

/// The BMU of every row of `data` (row-major, `dim` columns), as [`bmu`] finds it.
pub(crate) fn bmus_into(planes: &[f32], n: usize, data: &[f32], avx: bool, out: &mut Vec<u32>) {
    let dim = planes.len().checked_div(n).unwrap_or(1).max(1);
    out.clear();
    out.extend(data.chunks_exact(dim).map(|x| bmu(planes, n, x, avx) as u32));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy_of_node(w: &[f32], dim: usize, i: usize) -> Vec<f32> {
        w[i * dim..(i + 1) * dim].to_vec()
    }

    /// The search over planes finds, for every row, the first node of least [`d2`] over the
    /// row-major weights: every dimension (the unrolled and the generic ones, each remainder of
    /// `dim mod 4`), node counts around the lane and block sizes, ties, AVX and portable.
    #[test]
    fn search_over_planes_matches_a_plain_scan() {
        let mut state = 12345u32;
        let mut rnd = || {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (state >> 8) as f32 / 16_777_216.0
        };
        for nodes in [1, 7, 8, 9, 64, 65, 300] {
            for dim in 1..=17 {
                let mut w: Vec<f32> = (0..nodes * dim).map(|_| rnd()).collect();
                // a duplicated node: the lower index must win the tie
                if nodes > 5 {
                    let copy = copy_of_node(&w, dim, 1);
                    w[4 * dim..5 * dim].copy_from_slice(&copy);
                }
                let planes: Vec<f32> =
                    (0..dim).flat_map(|k| w.iter().skip(k).step_by(dim).copied()).collect();
                let mut data: Vec<f32> = (0..50 * dim).map(|_| rnd()).collect();
                if nodes > 5 {
                    data.extend_from_slice(&copy_of_node(&w, dim, 1)); // on nodes 1 and 4 exactly
                }
                let plain: Vec<u32> = data
                    .chunks_exact(dim)
                    .map(|x| {
                        let d: Vec<f32> = w.chunks_exact(dim).map(|n| d2(n, x)).collect();
                        let least = d.iter().fold(f32::INFINITY, |a, &b| if b < a { b } else { a });
                        d.iter().position(|&v| v == least).unwrap() as u32
                    })
                    .collect();
                for avx in [false, has_avx()] {
                    let mut out = Vec::new();
                    bmus_into(&planes, nodes, &data, avx, &mut out);
                    assert_eq!(out, plain, "{nodes} nodes, dim {dim}, avx {avx}");
                }
            }
        }
    }
}
