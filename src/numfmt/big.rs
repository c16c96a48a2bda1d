//! The little big-integer type behind the exact paths of [`super::format`] and [`super::parse`].

use std::cmp::Ordering;

/// A non-negative big integer, base 2^32, least significant limb first.
#[derive(Clone)]
pub(super) struct Big(pub(super) Vec<u32>);

impl Big {
    #[inline(never)]
    pub(super) fn new(x: u64) -> Big {
        Big(vec![x as u32, (x >> 32) as u32])
    }

    #[inline(never)]
    pub(super) fn mul_small(&mut self, m: u32) -> &mut Big {
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
    pub(super) fn mul_pow2(&mut self, n: u32) -> &mut Big {
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
    pub(super) fn mul_pow10(&mut self, mut n: u32) -> &mut Big {
        while n >= 9 {
            self.mul_small(1_000_000_000);
            n -= 9;
        }
        self.mul_small(10u32.pow(n))
    }

    #[inline(never)]
    pub(super) fn add(&self, other: &Big) -> Big {
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
    pub(super) fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let v = *limb as i64 - *other.0.get(i).unwrap_or(&0) as i64 - borrow;
            *limb = v as u32;
            borrow = i64::from(v < 0);
        }
    }

    #[inline(never)]
    pub(super) fn cmp(&self, other: &Big) -> Ordering {
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
    pub(super) fn is_zero(&self) -> bool {
        self.0.iter().all(|&l| l == 0)
    }

    /// `self / d` in place; returns the remainder.
    #[inline(never)]
    pub(super) fn div_small(&mut self, d: u32) -> u32 {
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
    pub(super) fn decimal(mut self) -> String {
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

// Used by the parser only (the CSV module, feature `csv`).
#[cfg(feature = "csv")]
impl Big {
    /// The number of significant bits.
    #[inline(never)]
    pub(super) fn bits(&self) -> i64 {
        match self.0.iter().rposition(|&l| l != 0) {
            Some(i) => 32 * i as i64 + 32 - self.0[i].leading_zeros() as i64,
            None => 0,
        }
    }

    /// `a · 2^max(s, 0)` compared with `b · 2^max(−s, 0)`.
    #[inline(never)]
    pub(super) fn cmp_shifted(a: &Big, b: &Big, s: i64) -> Ordering {
        let (mut a, mut b) = (a.clone(), b.clone());
        if s >= 0 {
            a.mul_pow2(s as u32);
        } else {
            b.mul_pow2(-s as u32);
        }
        a.cmp(&b)
    }
}
