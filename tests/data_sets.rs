//! Dataset construction, built-in generators, Iris and scaling on fixed examples.

use som_playground::data::{builtin, DataError, Dataset, Scaling, BUILTIN_NAMES};

#[test]
fn iris_is_fishers_table() {
    let iris = builtin("iris", 5, 99).unwrap();
    assert_eq!((iris.rows(), iris.dim()), (150, 4));
    assert_eq!(iris.columns(), ["sepal_length", "sepal_width", "petal_length", "petal_width"]);
    assert_eq!(iris.row(0), [5.1, 3.5, 1.4, 0.2]);
    assert_eq!(iris.labels().unwrap()[0], "setosa");
    assert_eq!(iris.label_classes(), ["setosa", "versicolor", "virginica"]);
    let idx = iris.label_indices().unwrap();
    for class in 0..3 {
        assert_eq!(idx.iter().filter(|&&i| i == class).count(), 50);
    }
    assert_eq!(iris.row(149), [5.9, 3.0, 5.1, 1.8]);
    assert_eq!(iris, builtin("iris", 1000, 1).unwrap(), "rows and seed are ignored");
}

#[test]
fn generators_shape_names_and_labels() {
    let expect: [(&str, usize, &[&str], usize); 5] = [
        ("rgb", 3, &["red", "green", "blue"], 0),
        ("square", 2, &["x", "y"], 0),
        ("blobs", 2, &["x", "y"], 3),
        ("blobs3d", 3, &["x", "y", "z"], 4),
        ("ring", 2, &["x", "y"], 0),
    ];
    for (name, dim, cols, classes) in expect {
        let d = builtin(name, 240, 3).unwrap();
        assert_eq!((d.rows(), d.dim()), (240, dim), "{name}");
        assert_eq!(d.columns(), cols, "{name}");
        assert_eq!(d.label_classes().len(), classes, "{name}");
        assert!(d.values().iter().all(|v| (0.0..=1.0).contains(v)), "{name}");
        if classes > 0 {
            let idx = d.label_indices().unwrap();
            assert!((0..classes as u32).all(|c| idx.iter().filter(|&&i| i == c).count() == 240 / classes));
        }
    }
    assert_eq!(builtin("blobs", 4, 0).unwrap().labels().unwrap(), ["A", "B", "C", "A"]);
}

#[test]
fn ring_points_lie_on_the_annulus() {
    let d = builtin("ring", 2000, 11).unwrap();
    for p in d.values().chunks(2) {
        let r = ((p[0] - 0.5).powi(2) + (p[1] - 0.5).powi(2)).sqrt();
        assert!((0.2499..=0.4501).contains(&r), "{r}");
    }
}

#[test]
fn blob_means_near_centres() {
    let d = builtin("blobs", 3000, 5).unwrap();
    let mean =
        |c: usize, k: usize| d.values().chunks(2).skip(c).step_by(3).map(|p| p[k]).sum::<f32>() / 1000.0;
    for (c, centre) in [[0.25, 0.3], [0.75, 0.3], [0.5, 0.75]].iter().enumerate() {
        for (k, &m) in centre.iter().enumerate() {
            assert!((mean(c, k) - m).abs() < 0.01, "blob {c} coord {k}: {}", mean(c, k));
        }
    }
}

#[test]
fn rows_are_clamped_and_names_checked() {
    assert_eq!(builtin("square", 0, 1).unwrap().rows(), 1);
    assert_eq!(builtin("rgb", usize::MAX, 1).unwrap().rows(), 100_000);
    assert_eq!(
        builtin("foo", 10, 1).unwrap_err().to_string(),
        "unknown data set 'foo'; built-in data sets are rgb, square, blobs, blobs3d, ring, iris"
    );
    assert!(builtin("RGB", 10, 1).is_err());
    for name in BUILTIN_NAMES {
        assert!(builtin(name, 10, 1).is_ok(), "{name}");
    }
}

#[test]
fn dataset_new_checks_input() {
    let msg = |r: Result<Dataset, DataError>| r.unwrap_err().to_string();
    assert_eq!(msg(Dataset::new(vec![1.0; 7], 3)), "values: expected a multiple of 3 values, got 7");
    assert_eq!(msg(Dataset::new(vec![1.0; 3], 0)), "dim must be at least 1, got 0");
    assert_eq!(msg(Dataset::new(vec![], 2)), "values: expected at least one row, got none");
    assert_eq!(
        msg(Dataset::new(vec![1.0, 2.0, 3.0, f32::NAN], 2)),
        "values: value 3 is not a finite number (NaN and infinities are not allowed)"
    );
    assert!(Dataset::new(vec![f32::INFINITY, 0.0], 2).is_err());
    let d = Dataset::new(vec![1.0, 2.0, 3.0, 4.0], 2).unwrap();
    assert_eq!(d.columns(), ["x1", "x2"]);
    assert_eq!(d.row(1), [3.0, 4.0]);
    assert!(d.row(2).is_empty() && d.row(usize::MAX).is_empty());
    assert!(d.labels().is_none() && d.label_indices().is_none() && d.label_classes().is_empty());
    assert_eq!(msg(d.clone().with_labels(vec!["a".into()])), "labels: expected 2 values, got 1");
    assert_eq!(msg(d.clone().with_columns(vec!["a".into()])), "columns: expected 2 values, got 1");
    assert_eq!(d.column_bounds(), (vec![1.0, 2.0], vec![3.0, 4.0]));
}

#[test]
fn scaling_formulas() {
    let d = Dataset::new(vec![0.0, 7.0, 5.0, 1.0, 7.0, 5.0, 2.0, 7.0, -10.0], 3)
        .unwrap()
        .with_labels(vec!["a".into(), "b".into(), "a".into()])
        .unwrap();
    let m = d.scaled(Scaling::MinMax);
    assert_eq!(m.values(), [0.0, 0.5, 1.0, 0.5, 0.5, 1.0, 1.0, 0.5, 0.0]);
    assert_eq!(m.labels(), d.labels());
    assert_eq!(m.columns(), d.columns());
    let z = d.scaled(Scaling::ZScore);
    let sd = (2.0f32 / 3.0).sqrt(); // population sd of 0, 1, 2
    let expect = [-1.0 / sd, 0.0, 1.0 / sd];
    for (r, e) in expect.iter().enumerate() {
        assert!((z.row(r)[0] - e).abs() < 1e-6);
        assert_eq!(z.row(r)[1], 0.0, "constant column becomes 0");
    }
    assert_eq!(d.scaled(Scaling::None), d);
}

#[test]
fn scaling_names() {
    assert_eq!(Scaling::NAMES, ["none", "minMax", "zScore"]);
    for name in Scaling::NAMES {
        let s: Scaling = name.parse().unwrap();
        assert_eq!(s.name(), *name);
    }
    assert_eq!(
        "minmax".parse::<Scaling>().unwrap_err().to_string(),
        "unknown scaling 'minmax'; valid values are none, minMax, zScore"
    );
}

#[test]
fn iris_table_is_the_csv_file_parsed() {
    // src/data/iris.rs holds data/iris.csv as numbers (the map's wasm has no CSV reader): every
    // value, label and column name must be what the CSV reader makes of the file.
    let text = include_str!("../data/iris.csv");
    let parsed = som_playground::data::parse_csv(text, &Default::default()).unwrap();
    assert_eq!(builtin("iris", 150, 7).unwrap(), parsed);
}
