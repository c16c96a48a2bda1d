//! Where the weights live: node-contiguous planes for the arithmetic, a row-major view for reading.
//!
//! A map of `n` nodes with `dim` columns stores its weights **by column**: plane `k` holds weight
//! `k` of every node, node `i`'s at `k·n + i`. In that layout the BMU search and the update are
//! plain vertical loops across nodes, so SIMD works on 4 (wasm `simd128`, SSE2) or 8 (AVX) nodes
//! per instruction with no shuffles, whatever `dim` is:
//!
//! ```text
//! row-major (the API, data rows):   w00 w01 w02 | w10 w11 w12 | w20 w21 w22 | …
//! planes (the hot loops):           w00 w10 w20 …  |  w01 w11 w21 …  |  w02 w12 w22 …
//! ```
//!
//! Every reader outside the hot path (the facade, traces, metrics, the tests) sees the weights
//! row-major, node `i`'s at `i·dim + k`, through [`Weights::row_major`]: a copy rebuilt from the
//! planes the first time it is asked for after they changed, then kept until they change again
//! (training marks it stale through [`Weights::planes_mut`]; its buffer is kept for the next
//! rebuild, so steady training never allocates). Both layouts hold the same `f32` values, so the
//! layout changes no result: each node's squared distance is still summed over `k` in the same
//! order, and each weight still gets the same update.

use std::cell::{Cell, OnceCell};

/// The weights of `n` nodes × `dim` columns in planes, with a lazily rebuilt row-major view.
pub(crate) struct Weights {
    n: usize,
    dim: usize,
    /// Plane `k` is `planes[k·n .. (k+1)·n]`. The authoritative copy.
    planes: Vec<f32>,
    /// The row-major view while it matches the planes.
    view: OnceCell<Vec<f32>>,
    /// The buffer of a stale view, reused by the next rebuild.
    spare: Cell<Vec<f32>>,
}

impl Weights {
    /// `n` nodes from row-major `w` (`n·dim` values).
    pub(crate) fn from_row_major(n: usize, dim: usize, w: Vec<f32>) -> Weights {
        let mut weights =
            Weights { n, dim, planes: vec![0.0; n * dim], view: OnceCell::new(), spare: Cell::default() };
        weights.set_row_major(w);
        weights
    }

    /// Number of nodes.
    pub(crate) fn nodes(&self) -> usize {
        self.n
    }

    /// All planes, plane `k` at `k·n .. (k+1)·n`.
    pub(crate) fn planes(&self) -> &[f32] {
        &self.planes
    }

    /// The planes for writing; marks the row-major view stale.
    pub(crate) fn planes_mut(&mut self) -> &mut [f32] {
        if let Some(stale) = self.view.take() {
            *self.spare.get_mut() = stale;
        }
        &mut self.planes
    }

    /// The weights row-major, node `i`'s at `i·dim .. (i+1)·dim` (rebuilt if stale).
    pub(crate) fn row_major(&self) -> &[f32] {
        self.view.get_or_init(|| {
            let mut w = self.spare.take();
            w.clear();
            w.resize(self.planes.len(), 0.0);
            for (k, plane) in self.planes.chunks_exact(self.n.max(1)).enumerate() {
                for (node, &v) in w.chunks_exact_mut(self.dim).zip(plane) {
                    node[k] = v;
                }
            }
            w
        })
    }

    /// The row-major view itself, moved out (built first if stale): no copy. The next
    /// [`Weights::row_major`] builds a new one. For a trace's weights before a step, which the
    /// step would make stale anyway.
    pub(crate) fn take_row_major(&mut self) -> Vec<f32> {
        self.row_major();
        self.view.take().unwrap_or_default()
    }

    /// Replaces every weight by row-major `w` (`n·dim` values), which becomes the view.
    pub(crate) fn set_row_major(&mut self, w: Vec<f32>) {
        let (n, dim) = (self.n, self.dim);
        for (k, plane) in self.planes_mut().chunks_exact_mut(n.max(1)).enumerate() {
            for (p, node) in plane.iter_mut().zip(w.chunks_exact(dim)) {
                *p = node[k];
            }
        }
        self.view = OnceCell::from(w);
    }
}

impl Clone for Weights {
    fn clone(&self) -> Weights {
        let view = self.view.clone();
        Weights { n: self.n, dim: self.dim, planes: self.planes.clone(), view, spare: Cell::default() }
    }
}

impl std::fmt::Debug for Weights {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Weights").field("nodes", &self.n).field("dim", &self.dim).finish_non_exhaustive()
    }
}
