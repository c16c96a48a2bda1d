//! [`Scaling`]: per-column rescaling applied before training, so that no column dominates the
//! Euclidean distance just because of its unit.

use std::fmt;
use std::str::FromStr;

use super::DataError;

/// How each column is rescaled by [`crate::data::Dataset::scaled`]. Every column `k` is
/// treated on its own, using its statistics over all rows:
///
/// * `None`: values unchanged, `x' = x`.
/// * `MinMax`: `x' = (x − min_k) / (max_k − min_k)`, so the column spans exactly `[0, 1]`;
///   a constant column (`max_k == min_k`) becomes 0.5.
/// * `ZScore`: `x' = (x − mean_k) / sd_k` with the population standard deviation
///   `sd_k = sqrt(Σ (x − mean_k)² / n)`, so the column has mean 0 and sd 1;
///   a constant column (`sd_k == 0`) becomes 0.
///
/// Statistics are computed in `f64`, so any finite `f32` input gives a finite output.
/// The default is `MinMax`, the option table's default for `scaling` (`crate::som::schema`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Scaling {
    /// Keep the raw values.
    None,
    /// Map every column onto `[0, 1]` (the default).
    #[default]
    MinMax,
    /// Standardize every column to mean 0, standard deviation 1.
    ZScore,
}

impl Scaling {
    /// The JavaScript names, in declaration order: `"none"`, `"minMax"`, `"zScore"`.
    pub const NAMES: &'static [&'static str] = &["none", "minMax", "zScore"];

    /// This scaling's JavaScript name (one of [`Scaling::NAMES`]).
    pub fn name(self) -> &'static str {
        match self {
            Scaling::None => "none",
            Scaling::MinMax => "minMax",
            Scaling::ZScore => "zScore",
        }
    }
}

impl fmt::Display for Scaling {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Scaling {
    type Err = DataError;

    /// Parses one of [`Scaling::NAMES`] exactly; anything else is [`DataError::UnknownScaling`].
    fn from_str(s: &str) -> Result<Scaling, DataError> {
        match s {
            "none" => Ok(Scaling::None),
            "minMax" => Ok(Scaling::MinMax),
            "zScore" => Ok(Scaling::ZScore),
            _ => Err(DataError::UnknownScaling { got: DataError::quote(s) }),
        }
    }
}

/// Scales row-major `values` with `dim` columns (`dim >= 1`, length a multiple of `dim`,
/// all finite: what a `Dataset` guarantees). Returns a new vector of the same length.
pub(crate) fn scale_values(values: &[f32], dim: usize, scaling: Scaling) -> Vec<f32> {
    if dim == 0 || values.is_empty() {
        return values.to_vec();
    }
    let n = (values.len() / dim) as f64;
    let column = |k: usize| values.iter().skip(k).step_by(dim).map(|&v| v as f64);
    let mut out = values.to_vec();
    match scaling {
        Scaling::None => {}
        Scaling::MinMax => {
            for k in 0..dim {
                let (min, max) =
                    column(k).fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
                let range = max - min;
                for v in out.iter_mut().skip(k).step_by(dim) {
                    *v = if range > 0.0 { (((*v as f64) - min) / range).clamp(0.0, 1.0) as f32 } else { 0.5 };
                }
            }
        }
        Scaling::ZScore => {
            for k in 0..dim {
                let mean = column(k).sum::<f64>() / n;
                let var = column(k).map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
                let sd = var.sqrt();
                let first = column(k).next().unwrap_or(0.0);
                let constant = column(k).all(|v| v == first);
                for v in out.iter_mut().skip(k).step_by(dim) {
                    *v = if constant || sd <= 0.0 || !sd.is_finite() {
                        0.0
                    } else {
                        (((*v as f64) - mean) / sd) as f32
                    };
                }
            }
        }
    }
    out
}
