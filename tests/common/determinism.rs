//! Shared by `tests/determinism.rs` (native) and `tests/web.rs` (wasm in Chrome): both train the
//! same maps and must get bit-identical weights, so both assert the same constants below.
//!
//! If a deliberate change to the core moves these numbers, run
//! `cargo test --test determinism -- --nocapture` and copy the printed values here.

use som_playground::som::{Decay, Kernel, Som, SomConfig, Topology};

/// FNV-1a over the bits of every weight of [`cases`], in order, after 500 steps each.
pub const EXPECTED: [u64; 2] = [0x61b48356ca3a9715, 0x97db2dd5cb3f6017];

/// 40 fixed rows with 3 columns in [0, 1), no PRNG involved.
pub fn rows() -> Vec<f32> {
    (0..40 * 3).map(|k| (k as f32 * 0.618_034 + 0.1).fract()).collect()
}

/// Two maps that together touch every kind of float math the core does: exp and powf
/// (gaussian, exponential decay), sqrt of hexagonal distances, toroidal wrap.
pub fn cases() -> Vec<(SomConfig, u64)> {
    let rect = SomConfig { rows: 4, cols: 5, dim: 3, steps: 500, ..SomConfig::default() };
    let mut hex = SomConfig {
        rows: 6,
        cols: 4,
        dim: 3,
        topology: Topology::Hexagonal,
        toroidal: true,
        neighborhood: Kernel::MexicanHat,
        steps: 500,
        ..SomConfig::default()
    };
    hex.sigma.start = 2.5;
    hex.learning_rate.decay = Decay::Inverse;
    vec![(rect, 7), (hex, 42)]
}

pub fn fnv1a(weights: &[f32]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for w in weights {
        for byte in w.to_bits().to_le_bytes() {
            hash ^= byte as u64;
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// The hash of each case's weights after 500 online steps on [`rows`].
pub fn hashes() -> Vec<u64> {
    let data = rows();
    cases()
        .iter()
        .map(|(config, seed)| {
            let mut som = Som::new(config, *seed).expect("valid config");
            som.train(&data, 500);
            fnv1a(som.weights())
        })
        .collect()
}
