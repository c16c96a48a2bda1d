//! [`SomConfig`], everything that defines a map before it sees data, and [`Order`], the order in
//! which online training visits the rows.

use super::{Decay, Init, Kernel, Schedule, SomError, Topology};

name_enum! {
    /// The order in which [`super::Som::next_row`] hands out rows. JavaScript names:
    /// `"random"`, `"sequential"`.
    Order, "order", {
        /// A fresh random permutation of the rows on each pass: every row once per pass, in a new
        /// order each time (sampling without replacement).
        Random => "random",
        /// Rows 0, 1, 2, …, n−1, 0, 1, … by a cursor that does not depend on `t`.
        Sequential => "sequential",
    }
}

/// The shape and training settings of a map. Every field is public; [`SomConfig::validate`]
/// (called by [`super::Som::new`]) checks the ranges below.
///
/// ```
/// use som_playground::som::{SomConfig, Topology};
/// let c = SomConfig { rows: 8, cols: 12, topology: Topology::Hexagonal, ..SomConfig::default() };
/// assert!(c.validate().is_ok());
/// let bad = SomConfig { rows: 0, ..SomConfig::default() };
/// assert_eq!(bad.validate().unwrap_err().to_string(), "rows must be an integer from 1 to 200, got 0");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct SomConfig {
    /// Grid rows. Default 10; an integer from 1 to 200 (even when hexagonal and toroidal).
    pub rows: usize,
    /// Grid columns. Default 10; an integer from 1 to 200.
    pub cols: usize,
    /// Input dimension, the number of data columns (weights per node). Default 3; 1 to 1024.
    pub dim: usize,
    /// Grid layout. Default [`Topology::Rectangular`].
    pub topology: Topology,
    /// Whether the grid wraps round (a torus). Default `false`.
    pub toroidal: bool,
    /// Neighbourhood function. Default [`Kernel::Gaussian`].
    pub neighborhood: Kernel,
    /// Learning rate `α(t)`. Default 0.5 → 0.01, exponential. `start` and `end` finite in (0, 1].
    pub learning_rate: Schedule,
    /// Neighbourhood radius `σ(t)` in grid units. Default 5 → 0.5, exponential. `start` and
    /// `end` finite, greater than 0 and at most 1000.
    pub sigma: Schedule,
    /// The schedules' horizon `T` in steps. Default 10 000; at least 1.
    pub steps: u64,
    /// How the facade initialises the weights once data is loaded (see
    /// [`super::Som::initialize`]). Default [`Init::Random`]. [`super::Som::new`] always starts
    /// from the random init, which needs no data.
    pub init: Init,
    /// Row order of online training. Default [`Order::Random`].
    pub order: Order,
}

impl Default for SomConfig {
    fn default() -> Self {
        SomConfig {
            rows: 10,
            cols: 10,
            dim: 3,
            topology: Topology::Rectangular,
            toroidal: false,
            neighborhood: Kernel::Gaussian,
            learning_rate: Schedule::new(0.5, 0.01, Decay::Exponential),
            sigma: Schedule::new(5.0, 0.5, Decay::Exponential),
            steps: 10_000,
            init: Init::Random,
            order: Order::Random,
        }
    }
}

fn invalid(field: &'static str, allowed: &str, got: impl ToString) -> SomError {
    SomError::InvalidConfig { field, allowed: allowed.to_string(), got: got.to_string() }
}

impl SomConfig {
    /// Checks every range, in field order; the error names the field by its JavaScript name
    /// (`rows`, `cols`, `dim`, `learningRate`, `learningRateEnd`, `sigma`, `sigmaEnd`, `steps`):
    ///
    /// * `rows`, `cols`: integers from 1 to 200; `dim`: from 1 to 1024;
    /// * learning rate start and end: finite numbers greater than 0 and at most 1;
    /// * sigma start and end: finite numbers greater than 0 and at most 1000;
    /// * `steps` at least 1;
    /// * hexagonal and toroidal together need an even number of rows.
    pub fn validate(&self) -> Result<(), SomError> {
        for (field, v) in [("rows", self.rows), ("cols", self.cols)] {
            if !(1..=200).contains(&v) {
                return Err(invalid(field, "an integer from 1 to 200", v));
            }
        }
        if !(1..=1024).contains(&self.dim) {
            return Err(invalid("dim", "an integer from 1 to 1024", self.dim));
        }
        let lr = [("learningRate", self.learning_rate.start), ("learningRateEnd", self.learning_rate.end)];
        for (field, v) in lr {
            if !(v.is_finite() && v > 0.0 && v <= 1.0) {
                return Err(invalid(field, "a number greater than 0 and at most 1", v));
            }
        }
        for (field, v) in [("sigma", self.sigma.start), ("sigmaEnd", self.sigma.end)] {
            if !(v.is_finite() && v > 0.0 && v <= 1000.0) {
                return Err(invalid(field, "a number greater than 0 and at most 1000", v));
            }
        }
        if self.steps < 1 {
            return Err(invalid("steps", "an integer of at least 1", self.steps));
        }
        if self.topology == Topology::Hexagonal && self.toroidal && !self.rows.is_multiple_of(2) {
            return Err(invalid(
                "rows",
                "an even number on a hexagonal toroidal grid (the row offsets must line up where the edges meet)",
                self.rows,
            ));
        }
        Ok(())
    }

    /// Number of nodes, `rows × cols`.
    pub fn nodes(&self) -> usize {
        self.rows * self.cols
    }
}
