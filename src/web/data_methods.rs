//! The data half of the facade: built-in data sets, CSV text, scaling, and what the data
//! panel reads back. Every change of data is all or nothing: on error the map and the data stay.

use super::csv_loader::{csv_options, info_object};
use super::{build_map, js_error, scaling, CsvLoader, Som};
use crate::data::{self, Dataset, Scaling};
use wasm_bindgen::prelude::*;

/// The built-in data sets, by name.
#[wasm_bindgen(js_name = builtinDataSets)]
pub fn builtin_data_sets() -> Vec<String> {
    data::BUILTIN_NAMES.iter().map(|s| s.to_string()).collect()
}

/// Describes a CSV text without loading it: headers, which columns are numeric, a preview.
#[wasm_bindgen(js_name = inspectCsv)]
pub fn inspect_csv(text: &str) -> Result<JsValue, JsError> {
    info_object(&data::inspect_csv(text).map_err(js_error)?)
}

#[wasm_bindgen]
impl Som {
    /// Replaces the data with `values` (row-major, `dim` columns, finite). A new `dim` rebuilds
    /// the map (new weights, t = 0); on error nothing changes.
    #[wasm_bindgen(js_name = setData)]
    pub fn set_data(&mut self, values: Vec<f32>, dim: usize) -> Result<(), JsError> {
        let raw = Dataset::new(values, dim).map_err(js_error)?;
        self.replace_data(raw, "custom")
    }

    /// Loads a built-in data set by name (see `builtinDataSets()`); `rows` is ignored by iris.
    #[wasm_bindgen(js_name = useBuiltin)]
    pub fn use_builtin(&mut self, name: &str, rows: usize) -> Result<(), JsError> {
        let raw = data::builtin(name, rows, self.options.seed as u64).map_err(js_error)?;
        let rows = raw.rows();
        self.replace_data(raw, name)?;
        self.options.data_rows = rows;
        Ok(())
    }

    /// Parses CSV text and makes it the data. `columns` picks the numeric columns (file column
    /// indices, empty for all numeric ones); `label` the label column: undefined for the first
    /// text column (if any), negative for none. Any error names the line and column; the current
    /// map and data stay as they were.
    #[wasm_bindgen(js_name = loadCsv)]
    pub fn load_csv(
        &mut self,
        text: &str,
        columns: Option<Vec<u32>>,
        label: Option<i32>,
    ) -> Result<(), JsError> {
        let raw = data::parse_csv(text, &csv_options(columns, label)).map_err(js_error)?;
        self.replace_data(raw, "custom")
    }

    /// Makes a `CsvLoader`'s finished text the data, like `loadCsv` (same `columns` and
    /// `label`), with `scaling` (undefined keeps the current one). All or nothing.
    #[wasm_bindgen(js_name = adoptCsv)]
    pub fn adopt_csv(
        &mut self,
        loader: &mut CsvLoader,
        columns: Option<Vec<u32>>,
        label: Option<i32>,
        scaling: Option<String>,
    ) -> Result<(), JsError> {
        let raw = loader.dataset(columns, label)?;
        let before = self.options.scaling;
        if let Some(name) = scaling {
            self.options.scaling = name.parse::<Scaling>().map_err(js_error)?.name();
        }
        self.replace_data(raw, "custom").inspect_err(|_| self.options.scaling = before)
    }

    /// Sets the scaling: `"minMax"` (to [0,1], the default), `"zScore"` or `"none"`.
    #[wasm_bindgen(js_name = setScaling)]
    pub fn set_scaling(&mut self, name: &str) -> Result<(), JsError> {
        let scaling: Scaling = name.parse().map_err(js_error)?;
        self.options.scaling = scaling.name();
        self.data = self.raw.scaled(scaling);
        self.last = None;
        Ok(())
    }

    /// Number of data rows.
    #[wasm_bindgen(js_name = dataRows)]
    pub fn data_rows(&self) -> usize {
        self.data.rows()
    }

    /// The scaled data the map trains on, row-major.
    pub fn data(&self) -> Vec<f32> {
        self.data.values().to_vec()
    }

    /// The data as loaded, before scaling.
    #[wasm_bindgen(js_name = rawData)]
    pub fn raw_data(&self) -> Vec<f32> {
        self.raw.values().to_vec()
    }

    /// Column names (from the file's header, or x1..xN). Show them as text, never as HTML.
    pub fn columns(&self) -> Vec<String> {
        self.data.columns().to_vec()
    }

    /// The distinct labels, in first-seen order (empty when the data has none).
    #[wasm_bindgen(js_name = labelClasses)]
    pub fn label_classes(&self) -> Vec<String> {
        self.data.label_classes()
    }

    /// Each row's label as an index into `labelClasses()` (empty when the data has none).
    #[wasm_bindgen(js_name = labelIndices)]
    pub fn label_indices(&self) -> Vec<u32> {
        self.data.label_indices().unwrap_or_default()
    }
}

impl Som {
    /// Makes `raw` the data; keeps the map unless the column count changed. All or nothing.
    fn replace_data(&mut self, raw: Dataset, name: &str) -> Result<(), JsError> {
        let data = raw.scaled(scaling(&self.options));
        if raw.dim() != self.som.dim() {
            let mut options = self.options.clone();
            options.config.dim = raw.dim();
            options.dim = raw.dim();
            self.som = build_map(&options, &data)?;
            self.options = options;
        }
        self.options.data = name.to_string();
        self.raw = raw;
        self.data = data;
        self.last = None;
        Ok(())
    }
}
