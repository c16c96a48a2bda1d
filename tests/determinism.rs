//! Native half of the native-vs-wasm determinism check (the wasm half is in `tests/web.rs`).

#[path = "common/determinism.rs"]
mod determinism;

#[test]
fn weights_after_500_steps_match_the_shared_constants() {
    let got = determinism::hashes();
    println!("pub const EXPECTED: [u64; {}] = [{}];", got.len(),
        got.iter().map(|h| format!("0x{h:016x}")).collect::<Vec<_>>().join(", "));
    assert_eq!(got, determinism::EXPECTED, "update tests/common/determinism.rs if the change was deliberate");
}

#[test]
fn training_twice_gives_the_same_bits() {
    assert_eq!(determinism::hashes(), determinism::hashes());
}
