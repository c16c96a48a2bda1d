//! The map's grid: where the nodes sit, how far apart they are, who is next to whom.
//!
//! Nodes are numbered row-major, `i = row * cols + col`. Two layouts:
//!
//! * **rectangular**: node `(row, col)` sits at `(x, y) = (col, row)`; its neighbours are the 4
//!   nodes above, below, left and right.
//! * **hexagonal**, "odd-r" offset rows: odd rows are shifted half a node to the right and rows
//!   are `√3/2` apart, so node `(row, col)` sits at `(col + 0.5·(row odd), row·√3/2)`. Every
//!   pair of adjacent centres is exactly 1 apart and an interior node has 6 neighbours.
//!
//! The grid distance is the Euclidean distance between centres. On a **toroidal** grid the left
//! edge touches the right and the top the bottom: the distance is the minimum image, the
//! shortest way round in each direction (`|Δcol|` becomes `min(|Δcol|, cols − |Δcol|)`, rows
//! alike). A hexagonal torus needs an even number of rows, or the offset pattern would break
//! where the last row meets the first.
//!
//! Squared distances are exact in `f32`: `Δx` is a multiple of ½ and `Δy² = ¾·Δrow²` on the
//! hexagonal grid, so `d²` is a multiple of ¼ far below 2²⁴.

use super::SomError;

name_enum! {
    /// How the nodes are laid out. JavaScript names: `"rectangular"`, `"hexagonal"`.
    Topology, "topology", {
        /// Square grid, 4 neighbours per node.
        Rectangular => "rectangular",
        /// Hexagonal grid in odd-r offset rows, 6 neighbours per node.
        Hexagonal => "hexagonal",
    }
}

/// A `rows × cols` grid of nodes with a topology and optional toroidal wrap.
///
/// Index arguments must be `< len()` (the facade checks); an index out of range never panics
/// but gives a meaningless value.
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    rows: usize,
    cols: usize,
    topology: Topology,
    toroidal: bool,
}

/// `√3/2`, the vertical spacing of hexagonal rows.
const HEX_DY: f32 = 0.866_025_4;

impl Grid {
    /// A grid of `rows × cols` nodes. Zero sizes are allowed here (an empty grid); [`super::SomConfig`]
    /// refuses them. A hexagonal toroidal grid should have an even number of rows.
    pub fn new(rows: usize, cols: usize, topology: Topology, toroidal: bool) -> Grid {
        Grid { rows, cols, topology, toroidal }
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Number of nodes, `rows × cols`.
    pub fn len(&self) -> usize {
        self.rows * self.cols
    }

    /// True when the grid has no nodes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The layout.
    pub fn topology(&self) -> Topology {
        self.topology
    }

    /// Whether the edges wrap round.
    pub fn toroidal(&self) -> bool {
        self.toroidal
    }

    fn row_col(&self, i: usize) -> (usize, usize) {
        let cols = self.cols.max(1);
        (i / cols, i % cols)
    }

    /// Drawing coordinates `(x, y)` of node `i`'s centre: rectangular `(col, row)`;
    /// hexagonal `(col + 0.5·(row odd), row·√3/2)`. `y` grows downwards, like screen rows.
    pub fn position(&self, i: usize) -> (f32, f32) {
        let (r, c) = self.row_col(i);
        match self.topology {
            Topology::Rectangular => (c as f32, r as f32),
            Topology::Hexagonal => (c as f32 + 0.5 * (r & 1) as f32, r as f32 * HEX_DY),
        }
    }

    /// All positions, flat: `x0, y0, x1, y1, …` (length `2·len()`).
    pub fn positions(&self) -> Vec<f32> {
        (0..self.len())
            .flat_map(|i| {
                let (x, y) = self.position(i);
                [x, y]
            })
            .collect()
    }

    /// The squared vertical part of the distance between grid rows `ra` and `rb`:
    /// `Δrow²` (rectangular) or `¾·Δrow²` (hexagonal), `Δrow` wrapped when toroidal.
    pub(crate) fn dy2(&self, ra: usize, rb: usize) -> f32 {
        let mut dr = ra.abs_diff(rb);
        if self.toroidal {
            dr = dr.min(self.rows.saturating_sub(dr));
        }
        let dr = dr as f32;
        match self.topology {
            Topology::Rectangular => dr * dr,
            Topology::Hexagonal => 0.75 * (dr * dr),
        }
    }

    /// The squared horizontal part of the distance between column `ca` in row `ra` and column
    /// `cb` in row `rb`: `Δx²` with `Δx = Δcol (+ ½ offset on hexagonal rows of different
    /// parity)`, wrapped when toroidal.
    pub(crate) fn dx2(&self, ra: usize, ca: usize, rb: usize, cb: usize) -> f32 {
        let mut dx = ca as f32 - cb as f32;
        if self.topology == Topology::Hexagonal {
            dx += 0.5 * ((ra & 1) as f32 - (rb & 1) as f32);
        }
        let mut dx = dx.abs();
        if self.toroidal {
            dx = dx.min(self.cols as f32 - dx);
        }
        dx * dx
    }

    /// Squared grid distance between nodes `a` and `b` (exact; see the module docs).
    pub fn distance_squared(&self, a: usize, b: usize) -> f32 {
        let (ra, ca) = self.row_col(a);
        let (rb, cb) = self.row_col(b);
        self.dy2(ra, rb) + self.dx2(ra, ca, rb, cb)
    }

    /// Grid distance between nodes `a` and `b`: `√(Δx² + Δy²)` between their centres, the
    /// minimum image on a toroidal grid. Adjacent nodes are exactly 1 apart in both topologies;
    /// rectangular diagonals are `√2`, the next ring of a hexagonal grid `√3` and 2.
    pub fn distance(&self, a: usize, b: usize) -> f32 {
        libm::sqrtf(self.distance_squared(a, b))
    }

    /// The adjacent nodes of `i` in a fixed array; returns the array and how many are used.
    pub(crate) fn neighbor_array(&self, i: usize) -> ([usize; 6], usize) {
        let mut out = [0usize; 6];
        let mut n = 0;
        if i >= self.len() {
            return (out, 0);
        }
        let (r, c) = self.row_col(i);
        let (rows, cols) = (self.rows as isize, self.cols as isize);
        let (r, c) = (r as isize, c as isize);
        let rect = [(-1, 0), (0, -1), (0, 1), (1, 0)];
        // odd-r offsets: (Δrow, Δcol) for even and odd rows.
        let hex_even = [(-1, -1), (-1, 0), (0, -1), (0, 1), (1, -1), (1, 0)];
        let hex_odd = [(-1, 0), (-1, 1), (0, -1), (0, 1), (1, 0), (1, 1)];
        let offsets: &[(isize, isize)] = match (self.topology, r & 1) {
            (Topology::Rectangular, _) => &rect,
            (Topology::Hexagonal, 0) => &hex_even,
            (Topology::Hexagonal, _) => &hex_odd,
        };
        for &(dr, dc) in offsets {
            let (mut nr, mut nc) = (r + dr, c + dc);
            if self.toroidal {
                nr = nr.rem_euclid(rows);
                nc = nc.rem_euclid(cols);
            } else if nr < 0 || nr >= rows || nc < 0 || nc >= cols {
                continue;
            }
            let j = (nr * cols + nc) as usize;
            if j != i && !out[..n].contains(&j) {
                out[n] = j;
                n += 1;
            }
        }
        (out, n)
    }

    /// The nodes adjacent to `i`: 4 (rectangular) or 6 (hexagonal), fewer at the edges of a
    /// non-toroidal grid, wrapped round on a toroidal one. Never contains `i` itself and no node
    /// twice (on tiny toroidal grids several wraps can land on the same node).
    pub fn neighbors(&self, i: usize) -> Vec<usize> {
        let (a, n) = self.neighbor_array(i);
        a[..n].to_vec()
    }

    /// Whether `a` and `b` are adjacent (as in [`Grid::neighbors`]); never allocates.
    pub fn are_neighbors(&self, a: usize, b: usize) -> bool {
        let (arr, n) = self.neighbor_array(a);
        arr[..n].contains(&b)
    }
}
