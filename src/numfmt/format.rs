//! Floats as text: `{}`, `{:e}` and `{:.frac$}` of `core::fmt`, digit for digit.

use super::big::Big;
use std::cmp::Ordering;

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
