//! Built-in data sets: seeded synthetic clouds in the unit square/cube, and Fisher's Iris.
//!
//! Every generator draws from `rand_pcg::Pcg32::seed_from_u64(seed)`, so the same name, row
//! count and seed give bit-identical data natively and in WebAssembly:
//!
//! * uniform `u ∈ [0, 1)`: `(next_u32() >> 8) as f32 / 16777216.0` (24 random bits);
//! * standard normal `z`: Box–Muller, `z = sqrt(−2 ln(1 − u1)) · cos(2π u2)` with `libm`
//!   (one fresh pair `u1, u2` per normal draw).
//!
//! Every generated value lies in `[0, 1]` (Gaussian draws are clamped into it).
//!
//! The Iris data (`data/iris.csv`) is R. A. Fisher (1936), "The use of multiple measurements in
//! taxonomic problems", Annals of Eugenics 7(2), as distributed by the UCI Machine Learning
//! Repository (CC BY 4.0) and in scikit-learn's `sklearn/datasets/data/iris.csv`, from which the
//! copy was converted (header added, class index replaced by the species name); see
//! `data/README.md`.

use rand_core::{RngCore, SeedableRng};
use rand_pcg::Pcg32;

use super::{iris, DataError, Dataset};

/// Names accepted by [`builtin`], in menu order.
pub const BUILTIN_NAMES: &[&str] = &["rgb", "square", "blobs", "blobs3d", "ring", "iris"];

/// A sensible row count for the synthetic data sets (the page's default).
pub const DEFAULT_ROWS: usize = 500;

/// The most rows a generator makes; larger requests are clamped to it.
pub const MAX_ROWS: usize = 100_000;

/// Centres of the three `blobs` clusters (labels `A`, `B`, `C`).
const BLOBS: [[f32; 2]; 3] = [[0.25, 0.3], [0.75, 0.3], [0.5, 0.75]];
/// Standard deviation of each `blobs` coordinate.
const BLOBS_SD: f32 = 0.07;
/// Centres of the four `blobs3d` clusters (labels `A`..`D`): alternate corners of a cube.
const BLOBS3D: [[f32; 3]; 4] =
    [[0.25, 0.25, 0.25], [0.75, 0.75, 0.25], [0.75, 0.25, 0.75], [0.25, 0.75, 0.75]];
/// Standard deviation of each `blobs3d` coordinate.
const BLOBS3D_SD: f32 = 0.08;
/// Inner and outer radius of the `ring` annulus around (0.5, 0.5).
const RING_RADII: (f32, f32) = (0.25, 0.45);

/// A built-in data set by name (one of [`BUILTIN_NAMES`]). `rows` is clamped to
/// `1..=100_000`; `seed` seeds the generator. Distributions:
///
/// * `rgb`: uniform in `[0, 1)³`, columns `red`, `green`, `blue`, no labels: colours, the
///   classic SOM demo.
/// * `square`: uniform in `[0, 1)²`, columns `x`, `y`, no labels.
/// * `blobs`: 3 Gaussian clusters in `[0, 1]²`, centres (0.25, 0.3), (0.75, 0.3), (0.5, 0.75),
///   sd 0.07 per coordinate, clamped to `[0, 1]`; row `i` belongs to cluster `i mod 3`
///   (labels `A`, `B`, `C`), columns `x`, `y`.
/// * `blobs3d`: 4 Gaussian clusters in `[0, 1]³` centred on alternate cube corners
///   (0.25/0.75 coordinates), sd 0.08, clamped; row `i` in cluster `i mod 4` (labels `A`..`D`),
///   columns `x`, `y`, `z`.
/// * `ring`: uniform over the annulus of radii 0.25 to 0.45 around (0.5, 0.5) (radius
///   `sqrt(r0² + u (r1² − r0²))`, angle `2π v`), columns `x`, `y`, no labels.
/// * `iris`: Fisher's Iris, 150 rows, raw centimetres, columns `sepal_length`, `sepal_width`,
///   `petal_length`, `petal_width`, labels `setosa`, `versicolor`, `virginica`; `rows` and
///   `seed` are ignored.
///
/// Errors: [`DataError::UnknownDataset`] for any other name (matched exactly).
pub fn builtin(name: &str, rows: usize, seed: u64) -> Result<Dataset, DataError> {
    let rows = rows.clamp(1, MAX_ROWS);
    let mut g = Gen(Pcg32::seed_from_u64(seed));
    let (values, dim, columns, labels): (Vec<f32>, usize, &[&str], Option<Vec<String>>) = match name {
        "rgb" => ((0..rows * 3).map(|_| g.uniform()).collect(), 3, &["red", "green", "blue"], None),
        "square" => ((0..rows * 2).map(|_| g.uniform()).collect(), 2, &["x", "y"], None),
        "blobs" => {
            let (v, l) = g.blobs(rows, &BLOBS, BLOBS_SD);
            (v, 2, &["x", "y"], Some(l))
        }
        "blobs3d" => {
            let (v, l) = g.blobs(rows, &BLOBS3D, BLOBS3D_SD);
            (v, 3, &["x", "y", "z"], Some(l))
        }
        "ring" => (g.ring(rows), 2, &["x", "y"], None),
        "iris" => {
            let values = iris::TENTHS.iter().map(|&t| t as f32 / 10.0).collect();
            let labels = iris::LABELS.iter().map(|&l| iris::SPECIES[l as usize].to_string()).collect();
            (values, 4, &iris::COLUMNS, Some(labels))
        }
        _ => return Err(DataError::UnknownDataset { got: DataError::quote(name) }),
    };
    let data = Dataset::new(values, dim)?.with_columns(columns.iter().map(|c| c.to_string()).collect())?;
    match labels {
        Some(l) => data.with_labels(l),
        None => Ok(data),
    }
}

/// The seeded source of uniform and normal draws.
struct Gen(Pcg32);

impl Gen {
    /// Uniform in `[0, 1)` from the top 24 bits of one `u32`.
    fn uniform(&mut self) -> f32 {
        (self.0.next_u32() >> 8) as f32 / 16_777_216.0
    }

    /// Standard normal by Box–Muller (`1 − u1 ∈ (0, 1]`, so the log is finite).
    fn normal(&mut self) -> f32 {
        let u1 = 1.0 - self.uniform() as f64;
        let u2 = self.uniform() as f64;
        (libm::sqrt(-2.0 * libm::log(u1)) * libm::cos(2.0 * core::f64::consts::PI * u2)) as f32
    }

    /// `rows` points, row `i` around `centres[i % len]` with sd `sd`, clamped to `[0, 1]`,
    /// labelled `A`, `B`, ... by cluster.
    fn blobs<const D: usize>(
        &mut self,
        rows: usize,
        centres: &[[f32; D]],
        sd: f32,
    ) -> (Vec<f32>, Vec<String>) {
        let mut values = Vec::with_capacity(rows * D);
        let mut labels = Vec::with_capacity(rows);
        for i in 0..rows {
            let c = i % centres.len();
            for &m in &centres[c] {
                values.push((m + sd * self.normal()).clamp(0.0, 1.0));
            }
            labels.push(char::from(b'A' + c as u8).to_string());
        }
        (values, labels)
    }

    /// `rows` points uniform over the `RING_RADII` annulus around (0.5, 0.5).
    fn ring(&mut self, rows: usize) -> Vec<f32> {
        let (r0, r1) = (RING_RADII.0 as f64, RING_RADII.1 as f64);
        let mut values = Vec::with_capacity(rows * 2);
        for _ in 0..rows {
            let r = libm::sqrt(r0 * r0 + self.uniform() as f64 * (r1 * r1 - r0 * r0));
            let a = 2.0 * core::f64::consts::PI * self.uniform() as f64;
            values.push(((0.5 + r * libm::cos(a)) as f32).clamp(0.0, 1.0));
            values.push(((0.5 + r * libm::sin(a)) as f32).clamp(0.0, 1.0));
        }
        values
    }
}
