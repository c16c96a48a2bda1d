//! [`SomError`]: every way a call into the core can be refused.
//!
//! The messages are written for the person using the page: they name the field, say what is
//! allowed and repeat what was given. The wasm facade turns them into thrown JavaScript `Error`s
//! with exactly this text.

use core::fmt;

/// Why the core refused a configuration or a buffer.
#[derive(Debug, Clone, PartialEq)]
pub enum SomError {
    /// A configuration field is out of range.
    ///
    /// Displays as `"{field} must be {allowed}, got {got}"`, e.g.
    /// `"rows must be an integer from 1 to 200, got 0"`.
    InvalidConfig {
        /// The (JavaScript) name of the field, e.g. `"rows"` or `"sigmaEnd"`.
        field: &'static str,
        /// What is allowed, phrased to follow "must be", e.g. `"an integer from 1 to 200"`.
        allowed: String,
        /// The offending value as given.
        got: String,
    },
    /// A name (topology, neighborhood, decay, init, order) is not one of the known ones.
    ///
    /// Displays as `"unknown neighborhood 'gauss'; valid values are gaussian, bubble, mexicanHat, triangle"`.
    UnknownName {
        /// What kind of name, e.g. `"neighborhood"`.
        what: &'static str,
        /// The name as given.
        got: String,
        /// All valid names, in their documented order.
        valid: &'static [&'static str],
    },
    /// A flat buffer has the wrong number of values.
    ///
    /// Displays as `"weights: expected 27 values, got 26"`.
    WrongLength {
        /// What the buffer is, e.g. `"weights"` or `"data"`.
        what: &'static str,
        /// How many values were expected (for data: the nearest multiple of `dim` below, or `dim`).
        expected: usize,
        /// How many values were given.
        actual: usize,
    },
    /// A buffer holds a NaN or an infinity.
    ///
    /// Displays as `"weights: value 3 is not a finite number (NaN and infinities are not allowed)"`.
    NonFinite {
        /// What the buffer is.
        what: &'static str,
        /// The 0-based index of the first offending value in the flat buffer.
        index: usize,
    },
    /// An operation needs more data rows than were given.
    ///
    /// Displays as `"pca init needs at least 2 rows, got 1"` (`"… 1 row, …"` when one is needed).
    NotEnoughData {
        /// The operation, e.g. `"pca init"`.
        what: &'static str,
        /// The minimum number of rows.
        needed: usize,
        /// The number of rows given.
        got: usize,
    },
}

impl fmt::Display for SomError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SomError::InvalidConfig { field, allowed, got } => {
                write!(f, "{field} must be {allowed}, got {got}")
            }
            SomError::UnknownName { what, got, valid } => {
                write!(f, "unknown {what} '{got}'; valid values are {}", valid.join(", "))
            }
            SomError::WrongLength { what, expected, actual } => {
                write!(f, "{what}: expected {expected} values, got {actual}")
            }
            SomError::NonFinite { what, index } => {
                write!(f, "{what}: value {index} is not a finite number (NaN and infinities are not allowed)")
            }
            SomError::NotEnoughData { what, needed, got } => {
                let rows = if *needed == 1 { "row" } else { "rows" };
                write!(f, "{what} needs at least {needed} {rows}, got {got}")
            }
        }
    }
}

impl std::error::Error for SomError {}

/// Checks that `values` are all finite; the error names `what` and the first bad index.
pub(crate) fn check_finite(what: &'static str, values: &[f32]) -> Result<(), SomError> {
    match values.iter().position(|v| !v.is_finite()) {
        Some(index) => Err(SomError::NonFinite { what, index }),
        None => Ok(()),
    }
}

/// Checks that `data` is a whole number of rows of `dim` values, all finite; returns the row count.
pub(crate) fn check_data(data: &[f32], dim: usize) -> Result<usize, SomError> {
    if dim == 0 || !data.len().is_multiple_of(dim) {
        let below = data.len().checked_div(dim).unwrap_or(0) * dim;
        return Err(SomError::WrongLength {
            what: "data",
            expected: if below == 0 { dim } else { below },
            actual: data.len(),
        });
    }
    check_finite("data", data)?;
    Ok(data.len() / dim)
}
