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

use std::cmp::Ordering;

/// A non-negative big integer, base 2^32, least significant limb first.
#[derive(Clone)]
struct Big(Vec<u32>);

impl Big {
    #[inline(never)]
    fn new(x: u64) -> Big {
        Big(vec![x as u32, (x >> 32) as u32])
    }

    #[inline(never)]

    fn mul_small(&mut self, m: u32) -> &mut Big {
        let mut carry = 0u64;
        for limb in &mut self.0 {
            let v = *limb as u64 * m as u64 + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
        self
    }

    #[inline(never)]

    fn mul_pow2(&mut self, n: u32) -> &mut Big {
        let (limbs, bits) = ((n / 32) as usize, n % 32);
        if bits > 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let v = *limb;
                *limb = (v << bits) | carry;
                carry = v >> (32 - bits);
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
        self
    }

    #[inline(never)]

    fn mul_pow10(&mut self, mut n: u32) -> &mut Big {
        while n >= 9 {
            self.mul_small(1_000_000_000);
            n -= 9;
        }
        self.mul_small(10u32.pow(n))
    }

    #[inline(never)]

    fn add(&self, other: &Big) -> Big {
        let len = self.0.len().max(other.0.len());
        let mut out = Vec::with_capacity(len + 1);
        let mut carry = 0u64;
        for i in 0..len {
            let v = *self.0.get(i).unwrap_or(&0) as u64 + *other.0.get(i).unwrap_or(&0) as u64 + carry;
            out.push(v as u32);
            carry = v >> 32;
        }
        out.push(carry as u32);
        Big(out)
    }

    /// `self -= other`, for `self >= other`.
    #[inline(never)]
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let v = *limb as i64 - *other.0.get(i).unwrap_or(&0) as i64 - borrow;
            *limb = v as u32;
            borrow = i64::from(v < 0);
        }
    }

    #[inline(never)]

    fn cmp(&self, other: &Big) -> Ordering {
        let len = self.0.len().max(other.0.len());
        for i in (0..len).rev() {
            let (a, b) = (*self.0.get(i).unwrap_or(&0), *other.0.get(i).unwrap_or(&0));
            if a != b {
                return a.cmp(&b);
            }
        }
        Ordering::Equal
    }

    #[inline(never)]

    fn is_zero(&self) -> bool {
        self.0.iter().all(|&l| l == 0)
    }

    /// `self / d` in place; returns the remainder.
    #[inline(never)]
    fn div_small(&mut self, d: u32) -> u32 {
        let mut rem = 0u64;
        for limb in self.0.iter_mut().rev() {
            let v = (rem << 32) | *limb as u64;
            *limb = (v / d as u64) as u32;
            rem = v % d as u64;
        }
        rem as u32
    }

    /// The decimal digits (no leading zeros; `"0"` for zero).
    #[inline(never)]
    fn decimal(mut self) -> String {
        let mut chunks = Vec::new();
        while !self.is_zero() {
            chunks.push(self.div_small(1_000_000_000));
        }
        let mut out = chunks.pop().unwrap_or(0).to_string();
        for c in chunks.iter().rev() {
            let s = c.to_string();
            out.extend(std::iter::repeat_n('0', 9 - s.len()));
            out.push_str(&s);
        }
        out
    }
}

/// A finite float as `mant · 2^exp` with its rounding interval `(mant − minus, mant + plus) ·
/// 2^exp`, closed when `inclusive` (an even mantissa reads back from either end).
struct Decoded {
    mant: u64,
    minus: u64,
    plus: u64,
    exp: i32,
    inclusive: bool,
}

/// A float's sign, `integer · 2^exp`, and its class: `Some` for a finite non-zero value.
#[inline(never)]
fn split(bits: u64, mant_bits: u32, exp_bits: u32) -> (bool, Option<(u64, i32)>, bool) {
    let negative = bits >> (mant_bits + exp_bits) & 1 == 1;
    let field = ((bits >> mant_bits) & ((1 << exp_bits) - 1)) as i32;
    let fraction = bits & ((1 << mant_bits) - 1);
    let bias = (1 << (exp_bits - 1)) - 1 + mant_bits as i32;
    let special = field == (1 << exp_bits) - 1;
    if special || (field == 0 && fraction == 0) {
        return (negative, None, special);
    }
    let value = if field == 0 { (fraction, 1 - bias) } else { (fraction | 1 << mant_bits, field - bias) };
    (negative, Some(value), false)
}

#[inline(never)]

fn decode(mant: u64, exp: i32, mant_bits: u32) -> Decoded {
    let inclusive = mant & 1 == 0;
    if mant == 1 << mant_bits {
        // the smallest mantissa of its binade: the gap below is half the gap above
        Decoded { mant: mant << 2, minus: 1, plus: 2, exp: exp - 2, inclusive }
    } else {
        Decoded { mant: mant << 1, minus: 1, plus: 1, exp: exp - 1, inclusive }
    }
}

/// The shortest digits `d` (ASCII) and exponent `k` with `0.d × 10^k` inside the rounding
/// interval: Dragon4 as `core::num::flt2dec` runs it, so the same digits.
#[inline(never)]
fn shortest(d: &Decoded) -> (Vec<u8>, i32) {
    // an estimate of ceil(log10(mant + plus) · 2^exp), at most one too small
    let nbits = 64 - (d.mant + d.plus - 1).leading_zeros() as i64;
    let mut k = (((nbits + d.exp as i64) * 1_292_913_986) >> 32) as i32;
    let (mut mant, mut minus, mut plus, mut scale) =
        (Big::new(d.mant), Big::new(d.minus), Big::new(d.plus), Big::new(1));
    if d.exp < 0 {
        scale.mul_pow2(-d.exp as u32);
    } else {
        for b in [&mut mant, &mut minus, &mut plus] {
            b.mul_pow2(d.exp as u32);
        }
    }
    if k >= 0 {
        scale.mul_pow10(k as u32);
    } else {
        for b in [&mut mant, &mut minus, &mut plus] {
            b.mul_pow10(-k as u32);
        }
    }
    let rounding = if d.inclusive { Ordering::Greater } else { Ordering::Equal };
    if scale.cmp(&mant.add(&plus)) < rounding {
        k += 1;
    } else {
        for b in [&mut mant, &mut minus, &mut plus] {
            b.mul_small(10);
        }
    }
    let mut digits = Vec::new();
    let (down, up) = loop {
        let mut digit = b'0';
        while mant.cmp(&scale) != Ordering::Less {
            mant.sub(&scale);
            digit += 1;
        }
        digits.push(digit);
        let down = mant.cmp(&minus) < rounding;
        let up = scale.cmp(&mant.add(&plus)) < rounding;
        if down || up {
            break (down, up);
        }
        for b in [&mut mant, &mut minus, &mut plus] {
            b.mul_small(10);
        }
    };
    if up && (!down || mant.mul_pow2(1).cmp(&scale) != Ordering::Less) {
        if let Some(extra) = round_up(&mut digits) {
            digits.push(extra);
            k += 1;
        }
    }
    (digits, k)
}

/// Adds one in the last digit; `Some` of a digit to append when every digit was 9.
#[inline(never)]
fn round_up(d: &mut [u8]) -> Option<u8> {
    match d.iter().rposition(|&c| c != b'9') {
        Some(i) => {
            d[i] += 1;
            d[i + 1..].fill(b'0');
            None
        }
        None => {
            d.fill(b'0');
            d[0] = b'1';
            Some(b'0')
        }
    }
}

/// `0.digits × 10^k` written out in full (as `{}` does).
#[inline(never)]
fn plain(digits: &[u8], k: i32) -> String {
    let digits = std::str::from_utf8(digits).unwrap_or("");
    if k <= 0 {
        format!("0.{}{digits}", "0".repeat(-k as usize))
    } else if (k as usize) < digits.len() {
        let (a, b) = digits.split_at(k as usize);
        format!("{a}.{b}")
    } else {
        format!("{digits}{}", "0".repeat(k as usize - digits.len()))
    }
}

/// `0.digits × 10^k` in exponent form (as `{:e}` does): `1.5e-7`, `3e38`.
#[inline(never)]
fn exponent(digits: &[u8], k: i32) -> String {
    let digits = std::str::from_utf8(digits).unwrap_or("0");
    let (first, rest) = digits.split_at(1);
    let dot = if rest.is_empty() { "" } else { "." };
    format!("{first}{dot}{rest}e{}", k - 1)
}

enum Style {
    Plain,
    Exponent,
}

#[inline(never)]

fn shortest_text(bits: u64, mant_bits: u32, exp_bits: u32, style: Style) -> String {
    let (negative, value, special) = split(bits, mant_bits, exp_bits);
    let sign = if negative { "-" } else { "" };
    let body = match value {
        None if special && bits & ((1 << mant_bits) - 1) != 0 => return "NaN".into(),
        None if special => "inf".to_string(),
        None => match style {
            Style::Plain => "0".into(),
            Style::Exponent => "0e0".into(),
        },
        Some((mant, exp)) => {
            let (digits, k) = shortest(&decode(mant, exp, mant_bits));
            match style {
                Style::Plain => plain(&digits, k),
                Style::Exponent => exponent(&digits, k),
            }
        }
    };
    format!("{sign}{body}")
}

/// `format!("{x}")`.
#[inline(never)]
pub(crate) fn display_f64(x: f64) -> String {
    shortest_text(x.to_bits(), 52, 11, Style::Plain)
}

/// `format!("{x}")`.
#[inline(never)]
pub(crate) fn display_f32(x: f32) -> String {
    shortest_text(x.to_bits() as u64, 23, 8, Style::Plain)
}

/// `format!("{x:e}")`.
#[inline(never)]
pub(crate) fn exp_f64(x: f64) -> String {
    shortest_text(x.to_bits(), 52, 11, Style::Exponent)
}

/// `format!("{x:e}")`.
#[inline(never)]
pub(crate) fn exp_f32(x: f32) -> String {
    shortest_text(x.to_bits() as u64, 23, 8, Style::Exponent)
}

/// `format!("{x:.frac$}")`: exactly `frac` decimals, the exact value rounded half to even.
#[inline(never)]
pub(crate) fn fixed_f64(x: f64, frac: usize) -> String {
    let (negative, value, special) = split(x.to_bits(), 52, 11);
    if special {
        return display_f64(x);
    }
    let sign = if negative { "-" } else { "" };
    let (mant, exp) = value.unwrap_or((0, 0));
    // n / 2^shift = x · 10^frac
    let mut n = Big::new(mant);
    n.mul_pow10(frac as u32);
    let shift = if exp >= 0 {
        n.mul_pow2(exp as u32);
        0
    } else {
        -exp as u32
    };
    let mut q = n.clone();
    let mut half = Big::new(0);
    if shift > 0 {
        // q = n >> shift, by dividing out 2^shift in steps; half = 2^(shift − 1)
        let mut left = shift;
        while left > 0 {
            let step = left.min(31);
            q.div_small(1 << step);
            left -= step;
        }
        let mut back = q.clone();
        back.mul_pow2(shift);
        n.sub(&back); // n is now the remainder
        half = Big::new(1);
        half.mul_pow2(shift - 1);
    }
    let order = if shift == 0 { Ordering::Less } else { n.cmp(&half) };
    let odd = q.0.first().is_some_and(|l| l & 1 == 1);
    if order == Ordering::Greater || (order == Ordering::Equal && odd) {
        q = q.add(&Big::new(1));
    }
    let digits = q.decimal();
    let digits = if digits.len() <= frac {
        format!("{}{digits}", "0".repeat(frac + 1 - digits.len()))
    } else {
        digits
    };
    let (int, dec) = digits.split_at(digits.len() - frac);
    let dot = if frac > 0 { "." } else { "" };
    format!("{sign}{int}{dot}{dec}")
}

impl Big {
    /// The number of significant bits.
    #[inline(never)]
    fn bits(&self) -> i64 {
        match self.0.iter().rposition(|&l| l != 0) {
            Some(i) => 32 * i as i64 + 32 - self.0[i].leading_zeros() as i64,
            None => 0,
        }
    }

    /// `a · 2^max(s, 0)` compared with `b · 2^max(−s, 0)`.
    #[inline(never)]
    fn cmp_shifted(a: &Big, b: &Big, s: i64) -> Ordering {
        let (mut a, mut b) = (a.clone(), b.clone());
        if s >= 0 {
            a.mul_pow2(s as u32);
        } else {
            b.mul_pow2(-s as u32);
        }
        a.cmp(&b)
    }
}

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
