//! Native half of the native-vs-wasm determinism check (the wasm half is in `tests/web.rs`).

#[path = "common/determinism.rs"]
mod determinism;

#[test]
fn weights_after_500_steps_match_the_shared_constants() {
    let got = determinism::hashes();
    println!(
        "pub const EXPECTED: [u64; {}] = [{}];",
        got.len(),
        got.iter().map(|h| format!("0x{h:016x}")).collect::<Vec<_>>().join(", ")
    );
    assert_eq!(got, determinism::EXPECTED, "update tests/common/determinism.rs if the change was deliberate");
}

#[test]
fn training_twice_gives_the_same_bits() {
    assert_eq!(determinism::hashes(), determinism::hashes());
}

#[test]
fn the_checked_maps_actually_learn() {
    use som_playground::som::Som;
    let data = determinism::rows();
    for (config, seed) in determinism::cases() {
        let mut som = Som::new(&config, seed).unwrap();
        let before = som.weights().to_vec();
        som.train(&data, 500);
        assert_eq!(som.t(), 500);
        assert!(som.weights().iter().all(|w| w.is_finite()));
        assert_ne!(som.weights(), &before[..], "500 steps moved the weights");
    }
}
