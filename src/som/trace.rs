//! [`StepTrace`]: one online step with every intermediate value, for the animation.
//!
//! The lesson plays a step in phases (distances, then BMU, then neighbourhood, then update);
//! all of them come from here, computed by the same code as [`Som::step`], so the weights after
//! [`Som::step_trace`] are bit for bit those after [`Som::step`].
//!
//! A trace holds one copy of the weights, those before the step, and it is not even a copy: the
//! map's row-major view, which the step makes stale anyway, is moved into it. The weights after
//! the step are the map's own ([`Som::weights`]). At 200×200 nodes × 1,000 columns that is one
//! 160 MB buffer per trace instead of two new ones.

use super::{fast, Som};

/// Everything one online step computed.
#[derive(Clone, Debug, PartialEq)]
pub struct StepTrace {
    /// The time at which the step was taken (before the increment).
    pub t: u64,
    /// The data row index, as passed in (only recorded).
    pub row: usize,
    /// The row's values (`dim`).
    pub x: Vec<f32>,
    /// `‖x − w_i‖` for every node, before the update.
    pub distances: Vec<f32>,
    /// The best matching unit.
    pub bmu: usize,
    /// `α(t)`.
    pub learning_rate: f32,
    /// `σ(t)`.
    pub sigma: f32,
    /// `h(d(bmu, i); σ(t))` for every node (1 at the BMU).
    pub h: Vec<f32>,
    /// All weights before the update, row-major (after it: the map's [`Som::weights`]).
    pub before: Vec<f32>,
}

impl Som {
    /// Like [`Som::step`] (same BMU, same weights, `t += 1`) but returns every intermediate
    /// value. `row` is only recorded. Allocates the per-node vectors; the weights before are the
    /// map's row-major view, moved (the next [`Som::weights`] rebuilds it). Precondition:
    /// `x.len() == dim`, finite.
    pub fn step_trace(&mut self, x: &[f32], row: usize) -> StepTrace {
        let t = self.t;
        let (learning_rate, sigma) = (self.learning_rate(), self.sigma());
        let distances = self.distances(x);
        let before = self.weights.take_row_major();
        let bmu = self.step(x);
        let mut h = vec![0.0; self.len()];
        fast::Tables::default().neighborhood_into(&self.grid, self.config.neighborhood, bmu, sigma, &mut h);
        StepTrace { t, row, x: x.to_vec(), distances, bmu, learning_rate, sigma, h, before }
    }
}
