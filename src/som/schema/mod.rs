//! The option table: every option of a map described once (its JavaScript name, type, default,
//! range or allowed values and one line of doc), and the one reader that applies it.
//!
//! Everything that names, fills in or checks an option reads [`OPTIONS`]:
//!
//! * [`SomConfig::validate`] checks its fields against the table's ranges;
//! * [`Settings::from_pairs`] turns `(name, value)` pairs (a JS options object, a link's hash,
//!   an element's attributes, a pitfall pair) into a checked [`SomConfig`] plus the data
//!   options, filling in the table's defaults; the wasm facade's `new Som(options)` is this
//!   reader behind a conversion of JS values;
//! * the facade exports the table as `optionSchema()` for the page's parameter form, its link
//!   and attribute parser and the docs, and `docs/options.md` is [`markdown`]'s output (a test
//!   fails when they differ).
//!
//! Errors name the field and what is allowed, with JavaScript spellings of numbers
//! (`Infinity`, `NaN`, `1e+39`): `"sigma must be a number from 0.01 to 1000, got Infinity"`.
//!
//! ```
//! use som_playground::som::schema::{Settings, Value};
//! let s = Settings::from_pairs([("rows", Value::Number(4.0)), ("cols", Value::Number(12.0))]).unwrap();
//! assert_eq!(s.config.sigma.start, 6.0); // half the larger side
//! let e = Settings::from_pairs([("sigma", Value::Number(f64::INFINITY))]).unwrap_err();
//! assert_eq!(e.to_string(), "sigma must be a number from 0.01 to 1000, got Infinity");
//! ```
//!
//! The table's data is in `table.rs`, the reader [`Settings`] in `settings.rs`; here are the
//! limits, the types every option is described with, and the markdown of `docs/options.md`.

use std::fmt;

use super::{Decay, Init, Kernel, Order, Schedule, SomConfig, SomError, Topology};
use crate::data::generators::{DEFAULT_ROWS, MAX_ROWS};
use crate::data::{Scaling, BUILTIN_NAMES};
use crate::numfmt;

mod settings;
mod table;

pub use settings::Settings;
pub use table::*;

/// The smallest radius σ a map accepts (start and end). Below it every kernel already moves
/// the BMU alone (at grid distance 1 the gaussian and mexican hat underflow to 0 in `f32` from
/// σ ≈ 0.075 down; bubble and triangle are 0 beyond σ), so a smaller σ changes nothing on the
/// map, while a far smaller one (about 1e-17 on a 200 × 200 grid) would overflow `d²/σ²` and
/// turn the mexican hat into NaN. The kernel functions may rely on `σ ≥ MIN_SIGMA`.
pub const MIN_SIGMA: f32 = MIN_SIGMA_DECIMAL as f32;
/// [`MIN_SIGMA`] as the option table and its messages write it (`0.01`, not the `f32`'s
/// `0.009999999776…`).
const MIN_SIGMA_DECIMAL: f64 = 0.01;
/// The largest radius σ a map accepts: far beyond any grid (200 × 200 at most).
pub const MAX_SIGMA: f32 = 1000.0;
/// The largest learning rate: at α = 1 the winner lands on the row. The core's update caps α
/// at 1 as well (so a pull never carries a node past the row), so a larger value could only
/// mislead.
pub const MAX_LEARNING_RATE: f32 = 1.0;
/// The most rows or columns a grid may have.
pub const MAX_SIDE: usize = 200;
/// The most input columns (weights per node).
pub const MAX_DIM: usize = 1024;
/// The longest schedule horizon `steps` (well inside JavaScript's exact integers).
pub const MAX_STEPS: u64 = 1_000_000_000_000;

/// The radius σ starts at when none is given: half the larger side of the grid, so the first
/// rows move the whole map. The one place this rule is written ([`SomConfig::sized`] and the
/// facade's defaults both call it).
pub fn default_sigma(rows: usize, cols: usize) -> f32 {
    (rows.max(cols) as f32 / 2.0).clamp(MIN_SIGMA, MAX_SIGMA)
}

/// The type of an option's value. JavaScript names: `"int"`, `"number"`, `"bool"`, `"enum"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A whole number within `min..=max`.
    Int,
    /// A finite number within the range.
    Number,
    /// `true` or `false`.
    Bool,
    /// One of the listed names.
    Enum,
}

impl Kind {
    /// The JavaScript name of the type.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Int => "int",
            Kind::Number => "number",
            Kind::Bool => "bool",
            Kind::Enum => "enum",
        }
    }
}

/// One option value as it comes from JavaScript (a number, a boolean, a string) or anything
/// else (`Other`, described for the error message, e.g. `"null"` or `"an object"`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value<'a> {
    /// A number (JavaScript has one number type; `Int` options check it is whole).
    Number(f64),
    /// A boolean.
    Bool(bool),
    /// A string.
    Text(&'a str),
    /// Any other JavaScript value, by a description such as `"null"`; never valid.
    Other(&'a str),
}

impl fmt::Display for Value<'_> {
    /// As a message shows what it got: numbers in JavaScript's spelling, strings quoted.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(x) => f.write_str(&js_number(*x)),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Text(s) => write!(f, "'{s}'"),
            Value::Other(s) => f.write_str(s),
        }
    }
}

/// An option's default: a fixed value, or a rule that depends on other options (then the
/// value it gives on the default map is kept as an example).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DefaultValue {
    /// The same value whatever the other options.
    Fixed(Value<'static>),
    /// A rule, e.g. "half the larger of rows and cols", and its value on the default map.
    Rule {
        /// The rule in words.
        rule: &'static str,
        /// What the rule gives with every other option at its default.
        example: Value<'static>,
    },
}

impl DefaultValue {
    /// The fixed value, or the rule's value on the default map.
    pub fn value(&self) -> Value<'static> {
        match *self {
            DefaultValue::Fixed(v) | DefaultValue::Rule { example: v, .. } => v,
        }
    }

    /// The rule in words, when the default is one.
    pub fn rule(&self) -> Option<&'static str> {
        match *self {
            DefaultValue::Fixed(_) => None,
            DefaultValue::Rule { rule, .. } => Some(rule),
        }
    }
}

/// One option: everything the core, the page and the docs know about it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OptionSpec {
    /// The JavaScript (camelCase) name, as in `new Som({ sigma: 2 })` and `#sigma=2`.
    pub name: &'static str,
    /// The type of its value.
    pub kind: Kind,
    /// The default when the option is left out.
    pub default: DefaultValue,
    /// The smallest allowed value (`Int`, `Number`).
    pub min: Option<f64>,
    /// Whether `min` itself is refused (the value must be greater).
    pub exclusive_min: bool,
    /// The largest allowed value (`Int`, `Number`).
    pub max: Option<f64>,
    /// The allowed names (`Enum`); empty otherwise.
    pub values: &'static [&'static str],
    /// One line of doc.
    pub doc: &'static str,
}

/// A number as JavaScript's `String(x)` writes it: `NaN`, `Infinity`, `-Infinity`, `0` for
/// −0, exponent form (`1e+21`, `1e-7`) outside `[1e-6, 1e21)`, else the shortest decimal.
pub fn js_number(x: f64) -> String {
    js_spelling(x, x, numfmt::display_f64, numfmt::exp_f64)
}

/// [`js_number`] for an `f32`, with the shortest decimal that reads back as the same `f32`
/// (`0.1`, not `0.10000000149011612`).
pub fn js_number_f32(x: f32) -> String {
    js_spelling(x as f64, x, numfmt::display_f32, numfmt::exp_f32)
}

/// `shown` (`x` itself or the `f32` it came from) by `plain` (`{}`) or `exp` (`{:e}`); see
/// [`crate::numfmt`] for why not `format!`.
fn js_spelling<T: Copy>(x: f64, shown: T, plain: fn(T) -> String, exp: fn(T) -> String) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    if x == 0.0 {
        return "0".into();
    }
    let a = x.abs();
    if (1e-6..1e21).contains(&a) {
        return plain(shown);
    }
    let e = exp(shown);
    match e.split_once('e') {
        Some((m, exp)) if !exp.starts_with('-') => format!("{m}e+{exp}"),
        _ => e,
    }
}

impl OptionSpec {
    /// What the option allows, phrased to follow "must be": `"an integer from 1 to 200"`,
    /// `"a number greater than 0 and at most 2"`, `"true or false"`, `"one of gaussian, bubble, …"`.
    pub fn allowed(&self) -> String {
        let (lo, hi) = (self.min.map(js_number), self.max.map(js_number));
        match (self.kind, lo, hi) {
            (Kind::Bool, ..) => "true or false".into(),
            (Kind::Enum, ..) => format!("one of {}", self.values.join(", ")),
            (Kind::Int, Some(lo), Some(hi)) => format!("an integer from {lo} to {hi}"),
            (Kind::Int, Some(lo), None) => format!("an integer of at least {lo}"),
            (Kind::Int, None, _) => "an integer".into(),
            (Kind::Number, Some(lo), Some(hi)) if self.exclusive_min => {
                format!("a number greater than {lo} and at most {hi}")
            }
            (Kind::Number, Some(lo), Some(hi)) => format!("a number from {lo} to {hi}"),
            (Kind::Number, Some(lo), None) => format!("a number of at least {lo}"),
            (Kind::Number, None, _) => "a finite number".into(),
        }
    }

    /// The error for a value this option refuses: `"{name} must be {allowed}, got {got}"`.
    pub fn refuse(&self, got: impl fmt::Display) -> SomError {
        SomError::InvalidConfig { field: self.name, allowed: self.allowed(), got: got.to_string() }
    }

    fn in_range(&self, x: f64) -> bool {
        let above = match self.min {
            Some(m) if self.exclusive_min => x > m,
            Some(m) => x >= m,
            None => true,
        };
        x.is_finite() && above && self.max.is_none_or(|m| x <= m)
    }

    /// The range in `f32`, as a [`SomConfig`] stores numbers: a value that reads back from
    /// `f32` (`0.01` as `0.009999999776…`) is still within a minimum of 0.01.
    fn in_range_f32(&self, x: f32) -> bool {
        let above = match self.min.map(|m| m as f32) {
            Some(m) if self.exclusive_min => x > m,
            Some(m) => x >= m,
            None => true,
        };
        x.is_finite() && above && self.max.is_none_or(|m| x <= m as f32)
    }

    /// Checks one value against the type and range; returns it unchanged when allowed.
    pub fn check<'a>(&self, value: Value<'a>) -> Result<Value<'a>, SomError> {
        let ok = match (self.kind, value) {
            (Kind::Int, Value::Number(x)) => x.fract() == 0.0 && self.in_range(x),
            (Kind::Number, Value::Number(x)) => x.is_finite() && self.in_range_f32(x as f32),
            (Kind::Bool, Value::Bool(_)) => true,
            (Kind::Enum, Value::Text(s)) => self.values.contains(&s),
            _ => false,
        };
        if ok {
            Ok(value)
        } else {
            Err(self.refuse(value))
        }
    }

    /// Checks an `f32` field of a [`SomConfig`], comparing in `f32` (so `0.01` given as an
    /// `f64` and rounded to `f32` still passes a minimum of 0.01).
    pub fn check_f32(&self, x: f32) -> Result<(), SomError> {
        if self.in_range_f32(x) {
            Ok(())
        } else {
            Err(self.refuse(js_number_f32(x)))
        }
    }

    /// Checks an integer field of a [`SomConfig`].
    pub fn check_u64(&self, x: u64) -> Result<(), SomError> {
        let x_f = x as f64;
        if self.min.is_none_or(|m| x_f >= m) && self.max.is_none_or(|m| x_f <= m) {
            Ok(())
        } else {
            Err(self.refuse(x))
        }
    }

    fn default_number(&self) -> f64 {
        match self.default.value() {
            Value::Number(x) => x,
            _ => 0.0,
        }
    }

    fn default_text(&self) -> &'static str {
        match self.default.value() {
            Value::Text(s) => s,
            _ => "",
        }
    }

    fn default_bool(&self) -> bool {
        matches!(self.default.value(), Value::Bool(true))
    }
}

fn code_list(values: &[&str]) -> String {
    values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
}

/// A default as the docs show it: `10`, `` `gaussian` ``, or the rule in words.
fn default_cell(spec: &OptionSpec) -> String {
    match spec.default {
        DefaultValue::Rule { rule, example } => format!("{rule} ({} on the default map)", plain(example)),
        DefaultValue::Fixed(Value::Text(s)) => format!("`{s}`"),
        DefaultValue::Fixed(v) => plain(v),
    }
}

fn plain(v: Value<'_>) -> String {
    match v {
        Value::Text(s) => format!("`{s}`"),
        other => other.to_string(),
    }
}

/// `docs/options.md`: the option table in Markdown (checked against the file by
/// `tests/schema_docs.rs`; regenerate with `UPDATE_DOCS=1 cargo test --test schema_docs`).
pub fn markdown() -> String {
    let mut out = String::from(
        "# Options\n\n\
         <!-- Generated from src/som/schema/table.rs (and the warnings in src/som/warnings.rs) by\n     \
         `UPDATE_DOCS=1 cargo test --test schema_docs`; do not edit by hand. -->\n\n\
         Every option of a map: the keys of `new Som(options)`, of a link's hash (`#rows=3&sigma=1.5`)\n\
         and of a `<som-playground>` element's attributes. Every one is optional; a value outside\n\
         what is allowed is refused with a message that names the option and what it allows.\n\
         The page reads this same table at run time from the core's `optionSchema()`.\n\n\
         | option | type | default | allowed | what it does |\n\
         |---|---|---|---|---|\n",
    );
    for spec in &OPTIONS {
        let allowed = match spec.kind {
            Kind::Enum => code_list(spec.values),
            _ => spec.allowed(),
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            spec.name,
            spec.kind.name(),
            default_cell(spec),
            allowed,
            spec.doc.replace('|', "\\|")
        ));
    }
    out.push_str(&super::warnings::markdown());
    out
}

#[cfg(test)]
mod tests;
