//! The properties the CSV fuzz targets check, shared by the libFuzzer targets
//! (`fuzz_targets/*.rs`), the stable randomized runner (`src/bin/fuzz_loop.rs`) and the corpus
//! regression test (`tests/csv_corpus.rs`, which includes this file by path).
//!
//! * [`check_text`]: any text. No panic; reading it whole and in chunks of every size (and cut
//!   at line ends) gives the same inspection, data set and error; the same text with LF, CRLF
//!   and CR line ends gives the same outcome, errors on the same lines; every line an error
//!   names exists; every scaling of a loaded data set is finite (min-max within [0, 1]).
//! * [`check_table`]: a table generated from the input bytes, with at most one planted fault
//!   (a word, a blank, an infinity, a wrong field count, too many fields, a quote left open) on
//!   a known line, random line ends (LF, CRLF, CR, mixed), blank lines, quoted fields with
//!   delimiters, quotes and line breaks: the error must be exactly the planted one, on the
//!   line computed independently from the text; without a fault the values must come back.

use som_playground::data::{
    inspect_csv, parse_csv, CsvInfo, CsvOptions, CsvStream, DataError, Dataset, Scaling, MAX_CSV_COLUMNS,
};

/// Everything one read produces, as comparable text.
#[derive(Debug, PartialEq)]
pub struct Outcome {
    pub info: Result<CsvInfo, String>,
    pub data: Result<Dataset, String>,
    /// The first error's line, if it names one.
    pub line: Option<u64>,
}

/// The 1-based line an error names, if any.
pub fn error_line(e: &DataError) -> Option<u64> {
    use DataError::*;
    match e {
        ColumnCount { line, .. }
        | NotANumber { line, .. }
        | EmptyValue { line, .. }
        | NonFiniteValue { line, .. }
        | TooLarge { line, .. }
        | TooManyRows { line, .. }
        | Malformed { line, .. }
        | TooManyColumns { line, .. }
        | LineTooLong { line, .. }
        | UnclosedQuote { line } => Some(*line),
        _ => None,
    }
}

fn options() -> CsvOptions {
    CsvOptions::default()
}

/// Reads `text` whole.
pub fn whole(text: &str) -> Outcome {
    let info = inspect_csv(text);
    let data = parse_csv(text, &options());
    let line = data.as_ref().err().and_then(error_line);
    Outcome { info: info.map_err(|e| e.to_string()), data: data.map_err(|e| e.to_string()), line }
}

/// Reads `pieces` in order through a [`CsvStream`]; the first error is the outcome. Checks that
/// a failed stream keeps returning its error.
pub fn chunked<'a>(pieces: impl IntoIterator<Item = &'a str>) -> Result<Outcome, String> {
    let mut stream = CsvStream::new();
    for piece in pieces {
        if let Err(e) = stream.push(piece) {
            let again = stream.info().map_err(|e| e.to_string());
            if again != Err(e.to_string()) {
                return Err(format!("after the error {e}, info() gave {again:?}"));
            }
            let line = error_line(&e);
            let e = e.to_string();
            return Ok(Outcome { info: Err(e.clone()), data: Err(e), line });
        }
    }
    let info = stream.info().map_err(|e| e.to_string());
    let data = stream.dataset(&options());
    let line = data.as_ref().err().and_then(error_line);
    Ok(Outcome { info, data: data.map_err(|e| e.to_string()), line })
}

/// `text` cut every `size` bytes, each cut moved forward to a character boundary.
pub fn by_size(text: &str, size: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let mut end = (start + size.max(1)).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        pieces.push(&text[start..end]);
        start = end;
    }
    pieces
}

/// `text` cut after every line break (`\n` or `\r`), as a page that cuts at line ends does,
/// including between the `\r` and `\n` of a CRLF.
pub fn by_line_breaks(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' || b == b'\r' {
            pieces.push(&text[start..=i]);
            start = i + 1;
        }
    }
    pieces.push(&text[start..]);
    pieces
}

/// The number of lines the text has by the reader's rule (`\n`, `\r\n` and a lone `\r` each
/// end a line).
pub fn line_count(text: &str) -> u64 {
    line_of(text, text.len())
}

/// The 1-based line of byte `offset`: one more than the line breaks before it.
pub fn line_of(text: &str, offset: usize) -> u64 {
    let b = text.as_bytes();
    let breaks = (0..offset.min(b.len()))
        .filter(|&i| b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')))
        .count();
    1 + breaks as u64
}

/// The text with every line end (`\r\n`, `\r`, `\n`) replaced by `end`.
pub fn with_line_ends(text: &str, end: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n").replace('\n', end)
}

/// An outcome with line ends inside fields (labels, headers) normalised, so the LF, CRLF and
/// CR versions of a text compare equal. An error is compared by its kind and line only: the
/// values it quotes are cut after 40 characters, and a CRLF is two of them.
fn normalised(o: &Outcome) -> String {
    let data = match &o.data {
        Ok(d) => format!("{d:?}"),
        Err(message) => {
            let kind = message.split(':').next_back().unwrap_or("").rsplit('\'').next().unwrap_or("");
            format!("error on line {:?}: …{kind}", o.line)
        }
    };
    let info = match &o.info {
        Ok(i) => format!("{i:?}"),
        Err(_) => "error".into(),
    };
    same_line_ends(&format!("{info} {data}"))
}

/// Debug output with its line-end escapes (`\r\n`, `\r`) spelled as `\n`. Escape-aware: a
/// backslash in the text is `\\` in Debug output, so a field holding a backslash and an `r`
/// before a line end (Debug `\\r\n`) is left alone. (A plain `replace("\\r", …)` turned that
/// into `\\n` under LF but `\\n\n` under CRLF: a false failure the libFuzzer `csv` target
/// found, kept as `tests/csv_corpus/found_backslash_r_before_line_end.csv`.)
fn same_line_ends(debug: &str) -> String {
    let mut out = String::with_capacity(debug.len());
    let mut chars = debug.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('r') => {
                // `\r\n` or a lone `\r`: one line end
                let mut ahead = chars.clone();
                if ahead.next() == Some('\\') && ahead.next() == Some('n') {
                    chars = ahead;
                }
                out.push_str("\\n");
            }
            Some(next) => {
                out.push('\\');
                out.push(next);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// The chunk sizes to try for a text of `len` bytes: every size from 1 to `len` for texts up to
/// 100 bytes (most fuzz inputs), else every size up to 100 and then a spread of larger ones.
fn chunk_sizes(len: usize) -> Vec<usize> {
    let mut sizes: Vec<usize> = (1..=len.clamp(1, 100)).collect();
    let mut s = 150;
    while s < len {
        sizes.push(s);
        s = s * 3 / 2;
    }
    sizes.push(len.max(1));
    sizes
}

/// Checks the scalings of a loaded data set: same shape, finite, min-max within [0, 1].
pub fn check_scaling(data: &Dataset) -> Result<(), String> {
    for scaling in [Scaling::None, Scaling::MinMax, Scaling::ZScore] {
        let s = data.scaled(scaling);
        if s.values().len() != data.values().len() || s.dim() != data.dim() {
            return Err(format!("{scaling}: shape changed"));
        }
        if let Some(v) = s.values().iter().find(|v| !v.is_finite()) {
            return Err(format!("{scaling}: value {v}"));
        }
        if scaling == Scaling::MinMax && s.values().iter().any(|v| !(0.0..=1.0).contains(v)) {
            return Err("minMax: value outside [0, 1]".into());
        }
    }
    Ok(())
}

/// The properties for any text (see the module docs), with chunks of every size. `Err`
/// describes the first violation.
pub fn check_text(text: &str) -> Result<(), String> {
    check_text_with(text, chunk_sizes(text.len()))
}

/// [`check_text`] with chunks of the given sizes only (a coverage-guided fuzzer picks the size
/// from its input, so over a run every size is tried at far less cost per input).
pub fn check_text_with(text: &str, sizes: impl IntoIterator<Item = usize>) -> Result<(), String> {
    let want = whole(text);
    if let Some(line) = want.line {
        if line < 1 || line > line_count(text) {
            return Err(format!(
                "error on line {line}, but the text has {} lines: {:?}",
                line_count(text),
                want.data
            ));
        }
    }
    if let Ok(data) = &want.data {
        check_scaling(data)?;
        if data.dim() > MAX_CSV_COLUMNS {
            return Err(format!("{} columns loaded", data.dim()));
        }
    }
    for size in sizes {
        let got = chunked(by_size(text, size))?;
        if got != want {
            return Err(format!("chunks of {size} bytes: {got:?}\nwhole: {want:?}"));
        }
    }
    let got = chunked(by_line_breaks(text))?;
    if got != want {
        return Err(format!("chunks cut at line breaks: {got:?}\nwhole: {want:?}"));
    }
    // The same text with other line ends: the same outcome, errors on the same lines.
    let lf = normalised(&whole(&with_line_ends(text, "\n")));
    for end in ["\r\n", "\r"] {
        let other = with_line_ends(text, end);
        let got = normalised(&whole(&other));
        if got != lf {
            return Err(format!("with {end:?} line ends: {got}\nwith LF: {lf}"));
        }
    }
    Ok(())
}

/// What the libFuzzer target `csv` checks for one input (also replayed by the test suite over
/// the kept corpus, `tests/csv_corpus/libfuzzer-csv/`): the first two bytes pick a chunk size,
/// the rest is the text (lossy UTF-8), checked whole, in 1-byte chunks and in chunks of that size.
pub fn check_csv_input(data: &[u8]) -> Result<(), String> {
    let (size, rest) = match data {
        [a, b, rest @ ..] => (1 + (usize::from(*a) << 8 | usize::from(*b)), rest),
        _ => (1, data),
    };
    let text = String::from_utf8_lossy(rest);
    let size = 1 + (size - 1) % text.len().max(1);
    check_text_with(&text, [1, size]).map_err(|problem| format!("{problem}\ninput: {text:?}"))
}

/// What the libFuzzer target `csv_table` checks for one input (also replayed by the test suite
/// over `tests/csv_corpus/libfuzzer-csv_table/`): the bytes drive a generated table, the last
/// byte picks the chunk size for the whole-versus-chunked check.
pub fn check_table_input(data: &[u8]) -> Result<(), String> {
    let size = 1 + usize::from(data.last().copied().unwrap_or(0));
    check_table_with(data, Some(&[1, size, 4096]))
}

/// A little deterministic randomness from the fuzzer's bytes (then zeros).
pub struct Bytes<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Bytes<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Bytes { data, pos: 0 }
    }

    pub fn byte(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    /// A number in `0..n` (`n ≥ 1`).
    pub fn below(&mut self, n: usize) -> usize {
        let v = (self.byte() as usize) << 8 | self.byte() as usize;
        v % n.max(1)
    }

    pub fn exhausted(&self) -> bool {
        self.pos >= self.data.len()
    }
}

/// The fault planted in a generated table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    None,
    Word,
    Blank,
    Infinity,
    FieldCount,
    TooManyFields,
    OpenQuote,
}

/// A generated table (see [`check_table`]): the text, the planted fault, the byte offset
/// where the faulty record (or the open quote) starts, and the data rows' values.
pub struct Table {
    pub text: String,
    pub fault: Fault,
    pub offset: usize,
    pub values: Vec<[f32; 2]>,
}

/// Builds a table from `bytes`: header `x,y,kind` (sometimes none), 3 to 40 data rows of two
/// numbers and a label, random line ends and blank lines, and at most one fault.
pub fn gen_table(bytes: &[u8]) -> Table {
    let mut r = Bytes::new(bytes);
    let ends = ["\n", "\r\n", "\r"];
    let mixed = r.below(4) == 0;
    let fixed = ends[r.below(3)];
    let end = |r: &mut Bytes| if mixed { ends[r.below(3)] } else { fixed };
    let rows = 3 + r.below(38);
    let fault = [
        Fault::None,
        Fault::Word,
        Fault::Blank,
        Fault::Infinity,
        Fault::FieldCount,
        Fault::TooManyFields,
        Fault::OpenQuote,
    ][r.below(7)];
    let header = r.below(5) != 0;
    // Without a header the first record must be data: a fault there would make it the header
    // (a word in a number column) or set the width (a wrong field count).
    let at = r.below(rows).max(usize::from(!header));
    let mut text = String::new();
    let mut values = Vec::new();
    let mut offset = 0;
    let blank = |r: &mut Bytes, text: &mut String, end: &str| match r.below(8) {
        0 => text.push_str(end),
        1 => {
            text.push_str("  \t ");
            text.push_str(end);
        }
        2 => {
            text.push_str(",,");
            text.push_str(end);
        }
        _ => {}
    };
    for _ in 0..r.below(3) {
        let e = end(&mut r);
        blank(&mut r, &mut text, e);
    }
    if header {
        text.push_str(["x,y,kind", "\"x\",\"y\",\"kind\"", " x , y ,kind"][r.below(3)]);
        text.push_str(end(&mut r));
    }
    for i in 0..rows {
        let e = end(&mut r);
        blank(&mut r, &mut text, e);
        let x = (r.below(2001) as f32 - 1000.0) / 8.0;
        let y = r.below(100_000) as f32;
        // after an open quote no other quote may follow, or it would close it
        let quotes = !(fault == Fault::OpenQuote && i >= at);
        let label = match r.below(6) {
            _ if !quotes => format!("k{}", r.below(4)),
            0 => "\"a, b\"".to_string(),
            1 => format!("\"multi{}line\"", end(&mut r)),
            2 => "\"say \"\"hi\"\"\"".to_string(),
            3 => String::new(),
            _ => format!("k{}", r.below(4)),
        };
        let quoted_x = quotes && r.below(4) == 0;
        let xs = if quoted_x { format!("\"{x}\"") } else { format!("{x}") };
        if i == at && fault != Fault::None {
            offset = text.len();
            match fault {
                Fault::Word => text.push_str(&format!("{xs},oops{i},{label}")),
                Fault::Blank => text.push_str(&format!("{xs}, ,{label}")),
                Fault::Infinity => text.push_str(&format!("{xs},-inf,{label}")),
                Fault::FieldCount => text.push_str(&format!("{xs},{y},{label},extra")),
                Fault::TooManyFields => text.push_str(&format!("{xs},{y}{}", ",1".repeat(MAX_CSV_COLUMNS))),
                Fault::OpenQuote => {
                    text.push_str(&format!("{xs},{y},"));
                    offset = text.len();
                    text.push_str("\"never closed");
                }
                Fault::None => {}
            }
        } else {
            text.push_str(&format!("{xs},{y},{label}"));
            values.push([x, y]);
        }
        text.push_str(end(&mut r));
    }
    if r.below(3) == 0 {
        let e = end(&mut r);
        blank(&mut r, &mut text, e);
    }
    Table { text, fault, offset, values }
}

/// The properties of a generated table (see the module docs), then [`check_text`] on it.
pub fn check_table(bytes: &[u8]) -> Result<(), String> {
    check_table_with(bytes, None)
}

/// [`check_table`], with the text's checks done for the given chunk sizes only (`None`: every
/// size).
pub fn check_table_with(bytes: &[u8], sizes: Option<&[usize]>) -> Result<(), String> {
    let t = gen_table(bytes);
    let got = whole(&t.text);
    let line = line_of(&t.text, t.offset);
    let data = got.data.clone();
    let expect = |ok: bool, what: &str| {
        if ok {
            Ok(())
        } else {
            Err(format!("{:?}: expected {what} on line {line}, got {data:?} in {:?}", t.fault, t.text))
        }
    };
    let message = data.as_ref().err().cloned().unwrap_or_default();
    let on_line = got.line == Some(line);
    match t.fault {
        Fault::None => {
            let d = data.as_ref().map_err(|e| format!("no fault, but {e} in {:?}", t.text))?;
            let want: Vec<f32> = t.values.iter().flatten().copied().collect();
            expect(d.values() == want.as_slice() && d.dim() == 2, "the planted values")?;
        }
        Fault::Word => expect(on_line && message.contains("is not a number"), "'oops' is not a number")?,
        Fault::Blank => expect(on_line && message.contains("the value is empty"), "an empty value")?,
        Fault::Infinity => expect(on_line && message.contains("infinities are not allowed"), "an infinity")?,
        Fault::FieldCount => {
            expect(on_line && message.contains("expected 3 columns, found 4"), "a wrong field count")?
        }
        Fault::TooManyFields => {
            expect(on_line && message.contains("more than 1024 columns"), "too many columns")?
        }
        Fault::OpenQuote => expect(on_line && message.contains("never closed"), "an unclosed quote")?,
    }
    match sizes {
        None => check_text(&t.text),
        Some(sizes) => check_text_with(&t.text, sizes.iter().copied()),
    }
}
