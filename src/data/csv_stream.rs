//! [`CsvStream`]: reading a CSV text in pieces, so a page can parse a large file chunk by chunk
//! (showing progress and yielding to the event loop between chunks) and still get exactly what
//! [`parse_csv`](super::parse_csv) gives for the whole text: the same [`Dataset`], the same
//! [`CsvInfo`] and the same error messages with the same line numbers. `parse_csv` itself is a
//! single push into a `CsvStream`.
//!
//! Chunks may be cut anywhere between characters, even inside a quoted field that spans lines
//! or between the `\r` and `\n` of a line end: the stream parses only up to the last complete
//! record and carries the rest over to the next chunk (a small scanner follows the csv crate's
//! quoting rules to find where records end). A page should still cut at line ends, so that the
//! carried-over text stays small.
//!
//! Every byte is looked at a bounded number of times, whatever the chunks: reading time grows
//! linearly with the text (leading blank lines are skipped once, not rescanned per chunk), and
//! the scanner refuses a record as soon as it is known to be too wide or too long, before the
//! csv crate builds it:
//!
//! * at most [`MAX_CSV_COLUMNS`] fields in a record ([`DataError::TooManyColumns`], on the
//!   header or first row for a file that is too wide);
//! * at most [`MAX_LINE_BYTES`] bytes in a record ([`DataError::LineTooLong`]; when the record
//!   is that long because a quoted field never closes, [`DataError::UnclosedQuote`]);
//! * a quoted field still open at the end of the text is [`DataError::UnclosedQuote`], naming
//!   the line where the quote opened (the csv crate would silently take the rest of the file as
//!   one field);
//! * at most [`MAX_CSV_ROWS`] data rows and [`MAX_CSV_BYTES`] bytes of text
//!   ([`DataError::TooManyRows`], [`DataError::TooManyBytes`]).
//!
//! The scanner reads ahead of the parser, so its errors wait until every complete record before
//! the refused one has been parsed: an earlier record's error wins, as it would reading line by
//! line, and the error is the same wherever the chunks are cut.
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
//!
//! let open = parse_csv("x,y\n1,2\n3,\"4\n5,6\n", &options).unwrap_err();
//! assert_eq!(open.to_string(), "line 3: a quoted field opens here (\") but is never closed");
//! ```

mod reader;
mod scanner;

use std::io::SeekFrom;

use ::csv::{Position, StringRecord};

use super::csv::{CsvInfo, CsvOptions, Table};
use super::{DataError, Dataset, MAX_COLUMNS};
use reader::{take_reader, LineCounter, Pooled};
use scanner::{Scan, Scanner};

/// The most data rows (header and blank lines excluded) a CSV text may have.
pub const MAX_CSV_ROWS: usize = 200_000;

/// The most bytes (UTF-8) a CSV text may have: 50 MB.
pub const MAX_CSV_BYTES: u64 = 50_000_000;

/// The most fields a record may have: the map's column limit ([`MAX_COLUMNS`]).
pub const MAX_CSV_COLUMNS: usize = MAX_COLUMNS;

/// The most bytes one record (a line, or several inside a quoted field) may have: 1 MB, far
/// more than 1,024 numbers need.
pub const MAX_LINE_BYTES: usize = 1_000_000;

/// A CSV text read in pieces: push chunks in order, then ask for [`CsvStream::info`] or
/// [`CsvStream::dataset`]. After an error every later call returns the same error.
#[derive(Debug, Default)]
pub struct CsvStream {
    /// Text received but not parsed yet: starts at a record boundary, on line `line`.
    pending: String,
    /// Before the delimiter is known: the start of the line being looked at, its line number,
    /// and how far its end was searched for.
    detect_start: usize,
    detect_line: u64,
    detect_searched: usize,
    scanner: Scanner,
    /// Whether any text arrived yet (a byte-order mark is dropped only at the very start).
    started: bool,
    delimiter: Option<u8>,
    /// The 1-based file line on which `pending` starts.
    line: u64,
    bytes: u64,
    /// The csv crate's reader, built once (building its state machine costs more than parsing
    /// a short segment) and pointed at each new segment.
    reader: Pooled,
    records: Vec<(u64, StringRecord)>,
    failed: Option<DataError>,
    table: Option<Table>,
}

impl CsvStream {
    /// An empty stream, ready for the first chunk.
    pub fn new() -> CsvStream {
        CsvStream { line: 1, detect_line: 1, ..CsvStream::default() }
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

    /// Takes the next piece of the text. Errors that the text so far already shows (a wrong
    /// column count, too many rows, bytes or columns, a record too long) are returned at once.
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
        self.advance(false).map_err(|e| self.fail(e))
    }

    /// Ends the text: parses what is left, detects the header and the numeric columns.
    /// Further calls do nothing (or return the first error again).
    pub fn finish(&mut self) -> Result<(), DataError> {
        self.fail_again()?;
        if self.table.is_some() {
            return Ok(());
        }
        self.advance(true).map_err(|e| self.fail(e))?;
        if self.scanner.state == Scan::Quoted {
            let line = self.scanner.quote_line;
            return Err(self.fail(DataError::UnclosedQuote { line }));
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

    /// Picks the delimiter once it can, scans the new text and parses every complete record
    /// before the first one the scanner refused; then returns the scanner's error, if any.
    /// `at_end`: no more text will come.
    fn advance(&mut self, at_end: bool) -> Result<(), DataError> {
        if self.delimiter.is_none() && !self.detect_delimiter(at_end) {
            return Ok(());
        }
        if let Some(delimiter) = self.delimiter {
            self.scanner.scan(self.pending.as_bytes(), delimiter, at_end);
        }
        let cut = self.scanner.cut;
        self.parse_pending(cut)?;
        match self.scanner.error.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// The delimiter is `,` unless the first non-blank line has none and has `;` (then `;`) or
    /// a tab (then a tab); a line counts by its first [`MAX_LINE_BYTES`] bytes, and a line
    /// longer than that decides even when blank so far (it is refused anyway). A comma decides
    /// as soon as it arrives, before its line ends. Looks at each
    /// byte once, however the text arrives. Once decided, the blank lines before that line are
    /// dropped from `pending` (they hold no record) and `line` moves past them. Returns whether
    /// the delimiter is known.
    fn detect_delimiter(&mut self, at_end: bool) -> bool {
        let bytes = self.pending.as_bytes();
        let decide = loop {
            let start = self.detect_start;
            let from = self.detect_searched.max(start);
            match bytes[from..].iter().position(|&b| b == b'\r' || b == b'\n') {
                Some(k) => {
                    let end = from + k;
                    let line = &self.pending[start..end];
                    if end - start > MAX_LINE_BYTES || !line.trim().is_empty() {
                        break Some((start, end));
                    }
                    // A blank line. Its break counts once: `\r\n` is one line end, and a `\r`
                    // at the very end waits for the next byte.
                    let next = bytes.get(end + 1).copied();
                    if bytes[end] == b'\r' && next.is_none() && !at_end {
                        self.detect_searched = end;
                        return false;
                    }
                    let width = if bytes[end] == b'\r' && next == Some(b'\n') { 2 } else { 1 };
                    self.detect_start = end + width;
                    self.detect_searched = end + width;
                    self.detect_line += 1;
                }
                // a comma decides for `,` before the line is complete (a wide header is refused
                // before it ends); so does a line beyond the length limit
                None if bytes.len() - start > MAX_LINE_BYTES || bytes[from..].contains(&b',') => {
                    break Some((start, bytes.len()))
                }
                None if at_end => {
                    let blank = self.pending[start..].trim().is_empty();
                    break if blank { None } else { Some((start, bytes.len())) };
                }
                None => {
                    self.detect_searched = bytes.len();
                    return false;
                }
            }
        };
        let delimiter = match decide {
            Some((start, end)) => pick_delimiter(&bytes[start..end.min(start + MAX_LINE_BYTES)]),
            None => b',',
        };
        // Drop the blank lines before the deciding line (all of a blank text).
        let skip = decide.map_or(self.pending.len(), |(start, _)| start);
        if skip > 0 {
            self.pending.drain(..skip);
        }
        self.line = self.detect_line;
        self.scanner = Scanner::at_line(self.line);
        self.delimiter = Some(delimiter);
        true
    }

    /// Parses `pending[..end]` (whole records) into `records` and drops it from `pending`.
    fn parse_pending(&mut self, end: usize) -> Result<(), DataError> {
        if end == 0 {
            return Ok(());
        }
        // The csv crate drops a byte-order mark at the start of its input. Only the file's own
        // start may lose one, and `push` has dropped that already, so a segment that begins
        // with a mark gets a blank line first: the mark stays data, as the quote scanner sees
        // it (a quote right after it does not open a quoted field).
        let owned;
        let (segment, first_line) = if self.pending.starts_with('\u{feff}') {
            owned = format!("\n{}", &self.pending[..end]);
            (owned.as_str(), self.line.saturating_sub(1))
        } else {
            (&self.pending[..end], self.line)
        };
        let malformed = |e: ::csv::Error| DataError::Malformed { line: first_line, message: e.to_string() };
        let delimiter = self.delimiter.unwrap_or(b',');
        let pooled = &mut self.reader;
        let reader = match &mut pooled.reader {
            Some(reader) => reader,
            None => {
                pooled.delimiter = delimiter;
                pooled.reader.insert(take_reader(delimiter).map_err(malformed)?)
            }
        };
        // A seek resets the reader as a new one would start: at byte 0, a byte-order mark
        // dropped again (hence the blank line above).
        let buffer = reader.get_mut().get_mut();
        buffer.clear();
        buffer.extend_from_slice(segment.as_bytes());
        reader.seek_raw(SeekFrom::Start(0), Position::new()).map_err(malformed)?;
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
        self.pending.drain(..end);
        self.scanner.consumed(end);
        Ok(())
    }
}

/// The delimiter for the first non-blank line `line`: `,` unless it has none and has `;` or a
/// tab.
fn pick_delimiter(line: &[u8]) -> u8 {
    if line.contains(&b',') {
        b','
    } else if line.contains(&b';') {
        b';'
    } else if line.contains(&b'\t') {
        b'\t'
    } else {
        b','
    }
}
