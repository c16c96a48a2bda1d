//! Numbers that stay numbers: no setting the facade accepts makes a weight, h or a metric NaN or
//! infinite (issue 13). Every kernel × decay × topology over random settings, tiny and huge
//! radii, the mexican hat at the settings that used to diverge.
//!
//! `HARDENING_CASES=N` runs N random cases instead of the test suite's few (the fuzz command).

use proptest::prelude::*;
use som_playground::som::{Decay, Init, Kernel, Order, Schedule, Som, SomConfig, Topology};

const KERNELS: [Kernel; 4] = [Kernel::Gaussian, Kernel::Bubble, Kernel::MexicanHat, Kernel::Triangle];
const DECAYS: [Decay; 5] =
    [Decay::Linear, Decay::Exponential, Decay::Asymptotic, Decay::Inverse, Decay::Constant];
const TOPOLOGIES: [(Topology, bool); 4] = [
    (Topology::Rectangular, false),
    (Topology::Rectangular, true),
    (Topology::Hexagonal, false),
    (Topology::Hexagonal, true),
];

fn cases(default: u32) -> u32 {
    std::env::var("HARDENING_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Deterministic uniform data in `[lo, hi)` (no PRNG crate needed).
fn data(rows: usize, dim: usize, lo: f32, hi: f32, seed: u32) -> Vec<f32> {
    let mut s = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    (0..rows * dim)
        .map(|_| {
            s = s.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            lo + (hi - lo) * ((s >> 8) as f32 / 16_777_216.0)
        })
        .collect()
}

fn all_finite(som: &Som, data: &[f32]) -> Result<(), String> {
    if let Some(i) = som.weights().iter().position(|w| !w.is_finite()) {
        return Err(format!("weight {i} is {} at t = {}", som.weights()[i], som.t()));
    }
    let h = som.neighborhood(0, som.sigma());
    if let Some(i) = h.iter().position(|v| !v.is_finite()) {
        return Err(format!("h[{i}] is {}", h[i]));
    }
    let (qe, te) = (som.quantization_error(data), som.topographic_error(data));
    if !qe.is_finite() || !te.is_finite() {
        return Err(format!("quantization error {qe}, topographic error {te}"));
    }
    if som.u_matrix().iter().any(|u| !u.is_finite()) {
        return Err("u-matrix not finite".into());
    }
    Ok(())
}

/// A radius from the whole range a config or the facade might give: tiny (down to 1e-38 and
/// subnormal), ordinary and huge.
fn sigma() -> impl Strategy<Value = f32> {
    prop_oneof![
        (-40.0f32..3.0).prop_map(|e| 10f32.powf(e)),
        0.3f32..6.0,
        Just(0.01),
        Just(1000.0),
        Just(1e-19),
        Just(1e-45),
        Just(f32::MIN_POSITIVE),
    ]
}

fn learning_rate() -> impl Strategy<Value = f32> {
    prop_oneof![0.0001f32..=1.0, 0.5f32..=1.0, Just(1.0)]
}

/// One map of `combo` (an index into kernel × decay × topology) trained for 10 000 steps and
/// one batch epoch; every weight, h and metric checked afterwards.
#[allow(clippy::too_many_arguments)]
fn run(
    combo: usize,
    side: (usize, usize),
    dim: usize,
    s: (f32, f32),
    l: (f32, f32),
    steps: u64,
    scale: f32,
    seed: u32,
) -> Result<(), String> {
    let kernel = KERNELS[combo % 4];
    let decay = DECAYS[combo / 4 % 5];
    let (topology, toroidal) = TOPOLOGIES[combo / 20 % 4];
    let rows = if topology == Topology::Hexagonal && toroidal { side.0 + side.0 % 2 } else { side.0 };
    let config = SomConfig {
        rows,
        cols: side.1,
        dim,
        topology,
        toroidal,
        neighborhood: kernel,
        learning_rate: Schedule::new(l.0, l.1, decay),
        sigma: Schedule::new(s.0, s.1, decay),
        steps,
        init: Init::Samples,
        order: Order::Random,
    };
    let rows_data = data(50, dim, -scale, scale, seed);
    // The config takes σ within the option table's range (0.01 to 1000); the raw σ, however
    // small, goes straight to `update`, which must be safe for any σ too.
    let valid = |v: f32| v.clamp(0.01, 1000.0);
    let config = SomConfig { sigma: Schedule::new(valid(s.0), valid(s.1), decay), ..config };
    let mut som = Som::new(&config, seed as u64).map_err(|e| e.to_string())?;
    som.initialize(Init::Samples, &rows_data).map_err(|e| e.to_string())?;
    som.train(&rows_data, 8_000);
    for (i, x) in rows_data.chunks_exact(dim).cycle().take(2_000).enumerate() {
        let b = som.bmu(x);
        som.update(x, b, som.learning_rate(), if i % 2 == 0 { s.0 } else { s.1 });
    }
    all_finite(&som, &rows_data).map_err(|e| format!("{config:?}, raw σ {s:?}: {e}"))?;
    som.batch_epoch(&rows_data);
    all_finite(&som, &rows_data).map_err(|e| format!("batch {config:?}: {e}"))
}

/// Every kernel × decay × topology (80 combinations) for 10 000 steps on a small map, at
/// settings that stress it: α = 1, a tiny end radius, and data at ±1e15.
#[test]
fn every_kernel_decay_topology_stays_finite() {
    for combo in 0..80 {
        run(combo, (3, 4), 2, (3.0, 1e-19), (1.0, 1.0), 4_000, 1e15, combo as u32).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(8)))]

    /// Random combinations, radii (1e-40 to 1000, subnormal), learning rates, horizons, map
    /// sizes and data ranges (1e-20 to ±1e15): 10 000 steps, everything finite.
    #[test]
    fn random_settings_stay_finite(
        combo in 0usize..80,
        side in (1usize..9, 1usize..9),
        dim in 1usize..5,
        s in (sigma(), sigma()),
        l in (learning_rate(), learning_rate()),
        steps in prop_oneof![1u64..20_000, Just(1_000_000_000_000u64)],
        scale in prop_oneof![Just(1.0f32), Just(1e15f32), Just(1e-20f32)],
        seed in any::<u32>(),
    ) {
        let r = run(combo, side, dim, s, l, steps, scale, seed);
        prop_assert!(r.is_ok(), "{}", r.unwrap_err());
    }

    /// Every kernel, any distance, any radius: h is finite, within [−0.45, 1], 1 at d = 0.
    #[test]
    fn kernels_are_total(d in prop_oneof![0.0f32..400.0, Just(0.0), Just(1.0)], s in prop_oneof![sigma(), Just(0.0), Just(f32::NAN), Just(f32::INFINITY), Just(-1.0)]) {
        for k in KERNELS {
            let h = k.h(d, s);
            prop_assert!(h.is_finite() && (-0.45..=1.0).contains(&h), "{k:?} h({d}, {s}) = {h}");
            if d == 0.0 {
                prop_assert_eq!(h, 1.0);
            }
        }
    }
}

/// The settings from issue 13 under which the mexican hat's weights reached 1e38 and then
/// overflowed (α 0.5–1, σ 0.5–5, constant or linear decay, 10×10 and 20×20, 400–4 800 steps):
/// now they stay inside the box of the initial weights and the data.
#[test]
fn mexican_hat_does_not_diverge() {
    let rows = data(200, 3, 0.0, 1.0, 7);
    for (side, lr, sigma, decay) in [
        (10, 1.0, 2.0, Decay::Constant),
        (10, 0.5, 0.5, Decay::Constant),
        (20, 1.0, 5.0, Decay::Linear),
        (20, 0.8, 1.5, Decay::Constant),
    ] {
        let config = SomConfig {
            rows: side,
            cols: side,
            neighborhood: Kernel::MexicanHat,
            learning_rate: Schedule::new(lr, lr, decay),
            sigma: Schedule::new(sigma, sigma * 0.9, decay),
            steps: 5_000,
            ..SomConfig::default()
        };
        let mut som = Som::new(&config, 3).unwrap();
        som.train(&rows, 5_000);
        // the random init lies in [0.01, 0.1), the data in [0, 1)
        for &w in som.weights() {
            assert!((0.0..=1.0).contains(&w), "{config:?}: weight {w}");
        }
        all_finite(&som, &rows).unwrap();
    }
}

/// σ around 1e-19 made the mexican hat's h NaN (d²/σ² overflowed, times exp(−∞) = 0).
#[test]
fn tiny_sigma_gives_zero_not_nan() {
    for kernel in KERNELS {
        for sigma in [1e-19f32, 1e-20, 1e-30, 1e-45, 0.0] {
            let config = SomConfig { rows: 3, cols: 3, neighborhood: kernel, ..SomConfig::default() };
            let som = Som::new(&config, 1).unwrap();
            let h = som.neighborhood(4, sigma);
            assert_eq!(h[4], 1.0);
            assert!(h.iter().enumerate().all(|(i, &v)| i == 4 || v == 0.0), "{kernel:?} σ {sigma}: {h:?}");
        }
        // updates at the smallest floats: only the BMU moves
        let config = SomConfig { rows: 3, cols: 3, dim: 3, neighborhood: kernel, ..SomConfig::default() };
        let mut som = Som::new(&config, 2).unwrap();
        let rows = data(30, 3, 0.0, 1.0, 3);
        for (i, x) in rows.chunks_exact(3).cycle().take(500).enumerate() {
            let before = som.weights().to_vec();
            let b = som.bmu(x);
            som.update(x, b, 1.0, [1e-19, 1e-38, 1e-45, 0.0, f32::NAN][i % 5]);
            for n in (0..9).filter(|&n| n != b) {
                assert_eq!(som.node_weights(n), &before[n * 3..n * 3 + 3]);
            }
        }
        all_finite(&som, &rows).unwrap();
    }
}

/// Pushes stay in the bounding box of the weights and the row, so with the mexican hat too the
/// weights never leave the data's box once they start inside it.
#[test]
fn mexican_hat_stays_in_the_data_box() {
    let rows = data(300, 2, -3.0, 3.0, 11);
    for (topology, toroidal) in TOPOLOGIES {
        let config = SomConfig {
            rows: 8,
            cols: 8,
            dim: 2,
            topology,
            toroidal,
            neighborhood: Kernel::MexicanHat,
            learning_rate: Schedule::constant(1.0),
            sigma: Schedule::constant(2.0),
            ..SomConfig::default()
        };
        let mut som = Som::new(&config, 5).unwrap();
        som.initialize(Init::Samples, &rows).unwrap();
        som.train(&rows, 3_000);
        let (lo, hi) = (
            rows.iter().cloned().fold(f32::INFINITY, f32::min),
            rows.iter().cloned().fold(f32::NEG_INFINITY, f32::max),
        );
        assert!(som.weights().iter().all(|w| (lo..=hi).contains(w)));
        som.batch_epoch(&rows);
        assert!(som.weights().iter().all(|w| (lo..=hi).contains(w)), "batch: {:?}", som.weights());
    }
}
