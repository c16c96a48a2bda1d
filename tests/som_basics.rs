//! Hand-computed examples, grid geometry, error messages and small metric checks.
#![allow(clippy::excessive_precision)] // expected values keep the digits computed by hand

use som_playground::som::{Decay, Grid, Init, Kernel, Order, Schedule, Som, SomConfig, SomError, Topology};

fn approx(a: f32, b: f32, tol: f32) -> bool {
    (a - b).abs() <= tol
}

/// The lecture's example: 3 features, a 3×3 map (nodes 0..8, node = row·3 + col).
fn lecture_som() -> Som {
    let c = SomConfig { rows: 3, cols: 3, dim: 3, ..SomConfig::default() };
    let mut som = Som::new(&c, 0).unwrap();
    #[rustfmt::skip]
    let w = [
        0.1, 0.2, 0.3,   0.5, 0.5, 0.5,   0.9, 0.1, 0.1,
        0.2, 0.8, 0.2,   0.4, 0.6, 0.7,   1.0, 1.0, 0.0,
        0.0, 0.0, 1.0,   0.3, 0.3, 0.9,   0.7, 0.9, 0.6,
    ];
    som.set_weights(&w).unwrap();
    som
}

const X: [f32; 3] = [0.5, 0.7, 0.8];

#[test]
fn lecture_example_distances_bmu_h_update() {
    let mut som = lecture_som();
    // x − w and Σ(x − w)²:
    // n0 (0.4, 0.5, 0.5)    0.16+0.25+0.25 = 0.66  → √ = 0.812404
    // n1 (0.0, 0.2, 0.3)    0+0.04+0.09    = 0.13  → 0.360555
    // n2 (−0.4, 0.6, 0.7)   0.16+0.36+0.49 = 1.01  → 1.004988
    // n3 (0.3, −0.1, 0.6)   0.09+0.01+0.36 = 0.46  → 0.678233
    // n4 (0.1, 0.1, 0.1)    0.01·3         = 0.03  → 0.173205  ← smallest: the BMU
    // n5 (−0.5, −0.3, 0.8)  0.25+0.09+0.64 = 0.98  → 0.989949
    // n6 (0.5, 0.7, −0.2)   0.25+0.49+0.04 = 0.78  → 0.883176
    // n7 (0.2, 0.4, −0.1)   0.04+0.16+0.01 = 0.21  → 0.458258
    // n8 (−0.2, −0.2, 0.2)  0.04·3         = 0.12  → 0.346410
    let expected_d =
        [0.812404, 0.360555, 1.004988, 0.678233, 0.173205, 0.989949, 0.883176, 0.458258, 0.346410];
    for (i, (d, e)) in som.distances(&X).iter().zip(expected_d).enumerate() {
        assert!(approx(*d, e, 1e-6), "distance {i}: {d} vs {e}");
    }
    assert_eq!(som.bmu(&X), 4);
    assert_eq!(som.bmu_and_second(&X), (4, 8)); // 0.1732 then 0.3464

    // Gaussian, σ = 1, rectangular: centre 1; edge neighbours d = 1 → exp(−1/2) = 0.606531;
    // diagonals d = √2 → exp(−2/2) = exp(−1) = 0.367879.
    let h = som.neighborhood(4, 1.0);
    let (e, k) = (0.606_530_66, 0.367_879_44);
    let expected_h = [k, e, k, e, 1.0, e, k, e, k];
    for (i, (a, b)) in h.iter().zip(expected_h).enumerate() {
        assert!(approx(*a, b, 1e-6), "h {i}: {a} vs {b}");
    }
    assert_eq!(h[4], 1.0);

    // Update with α = 0.5: w += 0.5·h·(x − w); coefficients 0.5 (BMU), 0.5·0.606531 = 0.303265
    // (edges), 0.5·0.367879 = 0.183940 (corners).
    som.update(&X, 4, 0.5, 1.0);
    #[rustfmt::skip]
    let expected = [
        // n0: 0.1+0.183940·0.4, 0.2+0.183940·0.5, 0.3+0.183940·0.5
        0.173_575_89, 0.291_969_86, 0.391_969_86,
        // n1: 0.5+0.303265·0, 0.5+0.303265·0.2, 0.5+0.303265·0.3
        0.5, 0.560_653_07, 0.590_979_6,
        // n2: 0.9−0.183940·0.4, 0.1+0.183940·0.6, 0.1+0.183940·0.7
        0.826_424_1, 0.210_363_83, 0.228_757_8,
        // n3: 0.2+0.303265·0.3, 0.8−0.303265·0.1, 0.2+0.303265·0.6
        0.290_979_6, 0.769_673_47, 0.381_959_2,
        // n4 (BMU): 0.4+0.5·0.1, 0.6+0.5·0.1, 0.7+0.5·0.1
        0.45, 0.65, 0.75,
        // n5: 1−0.303265·0.5, 1−0.303265·0.3, 0+0.303265·0.8
        0.848_367_3, 0.909_020_4, 0.242_612_26,
        // n6: 0+0.183940·0.5, 0+0.183940·0.7, 1−0.183940·0.2
        0.091_969_86, 0.128_757_8, 0.963_212_06,
        // n7: 0.3+0.303265·0.2, 0.3+0.303265·0.4, 0.9−0.303265·0.1
        0.360_653_07, 0.421_306_13, 0.869_673_47,
        // n8: 0.7−0.183940·0.2, 0.9−0.183940·0.2, 0.6+0.183940·0.2
        0.663_212_06, 0.863_212_06, 0.636_787_94,
    ];
    for (i, (a, b)) in som.weights().iter().zip(expected).enumerate() {
        assert!(approx(*a, b, 1e-6), "weight {i}: {a} vs {b}");
    }
}

#[test]
fn lecture_example_bubble_moves_only_the_cross() {
    let c = SomConfig { rows: 3, cols: 3, neighborhood: Kernel::Bubble, ..SomConfig::default() };
    let mut som = lecture_som();
    som.reconfigure(&c).unwrap();
    // σ = 1 inclusive: BMU and its 4 edge neighbours (d = 1) get h = 1; diagonals (√2) get 0.
    assert_eq!(som.neighborhood(4, 1.0), vec![0., 1., 0., 1., 1., 1., 0., 1., 0.]);
    let before = som.weights().to_vec();
    som.update(&X, 4, 0.5, 1.0);
    for i in [0, 2, 6, 8] {
        assert_eq!(som.node_weights(i), &before[i * 3..i * 3 + 3]);
    }
    // n1: 0.5 + 0.5·(0.5−0.5, 0.7−0.5, 0.8−0.5) = (0.5, 0.6, 0.65)
    let n1 = som.node_weights(1);
    assert!(approx(n1[0], 0.5, 1e-7) && approx(n1[1], 0.6, 1e-7) && approx(n1[2], 0.65, 1e-7));
}

#[test]
fn lecture_example_step_uses_the_schedules() {
    let mut som = lecture_som();
    // t = 0: α = 0.5, σ = 5 (defaults); the BMU is still node 4.
    assert_eq!(som.learning_rate(), 0.5);
    assert_eq!(som.sigma(), 5.0);
    assert_eq!(som.step(&X), 4);
    assert_eq!(som.t(), 1);
    // exponential: α(1) = 0.5·(0.01/0.5)^(1/10000)
    let expected = 0.5 * (0.02f64).powf(1e-4);
    assert!((som.learning_rate() as f64 - expected).abs() < 1e-7);
}

#[test]
fn hexagonal_interior_node_has_six_neighbours_at_distance_one() {
    let g = Grid::new(6, 7, Topology::Hexagonal, false);
    for node in [2 * 7 + 3, 3 * 7 + 3] {
        // an even and an odd row
        let mut by_distance: Vec<usize> =
            (0..g.len()).filter(|&j| (g.distance(node, j) - 1.0).abs() < 1e-6).collect();
        by_distance.sort();
        let mut nb = g.neighbors(node);
        nb.sort();
        assert_eq!(nb.len(), 6);
        assert_eq!(nb, by_distance);
        for &j in &nb {
            assert_eq!(g.distance(node, j), 1.0);
            let ((xa, ya), (xb, yb)) = (g.position(node), g.position(j));
            assert!((((xa - xb).powi(2) + (ya - yb).powi(2)).sqrt() - 1.0).abs() < 1e-6);
        }
        // the next rings: 6 nodes at √3, 6 at 2
        let ring = |r: f32| (0..g.len()).filter(|&j| (g.distance(node, j) - r).abs() < 1e-5).count();
        assert_eq!((ring(3f32.sqrt()), ring(2.0)), (6, 6));
    }
    // odd-r: row 1 is shifted right by half a node
    assert_eq!(g.position(7), (0.5, 3f32.sqrt() / 2.0));
    assert_eq!(g.neighbors(0), vec![1, 7]); // corner (0,0): right and below-right
}

#[test]
fn rectangular_and_toroidal_neighbours() {
    let g = Grid::new(4, 5, Topology::Rectangular, false);
    assert_eq!(g.neighbors(0), vec![1, 5]);
    assert_eq!(g.neighbors(6).len(), 4);
    assert_eq!(g.distance(0, 6), 2f32.sqrt());
    let t = Grid::new(4, 5, Topology::Rectangular, true);
    assert_eq!(t.distance(0, 4), 1.0); // wraps across the columns
    assert_eq!(t.distance(0, 19), 2f32.sqrt()); // opposite corner: one step each way
    assert_eq!(t.distance(0, 2 * 5 + 2), 8f32.sqrt()); // (2,2) is 2 away both ways
    let mut n = t.neighbors(0);
    n.sort();
    assert_eq!(n, vec![1, 4, 5, 15]);
    let h = Grid::new(4, 5, Topology::Hexagonal, true);
    for i in 0..h.len() {
        let nb = h.neighbors(i);
        assert_eq!(nb.len(), 6, "node {i}");
        for j in nb {
            assert_eq!(h.distance(i, j), 1.0, "{i}-{j}");
            assert!(h.are_neighbors(j, i));
        }
    }
    // tiny toroidal grids: no duplicates, never the node itself
    assert!(Grid::new(1, 1, Topology::Rectangular, true).neighbors(0).is_empty());
    assert_eq!(Grid::new(2, 2, Topology::Rectangular, true).neighbors(0), vec![2, 1]);
    assert_eq!(Grid::new(1, 3, Topology::Rectangular, true).neighbors(0), vec![2, 1]);
    assert_eq!(Grid::new(2, 1, Topology::Hexagonal, true).neighbors(0), vec![1]);
}

#[test]
fn kernel_values() {
    assert_eq!(Kernel::Bubble.h(2.0, 2.0), 1.0);
    assert_eq!(Kernel::Bubble.h(2.0001, 2.0), 0.0);
    assert_eq!(Kernel::Triangle.h(3.0, 2.0), 0.0);
    assert!(approx(Kernel::MexicanHat.h(2.0, 1.0), -3.0 * (-2.0f32).exp(), 1e-7));
    for k in [Kernel::Gaussian, Kernel::Bubble, Kernel::MexicanHat, Kernel::Triangle] {
        assert_eq!(k.h(0.0, 0.0), 1.0);
        assert_eq!(k.h(0.0, 3.0), 1.0);
    }
}

#[test]
fn config_errors_name_the_field() {
    let msg = |c: SomConfig| Som::new(&c, 0).unwrap_err().to_string();
    let d = SomConfig::default;
    assert_eq!(msg(SomConfig { rows: 0, ..d() }), "rows must be an integer from 1 to 200, got 0");
    assert_eq!(msg(SomConfig { cols: 201, ..d() }), "cols must be an integer from 1 to 200, got 201");
    assert_eq!(msg(SomConfig { dim: 0, ..d() }), "dim must be an integer from 1 to 1024, got 0");
    let lr = |s, e| Schedule::new(s, e, Decay::Linear);
    assert_eq!(
        msg(SomConfig { learning_rate: lr(0.0, 0.1), ..d() }),
        "learningRate must be a number greater than 0 and at most 1, got 0"
    );
    assert_eq!(
        msg(SomConfig { learning_rate: lr(0.5, 1.5), ..d() }),
        "learningRateEnd must be a number greater than 0 and at most 1, got 1.5"
    );
    assert_eq!(
        msg(SomConfig { sigma: lr(f32::NAN, 1.0), ..d() }),
        "sigma must be a number from 0.01 to 1000, got NaN"
    );
    assert_eq!(
        msg(SomConfig { sigma: lr(1.0, -1.0), ..d() }),
        "sigmaEnd must be a number from 0.01 to 1000, got -1"
    );
    assert_eq!(
        msg(SomConfig { steps: 0, ..d() }),
        "steps must be an integer from 1 to 1000000000000, got 0"
    );
    let hex = SomConfig { rows: 5, topology: Topology::Hexagonal, toroidal: true, ..d() };
    assert!(msg(hex).starts_with("rows must be an even number on a hexagonal toroidal grid"));
    assert!(Som::new(&SomConfig { rows: 6, topology: Topology::Hexagonal, toroidal: true, ..d() }, 0).is_ok());
    assert!(matches!(
        Som::new(&SomConfig { rows: 0, ..d() }, 0),
        Err(SomError::InvalidConfig { field: "rows", .. })
    ));
}

#[test]
fn names_parse_and_unknown_names_list_the_valid_ones() {
    let cases = [
        (
            "gauss".parse::<Kernel>().map(drop),
            "unknown neighborhood 'gauss'; valid values are gaussian, bubble, mexicanHat, triangle",
        ),
        (
            "hex".parse::<Topology>().map(drop),
            "unknown topology 'hex'; valid values are rectangular, hexagonal",
        ),
        (
            "log".parse::<Decay>().map(drop),
            "unknown decay 'log'; valid values are linear, exponential, asymptotic, inverse, constant",
        ),
        ("x".parse::<Init>().map(drop), "unknown init 'x'; valid values are random, samples, pca"),
        ("x".parse::<Order>().map(drop), "unknown order 'x'; valid values are random, sequential"),
    ];
    for (parsed, message) in cases {
        assert_eq!(parsed.unwrap_err().to_string(), message);
    }
    for n in Kernel::NAMES {
        assert_eq!(n.parse::<Kernel>().unwrap().name(), *n);
    }
    for n in Decay::NAMES {
        assert_eq!(n.parse::<Decay>().unwrap().name(), *n);
    }
    for n in Topology::NAMES.iter().chain(Init::NAMES).chain(Order::NAMES) {
        let ok = n
            .parse::<Topology>()
            .map(|v| v.name())
            .or_else(|_| n.parse::<Init>().map(|v| v.name()))
            .or_else(|_| n.parse::<Order>().map(|v| v.name()));
        assert_eq!(ok.unwrap(), *n);
    }
    assert!("Gaussian".parse::<Kernel>().is_err()); // case-sensitive
}

#[test]
fn set_weights_and_initialize_refuse_bad_buffers() {
    let mut som = lecture_som();
    let before = som.weights().to_vec();
    assert_eq!(som.set_weights(&[0.0; 26]).unwrap_err().to_string(), "weights: expected 27 values, got 26");
    let mut w = [0.5; 27];
    w[3] = f32::NAN;
    assert_eq!(
        som.set_weights(&w).unwrap_err().to_string(),
        "weights: value 3 is not a finite number (NaN and infinities are not allowed)"
    );
    assert_eq!(som.weights(), &before[..]);
    assert_eq!(
        som.initialize(Init::Pca, &[1.0, 2.0, 3.0]).unwrap_err().to_string(),
        "pca init needs at least 2 rows, got 1"
    );
    assert_eq!(
        som.initialize(Init::Samples, &[]).unwrap_err().to_string(),
        "samples init needs at least 1 row, got 0"
    );
    assert_eq!(
        som.initialize(Init::Samples, &[1.0; 7]).unwrap_err().to_string(),
        "data: expected 6 values, got 7"
    );
    assert_eq!(
        som.initialize(Init::Pca, &[1.0, 2.0, f32::INFINITY, 0.0, 0.0, 0.0]).unwrap_err(),
        SomError::NonFinite { what: "data", index: 2 }
    );
}

#[test]
fn initializations() {
    let c = SomConfig { rows: 4, cols: 6, dim: 3, ..SomConfig::default() };
    let mut som = Som::new(&c, 9).unwrap();
    assert!(som.weights().iter().all(|&w| (0.01..0.1).contains(&w)));
    // data on a line through (1,1,1) along (1,2,2)/3, spread by t in [-3, 3], plus a small
    // second direction along (0,1,-1)/√2
    // (each t twice, with s = ±0.1, so the two directions are uncorrelated)
    let data: Vec<f32> = (0..100)
        .flat_map(|j| {
            let t = -3.0 + 6.0 * (j / 2) as f32 / 49.0;
            let s = if j % 2 == 0 { 0.1 } else { -0.1 };
            [1.0 + t / 3.0, 1.0 + 2.0 * t / 3.0 + s / 2f32.sqrt(), 1.0 + 2.0 * t / 3.0 - s / 2f32.sqrt()]
        })
        .collect();
    som.step(&data[..3]);
    som.initialize(Init::Pca, &data).unwrap();
    assert_eq!(som.t(), 0);
    // mean of the sheet = mean of the data (1,1,1); corners along the first component differ by
    // 2 sd along (1,2,2)/3 across the 6 columns
    let mean: Vec<f32> = (0..3).map(|k| som.weights().chunks(3).map(|w| w[k]).sum::<f32>() / 24.0).collect();
    assert!(mean.iter().all(|m| approx(*m, 1.0, 1e-5)), "{mean:?}");
    for m in mean {
        assert!(approx(m, 1.0, 1e-5));
    }
    let sd1 = {
        let ts: Vec<f32> = (0..50).map(|j| -3.0 + 6.0 * j as f32 / 49.0).collect();
        (ts.iter().map(|t| t * t).sum::<f32>() / 50.0).sqrt()
    };
    let (a, b) = (som.node_weights(0), som.node_weights(5));
    let span: Vec<f32> = (0..3).map(|k| b[k] - a[k]).collect();
    let expected = [2.0 * sd1 / 3.0, 4.0 * sd1 / 3.0, 4.0 * sd1 / 3.0];
    for k in 0..3 {
        assert!(approx(span[k], expected[k], 1e-3), "{span:?} vs {expected:?}");
    }
    // down the rows: the second component (0,1,−1)/√2 with sd 0.1
    let down: Vec<f32> = (0..3).map(|k| som.node_weights(18)[k] - som.node_weights(0)[k]).collect();
    assert!(approx(down[0], 0.0, 1e-3) && approx(down[1].abs(), 0.2 / 2f32.sqrt(), 1e-3), "{down:?}");
    assert!(approx(down[1], -down[2], 1e-3));
    // samples: every node is one of the rows
    som.initialize(Init::Samples, &data).unwrap();
    for w in som.weights().chunks(3) {
        assert!(data.chunks(3).any(|r| r == w));
    }
}

#[test]
fn metrics_by_hand() {
    let c = SomConfig { rows: 1, cols: 3, dim: 1, ..SomConfig::default() };
    let mut som = Som::new(&c, 0).unwrap();
    som.set_weights(&[0.0, 5.0, 0.2]).unwrap();
    // x = 0.05: distances 0.05, 4.95, 0.15 → BMU 0, second 2: not neighbours → TE 1
    // x = 4.0:  distances 4, 1, 3.8 → BMU 1, second 2: neighbours
    let data = [0.05, 4.0];
    assert_eq!(som.bmu_and_second(&[0.05]), (0, 2));
    assert_eq!(som.topographic_error(&data), 0.5);
    assert!(approx(som.quantization_error(&data), (0.05 + 1.0) / 2.0, 1e-7));
    assert_eq!(som.hits(&data), vec![1, 1, 0]);
    assert_eq!(som.bmus(&data), vec![0, 1]);
    // U-matrix: node 0 → |0−5| = 5; node 1 → (5 + 4.8)/2 = 4.9; node 2 → 4.8
    let u = som.u_matrix();
    assert!(approx(u[0], 5.0, 1e-6) && approx(u[1], 4.9, 1e-6) && approx(u[2], 4.8, 1e-6));
    // toroidal: 0 and 2 become neighbours
    som.reconfigure(&SomConfig { toroidal: true, ..c.clone() }).unwrap();
    assert_eq!(som.topographic_error(&data), 0.0);
    // a 1-node map
    let one = Som::new(&SomConfig { rows: 1, cols: 1, dim: 1, ..c }, 0).unwrap();
    assert_eq!(one.bmu_and_second(&[3.0]), (0, 0));
    assert_eq!(one.topographic_error(&[3.0]), 0.0);
    assert_eq!(one.u_matrix(), vec![0.0]);
}

#[test]
fn pulls_are_scaled_neighbourhoods() {
    let som = lecture_som();
    let p = som.pulls(&[4, 0], 0.5, 1.0);
    assert_eq!(p.len(), 18);
    let (h4, h0) = (som.neighborhood(4, 1.0), som.neighborhood(0, 1.0));
    for i in 0..9 {
        assert_eq!(p[i], 0.5 * h4[i]);
        assert_eq!(p[9 + i], 0.5 * h0[i]);
    }
    assert_eq!(p[4], 0.5);
}

#[test]
fn row_orders() {
    let c = SomConfig { order: Order::Sequential, ..SomConfig::default() };
    let mut som = Som::new(&c, 0).unwrap();
    let seq: Vec<usize> = (0..7).map(|_| som.next_row(3)).collect();
    assert_eq!(seq, vec![0, 1, 2, 0, 1, 2, 0]);
    let mut som = Som::new(&SomConfig::default(), 5).unwrap();
    let mut passes = Vec::new();
    for _ in 0..4 {
        let mut pass: Vec<usize> = (0..10).map(|_| som.next_row(10)).collect();
        passes.push(pass.clone());
        pass.sort();
        assert_eq!(pass, (0..10).collect::<Vec<_>>());
    }
    assert!(passes.windows(2).any(|w| w[0] != w[1]), "a fresh permutation each pass");
    assert_ne!(passes[0], (0..10).collect::<Vec<_>>());
}

#[test]
fn majority_label_is_the_most_common_class_among_the_rows_a_node_wins() {
    use som_playground::som::{Som, SomConfig};
    let config = SomConfig { rows: 1, cols: 2, dim: 1, ..SomConfig::default() };
    let mut som = Som::new(&config, 1).unwrap();
    som.set_weights(&[0.0, 1.0]).unwrap();
    // Rows near 0 win node 0, rows near 1 win node 1.
    let data = [0.1, 0.2, 0.0, 0.9, 0.8];
    let labels = [2, 2, 0, 1, 1];
    assert_eq!(som.majority_labels(&data, &labels), vec![2, 1]);
    // A node that wins no row has no label; a tie goes to the lower class index.
    assert_eq!(som.majority_labels(&[0.0, 0.1], &[1, 0]), vec![0, -1]);
}

#[test]
fn weight_planes_hold_each_column_of_every_node_together() {
    let mut som = lecture_som();
    som.step(&X); // the planes are what training wrote; the row-major view is rebuilt from them
    let (w, planes, n) = (som.weights().to_vec(), som.weight_planes(), som.len());
    assert_eq!(planes.len(), w.len());
    for i in 0..n {
        for k in 0..3 {
            assert_eq!(planes[k * n + i], w[i * 3 + k], "node {i}, column {k}");
        }
    }
    assert_ne!(planes[0..3], w[0..3], "by column, not row-major");
}
