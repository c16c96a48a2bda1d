//! Property tests: the parser never panics and never stores non-finite values; scalings and
//! generators keep their promises for arbitrary input.

use proptest::prelude::*;
use som_playground::data::{builtin, inspect_csv, parse_csv, CsvOptions, Dataset, Scaling, BUILTIN_NAMES};

fn check_dataset(d: &Dataset) {
    assert!(d.dim() >= 1 && d.rows() >= 1);
    assert_eq!(d.values().len(), d.rows() * d.dim());
    assert!(d.values().iter().all(|v| v.is_finite()));
    assert_eq!(d.columns().len(), d.dim());
    if let Some(labels) = d.labels() {
        assert_eq!(labels.len(), d.rows());
    }
}

/// Text made of CSV-significant pieces, so that the structure varies a lot.
fn csvish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(",".to_string()),
        Just(";".to_string()),
        Just("\t".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\"".to_string()),
        Just(" ".to_string()),
        Just("NaN".to_string()),
        Just("inf".to_string()),
        Just("1e39".to_string()),
        Just("\u{feff}".to_string()),
        "-?[0-9]{1,3}(\\.[0-9]{1,2})?",
        "[a-zé<>&]{1,4}",
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn options() -> impl Strategy<Value = CsvOptions> {
    (proptest::option::of(proptest::collection::vec(0usize..6, 0..4)), proptest::option::of(0usize..6))
        .prop_map(|(columns, label)| CsvOptions { columns, label, no_label: false })
}

/// Finite data of 1..=4 columns and 1..=30 rows, sometimes with extreme or constant columns.
fn finite_data() -> impl Strategy<Value = (Vec<f32>, usize)> {
    let value = prop_oneof![
        -1e6f32..1e6,
        Just(0.0f32),
        // the largest magnitudes a Dataset accepts
        Just(som_playground::data::MAX_ABS_VALUE),
        Just(-som_playground::data::MAX_ABS_VALUE),
        Just(1e-38f32),
        -1.0f32..1.0,
    ];
    (1usize..=4, 1usize..=30)
        .prop_flat_map(move |(dim, rows)| (proptest::collection::vec(value.clone(), dim * rows), Just(dim)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parse_never_panics_on_any_string(text in any::<String>()) {
        if let Ok(d) = parse_csv(&text, &CsvOptions::default()) {
            check_dataset(&d);
        }
        let _ = inspect_csv(&text);
    }

    #[test]
    fn parse_never_panics_on_csvish_text(text in csvish(), opts in options()) {
        if let Ok(d) = parse_csv(&text, &opts) {
            check_dataset(&d);
        }
        if let Ok(d) = parse_csv(&text, &CsvOptions::default()) {
            check_dataset(&d);
        }
        if let Ok(info) = inspect_csv(&text) {
            prop_assert_eq!(info.headers.len(), info.numeric.len());
            prop_assert!(info.rows >= 1 && info.preview.len() <= 5);
        }
    }

    #[test]
    fn parse_round_trips_numbers(
        rows in proptest::collection::vec(proptest::collection::vec(-1e6f32..1e6, 3), 1..20)
    ) {
        let text: String = rows.iter()
            .map(|r| r.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(",") + "\n")
            .collect();
        let d = parse_csv(&text, &CsvOptions::default()).unwrap();
        let expected = rows.concat();
        prop_assert_eq!(d.values(), expected.as_slice());
    }

    #[test]
    fn min_max_in_unit_interval((values, dim) in finite_data()) {
        let d = Dataset::new(values, dim).unwrap();
        let s = d.scaled(Scaling::MinMax);
        check_dataset(&s);
        prop_assert!(s.values().iter().all(|v| (0.0..=1.0).contains(v)));
        let (lo, hi) = d.column_bounds();
        for k in 0..dim {
            let col: Vec<f32> = s.values().iter().skip(k).step_by(dim).copied().collect();
            if lo[k] == hi[k] {
                prop_assert!(col.iter().all(|&v| v == 0.5));
            } else {
                prop_assert!(col.contains(&0.0) && col.contains(&1.0));
            }
        }
    }

    #[test]
    fn z_score_mean_zero_sd_one((values, dim) in finite_data()) {
        let d = Dataset::new(values, dim).unwrap();
        let s = d.scaled(Scaling::ZScore);
        check_dataset(&s);
        let (lo, hi) = d.column_bounds();
        let n = d.rows() as f64;
        for k in 0..dim {
            let col: Vec<f64> = s.values().iter().skip(k).step_by(dim).map(|&v| v as f64).collect();
            if lo[k] == hi[k] {
                prop_assert!(col.iter().all(|&v| v == 0.0));
            } else {
                let mean = col.iter().sum::<f64>() / n;
                let sd = (col.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt();
                prop_assert!(mean.abs() < 1e-4, "mean {}", mean);
                prop_assert!((sd - 1.0).abs() < 1e-4, "sd {}", sd);
            }
        }
    }

    #[test]
    fn generators_are_seeded_and_in_range(
        which in 0usize..5, rows in 1usize..400, seed in any::<u64>()
    ) {
        let name = BUILTIN_NAMES[which];
        let a = builtin(name, rows, seed).unwrap();
        check_dataset(&a);
        prop_assert_eq!(a.rows(), rows);
        prop_assert!(a.values().iter().all(|v| (0.0..=1.0).contains(v)));
        prop_assert_eq!(&a, &builtin(name, rows, seed).unwrap());
        let b = builtin(name, rows, seed.wrapping_add(1)).unwrap();
        prop_assert_ne!(a.values(), b.values());
    }
}
