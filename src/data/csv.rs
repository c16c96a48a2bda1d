//! Reading a user's CSV text into a [`Dataset`]: delimiter and header detection, column roles,
//! and precise error messages (1-based file line, column name, what is allowed).
//!
//! Rules, in order:
//!
//! * A leading byte-order mark is ignored. Lines end at `\n`, `\r\n` or a lone `\r` (old Mac
//!   files), for line numbers and delimiter detection alike. The delimiter is `,`; if the first
//!   non-blank line has no comma, `;` is used when it has one, else a tab when it has one.
//! * Fields are trimmed; double-quoted fields may hold delimiters, quotes (`""`) and newlines.
//!   A quote that is never closed is an error naming the line it opened on.
//!   Lines whose fields are all blank are skipped, but still count for line numbers.
//! * At most [`MAX_CSV_COLUMNS`](super::MAX_CSV_COLUMNS) fields per record (refused on the
//!   first line that has more, before it is even complete) and
//!   [`MAX_LINE_BYTES`](super::MAX_LINE_BYTES) bytes per record.
//! * Every record must have as many fields as the first one.
//! * A column is *numeric* when at least half of its non-blank data values are numbers
//!   (`str::parse::<f32>`; with a `;` or tab delimiter a decimal comma `1,5` is accepted too).
//!   So a number column with a typo stays a number column and the typo is reported, while a
//!   column of names is not.
//! * The first record is a header when, in some numeric column, its field is not a number.
//!   A file with a single record takes it as a header only if none of its fields is a number.
//! * Features ([`CsvOptions::columns`]) default to every numeric column; the label
//!   ([`CsvOptions::label`]) defaults to the first non-numeric column that is not a feature.
//! * Every feature value must be a finite number: blanks, words, NaN, infinities and values
//!   beyond the `f32` range are errors naming the first bad line.
//! * At most [`MAX_CSV_ROWS`] data rows and [`MAX_CSV_BYTES`](super::MAX_CSV_BYTES) bytes.
//!
//! [`parse_csv`] and [`inspect_csv`] read the whole text at once; [`CsvStream`] reads it in
//! chunks with the same results (they are one push into a `CsvStream`).

use ::csv::StringRecord;

use super::csv_stream::{CsvStream, MAX_CSV_ROWS};
use super::{DataError, Dataset};

/// Which columns of a CSV file play which role. Indices are 0-based positions of the file's
/// columns. `CsvOptions::default()` lets [`parse_csv`] decide.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// The feature columns, in the order they should appear in the [`Dataset`]. `None`: every
    /// numeric column (except `label`), in file order.
    pub columns: Option<Vec<usize>>,
    /// The label column. `None`: the first non-numeric column that is not a feature, if any
    /// (unless `no_label`).
    pub label: Option<usize>,
    /// No label column at all, even when the file has a text column.
    pub no_label: bool,
}

/// What [`inspect_csv`] sees in a CSV file, for a page to show before the user picks columns.
#[derive(Clone, Debug, PartialEq)]
pub struct CsvInfo {
    /// One name per file column: the header fields verbatim when there is a header, else
    /// `x1`..`xN`.
    pub headers: Vec<String>,
    /// Whether the first record was taken as a header.
    pub has_header: bool,
    /// Per file column, whether it is numeric (see the module docs for the rule).
    pub numeric: Vec<bool>,
    /// Number of data rows (header and blank lines excluded).
    pub rows: usize,
    /// The first (up to) 5 data rows, fields trimmed.
    pub preview: Vec<Vec<String>>,
}

/// The records of a file after structural checks and header detection.
#[derive(Debug)]
pub(crate) struct Table {
    decimal_comma: bool,
    header: Option<StringRecord>,
    /// Data records with the 1-based file line each starts on.
    records: Vec<(u64, StringRecord)>,
    width: usize,
    numeric: Vec<bool>,
}

impl Table {
    /// The name of file column `k`: the header field, else `x{k+1}`.
    fn name(&self, k: usize) -> String {
        match &self.header {
            Some(h) => h.get(k).unwrap_or("").to_string(),
            None => format!("x{}", k + 1),
        }
    }

    /// The header name of column `k` for error messages (`None` without a header).
    fn error_name(&self, k: usize) -> Option<String> {
        self.header.as_ref().map(|h| DataError::quote(h.get(k).unwrap_or("")))
    }
}

/// Describes `text` without choosing columns: headers, which columns are numeric, row count and
/// a preview. Errors only for what makes the table unusable: [`DataError::Empty`],
/// [`DataError::NoDataRows`], [`DataError::ColumnCount`], an unclosed quote and the limits
/// (rows, bytes, columns, line length).
pub fn inspect_csv(text: &str) -> Result<CsvInfo, DataError> {
    let mut stream = CsvStream::new();
    stream.push(text)?;
    stream.info()
}

/// Parses CSV `text` into a [`Dataset`] whose columns are the chosen features (named from the
/// header, verbatim, or `x1`..`xN` by file column without one) and whose labels are the label
/// column's fields, if there is a label column.
///
/// Never panics. Errors, each naming the 1-based file line and the column where it applies:
/// [`DataError::Empty`], [`DataError::NoDataRows`], [`DataError::ColumnCount`],
/// [`DataError::TooManyColumns`], [`DataError::LineTooLong`], [`DataError::UnclosedQuote`],
/// [`DataError::NotANumber`], [`DataError::EmptyValue`], [`DataError::NonFiniteValue`],
/// [`DataError::NoNumericColumns`], [`DataError::TooManyRows`], [`DataError::TooManyBytes`],
/// and for bad options [`DataError::NoSuchColumn`],
/// [`DataError::DuplicateColumn`], [`DataError::NoColumnsChosen`], [`DataError::LabelIsFeature`].
pub fn parse_csv(text: &str, options: &CsvOptions) -> Result<Dataset, DataError> {
    let mut stream = CsvStream::new();
    stream.push(text)?;
    stream.dataset(options)
}

impl Table {
    /// What [`inspect_csv`] reports for this table.
    pub(crate) fn info(&self) -> CsvInfo {
        CsvInfo {
            headers: (0..self.width).map(|k| self.name(k)).collect(),
            has_header: self.header.is_some(),
            numeric: self.numeric.clone(),
            rows: self.records.len(),
            preview: self
                .records
                .iter()
                .take(5)
                .map(|(_, r)| r.iter().map(str::to_string).collect())
                .collect(),
        }
    }

    /// The [`Dataset`] for `options` (see [`parse_csv`]).
    pub(crate) fn dataset(&self, options: &CsvOptions) -> Result<Dataset, DataError> {
        let table = self;
        let width = table.width;
        let check = |what: &'static str, index: usize| {
            if index < width {
                Ok(index)
            } else {
                Err(DataError::NoSuchColumn { what, index, count: width })
            }
        };
        let label = options.label.map(|l| check("label", l)).transpose()?;
        let features: Vec<usize> = match &options.columns {
            Some(cols) => {
                if cols.is_empty() {
                    return Err(DataError::NoColumnsChosen);
                }
                let mut seen = vec![false; width];
                for &c in cols {
                    check("columns", c)?;
                    if std::mem::replace(&mut seen[c], true) {
                        return Err(DataError::DuplicateColumn { index: c });
                    }
                    if label == Some(c) {
                        return Err(DataError::LabelIsFeature { index: c });
                    }
                }
                cols.clone()
            }
            None => (0..width).filter(|&k| table.numeric[k] && label != Some(k)).collect(),
        };
        if features.is_empty() {
            return Err(DataError::NoNumericColumns);
        }
        let label = match options.no_label {
            true => None,
            false => label.or_else(|| (0..width).find(|&k| !table.numeric[k] && !features.contains(&k))),
        };

        let mut values = Vec::with_capacity(table.records.len() * features.len());
        for (line, record) in &table.records {
            for &k in &features {
                let field = record.get(k).unwrap_or("");
                values.push(
                    parse_value(field, table.decimal_comma)
                        .map_err(|problem| problem.into_error(*line, k, table.error_name(k), field))?,
                );
            }
        }
        let names = features.iter().map(|&k| table.name(k)).collect();
        let mut data = Dataset::new(values, features.len())?.with_columns(names)?;
        if let Some(l) = label {
            let labels = table.records.iter().map(|(_, r)| r.get(l).unwrap_or("").to_string()).collect();
            data = data.with_labels(labels)?;
        }
        Ok(data)
    }
}

/// Why a field is not an acceptable feature value.
enum Problem {
    Blank,
    NotANumber,
    NonFinite,
    TooLarge,
}

impl Problem {
    fn into_error(self, line: u64, column: usize, name: Option<String>, field: &str) -> DataError {
        match self {
            Problem::Blank => DataError::EmptyValue { line, column, name },
            Problem::NotANumber => {
                DataError::NotANumber { line, column, name, value: DataError::quote(field) }
            }
            Problem::NonFinite => DataError::NonFiniteValue { line, column, name },
            Problem::TooLarge => DataError::TooLarge { line, column, name, value: DataError::quote(field) },
        }
    }
}

/// `field` as a number, if it is one (possibly NaN or infinite): `str::parse::<f32>`, as
/// [`crate::numfmt::parse_f32`] reads it with the same grammar and value.
fn number(field: &str, decimal_comma: bool) -> Option<f32> {
    use crate::numfmt::parse_f32;
    match parse_f32(field) {
        Some(v) => Some(v),
        None if decimal_comma && field.bytes().filter(|&b| b == b',').count() == 1 => {
            parse_f32(&field.replacen(',', ".", 1))
        }
        None => None,
    }
}

/// `field` as a finite feature value.
fn parse_value(field: &str, decimal_comma: bool) -> Result<f32, Problem> {
    if field.is_empty() {
        return Err(Problem::Blank);
    }
    match number(field, decimal_comma) {
        None => Err(Problem::NotANumber),
        Some(v) if v.is_finite() && v.abs() <= super::MAX_ABS_VALUE => Ok(v),
        Some(v) if v.is_finite() => Err(Problem::TooLarge),
        Some(_) => {
            let lower = field.to_ascii_lowercase();
            let word = lower.trim_start_matches(['+', '-']);
            if word.starts_with("inf") || word == "nan" {
                Err(Problem::NonFinite)
            } else {
                Err(Problem::TooLarge)
            }
        }
    }
}

impl Table {
    /// Detects the header and which columns are numeric in the non-blank `records` (each with
    /// the line it starts on; all of one width), after the whole text was read.
    pub(crate) fn from_records(
        mut records: Vec<(u64, StringRecord)>,
        decimal_comma: bool,
    ) -> Result<Table, DataError> {
        let Some((_, first)) = records.first() else {
            return Err(DataError::Empty);
        };
        let width = first.len();
        let is_number = |f: &str| number(f, decimal_comma).is_some();

        // Per column: (numbers, non-blank fields) over the records after the first.
        let mut counts = vec![(0usize, 0usize); width];
        for (_, r) in &records[1..] {
            for (c, f) in counts.iter_mut().zip(r.iter()) {
                if !f.is_empty() {
                    c.1 += 1;
                    c.0 += usize::from(is_number(f));
                }
            }
        }
        let numeric_of = |counts: &[(usize, usize)]| -> Vec<bool> {
            counts.iter().map(|&(num, filled)| num > 0 && 2 * num >= filled).collect()
        };
        let numeric = numeric_of(&counts);
        let has_header = if records.len() == 1 {
            !first.iter().any(is_number)
        } else {
            first.iter().zip(&numeric).any(|(f, &n)| n && !is_number(f))
        };
        let numeric = if has_header {
            numeric
        } else {
            for (c, f) in counts.iter_mut().zip(first.iter()) {
                if !f.is_empty() {
                    c.1 += 1;
                    c.0 += usize::from(is_number(f));
                }
            }
            numeric_of(&counts)
        };
        let header = if has_header { Some(records.remove(0).1) } else { None };
        if records.is_empty() {
            return Err(DataError::NoDataRows);
        }
        if let Some((line, _)) = records.get(MAX_CSV_ROWS) {
            return Err(DataError::TooManyRows { line: *line, limit: MAX_CSV_ROWS });
        }
        Ok(Table { decimal_comma, header, records, width, numeric })
    }
}
