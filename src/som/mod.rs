//! The Self-Organizing Map core: grid, kernels, schedules, online and batch training, metrics.
//!
//! No WebAssembly here: everything builds and tests natively, and the `wasm32` facade only
//! converts types and errors. Node `i = row·cols + col`; [`Som::weights`] is row-major, weight `k`
//! of node `i` at `i·dim + k`, and data rows likewise. (Inside, the map keeps the weights by
//! column, node-contiguous, for SIMD across nodes; see `layout.rs`.)
//!
//! One online step ([`Som::step`]) with row `x`, at time `t`:
//!
//! 1. distances `‖x − w_i‖ = √Σ_k (x_k − w_ik)²` for every node (the search compares squares);
//! 2. the best matching unit `c = argmin_i ‖x − w_i‖` (lowest index on a tie);
//! 3. the update `w_i ← w_i + α(t) · h(d(c, i); σ(t)) · (x − w_i)` for every node, with `d` the
//!    grid distance ([`Grid::distance`]), `h` the [`Kernel`] and `α`, `σ` the [`Schedule`]s;
//! 4. `t ← t + 1`.
//!
//! The same config and seed give bit-identical weights natively and in wasm: the PRNG is
//! `rand_pcg::Pcg32`, `exp`/`sqrt`/`pow` come from `libm`, and no floating-point step depends on
//! the platform.
//!
//! ```
//! use som_playground::som::{Som, SomConfig};
//! # fn main() -> Result<(), som_playground::som::SomError> {
//! let config = SomConfig { rows: 6, cols: 6, dim: 2, steps: 2_000, ..SomConfig::default() };
//! let mut som = Som::new(&config, 42)?;
//! // a 10×10 lattice of points in the unit square
//! let data: Vec<f32> = (0..100).flat_map(|i| [(i % 10) as f32 / 9.0, (i / 10) as f32 / 9.0]).collect();
//! let before = som.quantization_error(&data);
//! som.train(&data, 2_000);
//! assert!(som.quantization_error(&data) < before / 4.0);
//! assert_eq!(som.t(), 2_000);
//! # Ok(()) }
//! ```
//!
//! **Preconditions the facade checks** (the core never panics when they are broken, but the
//! results are then meaningless): every row `x` has `dim` finite values within
//! ±[`crate::data::MAX_ABS_VALUE`]; node indices are `< len()`; data buffers hold a whole
//! number (≥ 1) of rows. Configs and weight buffers are checked here and refused with a
//! [`SomError`]. Any `sigma` and `learning_rate` argument is safe: the kernels are finite for
//! every `σ` and the update bounds every move (see [`Som::update`]), so with finite rows and
//! weights every weight, `h` and metric stays finite.
#![warn(missing_docs)]

/// Declares a name-enum: `NAMES`, `name()`, `Display`, and `FromStr` with [`SomError::UnknownName`].
macro_rules! name_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal, {
        $($(#[$vmeta:meta])* $variant:ident => $js:literal),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// The JavaScript (camelCase) names of all values, in declaration order.
            pub const NAMES: &'static [&'static str] = &[$($js),+];

            /// The JavaScript name of this value.
            pub fn name(self) -> &'static str {
                match self { $($name::$variant => $js),+ }
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl core::str::FromStr for $name {
            type Err = SomError;
            /// Parses a JavaScript name (exact, case-sensitive); unknown names list the valid ones.
            fn from_str(s: &str) -> Result<Self, SomError> {
                match s {
                    $($js => Ok($name::$variant),)+
                    _ => Err(SomError::UnknownName { what: $what, got: s.to_string(), valid: Self::NAMES }),
                }
            }
        }
    };
}

pub mod batch;
pub mod config;
pub mod error;
mod fast;
pub mod grid;
pub mod init;
pub mod kernel;
mod layout;
pub mod metrics;
pub mod pitfalls;
pub mod pull;
pub mod schedule;
pub mod schema;
mod search;
pub mod trace;
pub mod warnings;

pub use config::{Order, SomConfig};
pub use error::SomError;
pub use grid::{Grid, Topology};
pub use init::Init;
pub use kernel::Kernel;
pub use schedule::{Decay, Schedule};
pub use trace::StepTrace;

use rand_core::SeedableRng;
use rand_pcg::Pcg32;

/// A Self-Organizing Map: a grid of nodes, their weights, the time `t` and a seeded PRNG.
///
/// Created by [`Som::new`] from a validated [`SomConfig`]; all buffers it needs while training
/// are allocated once here, so [`Som::step`] never allocates.
#[derive(Clone, Debug)]
pub struct Som {
    config: SomConfig,
    grid: Grid,
    weights: layout::Weights,
    t: u64,
    rng: Pcg32,
    cursor: usize,
    perm: Vec<u32>,
    perm_pos: usize,
    scratch: fast::Scratch,
}

/// A uniform `f32` in `[0, 1)` from the top 24 bits of one `u32`.
pub(crate) fn uniform(rng: &mut Pcg32) -> f32 {
    use rand_core::RngCore;
    (rng.next_u32() >> 8) as f32 * (1.0 / 16_777_216.0)
}

/// A uniform index in `0..n` (`n ≥ 1`) from one `u32` (multiply-shift).
pub(crate) fn below(rng: &mut Pcg32, n: usize) -> usize {
    use rand_core::RngCore;
    ((rng.next_u32() as u64 * n as u64) >> 32) as usize
}

impl Som {
    /// A map for `config` (validated first) with weights from the random init: every weight
    /// uniform in `[0.01, 0.1)`, close to zero but never zero, drawn from
    /// `Pcg32::seed_from_u64(seed)`, whatever `config.init` says (data-based inits need data; see
    /// [`Som::initialize`]). `t` starts at 0.
    pub fn new(config: &SomConfig, seed: u64) -> Result<Som, SomError> {
        config.validate()?;
        let grid = Grid::new(config.rows, config.cols, config.topology, config.toroidal);
        let mut rng = Pcg32::seed_from_u64(seed);
        let weights = layout::Weights::from_row_major(
            grid.len(),
            config.dim,
            init::random_weights(&mut rng, grid.len() * config.dim),
        );
        let scratch = fast::Scratch::new(config.rows, config.cols, config.dim);
        Ok(Som {
            config: config.clone(),
            grid,
            weights,
            t: 0,
            rng,
            cursor: 0,
            perm: Vec::new(),
            perm_pos: 0,
            scratch,
        })
    }

    /// Takes over the training settings of `config` (topology, wrap, kernel, schedules, steps,
    /// init, order) and keeps the weights and `t`. `rows`, `cols` and `dim` must be unchanged
    /// (else `InvalidConfig`), and `config` must be valid.
    pub fn reconfigure(&mut self, config: &SomConfig) -> Result<(), SomError> {
        config.validate()?;
        for (field, old, new) in [
            ("rows", self.config.rows, config.rows),
            ("cols", self.config.cols, config.cols),
            ("dim", self.config.dim, config.dim),
        ] {
            if old != new {
                return Err(SomError::InvalidConfig {
                    field,
                    allowed: format!("{old} (unchanged; create a new map to resize it)"),
                    got: new.to_string(),
                });
            }
        }
        self.grid = Grid::new(config.rows, config.cols, config.topology, config.toroidal);
        self.config = config.clone();
        Ok(())
    }

    /// Turns the AVX copies of the hot loops on (the default where the CPU has AVX) or off.
    /// They do the same IEEE operations in the same order, so the weights are bit-identical
    /// either way (and to the wasm build); this switch exists to test that. Returns whether
    /// AVX is now in use (never on CPUs without it, nor outside x86-64).
    pub fn set_simd(&mut self, enabled: bool) -> bool {
        self.scratch.avx = enabled && fast::has_avx();
        self.scratch.avx
    }

    /// The configuration.
    pub fn config(&self) -> &SomConfig {
        &self.config
    }

    /// The grid.
    pub fn grid(&self) -> &Grid {
        &self.grid
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.grid.len()
    }

    /// Always false: a valid map has at least one node.
    pub fn is_empty(&self) -> bool {
        self.grid.is_empty()
    }

    /// Input dimension (weights per node).
    pub fn dim(&self) -> usize {
        self.config.dim
    }

    /// Current time: the number of online steps taken (plus rows seen by batch epochs).
    pub fn t(&self) -> u64 {
        self.t
    }

    /// All weights, row-major: node `i` owns `weights[i·dim .. (i+1)·dim]`. The map keeps them
    /// by column for training (`layout.rs`); this view is rebuilt the first time it is read
    /// after the weights changed.
    pub fn weights(&self) -> &[f32] {
        self.weights.row_major()
    }

    /// All weights by column, as training keeps them (`layout.rs`): column `k` of every node
    /// together, node `i`'s at `k·len() + i`. No copy, never rebuilt.
    pub fn weight_planes(&self) -> &[f32] {
        self.weights.planes()
    }

    /// Node `i`'s weights (`dim` values); empty when `i ≥ len()`.
    pub fn node_weights(&self, i: usize) -> &[f32] {
        let d = self.config.dim;
        self.weights().get(i * d..(i + 1) * d).unwrap_or(&[])
    }

    /// Replaces all weights. Refuses a buffer whose length is not `len()·dim`
    /// ([`SomError::WrongLength`], what `"weights"`) or that holds NaN or an infinity
    /// ([`SomError::NonFinite`]); on error nothing changes.
    pub fn set_weights(&mut self, w: &[f32]) -> Result<(), SomError> {
        let expected = self.len() * self.config.dim;
        if w.len() != expected {
            return Err(SomError::WrongLength { what: "weights", expected, actual: w.len() });
        }
        error::check_finite("weights", w)?;
        self.weights.set_row_major(w.to_vec());
        Ok(())
    }

    /// The learning rate `α(t)` at the current `t`.
    pub fn learning_rate(&self) -> f32 {
        self.config.learning_rate.at(self.t, self.config.steps)
    }

    /// The radius `σ(t)` at the current `t`.
    pub fn sigma(&self) -> f32 {
        self.config.sigma.at(self.t, self.config.steps)
    }

    /// Euclidean distance `‖x − w_i‖ = √Σ_k (x_k − w_ik)²` from `x` to every node.
    /// Precondition: `x.len() == dim`.
    pub fn distances(&self, x: &[f32]) -> Vec<f32> {
        self.weights().chunks_exact(self.config.dim).map(|w| libm::sqrtf(fast::d2(w, x))).collect()
    }

    /// The best matching unit: the node closest to `x` (the lowest index on a tie).
    /// Precondition: `x.len() == dim`.
    pub fn bmu(&self, x: &[f32]) -> usize {
        fast::bmu(self.weights.planes(), self.weights.nodes(), x, self.scratch.avx)
    }

    /// The closest and the second-closest node (ties to the lower index); `(0, 0)` on a 1-node map.
    /// Precondition: `x.len() == dim`.
    pub fn bmu_and_second(&self, x: &[f32]) -> (usize, usize) {
        const NONE: usize = usize::MAX;
        let (mut best, mut second) = ((NONE, f32::INFINITY), (NONE, f32::INFINITY));
        for (i, w) in self.weights().chunks_exact(self.config.dim).enumerate() {
            let d = fast::d2(w, x);
            if best.0 == NONE || d < best.1 {
                second = best;
                best = (i, d);
            } else if second.0 == NONE || d < second.1 {
                second = (i, d);
            }
        }
        match (best.0, second.0) {
            (NONE, _) => (0, 0),
            (b, NONE) => (b, b),
            (b, s) => (b, s),
        }
    }

    /// `h(d(bmu, i); σ)` for every node `i`: the neighbourhood of `bmu` under the configured
    /// kernel. These are bit for bit the values [`Som::update`] uses. Exactly 1 at `bmu`.
    /// Preconditions: `bmu < len()`, `sigma` finite and positive.
    pub fn neighborhood(&self, bmu: usize, sigma: f32) -> Vec<f32> {
        let mut tables = fast::Tables::default();
        let mut h = vec![0.0; self.len()];
        tables.neighborhood_into(&self.grid, self.config.neighborhood, bmu, sigma, &mut h);
        h
    }

    /// The update rule, `w_i ← w_i + learning_rate · h(d(bmu, i); sigma) · (x − w_i)` for every
    /// node `i` (`h` as in [`Som::neighborhood`]); `t` is unchanged. Never allocates.
    /// A node with `learning_rate · h = 1` lands exactly on `x` (no rounding error), so
    /// `learning_rate = 1` puts the BMU on the row.
    ///
    /// Two bounds keep every weight finite whatever the arguments: `learning_rate` is clamped
    /// to `[0, 1]` (NaN counts as 0), so no node moves past the row; and a push (the mexican
    /// hat's `h < 0`) is clamped, coordinate by coordinate, into the bounding box of all
    /// weights before the update and `x`, so repeated pushes cannot drive a node off to
    /// infinity (unclamped they grew the weights to 1e38 within a few thousand steps at α = 1).
    /// Pulls (`h > 0`) are exactly the formula. Any `sigma` is safe (see [`Kernel::h`]).
    /// Preconditions: `x.len() == dim` and finite, `bmu < len()`.
    pub fn update(&mut self, x: &[f32], bmu: usize, learning_rate: f32, sigma: f32) {
        fast::update(
            &mut self.scratch,
            &self.grid,
            self.config.neighborhood,
            self.weights.planes_mut(),
            x,
            bmu,
            learning_rate,
            sigma,
        );
    }

    /// One online step: find the BMU of `x`, [`Som::update`] with `α(t)` and `σ(t)`, then
    /// `t += 1`. Returns the BMU. Never allocates. Precondition: `x.len() == dim`, finite.
    pub fn step(&mut self, x: &[f32]) -> usize {
        let (lr, sigma) = (self.learning_rate(), self.sigma());
        let bmu = self.bmu(x);
        self.update(x, bmu, lr, sigma);
        self.t = self.t.saturating_add(1);
        bmu
    }

    /// The next row index in `0..n_rows` by `config.order`: sequential is a cursor 0, 1, 2, …
    /// (independent of `t`); random draws a fresh shuffled permutation at the start of each pass
    /// (and whenever `n_rows` changes), so every row comes once per pass. Precondition:
    /// `n_rows ≥ 1` (0 returns 0).
    pub fn next_row(&mut self, n_rows: usize) -> usize {
        if n_rows == 0 {
            return 0;
        }
        match self.config.order {
            Order::Sequential => {
                let r = self.cursor % n_rows;
                self.cursor = r + 1;
                r
            }
            Order::Random => {
                if self.perm.len() != n_rows || self.perm_pos >= n_rows {
                    self.perm.clear();
                    self.perm.extend(0..n_rows as u32);
                    for i in (1..n_rows).rev() {
                        let j = below(&mut self.rng, i + 1);
                        self.perm.swap(i, j);
                    }
                    self.perm_pos = 0;
                }
                self.perm_pos += 1;
                self.perm[self.perm_pos - 1] as usize
            }
        }
    }

    /// Online training: `steps` times [`Som::next_row`] then [`Som::step`] on that row of
    /// `data` (row-major, `dim` columns). Does nothing when `data` holds no whole row.
    pub fn train(&mut self, data: &[f32], steps: u64) {
        let dim = self.config.dim;
        let n = data.len() / dim;
        if n == 0 {
            return;
        }
        for _ in 0..steps {
            let r = self.next_row(n);
            self.step(&data[r * dim..(r + 1) * dim]);
        }
    }
}
