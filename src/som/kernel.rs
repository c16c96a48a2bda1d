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
//!
//! **Numbers that stay numbers.** Every kernel returns a finite value in `[−0.45, 1]` for every
//! `d ≥ 0` and every `σ`, however small: `d²/σ²` overflows `f32` once `σ²` nears the smallest
//! normal float (`σ` around 1e-19 and below), and `(1 − ∞) · exp(−∞)` would make the mexican
//! hat NaN, so the mexican hat returns 0 wherever its exponential factor is 0, and a `σ` that is
//! not above 0 (0, negative, NaN) counts as 0 (only the BMU has `h ≠ 0`). An infinite `σ` gives
//! `h = 1` everywhere. Below about `σ = 0.07` every kernel is already exactly 0 beyond the BMU
//! in `f32` (`exp(−1/(2·0.07²))` underflows), so no smaller radius changes anything: the option
//! table's floor of 0.01 for `sigma` and `sigmaEnd` loses nothing, and the kernels do not rely
//! on it.

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
    /// `h(d; σ)` for grid distance `d ≥ 0` and radius `σ` (see the table in the module docs).
    /// Returns exactly 1 for `d = 0`, whatever `σ`; for `d > 0` a finite value in `[−0.45, 1]`
    /// for every `σ` (a `σ` that is not above 0, such as 0 or NaN, gives 0).
    ///
    /// ```
    /// use som_playground::som::Kernel;
    /// assert_eq!(Kernel::Gaussian.h(0.0, 1.0), 1.0);
    /// assert!((Kernel::Gaussian.h(1.0, 1.0) - 0.606_530_66).abs() < 1e-7); // exp(-1/2)
    /// assert_eq!(Kernel::Bubble.h(1.0, 1.0), 1.0); // inclusive
    /// assert_eq!(Kernel::Triangle.h(0.5, 1.0), 0.5);
    /// assert!(Kernel::MexicanHat.h(2.0, 1.0) < 0.0);
    /// assert_eq!(Kernel::MexicanHat.h(1.0, 1e-20), 0.0); // d²/σ² overflows: 0, not NaN
    /// ```
    pub fn h(self, d: f32, sigma: f32) -> f32 {
        if d == 0.0 {
            return 1.0;
        }
        if sigma.is_nan() || sigma <= 0.0 {
            return 0.0;
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
                mexican_hat(d2, sigma * sigma, libm::expf(-d2 / (2.0 * sigma * sigma)))
            }
            Kernel::Triangle => (1.0 - d / sigma).max(0.0),
        }
    }
}

/// The mexican hat `(1 − d²/σ²) · e` from its exponential factor `e = exp(−d²/(2σ²))`: 0 where
/// `e` is 0, so a `d²/σ²` that overflowed to infinity never meets a zero (`∞ · 0` is NaN).
#[inline(always)]
pub(crate) fn mexican_hat(d2: f32, s2: f32, e: f32) -> f32 {
    if e == 0.0 {
        0.0
    } else {
        (1.0 - d2 / s2) * e
    }
}
