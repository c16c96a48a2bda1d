//! Reading a user's CSV text into a [`Dataset`]: delimiter and header detection, column roles,
//! and precise error messages (1-based file line, column name, what is allowed).
//!
//! Rules, in order:
//!
//! * A leading byte-order mark is ignored. The delimiter is `,`; if the first non-blank line has
//!   no comma, `;` is used when it has one, else a tab when it has one.
//! * Fields are trimmed; double-quoted fields may hold delimiters, quotes (`""`) and newlines.
//!   Lines whose fields are all blank are skipped, but still count for line numbers.
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

use ::csv::{ReaderBuilder, StringRecord, Trim};

use super::{DataError, Dataset};

/// Which columns of a CSV file play which role. Indices are 0-based positions of the file's
/// columns. `CsvOptions::default()` lets [`parse_csv`] decide.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// The feature columns, in the order they should appear in the [`Dataset`]. `None`: every
    /// numeric column (except `label`), in file order.
    pub columns: Option<Vec<usize>>,
    /// The label column. `None`: the first non-numeric column that is not a feature, if any.
    pub label: Option<usize>,
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
struct Table {
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
        self.header
            .as_ref()
            .map(|h| DataError::quote(h.get(k).unwrap_or("")))
    }
}

/// Describes `text` without choosing columns: headers, which columns are numeric, row count and
/// a preview. Errors only for what makes the table unusable: [`DataError::Empty`],
/// [`DataError::NoDataRows`], [`DataError::ColumnCount`].
pub fn inspect_csv(text: &str) -> Result<CsvInfo, DataError> {
    let table = read_table(text)?;
    Ok(CsvInfo {
        headers: (0..table.width).map(|k| table.name(k)).collect(),
        has_header: table.header.is_some(),
        numeric: table.numeric.clone(),
        rows: table.records.len(),
        preview: table
            .records
            .iter()
            .take(5)
            .map(|(_, r)| r.iter().map(str::to_string).collect())
            .collect(),
    })
}

/// Parses CSV `text` into a [`Dataset`] whose columns are the chosen features (named from the
/// header, verbatim, or `x1`..`xN` by file column without one) and whose labels are the label
/// column's fields, if there is a label column.
///
/// Never panics. Errors, each naming the 1-based file line and the column where it applies:
/// [`DataError::Empty`], [`DataError::NoDataRows`], [`DataError::ColumnCount`],
/// [`DataError::NotANumber`], [`DataError::EmptyValue`], [`DataError::NonFiniteValue`],
/// [`DataError::NoNumericColumns`], and for bad options [`DataError::NoSuchColumn`],
/// [`DataError::DuplicateColumn`], [`DataError::NoColumnsChosen`], [`DataError::LabelIsFeature`].
pub fn parse_csv(text: &str, options: &CsvOptions) -> Result<Dataset, DataError> {
    let table = read_table(text)?;
    let width = table.width;
    let check = |what: &'static str, index: usize| {
        if index < width {
            Ok(index)
        } else {
            Err(DataError::NoSuchColumn {
                what,
                index,
                count: width,
            })
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
        None => (0..width)
            .filter(|&k| table.numeric[k] && label != Some(k))
            .collect(),
    };
    if features.is_empty() {
        return Err(DataError::NoNumericColumns);
    }
    let label = label.or_else(|| (0..width).find(|&k| !table.numeric[k] && !features.contains(&k)));

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
        let labels = table
            .records
            .iter()
            .map(|(_, r)| r.get(l).unwrap_or("").to_string())
            .collect();
        data = data.with_labels(labels)?;
    }
    Ok(data)
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
            Problem::NotANumber => DataError::NotANumber {
                line,
                column,
                name,
                value: DataError::quote(field),
            },
            Problem::NonFinite => DataError::NonFiniteValue { line, column, name },
            Problem::TooLarge => DataError::TooLarge {
                line,
                column,
                name,
                value: DataError::quote(field),
            },
        }
    }
}

/// `field` as a number, if it is one (possibly NaN or infinite).
fn number(field: &str, decimal_comma: bool) -> Option<f32> {
    match field.parse::<f32>() {
        Ok(v) => Some(v),
        Err(_) if decimal_comma && field.bytes().filter(|&b| b == b',').count() == 1 => {
            field.replacen(',', ".", 1).parse::<f32>().ok()
        }
        Err(_) => None,
    }
}

/// `field` as a finite feature value.
fn parse_value(field: &str, decimal_comma: bool) -> Result<f32, Problem> {
    if field.is_empty() {
        return Err(Problem::Blank);
    }
    match number(field, decimal_comma) {
        None => Err(Problem::NotANumber),
        Some(v) if v.is_finite() => Ok(v),
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

/// The delimiter for `text`: `,` unless the first non-blank line has none and has `;` or a tab.
fn pick_delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first.contains(',') {
        b','
    } else if first.contains(';') {
        b';'
    } else if first.contains('\t') {
        b'\t'
    } else {
        b','
    }
}

/// Turns the csv crate's record start offsets into 1-based file lines. (Its own `line()` is the
/// position before skipped blank lines and does not count `\r\n` line ends, so it is not used.)
struct LineCounter<'a> {
    text: &'a [u8],
    /// Bytes before `pos` are counted; `line` is the line `pos` is on.
    pos: usize,
    line: u64,
}

impl LineCounter<'_> {
    /// The line of the first byte at or after `byte` that is not a line break (a record starts
    /// there). Offsets must not decrease between calls; the total work is linear in the text.
    fn line_at(&mut self, byte: u64) -> u64 {
        let text = self.text;
        let mut start = usize::try_from(byte).unwrap_or(text.len()).min(text.len());
        while start < text.len() && matches!(text[start], b'\r' | b'\n') {
            start += 1;
        }
        if start < self.pos {
            self.pos = 0;
            self.line = 1;
        }
        for i in self.pos..start {
            if text[i] == b'\n' || (text[i] == b'\r' && text.get(i + 1) != Some(&b'\n')) {
                self.line += 1;
            }
        }
        self.pos = start;
        self.line
    }
}

/// Reads every non-blank record, checks the field counts, detects the header and which columns
/// are numeric.
fn read_table(text: &str) -> Result<Table, DataError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = pick_delimiter(text);
    let decimal_comma = delimiter != b',';
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(Trim::All)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut lines = LineCounter {
        text: text.as_bytes(),
        pos: 0,
        line: 1,
    };
    let mut records: Vec<(u64, StringRecord)> = Vec::new();
    let mut record = StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                if record.iter().all(str::is_empty) {
                    continue;
                }
                let line = lines.line_at(record.position().map_or(0, |p| p.byte()));
                let width = records.first().map_or(record.len(), |(_, r)| r.len());
                if record.len() != width {
                    return Err(DataError::ColumnCount {
                        line,
                        expected: width,
                        found: record.len(),
                    });
                }
                records.push((line, record.clone()));
            }
            Err(e) => {
                let line = lines.line_at(e.position().map_or(0, |p| p.byte()));
                return Err(DataError::Malformed {
                    line,
                    message: e.to_string(),
                });
            }
        }
    }
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
        counts
            .iter()
            .map(|&(num, filled)| num > 0 && 2 * num >= filled)
            .collect()
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
    let header = if has_header {
        Some(records.remove(0).1)
    } else {
        None
    };
    if records.is_empty() {
        return Err(DataError::NoDataRows);
    }
    Ok(Table {
        decimal_comma,
        header,
        records,
        width,
        numeric,
    })
}
