//! `CsvLoader`: a user's CSV read in chunks, so a large file never freezes the page.
//!
//! ```js
//! const loader = new CsvLoader(byteLength);           // throws beyond the size limit
//! for (const chunk of chunks) { loader.push(chunk); await nextTask(); }   // cut at line ends
//! const info = loader.info();                          // like inspectCsv(text)
//! som.adoptCsv(loader, Uint32Array.of(0, 1), -1, 'minMax');   // like loadCsv; all or nothing
//! loader.free();
//! ```
//!
//! The page's map wasm has no CSV reader: this file is the CSV module's facade (feature `csv`),
//! and the page hands the map what it parsed, `som.adoptData(loader.dataset(columns, label),
//! scaling)` (or `som.adoptData(parseCsv(text))`), a plain `{ values, dim, columns, labels }`.
//!
//! Everything is [`crate::data::CsvStream`]: the same results and error messages (line and
//! column named) as `inspectCsv` / `loadCsv` on the whole text, wherever the chunks are cut.

use crate::data::{self, CsvInfo, CsvOptions, CsvStream, Dataset, MAX_COLUMNS, MAX_CSV_BYTES, MAX_CSV_ROWS};
use wasm_bindgen::prelude::*;

use super::{args, js_error};

/// A CSV text arriving in chunks; hand it to `Som.adoptCsv` when complete.
#[wasm_bindgen]
pub struct CsvLoader {
    stream: CsvStream,
}

#[wasm_bindgen]
impl CsvLoader {
    /// A loader for a text of `bytes` bytes (UTF-8; a file's `size`, a whole number from 0):
    /// throws at once, naming the limit, when that is more than `CsvLoader.maxBytes()`.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: JsValue) -> Result<CsvLoader, JsError> {
        let allowed = format!("a file size in bytes, a whole number from 0 to {MAX_CSV_BYTES}");
        let size = args::integer_or(&bytes, "bytes", 0, 1 << 53, &allowed)?;
        CsvStream::check_size(size).map_err(js_error)?;
        Ok(CsvLoader { stream: CsvStream::new() })
    }

    /// The largest text accepted, in bytes.
    #[wasm_bindgen(js_name = maxBytes)]
    pub fn max_bytes() -> f64 {
        MAX_CSV_BYTES as f64
    }

    /// The most data rows accepted.
    #[wasm_bindgen(js_name = maxRows)]
    pub fn max_rows() -> usize {
        MAX_CSV_ROWS
    }

    /// Takes the next chunk (a string). Throws (and keeps throwing) on a problem the text so far
    /// already shows: a wrong column count, too many rows, bytes or columns, a line too long.
    pub fn push(&mut self, chunk: JsValue) -> Result<(), JsError> {
        let chunk = args::string(&chunk, "chunk", "a piece of the CSV text, a string")?;
        self.stream.push(&chunk).map_err(js_error)
    }

    /// Bytes received so far (for a progress bar).
    pub fn bytes(&self) -> f64 {
        self.stream.bytes() as f64
    }

    /// Records read so far, a header included.
    pub fn records(&self) -> usize {
        self.stream.records()
    }

    /// Ends the text and describes it like `inspectCsv`: `{ headers, hasHeader, numeric, rows,
    /// preview }`. Throws the same errors `inspectCsv` would for the whole text.
    pub fn info(&mut self) -> Result<JsValue, JsError> {
        let info = self.stream.info().map_err(js_error)?;
        info_object(&info)
    }

    /// The finished text as plain data for `Som.adoptData`, `{ values, dim, columns, labels }`,
    /// for `columns` and `label` as `Som.adoptCsv` takes them; the same data and errors as
    /// `adoptCsv`. The loader keeps its text (another choice of columns may follow).
    #[wasm_bindgen(js_name = dataset)]
    pub fn dataset_js(&mut self, columns: JsValue, label: JsValue) -> Result<JsValue, JsError> {
        let options = csv_options(&columns, &label)?;
        dataset_object(&self.dataset(&options)?)
    }
}

/// Describes a CSV text (a string) without loading it: headers, which columns are numeric, a
/// preview.
#[wasm_bindgen(js_name = inspectCsv)]
pub fn inspect_csv(text: JsValue) -> Result<JsValue, JsError> {
    let text = args::string(&text, "text", "the CSV text, a string")?;
    info_object(&data::inspect_csv(&text).map_err(js_error)?)
}

/// Parses a whole CSV text (a string) into plain data for `Som.adoptData`, `{ values, dim,
/// columns, labels }`, with `columns` and `label` as `Som.loadCsv` takes them; the same data and
/// errors (the line and column named) as `loadCsv`.
#[wasm_bindgen(js_name = parseCsv)]
pub fn parse_csv(text: JsValue, columns: JsValue, label: JsValue) -> Result<JsValue, JsError> {
    let text = args::string(&text, "text", "the CSV text, a string")?;
    let options = csv_options(&columns, &label)?;
    dataset_object(&data::parse_csv(&text, &options).map_err(js_error)?)
}

/// `{ values: Float32Array (row-major), dim, columns: string[], labels: string[] | null }`.
fn dataset_object(data: &Dataset) -> Result<JsValue, JsError> {
    let object = js_sys::Object::new();
    let strings = |v: &[String]| JsValue::from(v.iter().map(JsValue::from).collect::<js_sys::Array>());
    let fields: [(&str, JsValue); 4] = [
        ("values", js_sys::Float32Array::from(data.values()).into()),
        ("dim", data.dim().into()),
        ("columns", strings(data.columns())),
        ("labels", data.labels().map_or(JsValue::NULL, strings)),
    ];
    for (key, value) in fields {
        js_sys::Reflect::set(&object, &key.into(), &value)
            .map_err(|_| js_error("CsvLoader.dataset failed"))?;
    }
    Ok(object.into())
}

impl CsvLoader {
    /// The data set for the chosen columns (file column indices, empty for every numeric one)
    /// and label (negative for none, undefined for automatic), as `loadCsv` would make it.
    pub(super) fn dataset(&mut self, options: &CsvOptions) -> Result<Dataset, JsError> {
        self.stream.dataset(options).map_err(js_error)
    }
}

/// The core's `CsvOptions` from the page's arguments: `columns` an array or typed array of at
/// most 1024 file column indices (undefined, null or empty for every numeric column); `label`
/// undefined or null for automatic (the first text column), a negative integer for none, else
/// a column index (from 0 to 1023).
pub(super) fn csv_options(columns: &JsValue, label: &JsValue) -> Result<CsvOptions, JsError> {
    let columns = if columns.is_undefined() || columns.is_null() {
        None
    } else {
        Some(args::index_array(columns, "columns", MAX_COLUMNS, MAX_COLUMNS, "column")?)
            .filter(|c| !c.is_empty())
    };
    let (label, no_label) = if label.is_undefined() || label.is_null() {
        (None, false)
    } else {
        let allowed = "a column index from 0 to 1023, a negative integer for no label, or undefined for the first text column";
        let l = args::number(label, "label", -(2f64.powi(53)), 2f64.powi(53), allowed)?;
        if l.fract() != 0.0 || l >= MAX_COLUMNS as f64 {
            return Err(args::invalid("label", allowed, label));
        }
        if l < 0.0 {
            (None, true)
        } else {
            (Some(l as usize), false)
        }
    };
    Ok(CsvOptions { columns, label, no_label })
}

/// The `inspectCsv` object for `info`.
pub(super) fn info_object(info: &CsvInfo) -> Result<JsValue, JsError> {
    let object = js_sys::Object::new();
    let strings = |v: &[String]| v.iter().map(JsValue::from).collect::<js_sys::Array>();
    let fields: [(&str, JsValue); 5] = [
        ("headers", strings(&info.headers).into()),
        ("hasHeader", info.has_header.into()),
        ("numeric", info.numeric.iter().map(|&b| JsValue::from(b)).collect::<js_sys::Array>().into()),
        ("rows", info.rows.into()),
        ("preview", info.preview.iter().map(|r| JsValue::from(strings(r))).collect::<js_sys::Array>().into()),
    ];
    for (key, value) in fields {
        js_sys::Reflect::set(&object, &key.into(), &value).map_err(|_| js_error("CsvLoader.info failed"))?;
    }
    Ok(object.into())
}
