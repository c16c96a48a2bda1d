//! The WebAssembly facade, as two wasm modules from this one crate: the map (feature `map`: the
//! class `Som`, a map and its data set, `map.rs`) and the CSV reader (feature `csv`: `CsvLoader`,
//! `parseCsv`, `inspectCsv`, `csv_loader.rs`), which hands the page plain parsed data
//! (`{ values, dim, columns, labels }`) for `Som.adoptData`. The page loads the CSV module only
//! when a file is opened; both features together (the default) also give `Som.loadCsv` and
//! `Som.adoptCsv`, as the tests use them.
//!
//! It converts types and errors and delegates; every number it returns was computed by
//! [`crate::som`] or [`crate::data`]. Inputs from JavaScript are checked here (lengths, finite
//! values, row indices) before they reach the core, so no call can panic.
//!
//! Bulk numbers cross as typed arrays (copies). For the per-frame weights there is also a
//! zero-copy view, by column as the core trains them:
//! `new Float32Array(wasmMemory().buffer, som.planesPtr(), som.nodes() * som.dim())`, rebuilt
//! after every call, since any call that allocates may move wasm memory.
//!
//! Every argument arrives as a `JsValue` and is checked by [`args`] (types, integer ranges
//! without wraparound, array lengths before any copy, values finite and within ±1e15), so a
//! wrong argument throws an `Error` naming it and what is allowed, never a trap.

mod alloc;
mod args;
#[cfg(feature = "csv")]
mod csv_loader;
#[cfg(feature = "map")]
mod data_methods;
#[cfg(feature = "map")]
mod map;
#[cfg(feature = "map")]
mod options;
#[cfg(feature = "map")]
mod trace;

#[cfg(feature = "csv")]
pub use csv_loader::{inspect_csv, parse_csv, CsvLoader};
#[cfg(feature = "map")]
pub use data_methods::builtin_data_sets;
#[cfg(feature = "map")]
use map::{build_map, scaling};
#[cfg(feature = "map")]
pub use map::{random_seed, Som, MAX_TRAIN_STEPS};
use wasm_bindgen::prelude::*;

#[global_allocator]
static ALLOCATOR: alloc::SizeClasses = alloc::SizeClasses::new();

fn js_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// The wasm instance's memory, for zero-copy views such as the weights (see `planesPtr`).
#[wasm_bindgen(js_name = wasmMemory)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}
