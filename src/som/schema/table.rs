//! The option table's data: one [`OptionSpec`] per option, in the order the form shows them.

use super::*;

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
