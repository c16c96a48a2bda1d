//! # SOM Playground
//!
//! A Self-Organizing Map (Kohonen map) in plain Rust, built to be watched while it learns.
//!
//! A data set with `dim` columns is a cloud of points in `dim`-dimensional space. The map is a
//! 2-D grid of `rows × cols` nodes; node `i` owns one weight per column, `w_i ∈ R^dim`, and those
//! weights are its coordinates in input space (a "ghost" data point). One online step:
//!
//! 1. take a row `x`;
//! 2. every node computes its Euclidean distance `‖x − w_i‖`;
//! 3. the closest node `c` wins: the best matching unit (BMU);
//! 4. every node is pulled towards `x`: `w_i += α(t) · h(c, i; σ(t)) · (x − w_i)`, where `h` is
//!    1 on the BMU and falls with the grid distance between `c` and `i`;
//! 5. `t += 1`; the learning rate `α(t)` and the radius `σ(t)` shrink on their schedules.
//!
//! [`som`] is that algorithm and its metrics; [`data`] loads, generates and scales data sets.
//! Neither touches WebAssembly: the `#[wasm_bindgen]` facade (`web.rs`, built only for
//! `wasm32`) converts types and errors and does no math of its own.

pub mod data;
mod numfmt;
pub mod som;

#[cfg(target_arch = "wasm32")]
pub mod web;
