//! Text as a float: `str::parse::<f32>`, the same grammar and the same value.

use super::big::Big;
use std::cmp::Ordering;

/// `text.parse::<f32>().ok()`: the same grammar (an optional sign, then `inf`, `infinity` or
/// `nan` in any case, or digits with an optional `.` and an optional exponent `e±digits`)
/// and the same value, the exact decimal rounded to the nearest `f32` (ties to even), without
/// core's `dec2flt` and its tables in the wasm. Exact `f32` or `f64` arithmetic where one
/// rounding is provably the right one, big integers otherwise.
#[inline(never)]
pub(crate) fn parse_f32(text: &str) -> Option<f32> {
    let (negative, body) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let signed = |x: f32| if negative { -x } else { x };
    let bytes = body.as_bytes();
    if bytes.first().is_some_and(u8::is_ascii_alphabetic) {
        return if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") {
            Some(signed(f32::INFINITY))
        } else if body.eq_ignore_ascii_case("nan") {
            Some(signed(f32::NAN))
        } else {
            None
        };
    }
    let digits_from = |mut i: usize| {
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    };
    let int_end = digits_from(0);
    let (frac_start, frac_end) = match bytes.get(int_end) {
        Some(b'.') => (int_end + 1, digits_from(int_end + 1)),
        _ => (int_end, int_end),
    };
    if int_end == 0 && frac_end == frac_start {
        return None;
    }
    let mut i = frac_end;
    let mut exp = -((frac_end - frac_start) as i64);
    if let Some(b'e' | b'E') = bytes.get(i) {
        i += 1;
        let minus = bytes.get(i) == Some(&b'-');
        if matches!(bytes.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        let start = i;
        let mut e: i64 = 0;
        while let Some(&c) = bytes.get(i).filter(|c| c.is_ascii_digit()) {
            if e < 0x10000 {
                e = 10 * e + (c - b'0') as i64; // saturating as core's parser does
            }
            i += 1;
        }
        if i == start {
            return None;
        }
        exp += if minus { -e } else { e };
    }
    if i != bytes.len() {
        return None;
    }
    // value = (the digits, leading zeros dropped) · 10^exp
    let digits = || {
        bytes[..int_end].iter().chain(&bytes[frac_start..frac_end]).map(|c| c - b'0').skip_while(|&c| c == 0)
    };
    let (mut d, mut n) = (0u64, 0i64);
    for c in digits() {
        if n < 19 {
            d = 10 * d + c as u64;
        }
        n += 1;
    }
    if n == 0 {
        return Some(signed(0.0));
    }
    if n + exp > 39 {
        return Some(signed(f32::INFINITY)); // at least 1e39
    }
    if n + exp <= -46 {
        return Some(signed(0.0)); // below 1e-46, under half the smallest subnormal
    }
    if n <= 19 {
        if d < 1 << 24 && exp.abs() <= 10 {
            // both exact in f32: one rounding
            let p = 10f32.powi(exp.abs() as i32);
            return Some(signed(if exp < 0 { d as f32 / p } else { d as f32 * p }));
        }
        if exp.abs() <= 22 {
            // `d` rounded to f64 (exact below 2^53), times or over an exact 10^|exp|, rounded
            // again: within 2.01 f64 ulps of the value. So the f64 rounds to the value's f32
            // unless an f32 halfway point (the low 29 bits 1 << 28) lies that close; 17-digit
            // numbers (how JavaScript and Python write an f64) take this path.
            let p = 10f64.powi(exp.abs() as i32);
            let r = if exp < 0 { d as f64 / p } else { d as f64 * p };
            let low = (r.to_bits() & ((1 << 29) - 1)) as i64;
            if (low - (1 << 28)).abs() > 16 {
                return Some(signed(r as f32));
            }
        }
    }
    let mut digits: Vec<u8> = digits().collect();
    while digits.last() == Some(&0) {
        digits.pop();
        exp += 1;
    }
    Some(signed(round_decimal(digits, exp)))
}

/// The `f32` nearest to `digits · 10^exp` (digits without leading or trailing zeros).
/// Big integers: slow, and only for what the fast paths cannot decide (more than 19 digits,
/// large exponents, an f64 on an f32 halfway point); `1e-46 <= value < 1e39`.
#[inline(never)]
fn round_decimal(mut digits: Vec<u8>, mut exp: i64) -> f32 {
    if digits.len() > 200 {
        // f32 halfway points have fewer significant digits: a 1 stands for the rest
        exp += digits.len() as i64 - 201;
        digits.truncate(200);
        digits.push(1);
    }
    let (mut num, mut den) = (Big::new(0), Big::new(1));
    for &c in &digits {
        num.mul_small(10);
        num = num.add(&Big::new(c as u64));
    }
    if exp >= 0 {
        num.mul_pow10(exp as u32);
    } else {
        den.mul_pow10(-exp as u32);
    }
    // b = floor(log2(num / den)); the last mantissa bit is worth 2^lsb
    let mut b = num.bits() - den.bits();
    if Big::cmp_shifted(&den, &num, b) == Ordering::Greater {
        b -= 1;
    }
    let lsb = (b - 23).max(-149);
    // q = floor(value / 2^(lsb − 1)): the mantissa and one more bit
    let t = lsb - 1;
    if t >= 0 {
        den.mul_pow2(t as u32);
    } else {
        num.mul_pow2(-t as u32);
    }
    let mut q = 0u64;
    for bit in (0..26).rev() {
        let mut d = den.clone();
        d.mul_pow2(bit);
        if num.cmp(&d) != Ordering::Less {
            num.sub(&d);
            q |= 1 << bit;
        }
    }
    let (mut m, half, rest) = (q >> 1, q & 1 == 1, !num.is_zero());
    if half && (rest || m & 1 == 1) {
        m += 1;
    }
    (m as f64 * 2f64.powi(lsb as i32)) as f32
}
