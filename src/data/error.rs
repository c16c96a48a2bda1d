//! [`DataError`]: everything that can go wrong while loading, generating or scaling data.

use std::fmt;

// Floats as `{:e}` and `{:.1}` would write them, without core's float formatting in the wasm.
use crate::numfmt::{exp_f32, fixed_f64};

/// Longest offending value quoted verbatim in a message; longer ones are cut and end in `…`.
const MAX_QUOTED_CHARS: usize = 40;

/// An error from [`crate::data`]. Every message names where the problem is (1-based file line
/// and column, or the argument) and what would have been allowed, so it can be shown to the
/// user as it is.
#[derive(Debug, Clone, PartialEq)]
pub enum DataError {
    /// The text has no records at all (empty, or only blank lines). "the file is empty"
    Empty,
    /// The only record is a header. "the file has a header but no data rows"
    NoDataRows,
    /// No column can be used as a numeric feature. "no numeric columns found"
    NoNumericColumns,
    /// A record has a different number of fields than the first one.
    /// "line 17: expected 3 columns, found 4"
    ColumnCount { line: u64, expected: usize, found: usize },
    /// A feature value does not parse as a number.
    /// "line 9, column 'petal': 'abc' is not a number"
    NotANumber { line: u64, column: usize, name: Option<String>, value: String },
    /// A feature value is blank. "line 5, column 'y': the value is empty; a number is required"
    EmptyValue { line: u64, column: usize, name: Option<String> },
    /// A feature value is NaN or infinite.
    /// "line 4, column 'x': NaN and infinities are not allowed"
    NonFiniteValue { line: u64, column: usize, name: Option<String> },
    /// A feature value is a number too large for `f32`.
    /// "line 4, column 'x': '1e39' is too large; numbers must lie within ±1e15"
    TooLarge { line: u64, column: usize, name: Option<String>, value: String },
    /// More data rows than [`crate::data::MAX_CSV_ROWS`].
    /// "line 200002: the file has more than 200000 data rows; at most 200000 can be loaded"
    TooManyRows { line: u64, limit: usize },
    /// A text longer than [`crate::data::MAX_CSV_BYTES`].
    /// "the file is 60.2 MB; files up to 50 MB can be loaded"
    TooManyBytes { bytes: u64, limit: u64 },
    /// The CSV reader itself failed. "line 3: {message}"
    Malformed { line: u64, message: String },
    /// A record has more fields than a map can take ([`crate::data::MAX_CSV_COLUMNS`]).
    /// "line 1: more than 1024 columns; at most 1024 columns can be used"
    TooManyColumns { line: u64, limit: usize },
    /// A record longer than [`crate::data::MAX_LINE_BYTES`].
    /// "line 2: the line is longer than 1000000 bytes; lines of up to 1000000 bytes can be read"
    LineTooLong { line: u64, limit: usize },
    /// A quoted field that never closes (at the end of the text, or within
    /// [`crate::data::MAX_LINE_BYTES`]). `line 2: a quoted field opens here (") but is never closed`
    UnclosedQuote { line: u64 },
    /// A column index in [`crate::data::CsvOptions`] is past the last column.
    /// "columns: there is no column index 7; the file has 5 columns (indices 0 to 4)"
    NoSuchColumn { what: &'static str, index: usize, count: usize },
    /// A column index is listed twice in `CsvOptions::columns`.
    /// "columns: column index 2 is listed twice"
    DuplicateColumn { index: usize },
    /// `CsvOptions::columns` is an empty list. "columns: choose at least one column"
    NoColumnsChosen,
    /// The label column is also listed as a feature.
    /// "label: column index 4 is also a feature column; a label must be a different column"
    LabelIsFeature { index: usize },
    /// [`crate::data::builtin`] got a name it does not know.
    /// "unknown data set 'foo'; built-in data sets are rgb, square, blobs, blobs3d, ring, iris"
    UnknownDataset { got: String },
    /// [`crate::data::Scaling`] parsing got a name it does not know.
    /// "unknown scaling 'foo'; valid values are none, minMax, zScore"
    UnknownScaling { got: String },
    /// `Dataset::new` got `dim == 0`. "dim must be at least 1, got 0"
    ZeroDim,
    /// `Dataset::new` got no values. "values: expected at least one row, got none"
    NoRows,
    /// `Dataset::new` got more columns than a map can take.
    /// "values: 2000 columns; at most 1024 columns can be used"
    DimTooLarge { dim: usize, limit: usize },
    /// `Dataset::new` got a length that is not a multiple of `dim`.
    /// "values: expected a multiple of 3 values, got 7"
    NotMultiple { what: &'static str, dim: usize, actual: usize },
    /// `Dataset::new` got NaN or an infinity.
    /// "values: value 3 is not a finite number (NaN and infinities are not allowed)"
    NonFinite { what: &'static str, index: usize },
    /// A value so large that squared distances would overflow f32.
    /// "values: value 7 is 3e19; values must lie within ±1e15 (scale the data first)"
    ValueTooLarge { what: &'static str, index: usize, value: f32 },
    /// Labels or column names of the wrong count. "labels: expected 150 values, got 3"
    WrongLength { what: &'static str, expected: usize, actual: usize },
}

impl DataError {
    /// A value quoted in a message: verbatim, cut after 40 characters.
    pub(crate) fn quote(value: &str) -> String {
        if value.chars().count() <= MAX_QUOTED_CHARS {
            value.to_string()
        } else {
            let mut cut: String = value.chars().take(MAX_QUOTED_CHARS).collect();
            cut.push('…');
            cut
        }
    }
}

/// "column 'name'" when the file has a (non-blank) header name for it, else "column N" (1-based).
struct Col<'a>(usize, &'a Option<String>);

impl fmt::Display for Col<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            Some(name) if !name.is_empty() => write!(f, "column '{name}'"),
            _ => write!(f, "column {}", self.0 + 1),
        }
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DataError::*;
        match self {
            Empty => write!(f, "the file is empty"),
            NoDataRows => write!(f, "the file has a header but no data rows"),
            NoNumericColumns => write!(f, "no numeric columns found"),
            ColumnCount { line, expected, found } => {
                write!(f, "line {line}: expected {expected} columns, found {found}")
            }
            NotANumber { line, column, name, value } => {
                write!(f, "line {line}, {}: '{value}' is not a number", Col(*column, name))
            }
            EmptyValue { line, column, name } => {
                write!(f, "line {line}, {}: the value is empty; a number is required", Col(*column, name))
            }
            NonFiniteValue { line, column, name } => {
                write!(f, "line {line}, {}: NaN and infinities are not allowed", Col(*column, name))
            }
            TooLarge { line, column, name, value } => write!(
                f,
                "line {line}, {}: '{value}' is too large; numbers must lie within ±{}",
                Col(*column, name),
                exp_f32(super::MAX_ABS_VALUE)
            ),
            TooManyRows { line, limit } => write!(
                f,
                "line {line}: the file has more than {limit} data rows; at most {limit} can be loaded"
            ),
            TooManyBytes { bytes, limit } => write!(
                f,
                "the file is {} MB; files up to {} MB can be loaded",
                // rounded up: never "50.0 MB" over a 50 MB limit
                fixed_f64((*bytes as f64 / 1e5).ceil() / 10.0, 1),
                limit / 1_000_000
            ),
            Malformed { line, message } => write!(f, "line {line}: {message}"),
            TooManyColumns { line, limit } => {
                write!(f, "line {line}: more than {limit} columns; at most {limit} columns can be used")
            }
            LineTooLong { line, limit } => write!(
                f,
                "line {line}: the line is longer than {limit} bytes; lines of up to {limit} bytes can be read"
            ),
            UnclosedQuote { line } => {
                write!(f, "line {line}: a quoted field opens here (\") but is never closed")
            }
            NoSuchColumn { what, index, count } => {
                write!(f, "{what}: there is no column index {index}; the file has {count} columns")?;
                if *count > 0 {
                    write!(f, " (indices 0 to {})", count - 1)?;
                }
                Ok(())
            }
            DuplicateColumn { index } => write!(f, "columns: column index {index} is listed twice"),
            NoColumnsChosen => write!(f, "columns: choose at least one column"),
            LabelIsFeature { index } => write!(
                f,
                "label: column index {index} is also a feature column; a label must be a different column"
            ),
            UnknownDataset { got } => write!(
                f,
                "unknown data set '{got}'; built-in data sets are {}",
                crate::data::BUILTIN_NAMES.join(", ")
            ),
            UnknownScaling { got } => write!(
                f,
                "unknown scaling '{got}'; valid values are {}",
                crate::data::Scaling::NAMES.join(", ")
            ),
            ZeroDim => write!(f, "dim must be at least 1, got 0"),
            NoRows => write!(f, "values: expected at least one row, got none"),
            DimTooLarge { dim, limit } => {
                write!(f, "values: {dim} columns; at most {limit} columns can be used")
            }
            NotMultiple { what, dim, actual } => {
                write!(f, "{what}: expected a multiple of {dim} values, got {actual}")
            }
            NonFinite { what, index } => {
                write!(f, "{what}: value {index} is not a finite number (NaN and infinities are not allowed)")
            }
            ValueTooLarge { what, index, value } => write!(
                f,
                "{what}: value {index} is {}; values must lie within ±{} (scale the data first)",
                exp_f32(*value),
                exp_f32(super::MAX_ABS_VALUE)
            ),
            WrongLength { what, expected, actual } => {
                write!(f, "{what}: expected {expected} values, got {actual}")
            }
        }
    }
}

impl std::error::Error for DataError {}
