//! Cross-check against MiniSom 2.3.6: the same initial weights and rows, updated row by row with
//! constant learning rate and sigma on a rectangular gaussian map, must give the same BMUs and
//! weights within 1e-4. Needs `python3` with `minisom==2.3.6` and `numpy`; fails (does not skip)
//! when they are missing.

use rand_core::{RngCore, SeedableRng};
use som_playground::som::{Som, SomConfig};
use std::process::Command;

fn uniform(rng: &mut rand_pcg::Pcg32) -> f32 {
    (rng.next_u32() >> 8) as f32 / 16_777_216.0
}

fn json_array(v: &[f32]) -> String {
    let items: Vec<String> = v.iter().map(|x| format!("{x:?}")).collect();
    format!("[{}]", items.join(","))
}

/// The numbers in the JSON array that follows `"key":` in `text`.
fn field(text: &str, key: &str) -> Vec<f64> {
    let start = text.find(&format!("\"{key}\"")).unwrap_or_else(|| panic!("no {key} in {text}"));
    let rest = &text[start..];
    let (open, close) = (rest.find('[').unwrap(), rest.find(']').unwrap());
    rest[open + 1..close]
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.trim().parse().unwrap())
        .collect()
}

fn cross_check(rows: usize, cols: usize, dim: usize, sigma: f32, lr: f32, n: usize, seed: u64) {
    let probe = Command::new("python3").args(["-c", "import minisom, numpy"]).output();
    match probe {
        Err(e) => panic!("MiniSom cross-check: cannot run python3 ({e}); install Python 3, then `python3 -m pip install minisom==2.3.6 numpy`"),
        Ok(o) if !o.status.success() => panic!(
            "MiniSom cross-check: python3 cannot import minisom/numpy ({}); run `python3 -m pip install minisom==2.3.6 numpy`",
            String::from_utf8_lossy(&o.stderr).trim()
        ),
        Ok(_) => {}
    }
    let mut rng = rand_pcg::Pcg32::seed_from_u64(seed);
    let c = SomConfig { rows, cols, dim, ..SomConfig::default() };
    let mut som = Som::new(&c, seed).unwrap();
    let w0: Vec<f32> = (0..rows * cols * dim).map(|_| uniform(&mut rng)).collect();
    som.set_weights(&w0).unwrap();
    let data: Vec<f32> = (0..n * dim).map(|_| uniform(&mut rng)).collect();

    let input = format!(
        "{{\"rows\": {rows}, \"cols\": {cols}, \"dim\": {dim}, \"sigma\": {sigma:?}, \"lr\": {lr:?}, \"weights\": {}, \"data\": {}}}",
        json_array(&w0),
        json_array(&data)
    );
    let path = std::env::temp_dir().join(format!("som_minisom_{}_{seed}.json", std::process::id()));
    std::fs::write(&path, input).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/minisom_check.py");
    let out = Command::new("python3").arg(script).arg(&path).output().expect("python3 runs");
    let _ = std::fs::remove_file(&path);
    assert!(out.status.success(), "minisom_check.py failed: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\"version\": \"2.3.6\""), "expected MiniSom 2.3.6, got {text:.60}");
    let py_bmus = field(&text, "bmus");
    let py_w = field(&text, "weights");

    let mut bmus = Vec::new();
    for x in data.chunks(dim) {
        let b = som.bmu(x);
        bmus.push(b as f64);
        som.update(x, b, lr, sigma);
    }
    assert_eq!(bmus, py_bmus, "BMU indices differ from MiniSom");
    assert_eq!(py_w.len(), som.weights().len());
    for (i, (a, b)) in som.weights().iter().zip(&py_w).enumerate() {
        assert!(
            (*a as f64 - b).abs() < 1e-4,
            "weight {i} (node {}, k {}): ours {a}, MiniSom {b}",
            i / dim,
            i % dim
        );
    }
}

#[test]
fn matches_minisom_square_map() {
    cross_check(6, 6, 3, 1.5, 0.3, 200, 1);
}

#[test]
fn matches_minisom_non_square_map() {
    // rows ≠ cols catches a transposed grid; sigma 2.5 makes far nodes matter
    cross_check(4, 9, 5, 2.5, 0.5, 150, 2);
}

#[test]
fn matches_minisom_small_sigma() {
    cross_check(7, 3, 2, 0.6, 0.9, 100, 3);
}
