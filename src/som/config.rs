//! [`SomConfig`], everything that defines a map before it sees data, and [`Order`], the order in
//! which online training visits the rows.

use super::{schema, Init, Kernel, Schedule, SomError, Topology};

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
/// (called by [`super::Som::new`]) checks the ranges below, which, like the defaults, come
/// from the option table [`schema::OPTIONS`].
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
    /// Learning rate `α(t)`. Default 0.5 → 0.01, exponential. `start` and `end` in (0, 1].
    pub learning_rate: Schedule,
    /// Neighbourhood radius `σ(t)` in grid units. Default: from half the larger side
    /// ([`schema::default_sigma`]; 5 on the default 10 × 10 map) to 0.5, exponential. `start`
    /// and `end` from [`schema::MIN_SIGMA`] (0.01) to 1000. A struct update from
    /// `SomConfig::default()` keeps σ = 5 whatever the size: [`SomConfig::sized`] applies the
    /// rule for another size.
    pub sigma: Schedule,
    /// The schedules' horizon `T` in steps. Default 10 000; from 1 to 10¹².
    pub steps: u64,
    /// How the facade initialises the weights once data is loaded (see
    /// [`super::Som::initialize`]). Default [`Init::Random`]. [`super::Som::new`] always starts
    /// from the random init, which needs no data.
    pub init: Init,
    /// Row order of online training. Default [`Order::Random`].
    pub order: Order,
}

impl Default for SomConfig {
    /// Every field at the option table's default ([`schema::OPTIONS`]): a 10 × 10 rectangular
    /// gaussian map for 3 columns, α 0.5 → 0.01 and σ 5 → 0.5 (σ by [`schema::default_sigma`]),
    /// both exponential, over 10 000 steps.
    fn default() -> Self {
        schema::Settings::default().config
    }
}

impl SomConfig {
    /// The defaults for a `rows × cols` map with `dim` columns, with σ starting at the
    /// default for that size ([`schema::default_sigma`], half the larger side). Not validated.
    ///
    /// ```
    /// use som_playground::som::SomConfig;
    /// assert_eq!(SomConfig::sized(4, 12, 2).sigma.start, 6.0);
    /// assert_eq!(SomConfig::sized(10, 10, 3), SomConfig::default());
    /// ```
    pub fn sized(rows: usize, cols: usize, dim: usize) -> SomConfig {
        let mut c = SomConfig { rows, cols, dim, ..SomConfig::default() };
        c.sigma.start = schema::default_sigma(rows, cols);
        c
    }

    /// Checks every range against the option table ([`schema::OPTIONS`]), in field order; the
    /// error names the field by its JavaScript name and says what the table allows:
    ///
    /// * `rows`, `cols`: integers from 1 to 200; `dim`: from 1 to 1024;
    /// * learning rate start and end: numbers greater than 0 and at most 1;
    /// * sigma start and end: numbers from 0.01 ([`schema::MIN_SIGMA`]) to 1000;
    /// * `steps` from 1 to 10¹²;
    /// * hexagonal and toroidal together need an even number of rows.
    pub fn validate(&self) -> Result<(), SomError> {
        schema::ROWS.check_u64(self.rows as u64)?;
        schema::COLS.check_u64(self.cols as u64)?;
        schema::DIM.check_u64(self.dim as u64)?;
        schema::LEARNING_RATE.check_f32(self.learning_rate.start)?;
        schema::LEARNING_RATE_END.check_f32(self.learning_rate.end)?;
        schema::SIGMA.check_f32(self.sigma.start)?;
        schema::SIGMA_END.check_f32(self.sigma.end)?;
        schema::STEPS.check_u64(self.steps)?;
        if self.topology == Topology::Hexagonal && self.toroidal && !self.rows.is_multiple_of(2) {
            return Err(SomError::InvalidConfig {
                field: schema::ROWS.name,
                allowed: "an even number on a hexagonal toroidal grid (the row offsets must line up where the edges meet)"
                    .into(),
                got: self.rows.to_string(),
            });
        }
        Ok(())
    }

    /// Number of nodes, `rows × cols`.
    pub fn nodes(&self) -> usize {
        self.rows * self.cols
    }
}
