//! The map half of the facade (feature `map`): the class `Som`, a map and its data set.
use super::{args, js_error};
use crate::data::{self, Dataset, Scaling};
use crate::som;

/// `pulls(rows)` answers for at most this many rows (the page's tug of war uses up to 6).
const MAX_PULL_ROWS: usize = 64;

/// The error metrics read every row while rows × nodes × dim stays within this many
/// multiply-adds; beyond it, evenly spaced rows within it (so one call stays bounded), at least
/// [`MIN_METRIC_ROWS`]: at 200×200 nodes × 3 columns that is 279 of 100,000 rows.
const METRIC_BUDGET: usize = 1 << 25;

/// The error metrics read at least this many rows (if there are as many).
const MIN_METRIC_ROWS: usize = 16;

/// `train(steps)` takes at most this many steps in one call (a link replays at most 5,000,000).
pub const MAX_TRAIN_STEPS: u64 = 10_000_000;
use super::options::Options;
use super::trace::{StepReport, Trace};
use wasm_bindgen::prelude::*;

/// A fresh random seed from the browser's crypto source, for when the student asks for one.
#[wasm_bindgen(js_name = randomSeed)]
pub fn random_seed() -> Result<u32, JsError> {
    let mut bytes = [0u8; 4];
    getrandom::fill(&mut bytes).map_err(js_error)?;
    Ok(u32::from_le_bytes(bytes))
}

/// A self-organizing map and the data set it learns from.
#[wasm_bindgen]
pub struct Som {
    pub(super) som: som::Som,
    pub(super) options: Options,
    /// The data as loaded (shown in the data panel).
    pub(super) raw: Dataset,
    /// The data after scaling: what the map trains on.
    pub(super) data: Dataset,
}

#[wasm_bindgen]
impl Som {
    /// `new Som({ rows, cols, topology, toroidal, neighborhood, learningRate, learningRateEnd,
    /// sigma, sigmaEnd, decay, learningRateDecay, sigmaDecay, steps, init, order, seed, data,
    /// dataRows, scaling, dim })`; every field optional. Throws on an unknown or invalid field.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<Som, JsError> {
        #[cfg(feature = "console_error_panic_hook")]
        console_error_panic_hook::set_once();
        Som::from_options(Options::from_js(&options)?)
    }

    /// A new map with `options` that learns from this map's data (raw values, column names,
    /// labels), unless `options.data` names a built-in data set. Throws, and changes nothing,
    /// when an option is invalid.
    #[wasm_bindgen(js_name = withOptions)]
    pub fn with_options(&self, options: JsValue) -> Result<Som, JsError> {
        let mut options = Options::from_js(&options)?;
        if options.data_given {
            return Som::from_options(options);
        }
        options.data = self.options.data.clone();
        options.data_rows = self.raw.rows();
        Som::from_parts(options, self.raw.clone())
    }

    /// The options in force, defaults filled in (a plain object). `new Som(som.options())` rebuilds
    /// a map on built-in data; after `setData` / `loadCsv`, `options().data` is "custom" and
    /// `withOptions` is the way to rebuild it with its data.
    pub fn options(&self) -> Result<JsValue, JsError> {
        Ok(self.options.to_js().into())
    }

    // ---- the map ----------------------------------------------------------------------------

    pub fn rows(&self) -> usize {
        self.som.grid().rows()
    }

    pub fn cols(&self) -> usize {
        self.som.grid().cols()
    }

    /// Number of nodes, rows × cols.
    pub fn nodes(&self) -> usize {
        self.som.len()
    }

    /// Number of input columns, one weight per column per node.
    pub fn dim(&self) -> usize {
        self.som.dim()
    }

    /// Time: the number of online steps taken so far.
    pub fn t(&self) -> f64 {
        self.som.t() as f64
    }

    /// The learning rate α(t) at the current t.
    #[wasm_bindgen(js_name = learningRate)]
    pub fn learning_rate(&self) -> f32 {
        self.som.learning_rate()
    }

    /// The neighbourhood radius σ(t) at the current t.
    pub fn sigma(&self) -> f32 {
        self.som.sigma()
    }

    /// α and σ at `points` (an integer from 2 to 10000) evenly spaced times from 0 to `steps`
    /// (inclusive), interleaved `[t0, α0, σ0, t1, α1, σ1, …]`: the schedule plots, with no
    /// schedule math in JS.
    #[wasm_bindgen(js_name = scheduleCurve)]
    pub fn schedule_curve(&self, points: JsValue) -> Result<Vec<f64>, JsError> {
        let config = self.som.config();
        let points = args::integer(&points, "points", 2, 10_000)? as usize;
        Ok((0..points)
            .flat_map(|k| {
                let t = (config.steps as f64 * k as f64 / (points - 1) as f64).round() as u64;
                // f64: t may pass 2^24, where f32 would round it.
                [
                    t as f64,
                    config.learning_rate.at(t, config.steps) as f64,
                    config.sigma.at(t, config.steps) as f64,
                ]
            })
            .collect())
    }

    /// A copy of every weight, row-major: node i = row·cols + col, weight k at i·dim + k.
    pub fn weights(&self) -> Vec<f32> {
        self.som.weights().to_vec()
    }

    /// Where the weights live in `wasmMemory()` in the core's own layout, by column: column k of
    /// every node together, node i's at k·nodes() + i (nodes() × dim() values). A zero-copy view,
    /// valid until the next call. Reading a few columns of a large map this way costs only those
    /// columns (`weights()` would first build a row-major copy of all of them).
    #[wasm_bindgen(js_name = planesPtr)]
    pub fn planes_ptr(&self) -> *const f32 {
        self.som.weight_planes().as_ptr()
    }

    /// Replaces every weight: an array or typed array of exactly nodes × dim finite numbers
    /// within ±1e15 (like data values: beyond that squared distances could overflow). The
    /// length is checked before anything is copied.
    #[wasm_bindgen(js_name = setWeights)]
    pub fn set_weights(&mut self, weights: JsValue) -> Result<(), JsError> {
        let n = self.som.weights().len();
        let weights = args::float_array(&weights, "weights", n, data::MAX_ABS_VALUE)?;
        self.som.set_weights(&weights).map_err(js_error)
    }

    /// Node centres for drawing, `[x0, y0, x1, y1, …]`; neighbouring centres are 1 apart.
    pub fn positions(&self) -> Vec<f32> {
        self.som.grid().positions()
    }

    /// Each node's grid neighbours (4 rectangular, 6 hexagonal) as pairs `[a, b, …]` with a < b:
    /// the lines of the elastic net.
    pub fn edges(&self) -> Vec<u32> {
        let grid = self.som.grid();
        (0..grid.len())
            .flat_map(|a| {
                grid.neighbors(a).into_iter().filter(move |&b| b > a).flat_map(move |b| [a as u32, b as u32])
            })
            .collect()
    }

    /// Grid distance between two nodes `a` and `b` (node indices; wraps when toroidal).
    #[wasm_bindgen(js_name = gridDistance)]
    pub fn grid_distance(&self, a: JsValue, b: JsValue) -> Result<f32, JsError> {
        let a = self.check_node(&a, "a")?;
        let b = self.check_node(&b, "b")?;
        Ok(self.som.grid().distance(a, b))
    }

    // ---- training ---------------------------------------------------------------------------

    /// One online step on the next row (by the order option): BMU, pull, t += 1.
    pub fn step(&mut self) -> StepReport {
        let row = self.som.next_row(self.data.rows());
        let (t, learning_rate, sigma) = (self.som.t(), self.som.learning_rate(), self.som.sigma());
        let bmu = self.som.step(self.data.row(row));
        StepReport { row, bmu, learning_rate, sigma, t: t as f64 }
    }

    /// One online step that records every phase (distances, BMU, h, weights before and after):
    /// the returned `Trace`, the only copy (free it when read). `row` picks the row (a row
    /// index); undefined or null takes the next one by the order.
    #[wasm_bindgen(js_name = stepTrace)]
    pub fn step_trace(&mut self, row: JsValue) -> Result<Trace, JsError> {
        let row = if row.is_undefined() || row.is_null() {
            self.som.next_row(self.data.rows())
        } else {
            self.check_row(&row, "row")?
        };
        let trace = self.som.step_trace(self.data.row(row), row);
        Ok(self.wrap(trace))
    }

    /// `steps` online steps in one call (the fast path of Play), an integer from 0 to
    /// 10,000,000 (`MAX_TRAIN_STEPS`; call again for more); returns the last BMU.
    pub fn train(&mut self, steps: JsValue) -> Result<usize, JsError> {
        let steps = args::integer(&steps, "steps", 0, MAX_TRAIN_STEPS)?;
        Ok(self.train_steps(steps))
    }

    /// One pass of online steps, as many as there are rows.
    pub fn epoch(&mut self) -> usize {
        self.train_steps(self.data.rows() as u64)
    }

    /// One batch epoch: w_i = Σ_j h(c_j, i) x_j / Σ_j h(c_j, i) over all rows.
    #[wasm_bindgen(js_name = batchEpoch)]
    pub fn batch_epoch(&mut self) {
        self.som.batch_epoch(self.data.values());
    }

    /// New weights by the init option (random near zero, samples or PCA), t = 0. Same seed, same weights.
    pub fn reset(&mut self) -> Result<(), JsError> {
        self.som = build_map(&self.options, &self.data)?;
        Ok(())
    }

    // ---- questions the views ask ------------------------------------------------------------

    /// The best matching unit for `x` (dim finite numbers within ±1e15; lowest index wins a tie).
    pub fn bmu(&self, x: JsValue) -> Result<usize, JsError> {
        Ok(self.som.bmu(&self.check_input(&x)?))
    }

    /// Euclidean distance from `x` (as for `bmu`) to every node.
    pub fn distances(&self, x: JsValue) -> Result<Vec<f32>, JsError> {
        Ok(self.som.distances(&self.check_input(&x)?))
    }

    /// h(bmu, i; sigma) for every node i, by the neighborhood option: `bmu` a node index,
    /// `sigma` a number greater than 0 and at most 1000.
    pub fn neighborhood(&self, bmu: JsValue, sigma: JsValue) -> Result<Vec<f32>, JsError> {
        let bmu = self.check_node(&bmu, "bmu")?;
        let allowed = "a number greater than 0 and at most 1000";
        let sigma = args::number(&sigma, "sigma", f64::MIN_POSITIVE, 1000.0, allowed)? as f32;
        Ok(self.som.neighborhood(bmu, sigma))
    }

    /// The tug of war: for data rows r_1..r_K (an array or typed array of at most 64 row
    /// indices), a K × nodes matrix, row-major, of each row's pull α(t)·h(c_k, i; σ(t)) on
    /// every node, with c_k the row's BMU.
    pub fn pulls(&self, rows: JsValue) -> Result<Vec<f32>, JsError> {
        let rows = args::index_array(&rows, "rows", MAX_PULL_ROWS, self.data.rows(), "row")?;
        let bmus: Vec<usize> = rows.iter().map(|&r| self.som.bmu(self.data.row(r))).collect();
        Ok(self.som.pulls(&bmus, self.som.learning_rate(), self.som.sigma()))
    }

    /// Each data row's BMU.
    pub fn bmus(&self) -> Vec<u32> {
        self.som.bmus(self.data.values())
    }

    /// How many rows each node wins.
    pub fn hits(&self) -> Vec<u32> {
        self.som.hits(self.data.values())
    }

    /// Mean distance from each row to its BMU: over every row, or on a large map with many
    /// rows over evenly spaced rows (see `metricRows`), so one call stays cheap.
    #[wasm_bindgen(js_name = quantizationError)]
    pub fn quantization_error(&self) -> f32 {
        self.som.quantization_error(&self.metric_data())
    }

    /// Share of rows whose first and second BMUs are not grid neighbours, over the same rows as
    /// `quantizationError`.
    #[wasm_bindgen(js_name = topographicError)]
    pub fn topographic_error(&self) -> f32 {
        self.som.topographic_error(&self.metric_data())
    }

    /// How many rows the error metrics read: all of them while rows × nodes × dim is at most
    /// 2^25, else as many evenly spaced rows as fit in that (at least 16).
    #[wasm_bindgen(js_name = metricRows)]
    pub fn metric_rows(&self) -> usize {
        let rows = self.data.rows();
        let fit = METRIC_BUDGET / (self.som.len() * self.som.dim()).max(1);
        rows.min(fit.max(MIN_METRIC_ROWS))
    }

    /// Each node's majority label (index into `labelClasses()`) among the rows it wins; -1 for a
    /// node that wins none. Empty when the data has no labels.
    #[wasm_bindgen(js_name = majorityLabels)]
    pub fn majority_labels(&self) -> Vec<i32> {
        match self.data.label_indices() {
            Some(labels) => self.som.majority_labels(self.data.values(), &labels),
            None => Vec::new(),
        }
    }

    /// Each node's mean weight distance to its grid neighbours.
    #[wasm_bindgen(js_name = uMatrix)]
    pub fn u_matrix(&self) -> Vec<f32> {
        self.som.u_matrix()
    }
}

impl Som {
    /// A map on the built-in data set that `options.data` names.
    pub(super) fn from_options(options: Options) -> Result<Som, JsError> {
        if !options.data_given && options.data == "custom" {
            return Err(js_error("data 'custom' needs the data itself: call withOptions on a Som that has it, or setData / adoptData (loadCsv)"));
        }
        let raw = data::builtin(&options.data, options.data_rows, options.seed as u64).map_err(js_error)?;
        Som::from_parts(options, raw)
    }

    /// A map for `options` that learns from `raw` (scaled by `options.scaling`).
    pub(super) fn from_parts(mut options: Options, raw: Dataset) -> Result<Som, JsError> {
        if options.dim_given && options.dim != raw.dim() {
            return Err(js_error(format!(
                "dim must equal the data's column count ({} has {}), got {}; leave dim out to take it from the data",
                options.data, raw.dim(), options.dim
            )));
        }
        options.config.dim = raw.dim();
        options.dim = raw.dim();
        let data = raw.scaled(scaling(&options));
        let som = build_map(&options, &data)?;
        Ok(Som { som, options, raw, data })
    }

    /// A trace for the page, with its row's pull α·h on every node from the core's pull matrix.
    fn wrap(&self, trace: som::StepTrace) -> Trace {
        let pulls = self.som.pulls(&[trace.bmu], trace.learning_rate, trace.sigma);
        Trace::new(trace, pulls)
    }

    /// `steps` online steps on the next rows by the order option; returns the last BMU.
    fn train_steps(&mut self, steps: u64) -> usize {
        let mut bmu = 0;
        for _ in 0..steps {
            let row = self.som.next_row(self.data.rows());
            bmu = self.som.step(self.data.row(row));
        }
        bmu
    }

    /// The rows the error metrics read (`metric_rows` of them, evenly spaced), row-major.
    fn metric_data(&self) -> std::borrow::Cow<'_, [f32]> {
        let (rows, used) = (self.data.rows(), self.metric_rows());
        if used == rows {
            return self.data.values().into();
        }
        (0..used).flat_map(|k| self.data.row(k * rows / used).iter().copied()).collect::<Vec<f32>>().into()
    }

    /// Argument `name`, a node index.
    fn check_node(&self, v: &JsValue, name: &str) -> Result<usize, JsError> {
        args::index(v, name, self.som.len(), "node")
    }

    /// Argument `name`, a data row index.
    fn check_row(&self, v: &JsValue, name: &str) -> Result<usize, JsError> {
        args::index(v, name, self.data.rows(), "row")
    }

    /// A point `x`: dim finite numbers within ±1e15, so no distance can overflow.
    fn check_input(&self, x: &JsValue) -> Result<Vec<f32>, JsError> {
        args::float_array(x, "x", self.som.dim(), data::MAX_ABS_VALUE)
    }
}

pub(super) fn scaling(options: &Options) -> Scaling {
    options.scaling.parse().unwrap_or(Scaling::MinMax)
}

/// A new map for `options`, initialised by its init option from `data`.
pub(super) fn build_map(options: &Options, data: &Dataset) -> Result<som::Som, JsError> {
    let mut map = som::Som::new(&options.config, options.seed as u64).map_err(js_error)?;
    map.initialize(options.config.init, data.values()).map_err(js_error)?;
    Ok(map)
}
