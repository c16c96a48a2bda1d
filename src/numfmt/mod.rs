//! Floating-point numbers as text, without `core::fmt`'s float formatting.
//!
//! `format!("{x}")`, `"{x:e}"` and `"{x:.2}"` on a float link Grisu, Dragon4 and their tables
//! (about 20 KB of wasm) for what are only error and warning messages. These functions give
//! the same strings, digit for digit, with one small exact algorithm on a little big-integer
//! type: the shortest digits that read back as the same float (ties in the last digit round
//! up, as Rust's Dragon4 does), or exactly `frac` decimals rounded half to even.
//! `tests` compares them with `core::fmt` on special and random values. Every function is
//! `#[inline(never)]`: the crate builds at opt-level 3 for the SOM's loops, and inlined and
//! unrolled copies of these cold paths only made the wasm larger.
//!
//! [`format`] writes (`display_*`, `exp_*`, `fixed_f64`), [`parse`] reads (`parse_f32`); both
//! rest on [`big`]'s big integers.

mod big;
mod format;
#[cfg(feature = "csv")]
mod parse;

pub(crate) use format::{display_f32, display_f64, exp_f32, exp_f64, fixed_f64};
#[cfg(feature = "csv")]
pub(crate) use parse::parse_f32;

#[cfg(test)]
mod tests {
    use super::*;

    /// A small xorshift, so the test needs no crate.
    fn randoms(n: usize, mut s: u64) -> impl Iterator<Item = u64> {
        (0..n).map(move |_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        })
    }

    fn specials_f64() -> Vec<f64> {
        let mut v = vec![
            0.0,
            -0.0,
            1.0,
            0.1,
            0.5,
            1.5,
            2.5,
            0.125,
            0.375,
            1e15,
            1e21,
            1e-7,
            1e23,
            5e-324,
            f64::MIN_POSITIVE,
            f64::MAX,
            f64::EPSILON,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            3e38,
            4294967295.0,
            9007199254740993.0,
            0.3,
            2.0f64.powi(-1022) * 3.0,
        ];
        for e in -1074..1024 {
            v.push(2.0f64.powi(e));
            v.push(-(2.0f64.powi(e)) * 1.5);
        }
        for e in -30..30 {
            v.push(10f64.powi(e));
            v.push(5.0 * 10f64.powi(e));
            v.push(1.25 * 10f64.powi(e));
        }
        for x in [3e38f32, 1e20, 0.1, 0.01, f32::MAX, f32::MIN_POSITIVE, 1e-45, 16777216.0, 1e15] {
            v.push(x as f64);
        }
        v
    }

    #[test]
    fn f64_as_core_fmt_writes_it() {
        let randoms = randoms(20_000, 0x9e37_79b9_7f4a_7c15).map(f64::from_bits);
        for x in specials_f64().into_iter().chain(randoms) {
            assert_eq!(display_f64(x), format!("{x}"), "{:x}", x.to_bits());
            assert_eq!(exp_f64(x), format!("{x:e}"), "{:x}", x.to_bits());
        }
    }

    #[test]
    fn f32_as_core_fmt_writes_it() {
        let specials = specials_f64().into_iter().map(|x| x as f32);
        let randoms = randoms(30_000, 0x2545_f491_4f6c_dd1d).map(|b| f32::from_bits(b as u32));
        let small = (0..5_000u32).map(f32::from_bits);
        let binades =
            (0..255u32).flat_map(|e| [e << 23, (e << 23) | 1, (e << 23) | 0x7f_ffff]).map(f32::from_bits);
        for x in specials.chain(randoms).chain(small).chain(binades) {
            assert_eq!(display_f32(x), format!("{x}"), "{:x}", x.to_bits());
            assert_eq!(exp_f32(x), format!("{x:e}"), "{:x}", x.to_bits());
        }
    }

    #[test]
    fn fixed_as_core_fmt_writes_it() {
        let randoms = randoms(10_000, 0x1234_5678_9abc_def1);
        for (i, b) in randoms.enumerate() {
            let frac = i % 12;
            for x in [f64::from_bits(b), f32::from_bits(b as u32) as f64, (b % 100_000) as f64 / 8.0] {
                assert_eq!(fixed_f64(x, frac), format!("{x:.frac$}"), "{x:e} {frac}");
            }
        }
        for x in specials_f64() {
            for frac in [0, 1, 2, 3, 5, 8, 20, 60] {
                assert_eq!(fixed_f64(x, frac), format!("{x:.frac$}"), "{x:e} {frac}");
            }
        }
        for k in 0..2000 {
            let x = k as f64 / 16.0; // exact ties at 1, 2 and 3 decimals
            for frac in 0..4 {
                assert_eq!(fixed_f64(x, frac), format!("{x:.frac$}"), "{x} {frac}");
                assert_eq!(fixed_f64(-x, frac), format!("{:.frac$}", -x), "-{x} {frac}");
            }
        }
    }

    #[test]
    fn parse_as_core_parses_it() {
        let mut texts: Vec<String> = [
            "",
            "+",
            "-",
            ".",
            "e5",
            "1e",
            "1e+",
            "1.",
            ".5",
            "-.5e-3",
            "+1",
            "1_0",
            " 1",
            "1 ",
            "0x10",
            "inf",
            "-Infinity",
            "INF",
            "nan",
            "-NaN",
            "infinit",
            "nanx",
            "1e39",
            "3.4028235e38",
            "3.40282357e38",
            "3.4028236e38",
            "1e-45",
            "7e-46",
            "7.1e-46",
            "1.4e-45",
            "0",
            "-0",
            "0.0e0",
            "00012.50",
            "1e99999999999",
            "1e-99999999999",
            "0.000000000000000000000000000000000001e36",
            "16777217",
            "16777216.5",
            "33554431",
            "1.00000005960464477539062500001",
            "1.000000059604644775390625",
            "0.1",
            "5.1",
            "1,5",
            "1e15",
            "1e16",
            "123456789012345678901234567890",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        texts.push(format!("0.{}1", "0".repeat(300)));
        texts.push(format!("1{}e-300", "0".repeat(300)));
        texts.push(format!("1.000000059604644775390625{}1", "0".repeat(250)));
        texts.push(format!("1.000000059604644775390625{}", "0".repeat(250)));
        // NUMFMT_CASES=2000000 for a longer run
        let cases = std::env::var("NUMFMT_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(20_000);
        for b in randoms(cases, 0xdead_beef_cafe_f00d) {
            let x = f32::from_bits(b as u32);
            texts.push(format!("{x}"));
            texts.push(format!("{x:e}"));
            texts.push(format!("{:.3}", (b >> 32) as f64 / 1e6));
            // the halfway point above x, and just off it either side
            let mid = (x as f64 + f32::from_bits((b as u32).wrapping_add(1)) as f64) / 2.0;
            texts.push(format!("{mid:e}"));
            texts.push(format!("{:e}", f64::from_bits(mid.to_bits() + 1)));
            texts.push(format!("{:e}", f64::from_bits(mid.to_bits() - 1)));
            texts.push(format!("{}e{}", b % 100_000_000_000, (b >> 40) as i64 % 60 - 30));
            texts.push(format!("{}", f64::from_bits(mid.to_bits() + (b >> 60))));
            texts.push(format!("{}", (b >> 11) as f64 / 9007199254740992.0));
        }
        for t in &texts {
            let ours = parse_f32(t);
            let core = t.parse::<f32>().ok();
            assert_eq!(ours.map(f32::to_bits), core.map(f32::to_bits), "{t:?}: {ours:?} vs {core:?}");
        }
    }
}
