//! [`CsvStream`]: reading a CSV text in pieces, so a page can parse a large file chunk by chunk
//! (showing progress and yielding to the event loop between chunks) and still get exactly what
//! [`parse_csv`](super::parse_csv) gives for the whole text: the same [`Dataset`], the same
//! [`CsvInfo`] and the same error messages with the same line numbers. `parse_csv` itself is a
//! single push into a `CsvStream`.
//!
//! Chunks may be cut anywhere between characters, even inside a quoted field that spans lines:
//! the stream parses only up to the last complete record and carries the rest over to the next
//! chunk (a small scanner follows the csv crate's quoting rules to find where records end). A
//! page should still cut at line ends, so that the carried-over text stays small.
//!
//! Limits: at most [`MAX_CSV_ROWS`] data rows and [`MAX_CSV_BYTES`] bytes of text, each with a
//! clear error ([`DataError::TooManyRows`], [`DataError::TooManyBytes`]).
//!
//! ```
//! use som_playground::data::{parse_csv, CsvOptions, CsvStream};
//!
//! let text = "x,y,kind\n1,2,a\n\"3\",4,\"b\nc\"\n5,6,a\n";
//! let mut stream = CsvStream::new();
//! for piece in ["x,y,kind\n1,2,a\n\"3\",4,\"b", "\nc\"\n5,", "6,a\n"] {
//!     stream.push(piece).unwrap();
//! }
//! let options = CsvOptions::default();
//! assert_eq!(stream.dataset(&options), parse_csv(text, &options));
//! ```

use ::csv::{ReaderBuilder, StringRecord, Trim};

use super::csv::{CsvInfo, CsvOptions, Table};
use super::{DataError, Dataset};

/// The most data rows (header and blank lines excluded) a CSV text may have.
pub const MAX_CSV_ROWS: usize = 200_000;

/// The most bytes (UTF-8) a CSV text may have: 50 MB.
pub const MAX_CSV_BYTES: u64 = 50_000_000;

/// Where the quote scanner is, by the csv crate's rules (quote `"`, doubled quotes escape it, a
/// quote opens a quoted field only as a field's first byte; `\r`, `\n` and `\r\n` end records).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scan {
    /// At the start of a field (or a record).
    FieldStart,
    /// Inside an unquoted field.
    Field,
    /// Inside a quoted field: delimiters and line breaks are data.
    Quoted,
    /// Just after a quote inside a quoted field: `"` again is an escaped quote.
    QuoteInQuoted,
}

/// A CSV text read in pieces: push chunks in order, then ask for [`CsvStream::info`] or
/// [`CsvStream::dataset`]. After an error every later call returns the same error.
#[derive(Debug, Default)]
pub struct CsvStream {
    /// Text received but not parsed yet: starts at a record boundary.
    pending: String,
    /// How far into `pending` the scanner has read, its state there, and the last record end.
    scanned: usize,
    scan: Option<Scan>,
    cut: usize,
    /// Whether any text arrived yet (a byte-order mark is dropped only at the very start).
    started: bool,
    /// Whether a segment was parsed yet.
    parsed_any: bool,
    delimiter: Option<u8>,
    /// The 1-based file line on which `pending` starts.
    line: u64,
    bytes: u64,
    records: Vec<(u64, StringRecord)>,
    failed: Option<DataError>,
    table: Option<Table>,
}

impl CsvStream {
    /// An empty stream, ready for the first chunk.
    pub fn new() -> CsvStream {
        CsvStream { line: 1, ..CsvStream::default() }
    }

    /// Refuses a text of `bytes` bytes up front when it exceeds [`MAX_CSV_BYTES`], so a page can
    /// check a file's size before reading it.
    pub fn check_size(bytes: u64) -> Result<(), DataError> {
        if bytes > MAX_CSV_BYTES {
            Err(DataError::TooManyBytes { bytes, limit: MAX_CSV_BYTES })
        } else {
            Ok(())
        }
    }

    /// Bytes received so far.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Records read so far (the header, if there is one, included).
    pub fn records(&self) -> usize {
        self.records.len()
    }

    /// Takes the next piece of the text. Errors that the records read so far already show
    /// (wrong column count, too many rows or bytes) are returned at once.
    pub fn push(&mut self, chunk: &str) -> Result<(), DataError> {
        self.fail_again()?;
        if self.table.is_some() {
            return Err(self.fail(DataError::Malformed {
                line: self.line,
                message: "the text was already finished; start a new load".into(),
            }));
        }
        self.bytes += chunk.len() as u64;
        CsvStream::check_size(self.bytes).map_err(|e| self.fail(e))?;
        let arrived = !chunk.is_empty();
        let chunk = if self.started { chunk } else { chunk.strip_prefix('\u{feff}').unwrap_or(chunk) };
        self.started |= arrived;
        self.pending.push_str(chunk);
        if self.delimiter.is_none() {
            // The first non-blank line decides, once it is complete.
            let complete = &self.pending[..self.pending.rfind('\n').map_or(0, |i| i + 1)];
            if !complete.lines().any(|l| !l.trim().is_empty()) {
                return Ok(());
            }
            self.delimiter = Some(pick_delimiter(&self.pending));
        }
        self.scan_to_end();
        let cut = self.cut;
        self.parse_pending(cut).map_err(|e| self.fail(e))
    }

    /// Ends the text: parses what is left, detects the header and the numeric columns.
    /// Further calls do nothing (or return the first error again).
    pub fn finish(&mut self) -> Result<(), DataError> {
        self.fail_again()?;
        if self.table.is_some() {
            return Ok(());
        }
        if self.delimiter.is_none() {
            self.delimiter = Some(pick_delimiter(&self.pending));
        }
        let rest = self.pending.len();
        self.parse_pending(rest).map_err(|e| self.fail(e))?;
        let decimal_comma = self.delimiter != Some(b',');
        let records = std::mem::take(&mut self.records);
        let table = Table::from_records(records, decimal_comma).map_err(|e| self.fail(e))?;
        self.table = Some(table);
        Ok(())
    }

    /// What [`inspect_csv`](super::inspect_csv) says about the whole text (finishes it first).
    pub fn info(&mut self) -> Result<CsvInfo, DataError> {
        self.finish()?;
        self.table.as_ref().map(Table::info).ok_or(DataError::Empty)
    }

    /// What [`parse_csv`](super::parse_csv) makes of the whole text with `options` (finishes it
    /// first). May be called again with other options.
    pub fn dataset(&mut self, options: &CsvOptions) -> Result<Dataset, DataError> {
        self.finish()?;
        self.table.as_ref().ok_or(DataError::Empty)?.dataset(options)
    }

    fn fail(&mut self, error: DataError) -> DataError {
        self.failed = Some(error.clone());
        error
    }

    fn fail_again(&self) -> Result<(), DataError> {
        self.failed.clone().map_or(Ok(()), Err)
    }

    /// Runs the quote scanner over the new text, remembering the last certain record end.
    fn scan_to_end(&mut self) {
        let Some(delimiter) = self.delimiter else { return };
        let bytes = self.pending.as_bytes();
        let mut state = self.scan.unwrap_or(Scan::FieldStart);
        for i in self.scanned..bytes.len() {
            let b = bytes[i];
            let ends_record = matches!(b, b'\r' | b'\n');
            state = match (state, b) {
                (Scan::Quoted, b'"') => Scan::QuoteInQuoted,
                (Scan::Quoted, _) => Scan::Quoted,
                (Scan::FieldStart, b'"') | (Scan::QuoteInQuoted, b'"') => Scan::Quoted,
                (_, _) if b == delimiter || ends_record => Scan::FieldStart,
                _ => Scan::Field,
            };
            // A record ends after `\n`, or after a lone `\r` (one not followed by `\n`).
            let certain = b == b'\n' || bytes.get(i + 1).is_some_and(|&n| n != b'\n');
            if state == Scan::FieldStart && ends_record && certain {
                self.cut = i + 1;
            }
        }
        // A `\r` at the very end is decided by the next chunk: scan it again then.
        if bytes.last() == Some(&b'\r') && state == Scan::FieldStart {
            self.scanned = bytes.len() - 1;
            self.scan = Some(Scan::Field);
        } else {
            self.scanned = bytes.len();
            self.scan = Some(state);
        }
    }

    /// Parses `pending[..end]` (whole records) into `records` and drops it from `pending`.
    fn parse_pending(&mut self, end: usize) -> Result<(), DataError> {
        if end == 0 {
            return Ok(());
        }
        // The csv crate drops a byte-order mark at the start of its input. Only the file's own
        // start may lose one, so a later segment that begins with a mark gets a blank line first.
        let owned;
        let (segment, first_line) = if self.parsed_any && self.pending.starts_with('\u{feff}') {
            owned = format!("\n{}", &self.pending[..end]);
            (owned.as_str(), self.line.saturating_sub(1))
        } else {
            (&self.pending[..end], self.line)
        };
        let mut reader = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(Trim::All)
            .delimiter(self.delimiter.unwrap_or(b','))
            .from_reader(segment.as_bytes());
        let mut lines = LineCounter { text: segment.as_bytes(), pos: 0, line: first_line };
        let mut record = StringRecord::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {
                    if record.iter().all(str::is_empty) {
                        continue;
                    }
                    let line = lines.line_at(record.position().map_or(0, |p| p.byte()));
                    let width = self.records.first().map_or(record.len(), |(_, r)| r.len());
                    if record.len() != width {
                        return Err(DataError::ColumnCount { line, expected: width, found: record.len() });
                    }
                    // One record more than the limit may be the header; two cannot be.
                    if self.records.len() > MAX_CSV_ROWS {
                        return Err(DataError::TooManyRows { line, limit: MAX_CSV_ROWS });
                    }
                    self.records.push((line, record.clone()));
                }
                Err(e) => {
                    let line = lines.line_at(e.position().map_or(0, |p| p.byte()));
                    return Err(DataError::Malformed { line, message: e.to_string() });
                }
            }
        }
        self.line = lines.line_at(segment.len() as u64);
        self.parsed_any = true;
        self.pending.drain(..end);
        self.scanned = self.scanned.saturating_sub(end);
        self.cut = self.cut.saturating_sub(end);
        Ok(())
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
        for i in self.pos..start.max(self.pos) {
            if text[i] == b'\n' || (text[i] == b'\r' && text.get(i + 1) != Some(&b'\n')) {
                self.line += 1;
            }
        }
        self.pos = start.max(self.pos);
        self.line
    }
}
