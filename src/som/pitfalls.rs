//! Pitfalls side by side: pairs of maps on the same data, with the same seed and the same rows
//! in the same order, one set up well and one with a single pitfall, and the one sentence that
//! says what to look at and why it happens.
//!
//! Each [`Pitfall`] gives both sides as option pairs (the names and values of
//! [`super::schema::OPTIONS`]: `shared` plus `good` or `pitfall`), the data (a built-in set,
//! optionally with one column stretched), the metric its sentence is about and the number of
//! steps after which the pitfall side is worse (`tests/pitfalls.rs` checks every pair).
//! [`LockStep`] trains a pair the way the page shows it: every step both maps take the row that
//! the good side's row order picks.
//!
//! ```
//! use som_playground::som::pitfalls::{pitfall, LockStep};
//! let p = pitfall("sigmaConstant").unwrap();
//! let mut pair = LockStep::new(p).unwrap();
//! pair.train(500);
//! assert_eq!((pair.good.t(), pair.pitfall.t()), (500, 500));
//! ```

pub use super::metrics::Metric;
use super::schema::{Settings, Value};
use super::{Som, SomError};
use crate::data::{self, Dataset, Scaling};

/// Which map of a pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The map set up well.
    Good,
    /// The map with the pitfall.
    Pitfall,
}

/// Column `column` of the data multiplied by `factor` (a data set whose columns span very
/// different ranges).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stretch {
    /// The 0-based column.
    pub column: usize,
    /// The factor.
    pub factor: f32,
}

/// One pair: an id for links, a title, the sentence, the two sides' options and how to check
/// the sentence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pitfall {
    /// Stable identifier (camelCase), e.g. `"sigmaTooSmall"`.
    pub id: &'static str,
    /// A short title, e.g. "σ too small from the start".
    pub title: &'static str,
    /// What to look at and why it happens, in one sentence.
    pub sentence: &'static str,
    /// The metric the sentence is about (higher is worse).
    pub metric: Metric,
    /// Whether the metric is taken on min-max scaled data for both maps, an unscaled map's
    /// weights rescaled like its data (so both are judged on equal columns).
    pub on_scaled_data: bool,
    /// After this many lock steps the pitfall side's metric is higher.
    pub steps: u64,
    /// Options both sides share.
    pub shared: &'static [(&'static str, Value<'static>)],
    /// The good side's own options.
    pub good: &'static [(&'static str, Value<'static>)],
    /// The pitfall side's own options.
    pub pitfall: &'static [(&'static str, Value<'static>)],
    /// A column of the (shared) data stretched before scaling.
    pub stretch: Option<Stretch>,
}

const fn n(x: f64) -> Value<'static> {
    Value::Number(x)
}

const fn t(s: &'static str) -> Value<'static> {
    Value::Text(s)
}

/// The shared setting of most pairs: 500 colours on a 10 × 10 map (100 nodes, near the rule of
/// thumb 5·√500 ≈ 112), the schedules' horizon equal to the steps compared.
const RGB: &[(&str, Value<'static>)] = &[
    ("data", t("rgb")),
    ("dataRows", n(500.0)),
    ("rows", n(10.0)),
    ("cols", n(10.0)),
    ("steps", n(5000.0)),
    ("seed", n(1.0)),
];

/// Every pair, in the order the page lists them.
pub const PITFALLS: [Pitfall; 8] = [
    Pitfall {
        id: "unscaled",
        title: "Unscaled vs scaled data",
        sentence: "With sepal length ×100 (values in the hundreds, the other columns under 7) the unscaled \
                   map organises along that one column only, so on equal columns its neighbouring nodes \
                   are not neighbours in the data: its topographic error on the scaled data is higher.",
        metric: Metric::TopographicError,
        on_scaled_data: true,
        steps: 5000,
        shared: &[("data", t("iris")), ("rows", n(8.0)), ("cols", n(8.0)), ("steps", n(5000.0)), ("seed", n(1.0))],
        good: &[("scaling", t("minMax"))],
        pitfall: &[("scaling", t("none"))],
        stretch: Some(Stretch { column: 0, factor: 100.0 }),
    },
    Pitfall {
        id: "sigmaTooSmall",
        title: "σ too small from the start",
        sentence: "With σ = 0.3 a row pulls almost only its winner, so neighbouring nodes never agree and \
                   the map stays noise: its mean U-matrix (the distance between neighbours) is higher.",
        metric: Metric::MeanUMatrix,
        on_scaled_data: false,
        steps: 5000,
        shared: RGB,
        good: &[],
        pitfall: &[("sigma", n(0.3)), ("sigmaEnd", n(0.3))],
        stretch: None,
    },
    Pitfall {
        id: "sigmaConstant",
        title: "σ that never shrinks",
        sentence: "With a constant radius every row keeps pulling half the map, so the map stays smooth \
                   but never fits the detail: its quantization error stays high.",
        metric: Metric::QuantizationError,
        on_scaled_data: false,
        steps: 5000,
        shared: RGB,
        good: &[],
        pitfall: &[("sigmaDecay", t("constant"))],
        stretch: None,
    },
    Pitfall {
        id: "learningRateHigh",
        title: "Learning rate too high",
        sentence: "With α = 1 throughout, each row drags its winner all the way onto itself while the \
                   neighbours follow only part of the way, so the map keeps jumping and tearing where the \
                   last rows landed: its topographic error is higher.",
        metric: Metric::TopographicError,
        on_scaled_data: false,
        steps: 5000,
        shared: RGB,
        good: &[],
        pitfall: &[("learningRate", n(1.0)), ("learningRateDecay", t("constant"))],
        stretch: None,
    },
    Pitfall {
        id: "learningRateLow",
        title: "Learning rate too low",
        sentence: "With α = 0.002 each row moves the map a tiny step, so in the same number of steps it has \
                   barely left its start near zero: its quantization error is higher.",
        metric: Metric::QuantizationError,
        on_scaled_data: false,
        steps: 5000,
        shared: RGB,
        good: &[],
        pitfall: &[("learningRate", n(0.002)), ("learningRateEnd", n(0.001))],
        stretch: None,
    },
    Pitfall {
        id: "mexicanHat",
        title: "Mexican hat vs gaussian",
        sentence: "The mexican hat pushes the nodes between σ and 2.6σ from the winner away from the row as \
                   well as pulling the near ones, so the map tears and folds: its topographic error is higher.",
        metric: Metric::TopographicError,
        on_scaled_data: false,
        steps: 5000,
        shared: RGB,
        good: &[],
        pitfall: &[("neighborhood", t("mexicanHat"))],
        stretch: None,
    },
    Pitfall {
        id: "mapTooSmall",
        title: "Map far too small",
        sentence: "Four nodes for 500 colours (the rule of thumb is about 5·√500 ≈ 112) can only stand for \
                   four averages, so every row is far from its node: the quantization error is higher.",
        metric: Metric::QuantizationError,
        on_scaled_data: false,
        steps: 5000,
        shared: RGB,
        good: &[],
        pitfall: &[("rows", n(2.0)), ("cols", n(2.0))],
        stretch: None,
    },
    Pitfall {
        id: "mapTooLarge",
        title: "Map far too large",
        sentence: "900 nodes for 500 colours (the rule of thumb is about 5·√500 ≈ 112) leave most nodes \
                   without a row of their own, so they only fill in between the others: the share of \
                   nodes that win no row is higher.",
        metric: Metric::EmptyNodes,
        on_scaled_data: false,
        steps: 5000,
        shared: RGB,
        good: &[],
        pitfall: &[("rows", n(30.0)), ("cols", n(30.0))],
        stretch: None,
    },
];

/// The pair with this id.
pub fn pitfall(id: &str) -> Option<&'static Pitfall> {
    static TABLE: [Pitfall; PITFALLS.len()] = PITFALLS;
    TABLE.iter().find(|p| p.id == id)
}

impl Pitfall {
    /// One side's options: `shared`, then the side's own (which win).
    pub fn options(&self, side: Side) -> Vec<(&'static str, Value<'static>)> {
        let own = match side {
            Side::Good => self.good,
            Side::Pitfall => self.pitfall,
        };
        self.shared.iter().chain(own).copied().collect()
    }

    /// One side's settings, read by the option table.
    pub fn settings(&self, side: Side) -> Result<Settings, SomError> {
        Settings::from_pairs(self.options(side))
    }

    /// The data both sides learn from, before scaling: the built-in set the shared options name
    /// (with their `dataRows` and `seed`), with the stretch applied.
    pub fn data(&self) -> Result<Dataset, data::DataError> {
        let s = Settings::from_pairs(self.shared.iter().copied())
            .map_err(|e| data::DataError::UnknownDataset { got: e.to_string() })?;
        let raw = data::builtin(s.data, s.data_rows, s.seed as u64)?;
        match self.stretch {
            None => Ok(raw),
            Some(Stretch { column, factor }) => {
                let dim = raw.dim();
                let mut values = raw.values().to_vec();
                for v in values.iter_mut().skip(column).step_by(dim) {
                    *v *= factor;
                }
                let mut out = Dataset::new(values, dim)?.with_columns(raw.columns().to_vec())?;
                if let Some(labels) = raw.labels() {
                    out = out.with_labels(labels.to_vec())?;
                }
                Ok(out)
            }
        }
    }

    /// This pair's metric for one of its maps, `som`, trained on `raw` scaled by `scaling`: on
    /// its training data, or, when the pair says `on_scaled_data`, on the min-max scaled data
    /// with the map's weights carried into those coordinates ([`to_min_max`]).
    pub fn measure(&self, som: &Som, raw: &Dataset, scaling: Scaling) -> f32 {
        if !self.on_scaled_data {
            return self.metric.of(som, raw.scaled(scaling).values());
        }
        let mut copy = som.clone();
        match copy.set_weights(&to_min_max(som.weights(), raw, scaling)) {
            Ok(()) => self.metric.of(&copy, raw.scaled(Scaling::MinMax).values()),
            Err(_) => f32::INFINITY,
        }
    }
}

/// A pair trained in lock step: both maps take the same row at every step, the one the good
/// side's row order picks (so the row sequence does not depend on the pitfall's settings).
#[derive(Clone, Debug)]
pub struct LockStep {
    /// The pair.
    pub spec: &'static Pitfall,
    /// The good side's map.
    pub good: Som,
    /// The pitfall side's map.
    pub pitfall: Som,
    /// The data before scaling.
    pub raw: Dataset,
    /// The good side's training data (scaled by its `scaling`).
    pub good_data: Dataset,
    /// The pitfall side's training data.
    pub pitfall_data: Dataset,
    scalings: [Scaling; 2],
}

/// A map for `settings` on `raw`: scaled, built with the settings' seed and initialised by
/// their init, as the facade builds it. Returns the map and its training data.
pub fn build(settings: &Settings, raw: &Dataset) -> Result<(Som, Dataset), SomError> {
    let data = raw.scaled(settings.scaling);
    let mut config = settings.config.clone();
    config.dim = raw.dim();
    let mut som = Som::new(&config, settings.seed as u64)?;
    som.initialize(config.init, data.values())?;
    Ok((som, data))
}

impl LockStep {
    /// Both maps of `p`, untrained.
    pub fn new(p: &'static Pitfall) -> Result<LockStep, SomError> {
        let raw = p.data().map_err(|e| SomError::InvalidConfig {
            field: "data",
            allowed: "a data set that loads".into(),
            got: e.to_string(),
        })?;
        let (gs, ps) = (p.settings(Side::Good)?, p.settings(Side::Pitfall)?);
        let (good, good_data) = build(&gs, &raw)?;
        let (pitfall, pitfall_data) = build(&ps, &raw)?;
        Ok(LockStep {
            spec: p,
            good,
            pitfall,
            raw,
            good_data,
            pitfall_data,
            scalings: [gs.scaling, ps.scaling],
        })
    }

    /// One step of both maps on the same row; returns the row.
    pub fn step(&mut self) -> usize {
        let r = self.good.next_row(self.raw.rows());
        self.good.step(self.good_data.row(r));
        self.pitfall.step(self.pitfall_data.row(r));
        r
    }

    /// `steps` lock steps.
    pub fn train(&mut self, steps: u64) {
        for _ in 0..steps {
            self.step();
        }
    }

    /// The pair's metric on both sides, `(good, pitfall)`, by [`Pitfall::measure`].
    pub fn metric(&self) -> (f32, f32) {
        let p = self.spec;
        (
            p.measure(&self.good, &self.raw, self.scalings[0]),
            p.measure(&self.pitfall, &self.raw, self.scalings[1]),
        )
    }
}

/// Weights in the coordinates of `raw` scaled by `scaling`, carried into min-max coordinates
/// (the same affine map per column as the data's; a constant column goes to 0.5).
pub fn to_min_max(weights: &[f32], raw: &Dataset, scaling: Scaling) -> Vec<f32> {
    let dim = raw.dim();
    let (mins, maxs) = raw.column_bounds();
    let n = raw.rows() as f64;
    let stats: Vec<(f64, f64)> = (0..dim)
        .map(|k| {
            let col = || raw.values().iter().skip(k).step_by(dim).map(|&v| v as f64);
            let mean = col().sum::<f64>() / n;
            (mean, (col().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n).sqrt())
        })
        .collect();
    weights
        .iter()
        .enumerate()
        .map(|(i, &w)| {
            let k = i % dim;
            let (lo, hi) = (mins[k] as f64, maxs[k] as f64);
            let (mean, sd) = stats[k];
            let raw_value = match scaling {
                Scaling::None => w as f64,
                Scaling::MinMax => lo + w as f64 * (hi - lo),
                Scaling::ZScore => mean + w as f64 * sd,
            };
            if hi > lo {
                ((raw_value - lo) / (hi - lo)) as f32
            } else {
                0.5
            }
        })
        .collect()
}
