//! Warnings that teach: settings that are allowed but likely wrong, each with the reason and a
//! one-click fix, as MiniSom's docstrings warn. The page shows them next to the field, the docs
//! list them ([`markdown`]); both read [`warnings`], so they agree.
//!
//! ```
//! use som_playground::som::{warnings::warnings, SomConfig};
//! use som_playground::data::Scaling;
//! let mut c = SomConfig::sized(6, 6, 3);
//! c.sigma.start = 9.0;
//! let w = warnings(&c, None, Scaling::MinMax);
//! assert_eq!(w.len(), 1);
//! assert_eq!((w[0].code, w[0].field), ("sigmaLargerThanMap", "sigma"));
//! assert_eq!(w[0].fix.field, "sigma");
//! assert_eq!(w[0].fix.value, som_playground::som::schema::Value::Number(3.0)); // half of 6
//! ```

use super::schema::{self, Value};
use super::{Decay, Kernel, SomConfig, Topology};
use crate::data::{Dataset, Scaling};

/// One warning: a stable code, the option it is about, a short message with the reason, and
/// the fix (an option and the value to set it to).
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    /// Stable identifier, one of [`KINDS`]' codes, e.g. `"sigmaLargerThanMap"`.
    pub code: &'static str,
    /// The option (JavaScript name) the warning is shown next to.
    pub field: &'static str,
    /// What is wrong and why, in a sentence or two.
    pub message: String,
    /// The one-click fix.
    pub fix: Fix,
}

/// Set `field` to `value`: a value the option table allows, which clears the warning (for
/// `moreNodesThanRows` it may take a second click when both sides are too long).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fix {
    /// The option to change.
    pub field: &'static str,
    /// Its new value.
    pub value: Value<'static>,
}

/// One kind of warning, for the docs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WarningKind {
    /// The stable code.
    pub code: &'static str,
    /// The option it is shown next to.
    pub field: &'static str,
    /// When it is given, in words.
    pub when: &'static str,
    /// What its fix sets.
    pub fix: &'static str,
}

/// σ starts above the longer side of the grid.
pub const SIGMA_LARGER_THAN_MAP: &str = "sigmaLargerThanMap";
/// The bubble with σ below 1 moves the BMU alone.
pub const BUBBLE_SIGMA_BELOW_ONE: &str = "bubbleSigmaBelowOne";
/// σ's schedule ends above its start.
pub const SIGMA_END_ABOVE_SIGMA: &str = "sigmaEndAboveSigma";
/// α starts above 1.
pub const LEARNING_RATE_ABOVE_ONE: &str = "learningRateAboveOne";
/// α's schedule ends above its start.
pub const LEARNING_RATE_END_ABOVE_START: &str = "learningRateEndAboveStart";
/// More nodes than data rows.
pub const MORE_NODES_THAN_ROWS: &str = "moreNodesThanRows";
/// Data outside [0, 1] with scaling off.
pub const DATA_NOT_SCALED: &str = "dataNotScaled";

/// Every warning, in the order [`warnings`] returns them (the option table's field order).
pub const KINDS: [WarningKind; 7] = [
    WarningKind {
        code: MORE_NODES_THAN_ROWS,
        field: "rows or cols",
        when: "the map has more nodes than the data has rows",
        fix: "shrinks the longer side so that rows × cols fits the rows",
    },
    WarningKind {
        code: LEARNING_RATE_ABOVE_ONE,
        field: "learningRate",
        when: "α starts above 1 (only a config built in Rust: the option table stops at 1)",
        fix: "learningRate = its default, 0.5",
    },
    WarningKind {
        code: LEARNING_RATE_END_ABOVE_START,
        field: "learningRateEnd",
        when: "α's schedule ends above its start (linear, exponential and inverse decays)",
        fix: "learningRateEnd = its default 0.01, or learningRate if that is smaller",
    },
    WarningKind {
        code: SIGMA_LARGER_THAN_MAP,
        field: "sigma",
        when: "σ starts above the number of nodes on the grid's longer side",
        fix: "sigma = half the larger side (its default)",
    },
    WarningKind {
        code: BUBBLE_SIGMA_BELOW_ONE,
        field: "sigma",
        when: "the bubble neighbourhood starts with σ below 1 (only the BMU moves)",
        fix: "sigma = 1",
    },
    WarningKind {
        code: SIGMA_END_ABOVE_SIGMA,
        field: "sigmaEnd",
        when: "σ's schedule ends above its start (linear, exponential and inverse decays)",
        fix: "sigmaEnd = its default 0.5, or sigma if that is smaller",
    },
    WarningKind {
        code: DATA_NOT_SCALED,
        field: "scaling",
        when: "scaling is none and the data hold values outside [0, 1]",
        fix: "scaling = minMax",
    },
];

/// Whether `decay` reaches its end value (asymptotic and constant ignore it).
fn uses_end(decay: Decay) -> bool {
    matches!(decay, Decay::Linear | Decay::Exponential | Decay::Inverse)
}

/// A number for a message: at most 3 significant digits, no trailing zeros.
fn short(x: f64) -> String {
    if !x.is_finite() || x == 0.0 {
        return schema::js_number(x);
    }
    let digits = (2 - x.abs().log10().floor() as i32).max(0) as usize;
    let s = crate::numfmt::fixed_f64(x, digits); // format!("{x:.digits$}"), see crate::numfmt
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.') } else { &s };
    s.to_string()
}

/// The warnings for a map `config` learning from `data` (the data set as loaded, before
/// scaling; `None` when there is none yet) scaled by `scaling`. Empty when nothing looks
/// wrong. The order is [`KINDS`]' order; every fix is a value the option table allows.
pub fn warnings(config: &SomConfig, data: Option<&Dataset>, scaling: Scaling) -> Vec<Warning> {
    let mut out = Vec::new();
    let mut warn = |code, field, message: String, fix_field, value| {
        out.push(Warning { code, field, message, fix: Fix { field: fix_field, value } });
    };
    let (lr, sigma) = (&config.learning_rate, &config.sigma);
    let (lr0, lr1) = (lr.start as f64, lr.end as f64);
    let (s0, s1) = (sigma.start as f64, sigma.end as f64);

    if let Some(data) = data {
        let (nodes, n) = (config.nodes(), data.rows());
        if nodes > n {
            let (field, other) =
                if config.rows >= config.cols { ("rows", config.cols) } else { ("cols", config.rows) };
            let mut side = (n / other).max(1);
            if field == "rows" && config.topology == Topology::Hexagonal && config.toroidal {
                side = (side / 2 * 2).max(2);
            }
            let thumb = 5.0 * (n as f64).sqrt();
            warn(
                MORE_NODES_THAN_ROWS,
                field,
                format!(
                    "{nodes} nodes for {n} rows: at least {} nodes can never win a row and only fill in \
                     between the others; about 5·√{n} ≈ {} nodes suit this data.",
                    nodes - n,
                    crate::numfmt::display_f64(thumb.round())
                ),
                field,
                Value::Number(side as f64),
            );
        }
    }
    if lr0 > 1.0 {
        warn(
            LEARNING_RATE_ABOVE_ONE,
            "learningRate",
            format!(
                "α = {} is above 1, and the update caps it at 1: each row drags its winner all the way \
                 onto itself, so the map jumps around instead of settling.",
                short(lr0)
            ),
            "learningRate",
            schema::LEARNING_RATE.default.value(),
        );
    }
    if uses_end(lr.decay) && lr1 > lr0 {
        let fix = match schema::LEARNING_RATE_END.default.value() {
            Value::Number(d) if d <= lr0 => d,
            _ => lr0,
        };
        warn(
            LEARNING_RATE_END_ABOVE_START,
            "learningRateEnd",
            format!(
                "α ends at {}, above its start {}: the map learns harder as it goes, so the last rows \
                 undo what the earlier ones taught.",
                short(lr1),
                short(lr0)
            ),
            "learningRateEnd",
            Value::Number(fix),
        );
    }
    let side = config.rows.max(config.cols);
    if s0 > side as f64 {
        let fix = schema::default_sigma(config.rows, config.cols) as f64;
        warn(
            SIGMA_LARGER_THAN_MAP,
            "sigma",
            format!(
                "σ = {} is larger than the map ({side} nodes on its longer side): every node is pulled \
                 almost as hard as the winner, so the map moves as one and cannot unfold.",
                short(s0)
            ),
            "sigma",
            Value::Number(fix),
        );
    }
    if config.neighborhood == Kernel::Bubble && s0 < 1.0 {
        warn(
            BUBBLE_SIGMA_BELOW_ONE,
            "sigma",
            format!(
                "With the bubble, σ = {} below 1 moves only the winner: no neighbour is pulled along, \
                 so neighbouring nodes never agree and the map stays noise.",
                short(s0)
            ),
            "sigma",
            Value::Number(1.0),
        );
    }
    if uses_end(sigma.decay) && s1 > s0 {
        let fix = match schema::SIGMA_END.default.value() {
            Value::Number(d) if d <= s0 => d,
            _ => s0,
        };
        warn(
            SIGMA_END_ABOVE_SIGMA,
            "sigmaEnd",
            format!(
                "σ ends at {}, above its start {}: the radius grows as the map learns, so late, wide \
                 pulls smear out the detail it found.",
                short(s1),
                short(s0)
            ),
            "sigmaEnd",
            Value::Number(fix),
        );
    }
    if let Some(data) = data.filter(|_| scaling == Scaling::None) {
        let (mins, maxs) = data.column_bounds();
        let lo = mins.iter().copied().fold(f32::INFINITY, f32::min) as f64;
        let hi = maxs.iter().copied().fold(f32::NEG_INFINITY, f32::max) as f64;
        if lo < 0.0 || hi > 1.0 {
            warn(
                DATA_NOT_SCALED,
                "scaling",
                format!(
                    "The data run from {} to {}, outside [0, 1], and are not scaled: the column with the \
                     widest range decides every distance, and the map, which starts in [0.01, 0.1), has \
                     far to travel.",
                    short(lo),
                    short(hi)
                ),
                "scaling",
                Value::Text(Scaling::MinMax.name()),
            );
        }
    }
    out
}

/// The warnings' section of `docs/options.md`.
pub fn markdown() -> String {
    let mut out = String::from(
        "\n## Warnings\n\n\
         Settings that are allowed but likely wrong. The page shows each next to its option with the\n\
         reason and a one-click fix; `som.warnings()` returns them as `{ code, field, message, fix: { field, value } }`.\n\n\
         | code | option | when | the fix sets |\n\
         |---|---|---|---|\n",
    );
    for k in &KINDS {
        out.push_str(&format!("| `{}` | `{}` | {} | {} |\n", k.code, k.field, k.when, k.fix));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_numbers() {
        for (x, s) in
            [(0.5, "0.5"), (30.0, "30"), (1.25, "1.25"), (0.0123, "0.0123"), (789.6, "790"), (0.3, "0.3")]
        {
            assert_eq!(short(x), s);
        }
    }

    #[test]
    fn the_default_map_has_no_warning() {
        let rgb = crate::data::builtin("rgb", 500, 1).unwrap();
        assert_eq!(warnings(&SomConfig::default(), Some(&rgb), Scaling::MinMax), vec![]);
        assert_eq!(warnings(&SomConfig::default(), None, Scaling::None), vec![]);
    }
}
