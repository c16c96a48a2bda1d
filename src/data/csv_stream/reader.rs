//! The csv crate's side of [`CsvStream`](super::CsvStream): its readers, kept in a pool (building
//! one costs more than reading a short segment), and the count of file lines at its record
//! offsets.

use std::io::{Cursor, SeekFrom};

use ::csv::{Position, Reader, ReaderBuilder, Trim};

pub(super) type CsvReader = Reader<Cursor<Vec<u8>>>;

thread_local! {
    /// Readers of finished streams, by delimiter, for the next stream to reuse (building one
    /// costs more than reading a short text; a page or a test reads many).
    static READERS: std::cell::RefCell<Vec<(u8, CsvReader)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A reader for `delimiter`: a pooled one, else a new one.
pub(super) fn take_reader(delimiter: u8) -> Result<CsvReader, ::csv::Error> {
    let pooled = READERS.with(|pool| {
        let mut pool = pool.borrow_mut();
        let i = pool.iter().position(|(d, _)| *d == delimiter)?;
        Some(pool.swap_remove(i).1)
    });
    if let Some(reader) = pooled {
        return Ok(reader);
    }
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(Trim::All)
        .delimiter(delimiter)
        .from_reader(Cursor::new(Vec::new()));
    // The first seek reads the (empty) header row, so that later seeks start afresh.
    reader.seek_raw(SeekFrom::Start(0), Position::new())?;
    Ok(reader)
}

/// A stream's reader, handed back to the pool when the stream is dropped.
#[derive(Debug, Default)]
pub(super) struct Pooled {
    pub(super) reader: Option<CsvReader>,
    pub(super) delimiter: u8,
}

impl Drop for Pooled {
    /// Hands the reader back to the pool (its buffer emptied and shrunk), at most 4 kept.
    fn drop(&mut self) {
        let d = self.delimiter;
        if let Some(mut reader) = self.reader.take() {
            let buffer = reader.get_mut().get_mut();
            buffer.clear();
            buffer.shrink_to(1 << 16);
            let _ = READERS.try_with(|pool| {
                if let Ok(mut pool) = pool.try_borrow_mut() {
                    if pool.len() < 4 {
                        pool.push((d, reader));
                    }
                }
            });
        }
    }
}

/// Turns the csv crate's record start offsets into 1-based file lines. (Its own `line()` is the
/// position before skipped blank lines and does not count `\r\n` line ends, so it is not used.)
pub(super) struct LineCounter<'a> {
    pub(super) text: &'a [u8],
    /// Bytes before `pos` are counted; `line` is the line `pos` is on.
    pub(super) pos: usize,
    pub(super) line: u64,
}

impl LineCounter<'_> {
    /// The line of the first byte at or after `byte` that is not a line break (a record starts
    /// there). Offsets must not decrease between calls; the total work is linear in the text.
    pub(super) fn line_at(&mut self, byte: u64) -> u64 {
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
