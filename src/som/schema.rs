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

use std::fmt;

use super::{Decay, Init, Kernel, Order, Schedule, SomConfig, SomError, Topology};
use crate::numfmt;
use crate::data::generators::{DEFAULT_ROWS, MAX_ROWS};
use crate::data::{Scaling, BUILTIN_NAMES};

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

const fn int(name: &'static str, default: f64, min: f64, max: f64, doc: &'static str) -> OptionSpec {
    OptionSpec {
        name,
        kind: Kind::Int,
        default: DefaultValue::Fixed(Value::Number(default)),
        min: Some(min),
        exclusive_min: false,
        max: Some(max),
        values: &[],
        doc,
    }
}

const fn number(
    name: &'static str,
    default: DefaultValue,
    min: f64,
    exclusive_min: bool,
    max: f64,
    doc: &'static str,
) -> OptionSpec {
    OptionSpec {
        name,
        kind: Kind::Number,
        default,
        min: Some(min),
        exclusive_min,
        max: Some(max),
        values: &[],
        doc,
    }
}

const fn names(
    name: &'static str,
    default: DefaultValue,
    values: &'static [&'static str],
    doc: &'static str,
) -> OptionSpec {
    OptionSpec { name, kind: Kind::Enum, default, min: None, exclusive_min: false, max: None, values, doc }
}

const fn fixed_name(name: &'static str) -> DefaultValue {
    DefaultValue::Fixed(Value::Text(name))
}

const fn fixed_number(x: f64) -> DefaultValue {
    DefaultValue::Fixed(Value::Number(x))
}

/// Grid rows.
pub const ROWS: OptionSpec = int(
    "rows",
    10.0,
    1.0,
    MAX_SIDE as f64,
    "Grid rows, nodes down the map; even on a hexagonal toroidal grid (the row offsets must meet).",
);
/// Grid columns.
pub const COLS: OptionSpec = int("cols", 10.0, 1.0, MAX_SIDE as f64, "Grid columns, nodes across the map.");
/// Input dimension.
pub const DIM: OptionSpec = OptionSpec {
    default: DefaultValue::Rule { rule: "the data's column count", example: Value::Number(3.0) },
    ..int(
        "dim",
        3.0,
        1.0,
        MAX_DIM as f64,
        "Weights per node, one per data column; when given it must equal the data's column count.",
    )
};
/// Grid layout.
pub const TOPOLOGY: OptionSpec = names(
    "topology",
    fixed_name("rectangular"),
    Topology::NAMES,
    "How the nodes are laid out: 4 neighbours each (rectangular) or 6 (hexagonal).",
);
/// Wrap-around.
pub const TOROIDAL: OptionSpec = OptionSpec {
    name: "toroidal",
    kind: Kind::Bool,
    default: DefaultValue::Fixed(Value::Bool(false)),
    min: None,
    exclusive_min: false,
    max: None,
    values: &[],
    doc: "Whether the grid wraps round, left edge to right and top to bottom (a torus).",
};
/// Neighbourhood function.
pub const NEIGHBORHOOD: OptionSpec = names(
    "neighborhood",
    fixed_name("gaussian"),
    Kernel::NAMES,
    "The neighbourhood function h(d; σ): how hard a node at grid distance d from the BMU is pulled.",
);
/// Learning rate at the start.
pub const LEARNING_RATE: OptionSpec = number(
    "learningRate",
    fixed_number(0.5),
    0.0,
    true,
    MAX_LEARNING_RATE as f64,
    "α at t = 0: the share of the way the BMU moves towards the row (1 puts it on the row).",
);
/// Learning rate at the end.
pub const LEARNING_RATE_END: OptionSpec = number(
    "learningRateEnd",
    fixed_number(0.01),
    0.0,
    true,
    MAX_LEARNING_RATE as f64,
    "α at t = steps (unused by the asymptotic and constant decays).",
);
/// Learning-rate decay.
pub const LEARNING_RATE_DECAY: OptionSpec = names(
    "learningRateDecay",
    DefaultValue::Rule { rule: "the value of decay", example: Value::Text("exponential") },
    Decay::NAMES,
    "How α goes from learningRate to learningRateEnd.",
);
/// Radius at the start.
pub const SIGMA: OptionSpec = number(
    "sigma",
    DefaultValue::Rule { rule: "half the larger of rows and cols", example: Value::Number(5.0) },
    MIN_SIGMA_DECIMAL,
    false,
    MAX_SIGMA as f64,
    "σ at t = 0, the neighbourhood radius in grid steps; below 0.01 every kernel moves the BMU alone.",
);
/// Radius at the end.
pub const SIGMA_END: OptionSpec = number(
    "sigmaEnd",
    fixed_number(0.5),
    MIN_SIGMA_DECIMAL,
    false,
    MAX_SIGMA as f64,
    "σ at t = steps (unused by the asymptotic and constant decays).",
);
/// Radius decay.
pub const SIGMA_DECAY: OptionSpec = names(
    "sigmaDecay",
    DefaultValue::Rule { rule: "the value of decay", example: Value::Text("exponential") },
    Decay::NAMES,
    "How σ goes from sigma to sigmaEnd.",
);
/// Both decays at once.
pub const DECAY: OptionSpec = names(
    "decay",
    fixed_name("exponential"),
    Decay::NAMES,
    "Sets learningRateDecay and sigmaDecay together (either may override it).",
);
/// The schedules' horizon.
pub const STEPS: OptionSpec = int(
    "steps",
    10_000.0,
    1.0,
    MAX_STEPS as f64,
    "The schedules' horizon T in steps; after it α and σ stay at their final values.",
);
/// Initialisation.
pub const INIT: OptionSpec = names(
    "init",
    fixed_name("random"),
    Init::NAMES,
    "Initial weights: near zero, in [0.01, 0.1) (random), random rows (samples), the data's main plane (pca).",
);
/// Row order.
pub const ORDER: OptionSpec = names(
    "order",
    fixed_name("random"),
    Order::NAMES,
    "Row order of online training: a fresh shuffle each pass (random) or rows 0, 1, 2, … (sequential).",
);
/// Seed.
pub const SEED: OptionSpec = int(
    "seed",
    1.0,
    0.0,
    u32::MAX as f64,
    "Seeds the weights, the row order and the synthetic data: the same seed gives the same map.",
);
/// The built-in data set names and `"custom"`.
pub const DATA_VALUES: [&str; BUILTIN_NAMES.len() + 1] = {
    let mut out = ["custom"; BUILTIN_NAMES.len() + 1];
    let mut i = 0;
    while i < BUILTIN_NAMES.len() {
        out[i] = BUILTIN_NAMES[i];
        i += 1;
    }
    out
};
/// Data set.
pub const DATA: OptionSpec = names(
    "data",
    fixed_name("rgb"),
    &DATA_VALUES,
    "A built-in data set; custom (options() after setData or loadCsv) keeps the map's data in withOptions.",
);
/// Rows of a synthetic data set.
pub const DATA_ROWS: OptionSpec = int(
    "dataRows",
    DEFAULT_ROWS as f64,
    1.0,
    MAX_ROWS as f64,
    "Rows a synthetic data set generates (iris always has 150).",
);
/// Scaling.
pub const SCALING: OptionSpec = names(
    "scaling",
    fixed_name("minMax"),
    Scaling::NAMES,
    "Per-column scaling before training: onto [0, 1] (minMax), to mean 0 and sd 1 (zScore), or none.",
);

/// Every option, in the order the form, the docs and the error message list them.
pub const OPTIONS: [OptionSpec; 20] = [
    ROWS,
    COLS,
    DIM,
    TOPOLOGY,
    TOROIDAL,
    NEIGHBORHOOD,
    LEARNING_RATE,
    LEARNING_RATE_END,
    LEARNING_RATE_DECAY,
    SIGMA,
    SIGMA_END,
    SIGMA_DECAY,
    DECAY,
    STEPS,
    INIT,
    ORDER,
    SEED,
    DATA,
    DATA_ROWS,
    SCALING,
];

/// The names of [`OPTIONS`], in order.
pub static NAMES: [&str; OPTIONS.len()] = {
    let mut out = [""; OPTIONS.len()];
    let mut i = 0;
    while i < OPTIONS.len() {
        out[i] = OPTIONS[i].name;
        i += 1;
    }
    out
};

/// [`OPTIONS`] at one address, for `&'static` look-ups.
static TABLE: [OptionSpec; OPTIONS.len()] = OPTIONS;

/// The option named `name` (exact, case-sensitive).
pub fn option(name: &str) -> Option<&'static OptionSpec> {
    TABLE.iter().find(|o| o.name == name)
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

/// Every option after defaults are filled in: the map's [`SomConfig`] and what the facade
/// needs besides (seed, data set, scaling).
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// The map's shape and training settings (`dim` is the table's default, 3, unless given;
    /// the facade takes it from the data).
    pub config: SomConfig,
    /// `seed`.
    pub seed: u32,
    /// `data`: a built-in data set's name or `"custom"`.
    pub data: &'static str,
    /// `dataRows`.
    pub data_rows: usize,
    /// `scaling`.
    pub scaling: Scaling,
    /// Whether `dim` was given (then it must equal the data's column count).
    pub dim_given: bool,
    /// Whether `data` was given.
    pub data_given: bool,
}

impl Default for Settings {
    /// Every option at its default (`Settings::from_pairs` with no pairs).
    fn default() -> Self {
        Settings::build(&[])
    }
}

/// The given values, looked up by option.
struct Given<'a>(&'a [(&'static OptionSpec, Value<'a>)]);

impl<'a> Given<'a> {
    fn get(&self, spec: &OptionSpec) -> Option<Value<'a>> {
        self.0.iter().rev().find(|(s, _)| s.name == spec.name).map(|&(_, v)| v)
    }

    fn number(&self, spec: &OptionSpec) -> f64 {
        match self.get(spec) {
            Some(Value::Number(x)) => x,
            _ => spec.default_number(),
        }
    }

    fn text(&self, spec: &OptionSpec) -> &'a str {
        match self.get(spec) {
            Some(Value::Text(s)) => s,
            _ => spec.default_text(),
        }
    }

    /// An enum option parsed by its core type: the given name, else the table's default.
    /// The table's values are the type's names (a test checks every one parses), so only a
    /// broken table could make this panic. (No `expect`: it would format the error with
    /// `Debug` and link every error type's `Debug`, floats included, into the wasm.)
    fn name<T: std::str::FromStr>(&self, spec: &OptionSpec) -> T {
        let text = match self.get(spec) {
            Some(Value::Text(s)) => s,
            _ => spec.default_text(),
        };
        match text.parse() {
            Ok(value) => value,
            Err(_) => panic!("every name in the option table parses"),
        }
    }

    /// A decay option: the given name, else the value of `decay` (its default rule).
    fn decay(&self, spec: &OptionSpec, decay: Decay) -> Decay {
        match self.get(spec) {
            Some(_) => self.name(spec),
            None => decay,
        }
    }
}

impl Settings {
    /// Reads `(name, value)` pairs: every name must be an option (else
    /// [`SomError::UnknownName`] listing them all), every value must be allowed by its
    /// [`OptionSpec`] (else `InvalidConfig` naming the field and what is allowed), checked in
    /// the order given; then the defaults are filled in and [`SomConfig::validate`] checks the
    /// rules that involve two options. A name given twice takes the last value.
    pub fn from_pairs<'a, I>(pairs: I) -> Result<Settings, SomError>
    where
        I: IntoIterator<Item = (&'a str, Value<'a>)>,
    {
        let mut given: Vec<(&'static OptionSpec, Value<'a>)> = Vec::new();
        for (name, value) in pairs {
            let spec = option(name).ok_or_else(|| SomError::UnknownName {
                what: "option",
                got: name.to_string(),
                valid: &NAMES,
            })?;
            given.push((spec, spec.check(value)?));
        }
        let settings = Settings::build(&given);
        settings.config.validate()?;
        Ok(settings)
    }

    /// Fills in defaults around checked values (no validation).
    fn build(given: &[(&'static OptionSpec, Value<'_>)]) -> Settings {
        let g = Given(given);
        let rows = g.number(&ROWS) as usize;
        let cols = g.number(&COLS) as usize;
        let decay: Decay = g.name(&DECAY);
        let schedule = |start: f64, end: &OptionSpec, decay_spec: &OptionSpec| {
            Schedule::new(start as f32, g.number(end) as f32, g.decay(decay_spec, decay))
        };
        // The one default that depends on other options (see `default_sigma`).
        let sigma = match g.get(&SIGMA) {
            Some(Value::Number(x)) => x,
            _ => default_sigma(rows, cols) as f64,
        };
        let config = SomConfig {
            rows,
            cols,
            dim: g.number(&DIM) as usize,
            topology: g.name(&TOPOLOGY),
            toroidal: match g.get(&TOROIDAL) {
                Some(Value::Bool(b)) => b,
                _ => TOROIDAL.default_bool(),
            },
            neighborhood: g.name(&NEIGHBORHOOD),
            learning_rate: schedule(g.number(&LEARNING_RATE), &LEARNING_RATE_END, &LEARNING_RATE_DECAY),
            sigma: schedule(sigma, &SIGMA_END, &SIGMA_DECAY),
            steps: g.number(&STEPS) as u64,
            init: g.name(&INIT),
            order: g.name(&ORDER),
        };
        let data = g.text(&DATA);
        Settings {
            config,
            seed: g.number(&SEED) as u32,
            data: DATA_VALUES.iter().copied().find(|&d| d == data).unwrap_or(DATA.default_text()),
            data_rows: g.number(&DATA_ROWS) as usize,
            scaling: g.name(&SCALING),
            dim_given: g.get(&DIM).is_some(),
            data_given: g.get(&DATA).is_some(),
        }
    }

    /// The settings as `(name, value)` pairs, one per option except `decay` (the two decays
    /// are listed separately): what `Settings::from_pairs` reads back to the same settings.
    pub fn pairs(&self) -> Vec<(&'static str, Value<'static>)> {
        let c = &self.config;
        let n = |x: f64| Value::Number(x);
        let f = |x: f32| Value::Number(x as f64);
        vec![
            (ROWS.name, n(c.rows as f64)),
            (COLS.name, n(c.cols as f64)),
            (DIM.name, n(c.dim as f64)),
            (TOPOLOGY.name, Value::Text(c.topology.name())),
            (TOROIDAL.name, Value::Bool(c.toroidal)),
            (NEIGHBORHOOD.name, Value::Text(c.neighborhood.name())),
            (LEARNING_RATE.name, f(c.learning_rate.start)),
            (LEARNING_RATE_END.name, f(c.learning_rate.end)),
            (LEARNING_RATE_DECAY.name, Value::Text(c.learning_rate.decay.name())),
            (SIGMA.name, f(c.sigma.start)),
            (SIGMA_END.name, f(c.sigma.end)),
            (SIGMA_DECAY.name, Value::Text(c.sigma.decay.name())),
            (STEPS.name, n(c.steps as f64)),
            (INIT.name, Value::Text(c.init.name())),
            (ORDER.name, Value::Text(c.order.name())),
            (SEED.name, n(self.seed as f64)),
            (DATA.name, Value::Text(self.data)),
            (DATA_ROWS.name, n(self.data_rows as f64)),
            (SCALING.name, Value::Text(self.scaling.name())),
        ]
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
         <!-- Generated from src/som/schema.rs (and the warnings in src/som/warnings.rs) by\n     \
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
mod tests {
    use super::*;

    #[test]
    fn every_default_is_allowed_by_its_own_option() {
        for spec in &OPTIONS {
            assert_eq!(spec.check(spec.default.value()), Ok(spec.default.value()), "{}", spec.name);
            assert_eq!(spec.values.is_empty(), spec.kind != Kind::Enum, "{}", spec.name);
            assert_eq!(spec.min.is_some(), matches!(spec.kind, Kind::Int | Kind::Number), "{}", spec.name);
        }
    }

    #[test]
    fn names_are_unique_and_match_the_table() {
        for (i, spec) in OPTIONS.iter().enumerate() {
            assert_eq!(NAMES[i], spec.name);
            assert_eq!(option(spec.name), Some(spec));
            assert!(OPTIONS[..i].iter().all(|o| o.name != spec.name), "{} twice", spec.name);
        }
        assert_eq!(option("sigmaa"), None);
    }

    #[test]
    fn data_values_are_the_builtins_and_custom() {
        assert_eq!(&DATA_VALUES[..BUILTIN_NAMES.len()], BUILTIN_NAMES);
        assert_eq!(DATA_VALUES.last(), Some(&"custom"));
    }

    #[test]
    fn rule_examples_are_what_the_rules_give_on_the_default_map() {
        let d = Settings::default();
        assert_eq!(SIGMA.default.value(), Value::Number(default_sigma(d.config.rows, d.config.cols) as f64));
        assert_eq!(DIM.default.value(), Value::Number(d.config.dim as f64));
        assert_eq!(LEARNING_RATE_DECAY.default.value(), DECAY.default.value());
        assert_eq!(SIGMA_DECAY.default.value(), DECAY.default.value());
    }

    #[test]
    fn js_spellings() {
        let cases: [(f64, &str); 11] = [
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
            (-0.0, "0"),
            (3.0, "3"),
            (0.5, "0.5"),
            (-1.25, "-1.25"),
            (1e21, "1e+21"),
            (1.5e39, "1.5e+39"),
            (1e-7, "1e-7"),
            (4294967295.0, "4294967295"),
        ];
        for (x, s) in cases {
            assert_eq!(js_number(x), s);
        }
        assert_eq!(js_number_f32(0.1), "0.1");
        assert_eq!(js_number_f32(f32::INFINITY), "Infinity");
    }
}
