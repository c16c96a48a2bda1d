//! [`Dataset`]: a table of finite `f32` values with optional labels and column names.

use super::scale::{scale_values, Scaling};
use super::DataError;

/// A data set: `rows × dim` finite values stored row-major (value `k` of row `r` is at
/// `r * dim + k`), one name per column and optionally one label per row.
///
/// Every constructor checks its input, so a `Dataset` never holds NaN or an infinity, always
/// has at least one row and one column, and `values().len() == rows() * dim()`.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    values: Vec<f32>,
    dim: usize,
    labels: Option<Vec<String>>,
    columns: Vec<String>,
}

impl Dataset {
    /// A data set of `values.len() / dim` rows, without labels, columns named `x1`..`xN`.
    ///
    /// Errors: `dim == 0` ([`DataError::ZeroDim`]), more than [`super::MAX_COLUMNS`] columns
    /// ([`DataError::DimTooLarge`]), no values ([`DataError::NoRows`]), a length
    /// that is not a multiple of `dim` ([`DataError::NotMultiple`]), NaN or an infinity
    /// ([`DataError::NonFinite`], naming the first such value's index).
    pub fn new(values: Vec<f32>, dim: usize) -> Result<Dataset, DataError> {
        if dim == 0 {
            return Err(DataError::ZeroDim);
        }
        if dim > super::MAX_COLUMNS {
            return Err(DataError::DimTooLarge { dim, limit: super::MAX_COLUMNS });
        }
        if values.is_empty() {
            return Err(DataError::NoRows);
        }
        if !values.len().is_multiple_of(dim) {
            return Err(DataError::NotMultiple { what: "values", dim, actual: values.len() });
        }
        if let Some(index) = values.iter().position(|v| !v.is_finite()) {
            return Err(DataError::NonFinite { what: "values", index });
        }
        if let Some(index) = values.iter().position(|v| v.abs() > super::MAX_ABS_VALUE) {
            return Err(DataError::ValueTooLarge { what: "values", index, value: values[index] });
        }
        let columns = (1..=dim).map(|k| format!("x{k}")).collect();
        Ok(Dataset { values, dim, labels: None, columns })
    }

    /// The same data with one label per row (any text, kept verbatim).
    /// Errors with [`DataError::WrongLength`] (`what = "labels"`) if the count is not `rows()`.
    pub fn with_labels(mut self, labels: Vec<String>) -> Result<Dataset, DataError> {
        if labels.len() != self.rows() {
            return Err(DataError::WrongLength {
                what: "labels",
                expected: self.rows(),
                actual: labels.len(),
            });
        }
        self.labels = Some(labels);
        Ok(self)
    }

    /// The same data with one name per column (any text, kept verbatim: a page must show it as
    /// text, never as HTML). Errors with [`DataError::WrongLength`] (`what = "columns"`) if the
    /// count is not `dim()`.
    pub fn with_columns(mut self, names: Vec<String>) -> Result<Dataset, DataError> {
        if names.len() != self.dim {
            return Err(DataError::WrongLength { what: "columns", expected: self.dim, actual: names.len() });
        }
        self.columns = names;
        Ok(self)
    }

    /// Number of rows (at least 1).
    pub fn rows(&self) -> usize {
        self.values.len() / self.dim
    }

    /// Number of columns, i.e. values per row (at least 1).
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// All values, row-major.
    pub fn values(&self) -> &[f32] {
        &self.values
    }

    /// Row `i` (`dim()` values). An index `i >= rows()` gives an empty slice instead of panicking.
    pub fn row(&self, i: usize) -> &[f32] {
        let start = i.saturating_mul(self.dim);
        self.values.get(start..start.saturating_add(self.dim)).unwrap_or(&[])
    }

    /// One label per row, if the data set has labels.
    pub fn labels(&self) -> Option<&[String]> {
        self.labels.as_deref()
    }

    /// One name per column.
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// The distinct labels in the order they first appear (empty without labels).
    pub fn label_classes(&self) -> Vec<String> {
        let mut classes: Vec<String> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for label in self.labels.iter().flatten() {
            if seen.insert(label.as_str()) {
                classes.push(label.clone());
            }
        }
        classes
    }

    /// Per row, the index of its label in [`Dataset::label_classes`]; `None` without labels.
    pub fn label_indices(&self) -> Option<Vec<u32>> {
        let labels = self.labels.as_ref()?;
        let mut index = std::collections::HashMap::new();
        Some(
            labels
                .iter()
                .map(|label| {
                    let next = index.len() as u32;
                    *index.entry(label.as_str()).or_insert(next)
                })
                .collect(),
        )
    }

    /// Per column, its smallest and largest value: `(mins, maxs)`, each `dim()` long.
    pub fn column_bounds(&self) -> (Vec<f32>, Vec<f32>) {
        let mut mins = vec![f32::INFINITY; self.dim];
        let mut maxs = vec![f32::NEG_INFINITY; self.dim];
        for row in self.values.chunks_exact(self.dim) {
            for (k, &v) in row.iter().enumerate() {
                mins[k] = mins[k].min(v);
                maxs[k] = maxs[k].max(v);
            }
        }
        (mins, maxs)
    }

    /// A copy scaled column by column (see [`Scaling`] for the formulas); labels and column
    /// names are kept. The result is finite: minMax lies in `[0, 1]`, a constant column
    /// becomes 0.5 (minMax) or 0 (zScore).
    pub fn scaled(&self, scaling: Scaling) -> Dataset {
        Dataset {
            values: scale_values(&self.values, self.dim, scaling),
            dim: self.dim,
            labels: self.labels.clone(),
            columns: self.columns.clone(),
        }
    }
}
