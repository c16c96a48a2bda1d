//! Property tests of the SOM core's invariants.

use proptest::prelude::*;
use som_playground::som::{Decay, Init, Kernel, Order, Schedule, Som, SomConfig, SomError, Topology};

const KERNELS: [Kernel; 4] = [Kernel::Gaussian, Kernel::Bubble, Kernel::MexicanHat, Kernel::Triangle];
const DECAYS: [Decay; 5] =
    [Decay::Linear, Decay::Exponential, Decay::Asymptotic, Decay::Inverse, Decay::Constant];

/// A random valid config with small maps (1×1 and tiny toroidal grids included).
fn config() -> impl Strategy<Value = SomConfig> {
    (
        1usize..7,
        1usize..7,
        1usize..6,
        any::<bool>(),
        any::<bool>(),
        0usize..4,
        (0usize..5, 0.01f32..=1.0, 0.01f32..=1.0),
        (0usize..5, 0.01f32..20.0, 0.01f32..20.0),
        1u64..500,
        any::<bool>(),
    )
        .prop_map(|(rows, cols, dim, hex, toroidal, k, (ld, l0, l1), (sd, s0, s1), steps, seq)| {
            let hex_torus = hex && toroidal;
            SomConfig {
                rows: if hex_torus && rows % 2 == 1 { rows + 1 } else { rows },
                cols,
                dim,
                topology: if hex { Topology::Hexagonal } else { Topology::Rectangular },
                toroidal,
                neighborhood: KERNELS[k],
                learning_rate: Schedule::new(l0, l1, DECAYS[ld]),
                sigma: Schedule::new(s0, s1, DECAYS[sd]),
                steps,
                init: Init::Random,
                order: if seq { Order::Sequential } else { Order::Random },
            }
        })
}

/// A config and `n` data rows in [lo, hi)^dim.
fn config_and_data(
    n: std::ops::Range<usize>,
    lo: f32,
    hi: f32,
) -> impl Strategy<Value = (SomConfig, Vec<f32>)> {
    (config(), n).prop_flat_map(move |(c, n)| {
        let len = c.dim * n;
        (Just(c), prop::collection::vec(lo..hi, len))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Presenting a node's own weights makes it the BMU, or a lower-index node with identical weights.
    #[test]
    fn own_weights_make_the_bmu((c, mut w) in config_and_data(36..37, -1.0, 1.0), pick in any::<prop::sample::Index>(), dup in any::<prop::sample::Index>()) {
        let mut som = Som::new(&c, 0).unwrap();
        let n = som.len();
        w.truncate(n * c.dim);
        w.resize(n * c.dim, 0.5);
        let (i, j) = (pick.index(n), dup.index(n));
        // sometimes a copy of node i elsewhere, to exercise the tie rule
        let copy = w[i * c.dim..(i + 1) * c.dim].to_vec();
        w[j * c.dim..(j + 1) * c.dim].copy_from_slice(&copy);
        som.set_weights(&w).unwrap();
        let b = som.bmu(&copy);
        prop_assert!(b == i.min(j) || (b < i && som.node_weights(b) == &copy[..]), "bmu {} for node {}", b, i);
        prop_assert_eq!(som.distances(&copy)[b], 0.0);
        prop_assert_eq!(som.bmu_and_second(&copy).0, b);
    }

    /// h ≤ 1 everywhere and exactly 1 at the BMU, for every kernel; h ≥ 0 except the mexican hat.
    #[test]
    fn h_peaks_at_one(c in config(), bmu in any::<prop::sample::Index>(), sigma in 0.001f32..50.0, k in 0usize..4) {
        let c = SomConfig { neighborhood: KERNELS[k], ..c };
        let som = Som::new(&c, 0).unwrap();
        let b = bmu.index(som.len());
        let h = som.neighborhood(b, sigma);
        prop_assert_eq!(h[b], 1.0);
        for &v in &h {
            prop_assert!(v <= 1.0 && v.is_finite());
            prop_assert!(v >= 0.0 || c.neighborhood == Kernel::MexicanHat);
        }
    }

    /// Learning rate 1 with h = 1 puts the BMU exactly on the row.
    #[test]
    fn lr_one_lands_on_the_row((c, x) in config_and_data(1..2, -100.0, 100.0), sigma in 0.01f32..5.0) {
        let mut som = Som::new(&c, 4).unwrap();
        let b = som.bmu(&x);
        som.update(&x, b, 1.0, sigma);
        prop_assert_eq!(som.node_weights(b), &x[..]);
    }

    /// Weights that start inside the data's bounding box stay there (pulls with α·h in [0, 1];
    /// the mexican hat's pushes are clamped into the box of the weights and the row).
    #[test]
    fn weights_stay_in_the_bounding_box((c, data) in config_and_data(2..40, -3.0, 3.0), k in 0usize..4) {
        let c = SomConfig { neighborhood: KERNELS[k], ..c };
        let mut som = Som::new(&c, 1).unwrap();
        som.initialize(Init::Samples, &data).unwrap();
        let lo: Vec<f32> = (0..c.dim).map(|k| data.iter().skip(k).step_by(c.dim).cloned().fold(f32::INFINITY, f32::min)).collect();
        let hi: Vec<f32> = (0..c.dim).map(|k| data.iter().skip(k).step_by(c.dim).cloned().fold(f32::NEG_INFINITY, f32::max)).collect();
        som.train(&data, 300);
        for w in som.weights().chunks(c.dim) {
            for k in 0..c.dim {
                prop_assert!(w[k] >= lo[k] - 1e-6 && w[k] <= hi[k] + 1e-6, "{} outside [{}, {}]", w[k], lo[k], hi[k]);
            }
        }
    }

    /// The same seed gives bit-identical weights; another seed gives different ones (after the
    /// init, and after training with the default schedules; with α ending at 1 or on a 1-node
    /// map two runs can legitimately end in the same place).
    #[test]
    fn seeds_are_deterministic((c, data) in config_and_data(5..30, 0.0, 1.0), seed in any::<u64>()) {
        let bits = |som: &Som| som.weights().iter().map(|w| w.to_bits()).collect::<Vec<u32>>();
        let run = |seed: u64, steps: u64| {
            let mut som = Som::new(&c, seed).unwrap();
            som.train(&data, steps);
            bits(&som)
        };
        prop_assert_eq!(run(seed, 100), run(seed, 100));
        prop_assert_ne!(run(seed, 0), run(seed.wrapping_add(1), 0));
        let d = SomConfig { rows: 6, cols: 5, dim: c.dim, ..SomConfig::default() };
        let trained = |seed: u64| {
            let mut som = Som::new(&d, seed).unwrap();
            som.train(&data, 100);
            bits(&som)
        };
        prop_assert_ne!(trained(seed), trained(seed.wrapping_add(1)));
    }

    /// A batch epoch with a bubble of radius 0.01 (only the BMU) is one k-means step.
    #[test]
    fn batch_with_tiny_bubble_is_kmeans((c, data) in config_and_data(1..60, 0.0, 1.0)) {
        let c = SomConfig { neighborhood: Kernel::Bubble, sigma: Schedule::constant(0.01), ..c };
        let mut som = Som::new(&c, 2).unwrap();
        som.initialize(Init::Samples, &data).unwrap();
        let before = som.weights().to_vec();
        let bmus = som.bmus(&data);
        som.batch_epoch(&data);
        let n_rows = data.len() / c.dim;
        prop_assert_eq!(som.t(), n_rows as u64);
        for i in 0..som.len() {
            let rows: Vec<&[f32]> = data.chunks(c.dim).zip(&bmus).filter(|(_, &b)| b as usize == i).map(|(r, _)| r).collect();
            for k in 0..c.dim {
                let expected = if rows.is_empty() {
                    before[i * c.dim + k]
                } else {
                    (rows.iter().map(|r| r[k] as f64).sum::<f64>() / rows.len() as f64) as f32
                };
                prop_assert!((som.node_weights(i)[k] - expected).abs() <= 1e-6, "node {} dim {}: {} vs {}", i, k, som.node_weights(i)[k], expected);
            }
        }
    }

    /// Every schedule starts at `start` and ends where its doc says, stays there, and is monotone.
    #[test]
    fn schedules_start_and_end(p0 in 0.01f32..100.0, p1 in 0.01f32..100.0, d in 0usize..5, steps in 1u64..100_000) {
        let s = Schedule::new(p0, p1, DECAYS[d]);
        prop_assert_eq!(s.at(0, steps), p0);
        let end = match s.decay {
            Decay::Asymptotic => p0 / 3.0,
            Decay::Constant => p0,
            _ => p1,
        };
        prop_assert!((s.at(steps, steps) - end).abs() <= 1e-6 * end.max(1.0));
        prop_assert_eq!(s.at(steps, steps), s.at(steps * 3 + 7, steps));
        prop_assert_eq!(s.at(steps, steps), s.final_value());
        let (lo, hi) = (p0.min(end), p0.max(end));
        let mut prev = p0;
        for i in 0..=20 {
            let v = s.at(steps * i / 20, steps);
            prop_assert!(v >= lo * (1.0 - 1e-6) && v <= hi * (1.0 + 1e-6), "{} outside [{}, {}]", v, lo, hi);
            let monotone = if end <= p0 { v <= prev * (1.0 + 1e-6) } else { v >= prev * (1.0 - 1e-6) };
            prop_assert!(monotone, "not monotone: {} after {}", v, prev);
            prev = v;
        }
    }

    /// set_weights refuses the wrong length and non-finite values with the right messages.
    #[test]
    fn set_weights_refusals(c in config(), extra in 1usize..5, shorter in any::<bool>(), bad in any::<prop::sample::Index>(), which in 0usize..3) {
        let mut som = Som::new(&c, 0).unwrap();
        let n = som.len() * c.dim;
        let len = if shorter { n.saturating_sub(extra) } else { n + extra };
        let err = som.set_weights(&vec![0.5; len]).unwrap_err();
        prop_assert_eq!(err.to_string(), format!("weights: expected {} values, got {}", n, len));
        let mut w = vec![0.5; n];
        let i = bad.index(n);
        w[i] = [f32::NAN, f32::INFINITY, f32::NEG_INFINITY][which];
        prop_assert_eq!(som.set_weights(&w).unwrap_err(), SomError::NonFinite { what: "weights", index: i });
        prop_assert_eq!(som.set_weights(&w).unwrap_err().to_string(),
            format!("weights: value {} is not a finite number (NaN and infinities are not allowed)", i));
    }

    /// Out-of-range sizes are refused with a message naming the field and the value.
    #[test]
    fn bad_sizes_refused(rows in 0usize..1000, cols in 0usize..1000, dim in 0usize..3000) {
        let c = SomConfig { rows, cols, dim, ..SomConfig::default() };
        match Som::new(&c, 0) {
            Ok(_) => prop_assert!((1..=200).contains(&rows) && (1..=200).contains(&cols) && (1..=1024).contains(&dim)),
            Err(e) => {
                let s = e.to_string();
                if !(1..=200).contains(&rows) {
                    prop_assert_eq!(s, format!("rows must be an integer from 1 to 200, got {}", rows));
                } else if !(1..=200).contains(&cols) {
                    prop_assert_eq!(s, format!("cols must be an integer from 1 to 200, got {}", cols));
                } else {
                    prop_assert_eq!(s, format!("dim must be an integer from 1 to 1024, got {}", dim));
                }
            }
        }
    }

    /// Arbitrary valid configs and data: no call panics, and everything stays finite.
    #[test]
    fn no_panics((c, data) in config_and_data(1..20, -5.0, 5.0), seed in any::<u64>(), bmus in prop::collection::vec(any::<prop::sample::Index>(), 0..4)) {
        let mut som = Som::new(&c, seed).unwrap();
        let n = som.len();
        for init in [Init::Random, Init::Samples, Init::Pca] {
            let r = som.initialize(init, &data);
            prop_assert!(r.is_ok() || (init == Init::Pca && data.len() / c.dim < 2));
        }
        som.train(&data, 50);
        let tr = som.step_trace(&data[..c.dim], 0);
        prop_assert_eq!(tr.h.len(), n);
        som.batch_epoch(&data);
        prop_assert!(som.quantization_error(&data).is_finite());
        let te = som.topographic_error(&data);
        prop_assert!((0.0..=1.0).contains(&te));
        prop_assert!(som.u_matrix().iter().all(|u| u.is_finite() && *u >= 0.0));
        prop_assert_eq!(som.hits(&data).iter().sum::<u32>() as usize, data.len() / c.dim);
        let b: Vec<usize> = bmus.iter().map(|i| i.index(n)).collect();
        prop_assert_eq!(som.pulls(&b, som.learning_rate(), som.sigma()).len(), b.len() * n);
        prop_assert_eq!(som.grid().positions().len(), 2 * n);
        for i in 0..n {
            let nb = som.grid().neighbors(i);
            prop_assert!(!nb.contains(&i));
            for &j in &nb {
                prop_assert!(som.grid().are_neighbors(j, i), "{} {} not symmetric", i, j);
            }
        }
        // every kernel, the mexican hat too (its pushes are bounded)
        prop_assert!(som.weights().iter().all(|w| w.is_finite()));
    }
}

/// Quantization error falls with training on uniform data (2000 steps vs the random init).
#[test]
fn quantization_error_falls_with_training() {
    use rand_core::{RngCore, SeedableRng};
    for (seed, topology, toroidal) in
        [(1, Topology::Rectangular, false), (2, Topology::Hexagonal, true), (3, Topology::Rectangular, true)]
    {
        let mut rng = rand_pcg::Pcg32::seed_from_u64(seed);
        let data: Vec<f32> = (0..3000).map(|_| (rng.next_u32() >> 8) as f32 / 16_777_216.0).collect();
        let c = SomConfig { rows: 8, cols: 8, topology, toroidal, steps: 2000, ..SomConfig::default() };
        let mut som = Som::new(&c, seed).unwrap();
        let q0 = som.quantization_error(&data);
        som.train(&data, 1000);
        let q1 = som.quantization_error(&data);
        som.train(&data, 1000);
        let q2 = som.quantization_error(&data);
        assert!(q2 < q1 && q1 < q0 && q2 < 0.25 * q0, "{q0} {q1} {q2}");
        // the map also becomes ordered: few topographic errors
        assert!(som.topographic_error(&data) < 0.3);
    }
}
