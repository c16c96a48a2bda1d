//! Options, their schema, warnings and the pitfall pairs, for JavaScript.
//!
//! `new Som(options)` reads a plain object with the core's option table
//! ([`crate::som::schema`]): every field is optional, unknown keys are refused (a misspelt
//! `sigmaa` is named), and every value is checked by the table, so a mistake
//! reaches the page as an `Error` that names the field and what is allowed
//! (`"sigma must be a number from 0.01 to 1000, got Infinity"`). This module only turns JS
//! values into the core's [`Value`]s and the core's answers into plain JS objects:
//!
//! * `optionSchema()`: the table, `[{ name, type, default, defaultRule?, min?, max?,
//!   exclusiveMin?, values?, doc }]`;
//! * `som.warnings()` and `warningsFor(options)`: `[{ code, field, message, fix: { field, value } }]`;
//! * `pitfalls()`: the pairs, `[{ id, title, sentence, metric, direction, onScaledData, steps,
//!   good, pitfall, stretch? }]`, with `Som.forPitfall(id, side)` building either map and
//!   `som.pitfallMetric(id)` measuring one as the pair's sentence does.

use crate::data::{self, Scaling};
use crate::som::pitfalls::{self, Pitfall, Side, PITFALLS};
use crate::som::schema::{DefaultValue, OptionSpec, Settings, Value, OPTIONS};
use crate::som::warnings::{self, Warning};
use crate::som::SomConfig;
use wasm_bindgen::prelude::*;

use super::{args, js_error, scaling, Som};

/// The options after defaults are filled in; `Som.options()` returns this object, so a page
/// can store it (e.g. in the URL) and rebuild the same map. [`Options::to_js`] writes the
/// fields before `config` as a plain object with camelCase keys, in this order.
#[derive(Clone, Debug)]
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
    pub config: SomConfig,
    /// Whether the caller gave `dim` (then it must match the data).
    pub dim_given: bool,
    /// Whether the caller named a built-in data set (`withOptions` keeps the current data otherwise).
    pub data_given: bool,
}

impl Options {
    /// Reads `value` (a plain object, or `undefined` / `null` for all defaults) by the core's
    /// option table.
    pub fn from_js(value: &JsValue) -> Result<Options, JsError> {
        let pairs = read_pairs(value)?;
        let settings =
            Settings::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.value()))).map_err(js_error)?;
        Ok(Options::from_settings(settings))
    }

    /// The options object for checked settings.
    pub fn from_settings(s: Settings) -> Options {
        let c = &s.config;
        Options {
            rows: c.rows,
            cols: c.cols,
            dim: c.dim,
            topology: c.topology.name(),
            toroidal: c.toroidal,
            neighborhood: c.neighborhood.name(),
            learning_rate: c.learning_rate.start,
            learning_rate_end: c.learning_rate.end,
            learning_rate_decay: c.learning_rate.decay.name(),
            sigma: c.sigma.start,
            sigma_end: c.sigma.end,
            sigma_decay: c.sigma.decay.name(),
            steps: c.steps,
            init: c.init.name(),
            order: c.order.name(),
            seed: s.seed,
            // "custom" (what options() says after setData / adoptData / loadCsv) means: keep the data.
            data_given: s.data_given && s.data != "custom",
            data: s.data.to_string(),
            data_rows: s.data_rows,
            scaling: s.scaling.name(),
            dim_given: s.dim_given,
            config: s.config,
        }
    }

    /// `Som.options()`: `{ rows, cols, dim, topology, toroidal, neighborhood, learningRate,
    /// learningRateEnd, learningRateDecay, sigma, sigmaEnd, sigmaDecay, steps, init, order, seed,
    /// data, dataRows, scaling }`, numbers as JS numbers (an `f32` widened to `f64`). A few
    /// `Reflect.set`s instead of serde: the same object, a smaller wasm.
    pub fn to_js(&self) -> js_sys::Object {
        let o = js_sys::Object::new();
        let n = |x: usize| x as f64;
        set(&o, "rows", n(self.rows));
        set(&o, "cols", n(self.cols));
        set(&o, "dim", n(self.dim));
        set(&o, "topology", self.topology);
        set(&o, "toroidal", self.toroidal);
        set(&o, "neighborhood", self.neighborhood);
        set(&o, "learningRate", self.learning_rate);
        set(&o, "learningRateEnd", self.learning_rate_end);
        set(&o, "learningRateDecay", self.learning_rate_decay);
        set(&o, "sigma", self.sigma);
        set(&o, "sigmaEnd", self.sigma_end);
        set(&o, "sigmaDecay", self.sigma_decay);
        set(&o, "steps", self.steps as f64);
        set(&o, "init", self.init);
        set(&o, "order", self.order);
        set(&o, "seed", self.seed);
        set(&o, "data", self.data.as_str());
        set(&o, "dataRows", n(self.data_rows));
        set(&o, "scaling", self.scaling);
        o
    }
}

/// One JS value, owned, before the core checks it.
enum Owned {
    Number(f64),
    Bool(bool),
    Text(String),
    Other(&'static str),
}

impl Owned {
    fn from_js(v: &JsValue) -> Owned {
        if let Some(x) = v.as_f64() {
            Owned::Number(x)
        } else if let Some(b) = v.as_bool() {
            Owned::Bool(b)
        } else if let Some(s) = v.as_string() {
            Owned::Text(s)
        } else if v.is_null() {
            Owned::Other("null")
        } else if js_sys::Array::is_array(v) {
            Owned::Other("an array")
        } else {
            Owned::Other(match v.js_typeof().as_string().as_deref() {
                Some("bigint") => "a BigInt",
                Some("symbol") => "a symbol",
                Some("function") => "a function",
                _ => "an object",
            })
        }
    }

    fn value(&self) -> Value<'_> {
        match self {
            Owned::Number(x) => Value::Number(*x),
            Owned::Bool(b) => Value::Bool(*b),
            Owned::Text(s) => Value::Text(s),
            Owned::Other(what) => Value::Other(what),
        }
    }
}

/// The object's own keys and values, in order; `undefined` values count as left out.
fn read_pairs(value: &JsValue) -> Result<Vec<(String, Owned)>, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    let object = value
        .dyn_ref::<js_sys::Object>()
        .filter(|_| value.is_object() && !js_sys::Array::is_array(value))
        .ok_or_else(|| JsError::new("options must be an object such as { rows: 10, cols: 10 }"))?;
    let mut pairs = Vec::new();
    for key in js_sys::Object::keys(object).iter() {
        let key = key.as_string().unwrap_or_default();
        let v = js_sys::Reflect::get(object, &JsValue::from_str(&key)).unwrap_or(JsValue::UNDEFINED);
        if !v.is_undefined() {
            pairs.push((key, Owned::from_js(&v)));
        }
    }
    Ok(pairs)
}

// ---- plain JS objects -------------------------------------------------------------------------

fn set(object: &js_sys::Object, key: &str, value: impl Into<JsValue>) {
    // Reflect.set on a fresh plain object cannot fail.
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), &value.into());
}

fn js_value(v: Value<'_>) -> JsValue {
    match v {
        Value::Number(x) => JsValue::from_f64(x),
        Value::Bool(b) => JsValue::from_bool(b),
        Value::Text(s) => JsValue::from_str(s),
        Value::Other(_) => JsValue::UNDEFINED,
    }
}

fn strings(list: &[&str]) -> js_sys::Array {
    list.iter().map(|s| JsValue::from_str(s)).collect()
}

/// `{ rows: 10, sigma: 5, … }` from option pairs.
fn options_object(pairs: &[(&str, Value<'_>)]) -> js_sys::Object {
    let object = js_sys::Object::new();
    for &(name, value) in pairs {
        set(&object, name, js_value(value));
    }
    object
}

fn spec_object(spec: &OptionSpec) -> js_sys::Object {
    let o = js_sys::Object::new();
    set(&o, "name", spec.name);
    set(&o, "type", spec.kind.name());
    set(&o, "default", js_value(spec.default.value()));
    if let DefaultValue::Rule { rule, .. } = spec.default {
        set(&o, "defaultRule", rule);
    }
    if let Some(min) = spec.min {
        set(&o, "min", min);
    }
    if let Some(max) = spec.max {
        set(&o, "max", max);
    }
    if spec.exclusive_min {
        set(&o, "exclusiveMin", true);
    }
    if !spec.values.is_empty() {
        set(&o, "values", strings(spec.values));
    }
    set(&o, "doc", spec.doc);
    o
}

fn warning_object(w: &Warning) -> js_sys::Object {
    let o = js_sys::Object::new();
    set(&o, "code", w.code);
    set(&o, "field", w.field);
    set(&o, "message", w.message.as_str());
    let fix = js_sys::Object::new();
    set(&fix, "field", w.fix.field);
    set(&fix, "value", js_value(w.fix.value));
    set(&o, "fix", fix);
    o
}

fn pitfall_object(p: &Pitfall) -> js_sys::Object {
    let o = js_sys::Object::new();
    set(&o, "id", p.id);
    set(&o, "title", p.title);
    set(&o, "sentence", p.sentence);
    set(&o, "metric", p.metric.name());
    set(&o, "direction", "higher");
    set(&o, "onScaledData", p.on_scaled_data);
    set(&o, "steps", p.steps as f64);
    set(&o, "good", options_object(&p.options(Side::Good)));
    set(&o, "pitfall", options_object(&p.options(Side::Pitfall)));
    if let Some(s) = p.stretch {
        let stretch = js_sys::Object::new();
        set(&stretch, "column", s.column as f64);
        set(&stretch, "factor", s.factor);
        set(&o, "stretch", stretch);
    }
    o
}

/// The warnings for `config` on `raw` (the data before scaling), as plain objects.
fn warning_array(config: &SomConfig, raw: Option<&data::Dataset>, scaling: Scaling) -> js_sys::Array {
    warnings::warnings(config, raw, scaling).iter().map(|w| JsValue::from(warning_object(w))).collect()
}

// ---- exports ----------------------------------------------------------------------------------

/// Every option, described once by the core: `[{ name, type, default, min, max, values, doc }]`
/// in the order of the form and the docs. `type` is `"int"`, `"number"`, `"bool"` or `"enum"`;
/// `min` / `max` only for numbers (`exclusiveMin: true` when `min` itself is refused), `values`
/// only for enums; a default that depends on other options has `defaultRule` (e.g. "half the
/// larger of rows and cols") and `default` is its value on the default map.
#[wasm_bindgen(js_name = optionSchema)]
pub fn option_schema() -> js_sys::Array {
    OPTIONS.iter().map(|spec| JsValue::from(spec_object(spec))).collect()
}

/// The warnings for `options` (as `new Som(options)` takes them) on the built-in data set they
/// name, or on no data for `data: "custom"`: `[{ code, field, message, fix: { field, value } }]`.
/// Throws like `new Som` on an invalid option.
#[wasm_bindgen(js_name = warningsFor)]
pub fn warnings_for(options: JsValue) -> Result<js_sys::Array, JsError> {
    let o = Options::from_js(&options)?;
    let raw = match o.data.as_str() {
        "custom" => None,
        name => Some(data::builtin(name, o.data_rows, o.seed as u64).map_err(js_error)?),
    };
    let mut config = o.config.clone();
    if let (Some(raw), false) = (&raw, o.dim_given) {
        config.dim = raw.dim();
    }
    Ok(warning_array(&config, raw.as_ref(), scaling(&o)))
}

/// The pitfall pairs: `[{ id, title, sentence, metric, direction: "higher", onScaledData, steps,
/// good: {options}, pitfall: {options}, stretch? }]`. `good` and `pitfall` are complete options
/// for `new Som`; when `stretch: { column, factor }` is present the data set's column is
/// multiplied first, so build the maps with `Som.forPitfall(id, side)`.
#[wasm_bindgen]
pub fn pitfalls() -> js_sys::Array {
    PITFALLS.iter().map(|p| JsValue::from(pitfall_object(p))).collect()
}

#[wasm_bindgen]
impl Som {
    /// The warnings for this map and its data: settings that are allowed but likely wrong, each
    /// `{ code, field, message, fix: { field, value } }`, in the option table's order. Setting
    /// `fix.field` to `fix.value` (e.g. with `withOptions`) clears the warning.
    pub fn warnings(&self) -> js_sys::Array {
        warning_array(self.som.config(), Some(&self.raw), scaling(&self.options))
    }

    /// One map of a pitfall pair (see `pitfalls()`): `pitfall` is a pair's id (a string), `side`
    /// is `"good"` or `"pitfall"`; anything else throws an Error listing what is allowed. Both
    /// sides share the data (stretched if the pair says so) and the seed; drive them in lock
    /// step with `good.step()` and `pitfall.stepTrace(report.row)`.
    #[wasm_bindgen(js_name = forPitfall)]
    pub fn for_pitfall(pitfall: JsValue, side: JsValue) -> Result<Som, JsError> {
        let p = pitfall_by_id(&pitfall)?;
        let side = match args::string(&side, "side", SIDES)?.as_str() {
            "good" => Side::Good,
            "pitfall" => Side::Pitfall,
            _ => return Err(args::invalid("side", SIDES, &side)),
        };
        let mut options = Options::from_settings(p.settings(side).map_err(js_error)?);
        let raw = p.data().map_err(js_error)?;
        if p.stretch.is_some() {
            options.data = "custom".into();
        }
        Som::from_parts(options, raw)
    }

    /// This map's value of the metric of the pair `pitfall` names (a pair's id), measured as the
    /// pair's sentence does (higher is worse): the number to show under a pair.
    #[wasm_bindgen(js_name = pitfallMetric)]
    pub fn pitfall_metric(&self, pitfall: JsValue) -> Result<f32, JsError> {
        Ok(pitfall_by_id(&pitfall)?.measure(&self.som, &self.raw, scaling(&self.options)))
    }
}

/// What `forPitfall`'s `side` may be.
const SIDES: &str = "one of 'good', 'pitfall'";

/// The pair that argument `pitfall` names (a string, one of the pairs' ids).
fn pitfall_by_id(pitfall: &JsValue) -> Result<&'static Pitfall, JsError> {
    let ids: Vec<String> = PITFALLS.iter().map(|p| format!("'{}'", p.id)).collect();
    let allowed = format!("one of {}", ids.join(", "));
    let id = args::string(pitfall, "pitfall", &allowed)?;
    pitfalls::pitfall(&id).ok_or_else(|| args::invalid("pitfall", &allowed, pitfall))
}
