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
//! Everything is [`crate::data::CsvStream`]: the same results and error messages (line and
//! column named) as `inspectCsv` / `loadCsv` on the whole text, wherever the chunks are cut.

use crate::data::{CsvInfo, CsvOptions, CsvStream, Dataset, MAX_CSV_BYTES, MAX_CSV_ROWS};
use wasm_bindgen::prelude::*;

use super::js_error;

/// A CSV text arriving in chunks; hand it to `Som.adoptCsv` when complete.
#[wasm_bindgen]
pub struct CsvLoader {
    stream: CsvStream,
}

#[wasm_bindgen]
impl CsvLoader {
    /// A loader for a text of `bytes` bytes (UTF-8; a file's `size`): throws at once, naming the
    /// limit, when that is more than `CsvLoader.maxBytes()`.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: f64) -> Result<CsvLoader, JsError> {
        let bytes = if bytes.is_finite() && bytes >= 0.0 { bytes as u64 } else { u64::MAX };
        CsvStream::check_size(bytes).map_err(js_error)?;
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

    /// Takes the next chunk. Throws (and keeps throwing) on a problem the rows so far already
    /// show: a wrong column count, too many rows or bytes.
    pub fn push(&mut self, chunk: &str) -> Result<(), JsError> {
        self.stream.push(chunk).map_err(js_error)
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
}

impl CsvLoader {
    /// The data set for the chosen columns (file column indices, empty for every numeric one)
    /// and label (negative for none, undefined for automatic), as `loadCsv` would make it.
    pub(super) fn dataset(
        &mut self,
        columns: Option<Vec<u32>>,
        label: Option<i32>,
    ) -> Result<Dataset, JsError> {
        self.stream.dataset(&csv_options(columns, label)).map_err(js_error)
    }
}

/// The core's `CsvOptions` from the page's arguments: `columns` empty or undefined for every
/// numeric column; `label` undefined for automatic (the first text column), negative for none.
pub(super) fn csv_options(columns: Option<Vec<u32>>, label: Option<i32>) -> CsvOptions {
    CsvOptions {
        columns: columns.filter(|c| !c.is_empty()).map(|c| c.into_iter().map(|i| i as usize).collect()),
        label: label.and_then(|l| usize::try_from(l).ok()),
        no_label: label.is_some_and(|l| l < 0),
    }
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
