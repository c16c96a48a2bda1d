//! The quote scanner of [`CsvStream`](super::CsvStream): it reads ahead of the csv crate to find
//! where records end (so a chunk can be cut anywhere) and refuses a record as soon as it is
//! known to be too wide or too long, before the csv crate builds it.

use super::{DataError, MAX_CSV_COLUMNS, MAX_LINE_BYTES};

/// Where the quote scanner is, by the csv crate's rules (quote `"`, doubled quotes escape it, a
/// quote opens a quoted field only as a field's first byte; `\r`, `\n` and `\r\n` end records).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(super) enum Scan {
    /// At the start of a field (or a record).
    #[default]
    FieldStart,
    /// Inside an unquoted field.
    Field,
    /// Inside a quoted field: delimiters and line breaks are data.
    Quoted,
    /// Just after a quote inside a quoted field: `"` again is an escaped quote.
    QuoteInQuoted,
}

/// The scanner's position in `pending` and what it knows about the record it is in.
#[derive(Clone, Debug, Default)]
pub(super) struct Scanner {
    /// Bytes of `pending` before this are scanned.
    pub(super) pos: usize,
    pub(super) state: Scan,
    /// The 1-based file line of byte `pos`.
    pub(super) line: u64,
    /// Where the current record starts in `pending`, and on which line.
    pub(super) record_start: usize,
    pub(super) record_line: u64,
    /// Fields of the current record so far.
    pub(super) fields: usize,
    /// The line on which the current quoted field opened.
    pub(super) quote_line: u64,
    /// The end of the last complete record (a certain record boundary) in `pending`.
    pub(super) cut: usize,
    /// A record refused ahead of the parser (too wide, too long, unclosed quote).
    pub(super) error: Option<DataError>,
}

impl Scanner {
    /// A scanner at the start of a record on file line `line`.
    pub(super) fn at_line(line: u64) -> Scanner {
        Scanner { line, record_line: line, fields: 1, ..Scanner::default() }
    }

    /// Runs over the new text of `bytes` (the stream's pending text): remembers the last certain record end and stops
    /// at the first record that is too wide or too long. A `\r` at the very end of the text so
    /// far is left for the next call (it may be the first half of `\r\n`) unless `at_end`.
    pub(super) fn scan(&mut self, bytes: &[u8], delimiter: u8, at_end: bool) {
        let s = self;
        if s.error.is_some() {
            return;
        }
        let mut i = s.pos;
        while i < bytes.len() {
            let b = bytes[i];
            let next = bytes.get(i + 1).copied();
            if b == b'\r' && next.is_none() && !at_end {
                break;
            }
            let opens = s.state == Scan::FieldStart && b == b'"';
            s.state = match (s.state, b) {
                (Scan::Quoted, b'"') => Scan::QuoteInQuoted,
                (Scan::Quoted, _) => Scan::Quoted,
                (Scan::FieldStart, b'"') | (Scan::QuoteInQuoted, b'"') => Scan::Quoted,
                (_, _) if b == delimiter || b == b'\r' || b == b'\n' => Scan::FieldStart,
                _ => Scan::Field,
            };
            if opens {
                s.quote_line = s.line;
            }
            let line_break = b == b'\n' || (b == b'\r' && next != Some(b'\n'));
            if line_break {
                s.line += 1;
            }
            let ends_record = s.state == Scan::FieldStart && (b == b'\r' || b == b'\n');
            if ends_record {
                s.record_start = i + 1;
                s.record_line = s.line;
                s.fields = 1;
                if line_break {
                    s.cut = i + 1;
                }
            } else {
                if s.state == Scan::FieldStart {
                    s.fields += 1; // a delimiter outside quotes
                    if s.fields > MAX_CSV_COLUMNS {
                        s.error =
                            Some(DataError::TooManyColumns { line: s.record_line, limit: MAX_CSV_COLUMNS });
                        i += 1;
                        break;
                    }
                }
                if i + 1 - s.record_start > MAX_LINE_BYTES {
                    s.error = Some(if s.state == Scan::Quoted {
                        DataError::UnclosedQuote { line: s.quote_line }
                    } else {
                        DataError::LineTooLong { line: s.record_line, limit: MAX_LINE_BYTES }
                    });
                    i += 1;
                    break;
                }
            }
            i += 1;
        }
        s.pos = i;
    }

    /// The first `end` bytes of the text were parsed and dropped: positions move back by `end`.
    pub(super) fn consumed(&mut self, end: usize) {
        self.pos = self.pos.saturating_sub(end);
        self.cut = self.cut.saturating_sub(end);
        self.record_start = self.record_start.saturating_sub(end);
    }
}
