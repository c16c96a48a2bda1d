//! Neighbourhood functions `h(d; σ)`: how strongly a node at grid distance `d` from the BMU is
//! pulled, for a radius `σ`.
//!
//! | name         | formula                                  | support               |
//! |--------------|------------------------------------------|-----------------------|
//! | `gaussian`   | `h = exp(−d² / (2σ²))`                   | every node, in (0, 1] |
//! | `bubble`     | `h = 1 if d ≤ σ else 0` (inclusive)      | the disc of radius σ  |
//! | `mexicanHat` | `h = (1 − d²/σ²) · exp(−d² / (2σ²))`     | negative beyond d = σ |
//! | `triangle`   | `h = max(0, 1 − d/σ)`                    | the disc of radius σ  |
//!
//! Each is exactly 1 at `d = 0` (on the BMU), whatever `σ`. The bubble is inclusive so that
//! `σ = 1` moves the 4 (rectangular) or 6 (hexagonal) neighbours. The mexican hat pushes nodes
//! between `σ` and about `2.6σ` away from the row (`h` down to about −0.45).
//!
//! `d` is the Euclidean distance between node centres on the grid ([`super::Grid::distance`]),
//! so the same formulas serve rectangular, hexagonal and toroidal maps.

use super::SomError;

name_enum! {
    /// The neighbourhood function. JavaScript names: `"gaussian"`, `"bubble"`, `"mexicanHat"`,
    /// `"triangle"`.
    Kernel, "neighborhood", {
        /// `exp(−d² / (2σ²))`.
        Gaussian => "gaussian",
        /// `1 if d ≤ σ else 0`.
        Bubble => "bubble",
        /// `(1 − d²/σ²) · exp(−d² / (2σ²))`.
        MexicanHat => "mexicanHat",
        /// `max(0, 1 − d/σ)`.
        Triangle => "triangle",
    }
}

impl Kernel {
    /// `h(d; σ)` for grid distance `d ≥ 0` and radius `σ > 0` (see the table in the module
    /// docs). Returns exactly 1 for `d = 0`, even for a degenerate `σ` (0, NaN); the facade
    /// checks `σ` is finite and positive before calling.
    ///
    /// ```
    /// use som_playground::som::Kernel;
    /// assert_eq!(Kernel::Gaussian.h(0.0, 1.0), 1.0);
    /// assert!((Kernel::Gaussian.h(1.0, 1.0) - 0.606_530_66).abs() < 1e-7); // exp(-1/2)
    /// assert_eq!(Kernel::Bubble.h(1.0, 1.0), 1.0); // inclusive
    /// assert_eq!(Kernel::Triangle.h(0.5, 1.0), 0.5);
    /// assert!(Kernel::MexicanHat.h(2.0, 1.0) < 0.0);
    /// ```
    pub fn h(self, d: f32, sigma: f32) -> f32 {
        if d == 0.0 {
            return 1.0;
        }
        match self {
            Kernel::Gaussian => libm::expf(-(d * d) / (2.0 * sigma * sigma)),
            Kernel::Bubble => {
                if d <= sigma {
                    1.0
                } else {
                    0.0
                }
            }
            Kernel::MexicanHat => {
                let d2 = d * d;
                (1.0 - d2 / (sigma * sigma)) * libm::expf(-d2 / (2.0 * sigma * sigma))
            }
            Kernel::Triangle => (1.0 - d / sigma).max(0.0),
        }
    }
}
