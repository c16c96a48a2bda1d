//! A plain reference implementation of the SOM (straightforward loops in f64: positions,
//! distances, BMU, neighbourhood, update, schedules, step) and property tests that check the
//! optimised core against it to 1e-6 on random maps, data and parameters.

use proptest::prelude::*;
use som_playground::som::{Decay, Kernel, Schedule, Som, SomConfig, Topology};

/// Reference grid position of node `i`: rect (col, row); hex odd-r (col + 0.5·odd, row·√3/2).
fn ref_pos(cols: usize, hex: bool, i: usize) -> (f64, f64) {
    let (r, c) = (i / cols, i % cols);
    if hex {
        (c as f64 + if r % 2 == 1 { 0.5 } else { 0.0 }, r as f64 * 3f64.sqrt() / 2.0)
    } else {
        (c as f64, r as f64)
    }
}

/// Reference grid distance: Euclidean between centres, minimum image when toroidal.
fn ref_grid_dist(rows: usize, cols: usize, hex: bool, toroidal: bool, a: usize, b: usize) -> f64 {
    let (xa, ya) = ref_pos(cols, hex, a);
    let (xb, yb) = ref_pos(cols, hex, b);
    let (mut dx, mut dy) = ((xa - xb).abs(), (ya - yb).abs());
    if toroidal {
        let height = if hex { rows as f64 * 3f64.sqrt() / 2.0 } else { rows as f64 };
        dx = dx.min(cols as f64 - dx);
        dy = dy.min(height - dy);
    }
    (dx * dx + dy * dy).sqrt()
}

fn ref_h(kernel: Kernel, d: f64, s: f64) -> f64 {
    if d == 0.0 {
        return 1.0;
    }
    match kernel {
        Kernel::Gaussian => (-d * d / (2.0 * s * s)).exp(),
        Kernel::Bubble => (d <= s) as u8 as f64,
        Kernel::MexicanHat => (1.0 - d * d / (s * s)) * (-d * d / (2.0 * s * s)).exp(),
        Kernel::Triangle => (1.0 - d / s).max(0.0),
    }
}

fn ref_distances(w: &[f32], x: &[f32]) -> Vec<f64> {
    w.chunks(x.len())
        .map(|wi| wi.iter().zip(x).map(|(&a, &b)| (b as f64 - a as f64).powi(2)).sum::<f64>().sqrt())
        .collect()
}

fn ref_bmu(d: &[f64]) -> usize {
    let mut best = 0;
    for i in 1..d.len() {
        if d[i] < d[best] {
            best = i;
        }
    }
    best
}

fn ref_neighborhood(c: &SomConfig, bmu: usize, sigma: f64) -> Vec<f64> {
    let hex = c.topology == Topology::Hexagonal;
    (0..c.rows * c.cols)
        .map(|i| ref_h(c.neighborhood, ref_grid_dist(c.rows, c.cols, hex, c.toroidal, bmu, i), sigma))
        .collect()
}

/// `w_i += lr·h_i·(x − w_i)`; a push (`lr·h_i < 0`, the mexican hat) is clamped, per
/// coordinate, into the bounding box of the weights before the update and `x`.
fn ref_update(c: &SomConfig, w: &mut [f32], x: &[f32], bmu: usize, lr: f64, sigma: f64) {
    let h = ref_neighborhood(c, bmu, sigma);
    let lo: Vec<f64> = (0..c.dim).map(|k| w.iter().skip(k).step_by(c.dim).chain([&x[k]]).map(|&v| v as f64).fold(f64::INFINITY, f64::min)).collect();
    let hi: Vec<f64> = (0..c.dim).map(|k| w.iter().skip(k).step_by(c.dim).chain([&x[k]]).map(|&v| v as f64).fold(f64::NEG_INFINITY, f64::max)).collect();
    for (i, wi) in w.chunks_mut(c.dim).enumerate() {
        for (k, (wk, &xk)) in wi.iter_mut().zip(x).enumerate() {
            let moved = *wk as f64 + lr * h[i] * (xk as f64 - *wk as f64);
            *wk = if lr * h[i] < 0.0 { moved.clamp(lo[k], hi[k]) } else { moved } as f32;
        }
    }
}

fn ref_schedule(s: &Schedule, t: u64, steps: u64) -> f64 {
    let (p0, p1) = (s.start as f64, s.end as f64);
    let f = t.min(steps) as f64 / steps as f64;
    match s.decay {
        Decay::Linear => p0 + (p1 - p0) * f,
        Decay::Exponential => p0 * (p1 / p0).powf(f),
        Decay::Asymptotic => p0 / (1.0 + 2.0 * f),
        Decay::Inverse => p0 / (1.0 + (p0 / p1 - 1.0) * f),
        Decay::Constant => p0,
    }
}

/// One reference online step at time `t`; returns the BMU.
fn ref_step(c: &SomConfig, w: &mut [f32], x: &[f32], t: u64) -> usize {
    let lr = ref_schedule(&c.learning_rate, t, c.steps);
    let sigma = ref_schedule(&c.sigma, t, c.steps);
    let b = ref_bmu(&ref_distances(w, x));
    ref_update(c, w, x, b, lr, sigma);
    b
}

fn close(a: f32, b: f64) -> bool {
    (a as f64 - b).abs() <= 1e-6 * (1.0f64).max(b.abs())
}

const KERNELS: [Kernel; 4] = [Kernel::Gaussian, Kernel::Bubble, Kernel::MexicanHat, Kernel::Triangle];
const DECAYS: [Decay; 5] =
    [Decay::Linear, Decay::Exponential, Decay::Asymptotic, Decay::Inverse, Decay::Constant];
const DIMS: [usize; 9] = [1, 2, 3, 4, 5, 6, 7, 8, 16];

/// A random valid config (all topologies, wrap or not, all kernels) with weights and rows.
fn case() -> impl Strategy<Value = (SomConfig, Vec<f32>, Vec<Vec<f32>>, f32, f32)> {
    (1usize..9, 1usize..9, any::<bool>(), any::<bool>(), 0usize..4, 0usize..DIMS.len(), 0usize..5, 1u64..30)
        .prop_flat_map(|(rows, cols, hex, toroidal, k, d, decay, steps)| {
            let rows = if hex && toroidal && rows % 2 == 1 { rows + 1 } else { rows };
            let dim = DIMS[d];
            let config = SomConfig {
                rows,
                cols,
                dim,
                topology: if hex { Topology::Hexagonal } else { Topology::Rectangular },
                toroidal,
                neighborhood: KERNELS[k],
                steps,
                ..SomConfig::default()
            };
            (
                Just(config),
                prop::collection::vec(-1.0f32..1.0, rows * cols * dim),
                prop::collection::vec(prop::collection::vec(-1.0f32..1.0, dim), 1..12),
                0.01f32..1.0,
                0.05f32..8.0,
                Just(DECAYS[decay]),
                0.01f32..1.0,
                0.05f32..8.0,
            )
        })
        .prop_map(|(mut c, w, xs, lr, sigma, decay, lr_end, sigma_end)| {
            c.learning_rate = Schedule::new(lr, lr_end, decay);
            c.sigma = Schedule::new(sigma, sigma_end, decay);
            (c, w, xs, lr, sigma)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Distances, BMU, neighbourhood, grid distance and update agree with the reference.
    #[test]
    fn fast_path_matches_reference((c, w, xs, lr, sigma) in case()) {
        let mut som = Som::new(&c, 1).unwrap();
        som.set_weights(&w).unwrap();
        let x = &xs[0];
        let rd = ref_distances(&w, x);
        for (a, b) in som.distances(x).iter().zip(&rd) {
            prop_assert!(close(*a, *b), "distance {a} vs {b}");
        }
        let b = som.bmu(x);
        let rb = ref_bmu(&rd);
        prop_assert!(b == rb || (rd[b] - rd[rb]).abs() < 1e-6, "bmu {b} vs {rb}");
        let hex = c.topology == Topology::Hexagonal;
        for i in 0..som.len() {
            let g = som.grid().distance(b, i);
            prop_assert!(close(g, ref_grid_dist(c.rows, c.cols, hex, c.toroidal, b, i)), "grid distance {b}-{i}: {g}");
        }
        let h = som.neighborhood(b, sigma);
        let rh = ref_neighborhood(&c, b, sigma as f64);
        for (i, (a, r)) in h.iter().zip(&rh).enumerate() {
            prop_assert!(close(*a, *r), "h[{i}] {a} vs {r} (bmu {b}, sigma {sigma}, {c:?})");
            let k = c.neighborhood.h(som.grid().distance(b, i), sigma);
            prop_assert!((a - k).abs() <= 1e-6, "h[{i}] {a} vs Kernel::h {k}");
        }
        let mut rw = w.clone();
        ref_update(&c, &mut rw, x, b, lr as f64, sigma as f64);
        som.update(x, b, lr, sigma);
        for (i, (a, r)) in som.weights().iter().zip(&rw).enumerate() {
            prop_assert!(close(*a, *r as f64), "weight {i}: {a} vs {r}");
        }
    }

    /// Every online step (schedules included) agrees with a reference step from the same weights.
    #[test]
    fn steps_match_reference((c, w, xs, _lr, _sigma) in case()) {
        let mut som = Som::new(&c, 2).unwrap();
        som.set_weights(&w).unwrap();
        for (t, x) in xs.iter().cycle().take(c.steps as usize + 5).enumerate() {
            prop_assert!(close(som.learning_rate(), ref_schedule(&c.learning_rate, t as u64, c.steps)));
            prop_assert!(close(som.sigma(), ref_schedule(&c.sigma, t as u64, c.steps)));
            let mut rw = som.weights().to_vec();
            let rd = ref_distances(&rw, x);
            let rb = ref_step(&c, &mut rw, x, t as u64);
            let b = som.step(x);
            prop_assert!(b == rb || (rd[b] - rd[rb]).abs() < 1e-6, "bmu {b} vs {rb}");
            if b == rb {
                for (a, r) in som.weights().iter().zip(&rw) {
                    prop_assert!(close(*a, *r as f64), "t={t}: {a} vs {r}");
                }
            }
        }
    }

    /// step_trace records the same BMU, the reference's h and distances, and leaves exactly the
    /// weights that step leaves.
    #[test]
    fn step_trace_equals_step((c, w, xs, _lr, _sigma) in case()) {
        let mut a = Som::new(&c, 3).unwrap();
        a.set_weights(&w).unwrap();
        let mut b = a.clone();
        for (row, x) in xs.iter().enumerate() {
            let before = a.weights().to_vec();
            let tr = a.step_trace(x, row);
            let bmu = b.step(x);
            prop_assert_eq!(tr.bmu, bmu);
            prop_assert_eq!(&tr.before[..], &before[..]);
            prop_assert_eq!(a.weights(), b.weights());
            prop_assert_eq!(tr.h[bmu], 1.0);
            prop_assert_eq!(tr.t + 1, a.t());
            let rh = ref_neighborhood(&c, bmu, tr.sigma as f64);
            for (x, r) in tr.h.iter().zip(&rh) {
                prop_assert!(close(*x, *r));
            }
        }
    }

    /// The blocked BMU search agrees with a plain argmin on maps of many blocks, ties included
    /// (a node copied to several places: the lowest index must win).
    #[test]
    fn bmu_matches_reference_on_large_maps(
        rows in 1usize..40, cols in 1usize..40, d in 0usize..DIMS.len(), seed in any::<u64>(),
        copies in prop::collection::vec(any::<prop::sample::Index>(), 0..4),
    ) {
        use rand_core::{RngCore, SeedableRng};
        let dim = DIMS[d];
        let c = SomConfig { rows, cols, dim, ..SomConfig::default() };
        let mut som = Som::new(&c, seed).unwrap();
        let mut rng = rand_pcg::Pcg32::seed_from_u64(seed);
        let mut w: Vec<f32> = (0..rows * cols * dim).map(|_| (rng.next_u32() >> 8) as f32 / 16_777_216.0).collect();
        let n = rows * cols;
        let src = copies.first().map(|i| i.index(n)).unwrap_or(0);
        for i in copies.iter().skip(1) {
            let j = i.index(n);
            let v = w[src * dim..(src + 1) * dim].to_vec();
            w[j * dim..(j + 1) * dim].copy_from_slice(&v);
        }
        som.set_weights(&w).unwrap();
        let mut xs: Vec<Vec<f32>> = (0..5).map(|_| (0..dim).map(|_| (rng.next_u32() >> 8) as f32 / 16_777_216.0).collect()).collect();
        xs.push(w[src * dim..(src + 1) * dim].to_vec());
        for x in &xs {
            let d: Vec<f32> = som.distances(x);
            let mut best = 0;
            for i in 1..n {
                if d[i] * d[i] < d[best] * d[best] || (d[i] < d[best]) {
                    best = i;
                }
            }
            let b = som.bmu(x);
            let rd = ref_distances(&w, x);
            prop_assert!(b == best || (rd[b] - rd[best]).abs() < 1e-6, "bmu {} vs {}", b, best);
            prop_assert_eq!(som.bmu_and_second(x).0, b);
        }
        // the copied node: lowest index among the identical copies
        let x = &xs[5];
        let b = som.bmu(x);
        let first = (0..n).find(|&i| som.node_weights(i) == &x[..]).unwrap();
        prop_assert_eq!(b, first);
    }

    /// The AVX copies of the loops (where the CPU has AVX) and the portable ones give the same
    /// bits: BMUs, training and batch epochs.
    #[test]
    fn simd_and_portable_paths_agree((c, w, xs, _lr, _sigma) in case(), side in 1usize..30) {
        let c = SomConfig { rows: if c.topology == Topology::Hexagonal && c.toroidal { side + side % 2 } else { side }, ..c };
        let mut a = Som::new(&c, 5).unwrap();
        let mut b = Som::new(&c, 5).unwrap();
        a.set_simd(true);
        prop_assert!(!b.set_simd(false));
        let data: Vec<f32> = xs.iter().flatten().cloned().chain(w.iter().cloned()).collect();
        let data = &data[..data.len() / c.dim * c.dim];
        a.train(data, 40);
        b.train(data, 40);
        prop_assert_eq!(a.weights(), b.weights());
        prop_assert_eq!(a.bmus(data), b.bmus(data));
        a.batch_epoch(data);
        b.batch_epoch(data);
        prop_assert_eq!(a.weights(), b.weights());
    }
}
