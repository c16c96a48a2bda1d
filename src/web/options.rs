//! Reading the `new Som(options)` object: a cold path, run once per map.
//!
//! Every field is optional. Unknown keys are refused (serde-wasm-bindgen alone would ignore a
//! misspelt `sigmaa`), and every value is checked here or by [`SomConfig::validate`], so a
//! mistake reaches the page as an `Error` that names the field and what is allowed.

use crate::data::{Scaling, BUILTIN_NAMES};
use crate::som::{Decay, Init, Kernel, Order, SomConfig, Topology};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Every option `new Som(options)` accepts, in the order the error message lists them.
pub const OPTION_NAMES: &[&str] = &[
    "rows",
    "cols",
    "dim",
    "topology",
    "toroidal",
    "neighborhood",
    "learningRate",
    "learningRateEnd",
    "learningRateDecay",
    "sigma",
    "sigmaEnd",
    "sigmaDecay",
    "decay",
    "steps",
    "init",
    "order",
    "seed",
    "data",
    "dataRows",
    "scaling",
];

/// The options after defaults are filled in; `Som.options()` returns this object, so a page
/// can store it (e.g. in the URL) and rebuild the same map.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Options {
    pub rows: usize,
    pub cols: usize,
    pub dim: usize,
    pub topology: &'static str,
    pub toroidal: bool,
    pub neighborhood: &'static str,
    pub learning_rate: f32,
    pub learning_rate_end: f32,
    pub learning_rate_decay: &'static str,
    pub sigma: f32,
    pub sigma_end: f32,
    pub sigma_decay: &'static str,
    pub steps: u64,
    pub init: &'static str,
    pub order: &'static str,
    pub seed: u32,
    /// A built-in data set's name, or `"custom"` after `setData` / `loadCsv`.
    pub data: String,
    pub data_rows: usize,
    pub scaling: &'static str,
    #[serde(skip)]
    pub config: SomConfig,
    /// Whether the caller gave `dim` (then it must match the data).
    #[serde(skip)]
    pub dim_given: bool,
    /// Whether the caller named a built-in data set (`withOptions` keeps the current data otherwise).
    #[serde(skip)]
    pub data_given: bool,
}

impl Options {
    /// Reads `value` (a plain object, or `undefined` for all defaults).
    pub fn from_js(value: &JsValue) -> Result<Options, JsError> {
        let get = Reader::new(value)?;
        let rows = get.int("rows", 1, 200)?.unwrap_or(10) as usize;
        let cols = get.int("cols", 1, 200)?.unwrap_or(10) as usize;
        let defaults = SomConfig::default();
        // `decay` sets both schedules; `learningRateDecay` / `sigmaDecay` override one.
        let decay: Decay = get.name("decay")?.unwrap_or(defaults.sigma.decay);
        let mut config = SomConfig {
            rows,
            cols,
            dim: get.int("dim", 1, 1024)?.unwrap_or(3) as usize,
            topology: get.name::<Topology>("topology")?.unwrap_or(defaults.topology),
            toroidal: get.bool("toroidal")?.unwrap_or(false),
            neighborhood: get.name::<Kernel>("neighborhood")?.unwrap_or(defaults.neighborhood),
            steps: get.int("steps", 1, 1_000_000_000_000)?.unwrap_or(defaults.steps),
            init: get.name::<Init>("init")?.unwrap_or(defaults.init),
            order: get.name::<Order>("order")?.unwrap_or(defaults.order),
            ..defaults
        };
        config.learning_rate.start = get.number("learningRate")?.unwrap_or(0.5);
        config.learning_rate.end = get.number("learningRateEnd")?.unwrap_or(0.01);
        config.learning_rate.decay = get.name("learningRateDecay")?.unwrap_or(decay);
        // Sigma starts at half the larger side, so the first rows move the whole map.
        config.sigma.start = get.number("sigma")?.unwrap_or(rows.max(cols) as f32 / 2.0);
        config.sigma.end = get.number("sigmaEnd")?.unwrap_or(0.5);
        config.sigma.decay = get.name("sigmaDecay")?.unwrap_or(decay);
        config.validate().map_err(|e| JsError::new(&e.to_string()))?;

        let data = match get.string("data")? {
            None => "rgb".to_string(),
            Some(name) if BUILTIN_NAMES.contains(&name.as_str()) || name == "custom" => name,
            Some(name) => {
                return Err(JsError::new(&format!(
                    "data must be one of {}, got '{name}'",
                    BUILTIN_NAMES.join(", ")
                )))
            }
        };
        let scaling: Scaling = get.name("scaling")?.unwrap_or(Scaling::MinMax);
        Ok(Options {
            rows,
            cols,
            dim: config.dim,
            topology: config.topology.name(),
            toroidal: config.toroidal,
            neighborhood: config.neighborhood.name(),
            learning_rate: config.learning_rate.start,
            learning_rate_end: config.learning_rate.end,
            learning_rate_decay: config.learning_rate.decay.name(),
            sigma: config.sigma.start,
            sigma_end: config.sigma.end,
            sigma_decay: config.sigma.decay.name(),
            steps: config.steps,
            init: config.init.name(),
            order: config.order.name(),
            seed: get.int("seed", 0, u32::MAX as u64)?.unwrap_or(1) as u32,
            data,
            data_rows: get.int("dataRows", 1, 100_000)?.unwrap_or(500) as usize,
            scaling: scaling.name(),
            dim_given: get.raw("dim").is_some(),
            // "custom" (what options() says after setData / loadCsv) means: keep the data.
            data_given: get.string("data")?.is_some_and(|d| d != "custom"),
            config,
        })
    }
}

/// Typed reads of one options object, each naming its field in the error.
struct Reader<'a>(Option<&'a js_sys::Object>);

impl<'a> Reader<'a> {
    fn new(value: &'a JsValue) -> Result<Self, JsError> {
        if value.is_undefined() || value.is_null() {
            return Ok(Reader(None));
        }
        let object = value
            .dyn_ref::<js_sys::Object>()
            .filter(|_| value.is_object())
            .ok_or_else(|| JsError::new("options must be an object such as { rows: 10, cols: 10 }"))?;
        for key in js_sys::Object::keys(object).iter() {
            let key = key.as_string().unwrap_or_default();
            if !OPTION_NAMES.contains(&key.as_str()) {
                return Err(JsError::new(&format!(
                    "unknown option '{key}'; valid options are {}",
                    OPTION_NAMES.join(", ")
                )));
            }
        }
        Ok(Reader(Some(object)))
    }

    fn raw(&self, field: &str) -> Option<JsValue> {
        let value = js_sys::Reflect::get(self.0?, &JsValue::from_str(field)).ok()?;
        (!value.is_undefined()).then_some(value)
    }

    fn number(&self, field: &str) -> Result<Option<f32>, JsError> {
        match self.raw(field) {
            None => Ok(None),
            Some(v) => match serde_wasm_bindgen::from_value::<f64>(v) {
                Ok(x) if x.is_finite() => Ok(Some(x as f32)),
                _ => Err(JsError::new(&format!("{field} must be a finite number"))),
            },
        }
    }

    fn int(&self, field: &str, min: u64, max: u64) -> Result<Option<u64>, JsError> {
        let Some(v) = self.raw(field) else { return Ok(None) };
        let shown = v.as_f64().map(|x| x.to_string()).or_else(|| v.as_string().map(|s| format!("'{s}'")));
        match v.as_f64() {
            Some(x) if x.fract() == 0.0 && (min as f64..=max as f64).contains(&x) => Ok(Some(x as u64)),
            _ => Err(JsError::new(&format!(
                "{field} must be an integer from {min} to {max}, got {}",
                shown.unwrap_or_else(|| "a non-number".into())
            ))),
        }
    }

    fn bool(&self, field: &str) -> Result<Option<bool>, JsError> {
        match self.raw(field) {
            None => Ok(None),
            Some(v) => {
                v.as_bool().map(Some).ok_or_else(|| JsError::new(&format!("{field} must be true or false")))
            }
        }
    }

    fn string(&self, field: &str) -> Result<Option<String>, JsError> {
        match self.raw(field) {
            None => Ok(None),
            Some(v) => {
                v.as_string().map(Some).ok_or_else(|| JsError::new(&format!("{field} must be a string")))
            }
        }
    }

    /// A name such as `"gaussian"`, parsed by the core's `FromStr`, whose error lists the valid names.
    fn name<T: std::str::FromStr>(&self, field: &str) -> Result<Option<T>, JsError>
    where
        T::Err: std::fmt::Display,
    {
        match self.string(field)? {
            None => Ok(None),
            Some(s) => s.parse().map(Some).map_err(|e: T::Err| JsError::new(&format!("{field}: {e}"))),
        }
    }
}
