//! Decay schedules: how the learning rate `α(t)` and the radius `σ(t)` shrink over time.
//!
//! A [`Schedule`] goes from a start value `p0` to an end value `p1` over a horizon of `T` steps
//! (`SomConfig::steps`). With `f = min(t, T) / T`:
//!
//! | name          | value at `t`                    | at `t ≥ T`                          |
//! |---------------|---------------------------------|-------------------------------------|
//! | `linear`      | `p0 + (p1 − p0)·f`              | `p1`                                |
//! | `exponential` | `p0·(p1/p0)^f`                  | `p1`                                |
//! | `asymptotic`  | `p0 / (1 + 2f)`                 | `p0/3` (MiniSom's `asymptotic_decay`; `p1` unused) |
//! | `inverse`     | `p0 / (1 + (p0/p1 − 1)·f)`      | `p1`                                |
//! | `constant`    | `p0`                            | `p0` (`p1` unused)                  |
//!
//! After the horizon the value stays where the schedule ended, so training longer than `T`
//! steps continues with the final learning rate and radius. The arithmetic is done in `f64`
//! (powers with `libm::pow`) and rounded once to `f32`, identically natively and in wasm.

use super::SomError;

name_enum! {
    /// The shape of a decay. JavaScript names: `"linear"`, `"exponential"`, `"asymptotic"`,
    /// `"inverse"`, `"constant"`.
    Decay, "decay", {
        /// `p0 + (p1 − p0)·t/T`, ends at `p1`.
        Linear => "linear",
        /// `p0·(p1/p0)^(t/T)`, ends at `p1`.
        Exponential => "exponential",
        /// `p0 / (1 + 2t/T)`, ends at `p0/3`; `p1` is unused.
        Asymptotic => "asymptotic",
        /// `p0 / (1 + (p0/p1 − 1)·t/T)`, ends at `p1`.
        Inverse => "inverse",
        /// `p0` throughout; `p1` is unused.
        Constant => "constant",
    }
}

/// A value decaying from `start` to `end` (see the module docs for the formulas).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Schedule {
    /// `p0`, the value at `t = 0`. In a [`super::SomConfig`]: finite and positive (learning
    /// rate in (0, 1], sigma in (0, 1000]).
    pub start: f32,
    /// `p1`, the value reached at `t = T` (unused by `asymptotic` and `constant`). Same range
    /// as `start`.
    pub end: f32,
    /// The shape of the decay.
    pub decay: Decay,
}

impl Schedule {
    /// A schedule from `start` to `end` with the given decay.
    pub fn new(start: f32, end: f32, decay: Decay) -> Schedule {
        Schedule { start, end, decay }
    }

    /// A schedule that stays at `value`.
    pub fn constant(value: f32) -> Schedule {
        Schedule { start: value, end: value, decay: Decay::Constant }
    }

    /// The value at step `t` of a horizon of `steps` steps. `t` is clamped to `steps`: from
    /// `t = steps` on the result is exactly the final value (`end`, or `start/3` for
    /// asymptotic, `start` for constant). `steps = 0` means "already at the end".
    ///
    /// ```
    /// use som_playground::som::{Decay, Schedule};
    /// let s = Schedule::new(1.0, 0.1, Decay::Exponential);
    /// assert_eq!(s.at(0, 100), 1.0);
    /// assert!((s.at(50, 100) - 0.316_227_8).abs() < 1e-6); // 1·0.1^0.5
    /// assert_eq!(s.at(100, 100), 0.1);
    /// assert_eq!(s.at(5_000, 100), 0.1);
    /// ```
    pub fn at(&self, t: u64, steps: u64) -> f32 {
        let p0 = self.start as f64;
        let p1 = self.end as f64;
        if t >= steps {
            return match self.decay {
                Decay::Linear | Decay::Exponential | Decay::Inverse => self.end,
                Decay::Asymptotic => (p0 / 3.0) as f32,
                Decay::Constant => self.start,
            };
        }
        let f = t as f64 / steps as f64;
        let v = match self.decay {
            Decay::Linear => p0 + (p1 - p0) * f,
            Decay::Exponential => p0 * libm::pow(p1 / p0, f),
            Decay::Asymptotic => p0 / (1.0 + 2.0 * f),
            Decay::Inverse => p0 / (1.0 + (p0 / p1 - 1.0) * f),
            Decay::Constant => p0,
        };
        v as f32
    }

    /// The value the schedule ends at (what [`Schedule::at`] returns for `t ≥ steps`).
    pub fn final_value(&self) -> f32 {
        self.at(1, 0)
    }
}
