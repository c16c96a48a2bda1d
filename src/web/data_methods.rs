//! The data half of the facade: built-in data sets, CSV text, scaling, and what the data
//! panel reads back. Every change of data is all or nothing: on error the map and the data stay.

#[cfg(feature = "csv")]
use super::csv_loader::csv_options;
#[cfg(feature = "csv")]
use super::CsvLoader;
use super::{args, build_map, js_error, scaling, Som};
use crate::data::{self, Dataset, Scaling};
use wasm_bindgen::prelude::*;

/// `setData` takes at most this many values (the most a 50 MB CSV can hold) and rows.
pub const MAX_DATA_VALUES: usize = 25_000_000;

/// The page's names for what a scaling argument may be.
const SCALINGS: &str = "one of 'none', 'minMax', 'zScore'";

/// A scaling name argument.
fn scaling_arg(v: &JsValue, name: &str) -> Result<Scaling, JsError> {
    let s = args::string(v, name, SCALINGS)?;
    s.parse::<Scaling>().map_err(|_| args::invalid(name, SCALINGS, v))
}

/// The built-in data sets, by name.
#[wasm_bindgen(js_name = builtinDataSets)]
pub fn builtin_data_sets() -> Vec<String> {
    data::BUILTIN_NAMES.iter().map(|s| s.to_string()).collect()
}

#[wasm_bindgen]
impl Som {
    /// Replaces the data with `values` (an array or typed array, row-major, `dim` columns,
    /// finite numbers within ±1e15, at most 25,000,000 values) and `dim` (an integer from 1 to
    /// 1024). A new `dim` rebuilds the map (new weights, t = 0); on error nothing changes.
    #[wasm_bindgen(js_name = setData)]
    pub fn set_data(&mut self, values: JsValue, dim: JsValue) -> Result<(), JsError> {
        let dim = args::integer_or(
            &dim,
            "dim",
            1,
            data::MAX_COLUMNS as u64,
            "the number of columns, an integer from 1 to 1024",
        )? as usize;
        let values = args::float_rows(&values, "values", dim, MAX_DATA_VALUES, data::MAX_ABS_VALUE)?;
        let raw = Dataset::new(values, dim).map_err(js_error)?;
        self.replace_data(raw, "custom")
    }

    /// Loads a built-in data set by name (a string, one of `builtinDataSets()`) with `rows` rows
    /// (a whole number; larger counts are clamped to 100000; undefined for 500); iris ignores
    /// `rows`.
    #[wasm_bindgen(js_name = useBuiltin)]
    pub fn use_builtin(&mut self, name: JsValue, rows: JsValue) -> Result<(), JsError> {
        let names = format!(
            "one of {}",
            data::BUILTIN_NAMES.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join(", ")
        );
        let name = args::string(&name, "name", &names)?;
        let rows = if rows.is_undefined() || rows.is_null() {
            data::generators::DEFAULT_ROWS
        } else {
            let allowed = "a whole number of rows from 1 (larger counts are clamped to 100000)";
            args::integer_or(&rows, "rows", 1, 1 << 53, allowed)?.min(data::generators::MAX_ROWS as u64)
                as usize
        };
        let raw = data::builtin(&name, rows, self.options.seed as u64).map_err(js_error)?;
        let rows = raw.rows();
        self.replace_data(raw, &name)?;
        self.options.data_rows = rows;
        Ok(())
    }

    /// Parses CSV text (a string) and makes it the data. `columns` picks the numeric columns
    /// (an array or typed array of file column indices; undefined, null or empty for all
    /// numeric ones); `label` the label column: undefined or null for the first text column (if
    /// any), a negative integer for none, else a column index. Any error names the line and
    /// column; the current map and data stay as they were.
    #[cfg(feature = "csv")]
    #[wasm_bindgen(js_name = loadCsv)]
    pub fn load_csv(&mut self, text: JsValue, columns: JsValue, label: JsValue) -> Result<(), JsError> {
        let text = args::string(&text, "text", "the CSV text, a string")?;
        let options = csv_options(&columns, &label)?;
        let raw = data::parse_csv(&text, &options).map_err(js_error)?;
        self.replace_data(raw, "custom")
    }

    /// Makes a `CsvLoader`'s finished text the data, like `loadCsv` (same `columns` and
    /// `label`), with `scaling` (one of 'none', 'minMax', 'zScore'; undefined or null keeps the
    /// current one). All or nothing.
    #[cfg(feature = "csv")]
    #[wasm_bindgen(js_name = adoptCsv)]
    pub fn adopt_csv(
        &mut self,
        loader: &mut CsvLoader,
        columns: JsValue,
        label: JsValue,
        scaling: JsValue,
    ) -> Result<(), JsError> {
        let options = csv_options(&columns, &label)?;
        let scaling = optional_scaling(&scaling)?;
        let raw = loader.dataset(&options)?;
        self.adopt(raw, scaling)
    }

    /// Makes data parsed by the CSV module the data, like `adoptCsv`: `parsed` is what
    /// `CsvLoader.dataset` or `parseCsv` return, `{ values, dim, columns, labels }` (values an
    /// array or typed array of finite numbers within ±1e15, row-major; dim an integer from 1 to
    /// 1024; columns dim strings; labels null or one string per row), `scaling` one of 'none',
    /// 'minMax', 'zScore' (undefined or null keeps the current one). All or nothing.
    #[wasm_bindgen(js_name = adoptData)]
    pub fn adopt_data(&mut self, parsed: JsValue, scaling: JsValue) -> Result<(), JsError> {
        let scaling = optional_scaling(&scaling)?;
        let what = "the data from CsvLoader.dataset or parseCsv, { values, dim, columns, labels }";
        if !parsed.is_object() {
            return Err(args::invalid("parsed", what, &parsed));
        }
        let field = |name: &str| js_sys::Reflect::get(&parsed, &name.into()).unwrap_or(JsValue::UNDEFINED);
        let dim = args::integer_or(
            &field("dim"),
            "dim",
            1,
            data::MAX_COLUMNS as u64,
            "the number of columns, an integer from 1 to 1024",
        )? as usize;
        let values = args::float_rows(&field("values"), "values", dim, MAX_DATA_VALUES, data::MAX_ABS_VALUE)?;
        let mut raw = Dataset::new(values, dim).map_err(js_error)?;
        raw = raw
            .with_columns(args::strings(&field("columns"), "columns", dim, "one name per column", "")?)
            .map_err(js_error)?;
        let labels = field("labels");
        if !labels.is_null() && !labels.is_undefined() {
            let rows = raw.rows();
            raw = raw
                .with_labels(args::strings(&labels, "labels", rows, "one label per row", ", or null")?)
                .map_err(js_error)?;
        }
        self.adopt(raw, scaling)
    }

    /// Sets the scaling: `"minMax"` (to [0,1], the default), `"zScore"` or `"none"`.
    #[wasm_bindgen(js_name = setScaling)]
    pub fn set_scaling(&mut self, name: JsValue) -> Result<(), JsError> {
        let scaling = scaling_arg(&name, "name")?;
        self.options.scaling = scaling.name();
        self.data = self.raw.scaled(scaling);
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

/// An optional scaling argument: undefined or null for none.
fn optional_scaling(v: &JsValue) -> Result<Option<Scaling>, JsError> {
    match args::optional_string(v, "scaling", SCALINGS)? {
        None => Ok(None),
        Some(_) => Ok(Some(scaling_arg(v, "scaling")?)),
    }
}

impl Som {
    /// Makes `raw` (parsed CSV) the data with `scaling` (None keeps the current one). All or nothing.
    fn adopt(&mut self, raw: Dataset, scaling: Option<Scaling>) -> Result<(), JsError> {
        let before = self.options.scaling;
        if let Some(s) = scaling {
            self.options.scaling = s.name();
        }
        self.replace_data(raw, "custom").inspect_err(|_| self.options.scaling = before)
    }

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
        Ok(())
    }
}
