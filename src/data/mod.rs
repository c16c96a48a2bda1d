//! Data sets for the map to learn: parsing a user's CSV, built-in generators, and scaling.
//!
//! A [`Dataset`] is a row-major table of finite `f32` values (`rows × dim`) with one name per
//! column and optionally one label per row. It comes from [`parse_csv`] (a user's file),
//! [`builtin`] (seeded synthetic sets and Iris) or [`Dataset::new`], and is usually rescaled
//! with [`Dataset::scaled`] before training. Nothing here panics on user input or stores NaN or
//! an infinity; errors are [`DataError`]s whose messages name the line, the column and what is
//! allowed.
//!
//! ```
//! use som_playground::data::{builtin, parse_csv, CsvOptions, Scaling};
//!
//! let text = "height,weight,kind\n1.0,20,cat\n\n3.0,40,dog\n";
//! let data = parse_csv(text, &CsvOptions::default()).unwrap();
//! assert_eq!((data.rows(), data.dim()), (2, 2));
//! assert_eq!(data.columns(), ["height", "weight"]);
//! assert_eq!(data.label_classes(), ["cat", "dog"]);
//! assert_eq!(data.scaled(Scaling::MinMax).row(1), [1.0, 1.0]);
//!
//! let err = parse_csv("a,b\n1,2\n3,x\n", &CsvOptions::default()).unwrap_err();
//! assert_eq!(err.to_string(), "line 3, column 'b': 'x' is not a number");
//!
//! let rgb = builtin("rgb", 100, 7).unwrap();
//! assert_eq!(rgb, builtin("rgb", 100, 7).unwrap()); // same seed, same data
//! assert!(rgb.values().iter().all(|v| (0.0..=1.0).contains(v)));
//! ```

// The CSV reader (feature `csv`, on by default): the page's map wasm is built without it and the
// CSV module (scripts/build.sh) with it alone.
#[cfg(feature = "csv")]
pub mod csv;
#[cfg(feature = "csv")]
pub mod csv_stream;
mod dataset;
mod error;
pub mod generators;
mod iris;
pub mod scale;

#[cfg(feature = "csv")]
pub use self::csv::{inspect_csv, parse_csv, CsvInfo, CsvOptions};
#[cfg(feature = "csv")]
pub use csv_stream::{CsvStream, MAX_CSV_BYTES, MAX_CSV_COLUMNS, MAX_CSV_ROWS, MAX_LINE_BYTES};
pub use dataset::Dataset;
pub use error::DataError;
pub use generators::{builtin, BUILTIN_NAMES};
pub use scale::Scaling;

/// The most columns a data set may have: the map's largest input dimension (`dim`).
pub const MAX_COLUMNS: usize = 1024;

/// The largest magnitude a data value may have: with a few columns, squared distances between
/// such values still fit in f32 (about 3.4e38), so no distance or update overflows to inf/NaN.
pub const MAX_ABS_VALUE: f32 = 1e15;
