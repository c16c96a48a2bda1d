//! The one reader of options: `(name, value)` pairs in, a checked [`Settings`] out.

use super::*;

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
