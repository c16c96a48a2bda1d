//! What one step returns to the page: a small report for Play, a full trace for the lesson.

use crate::som::StepTrace;
use wasm_bindgen::prelude::*;

/// The outcome of one `step()`: which row, which node won, and the schedule values it used
/// (read-only fields).
#[wasm_bindgen]
#[derive(Clone, Copy, Debug)]
pub struct StepReport {
    /// Index of the data row that was presented.
    #[wasm_bindgen(readonly)]
    pub row: usize,
    /// Its best matching unit.
    #[wasm_bindgen(readonly)]
    pub bmu: usize,
    /// α(t) used by the update.
    #[wasm_bindgen(readonly, js_name = learningRate)]
    pub learning_rate: f32,
    /// σ(t) used by the update.
    #[wasm_bindgen(readonly)]
    pub sigma: f32,
    /// The time t at which the step was taken (t + 1 afterwards).
    #[wasm_bindgen(readonly)]
    pub t: f64,
}

/// Every number of one online step, phase by phase, so the page can animate it without math:
/// row → distances → BMU → neighbourhood h → update (the weights before it; after it they are
/// the map's `weights()`).
#[wasm_bindgen]
pub struct Trace {
    trace: StepTrace,
    pulls: Vec<f32>,
}

impl Trace {
    /// Wraps a core trace with the pull α·h of its row on every node (from the core's pull matrix).
    pub fn new(trace: StepTrace, pulls: Vec<f32>) -> Self {
        Trace { trace, pulls }
    }
}

#[wasm_bindgen]
impl Trace {
    /// Time of the step (before it advanced).
    #[wasm_bindgen(getter)]
    pub fn t(&self) -> f64 {
        self.trace.t as f64
    }
    /// Index of the data row.
    #[wasm_bindgen(getter)]
    pub fn row(&self) -> usize {
        self.trace.row
    }
    /// The row's (scaled) values.
    #[wasm_bindgen(getter)]
    pub fn x(&self) -> Vec<f32> {
        self.trace.x.clone()
    }
    /// ‖x − w_i‖ for every node, before the update.
    #[wasm_bindgen(getter)]
    pub fn distances(&self) -> Vec<f32> {
        self.trace.distances.clone()
    }
    /// The best matching unit.
    #[wasm_bindgen(getter)]
    pub fn bmu(&self) -> usize {
        self.trace.bmu
    }
    /// α(t).
    #[wasm_bindgen(getter, js_name = learningRate)]
    pub fn learning_rate(&self) -> f32 {
        self.trace.learning_rate
    }
    /// σ(t).
    #[wasm_bindgen(getter)]
    pub fn sigma(&self) -> f32 {
        self.trace.sigma
    }
    /// h(bmu, i; σ) for every node.
    #[wasm_bindgen(getter)]
    pub fn h(&self) -> Vec<f32> {
        self.trace.h.clone()
    }
    /// Every weight before the update (a copy; after it they are the map's `weights()`).
    #[wasm_bindgen(getter)]
    pub fn before(&self) -> Vec<f32> {
        self.trace.before.clone()
    }
    /// Where the weights before the update live in `wasmMemory()` (nodes × dim f32): a
    /// zero-copy view, valid until the next call, so reading them needs no second copy in wasm.
    #[wasm_bindgen(getter, js_name = beforePtr)]
    pub fn before_ptr(&self) -> *const f32 {
        self.trace.before.as_ptr()
    }
    /// The pull α·h(bmu, i; σ) of the row on every node: how far along x − w_i each node moves.
    #[wasm_bindgen(getter)]
    pub fn pulls(&self) -> Vec<f32> {
        self.pulls.clone()
    }
}
