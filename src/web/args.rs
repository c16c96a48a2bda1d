//! Checking what JavaScript passes in, the same way for every exported method.
//!
//! wasm-bindgen's own conversions trust their input: a `&str` parameter given a number reads
//! `undefined.length` bytes and traps (`RuntimeError: memory access out of bounds`), a `u32`
//! or `usize` wraps (`train(-1)` ran 4,294,967,295 steps), and a `Vec<f32>` given
//! `{ length: 1e9 }` allocates first. So every exported method takes its arguments as
//! `JsValue`s and reads them here: types checked, integers range-checked without wrapping,
//! array lengths checked before anything is allocated, values finite and within ±1e15.
//!
//! Every refusal is a thrown `Error` in one form, the one [`crate::som::SomError`] uses for
//! options: `"{name} must be {allowed}, got {what was given}"`, with the value spelled the way
//! JavaScript writes it (`NaN`, `Infinity`, `-1`, `'text'`, `an object`), never Rust's
//! `inf`.

// The CSV module (feature `csv` alone) uses only some of these.
#![cfg_attr(not(feature = "map"), allow(dead_code))]

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A number as JavaScript prints it: `NaN`, `Infinity`, `-Infinity`, `0` for −0, integers
/// without a fraction, `1e+21` and `1e-7` in exponent form.
pub(crate) fn js_number(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x.is_infinite() {
        if x > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else if x == 0.0 {
        "0".into()
    } else if x.abs() >= 1e21 || x.abs() < 1e-6 {
        let s = crate::numfmt::exp_f64(x); // format!("{x:e}") without core's float formatting
        match s.split_once('e') {
            Some((m, e)) if !e.starts_with('-') => format!("{m}e+{e}"),
            _ => s,
        }
    } else {
        crate::numfmt::display_f64(x)
    }
}

/// How a value reads in a message: a number as JavaScript prints it, a string quoted (cut
/// after 40 characters), else what kind of value it is.
pub(crate) fn describe(v: &JsValue) -> String {
    if let Some(x) = v.as_f64() {
        return js_number(x);
    }
    if let Some(s) = v.as_string() {
        let mut cut: String = s.chars().take(40).collect();
        if s.chars().count() > 40 {
            cut.push('…');
        }
        return format!("'{cut}'");
    }
    if let Some(b) = v.as_bool() {
        return b.to_string();
    }
    if v.is_undefined() {
        return "undefined".into();
    }
    if v.is_null() {
        return "null".into();
    }
    if v.is_function() {
        return "a function".into();
    }
    if v.is_symbol() {
        return "a symbol".into();
    }
    if v.is_bigint() {
        return "a BigInt".into();
    }
    if js_sys::Array::is_array(v) {
        return format!("an array of {}", v.unchecked_ref::<js_sys::Array>().length());
    }
    if v.is_instance_of::<js_sys::Object>()
        && js_sys::Reflect::has(v, &"BYTES_PER_ELEMENT".into()).unwrap_or(false)
    {
        return "a typed array".into();
    }
    "an object".into()
}

/// `"{name} must be {allowed}, got {given}"` as a thrown `Error`.
pub(crate) fn invalid(name: &str, allowed: &str, given: &JsValue) -> JsError {
    JsError::new(&format!("{name} must be {allowed}, got {}", describe(given)))
}

/// A string argument.
pub(crate) fn string(v: &JsValue, name: &str, allowed: &str) -> Result<String, JsError> {
    v.as_string().ok_or_else(|| invalid(name, allowed, v))
}

/// A string argument that may be left out (`undefined` or `null`).
pub(crate) fn optional_string(v: &JsValue, name: &str, allowed: &str) -> Result<Option<String>, JsError> {
    if v.is_undefined() || v.is_null() {
        Ok(None)
    } else {
        string(v, name, allowed).map(Some)
    }
}

/// A number argument (a JS number: not a string, not a boolean), finite and within
/// `min..=max`.
pub(crate) fn number(v: &JsValue, name: &str, min: f64, max: f64, allowed: &str) -> Result<f64, JsError> {
    match v.as_f64() {
        Some(x) if x.is_finite() && (min..=max).contains(&x) => Ok(x),
        _ => Err(invalid(name, allowed, v)),
    }
}

/// An integer argument within `min..=max` (both at most 2^53): never wraps, never truncates.
pub(crate) fn integer(v: &JsValue, name: &str, min: u64, max: u64) -> Result<u64, JsError> {
    integer_or(v, name, min, max, &format!("an integer from {min} to {max}"))
}

/// [`integer`] with its own wording of what is allowed.
pub(crate) fn integer_or(v: &JsValue, name: &str, min: u64, max: u64, allowed: &str) -> Result<u64, JsError> {
    match v.as_f64() {
        Some(x) if x.fract() == 0.0 && x >= min as f64 && x <= max as f64 => Ok(x as u64),
        _ => Err(invalid(name, allowed, v)),
    }
}

/// An index `0..len` (e.g. a node or a row); `what` names the thing indexed in the message.
pub(crate) fn index(v: &JsValue, name: &str, len: usize, what: &str) -> Result<usize, JsError> {
    if len == 0 {
        return Err(invalid(name, &format!("a {what} index, but there are no {what}s"), v));
    }
    let allowed = format!("a {what} index, an integer from 0 to {}", len - 1);
    integer_or(v, name, 0, len as u64 - 1, &allowed).map(|i| i as usize)
}

/// The length of an array or typed array argument, read before anything is copied; anything
/// else (an object with a `length`, a string, a number) is refused.
fn array_length(v: &JsValue, name: &str, what: &str) -> Result<usize, JsError> {
    if js_sys::Array::is_array(v) {
        return Ok(v.unchecked_ref::<js_sys::Array>().length() as usize);
    }
    if is_typed_array(v) {
        let length = js_sys::Reflect::get(v, &"length".into()).ok().and_then(|l| l.as_f64()).unwrap_or(0.0);
        return Ok(length as usize);
    }
    Err(invalid(name, &format!("an array or a typed array of {what}"), v))
}

/// Whether `v` is a typed array (`Float32Array`, `Uint32Array`, …; not a `DataView`).
fn is_typed_array(v: &JsValue) -> bool {
    v.is_instance_of::<js_sys::Object>()
        && js_sys::ArrayBuffer::is_view(v)
        && !v.is_instance_of::<js_sys::DataView>()
        && !v.is_instance_of::<js_sys::BigInt64Array>()
        && !v.is_instance_of::<js_sys::BigUint64Array>()
}

/// The values of an array or typed array of numbers as `f64`s, after checking the length is
/// within `lengths` (read before any copy).
fn numbers(
    v: &JsValue,
    name: &str,
    what: &str,
    lengths: std::ops::RangeInclusive<usize>,
    length_wording: &dyn Fn() -> String,
) -> Result<Vec<f64>, JsError> {
    let n = array_length(v, name, what)?;
    if !lengths.contains(&n) {
        return Err(JsError::new(&format!("{name} must hold {}, got {n}", length_wording())));
    }
    if let Some(f) = v.dyn_ref::<js_sys::Float32Array>() {
        return Ok(f.to_vec().into_iter().map(f64::from).collect());
    }
    if let Some(f) = v.dyn_ref::<js_sys::Float64Array>() {
        return Ok(f.to_vec());
    }
    if is_typed_array(v) {
        // other element types convert exactly to f64
        return Ok(js_sys::Float64Array::new(v).to_vec());
    }
    let array = v.unchecked_ref::<js_sys::Array>();
    (0..n as u32)
        .map(|i| {
            let item = array.get(i);
            item.as_f64().ok_or_else(|| invalid(&format!("{name}[{i}]"), "a number", &item))
        })
        .collect()
}

/// An array (or typed array) of `len` finite numbers within ±`bound`, as `f32`s; the length
/// is checked before anything is copied.
pub(crate) fn float_array(v: &JsValue, name: &str, len: usize, bound: f32) -> Result<Vec<f32>, JsError> {
    let values = numbers(v, name, "numbers", len..=len, &|| format!("{len} numbers"))?;
    finite_f32(values, name, bound)
}

/// An array (or typed array) of at most `max` finite numbers within ±`bound` whose length is
/// a multiple of `dim` (at least one row).
pub(crate) fn float_rows(
    v: &JsValue,
    name: &str,
    dim: usize,
    max: usize,
    bound: f32,
) -> Result<Vec<f32>, JsError> {
    let values = numbers(v, name, "numbers", dim..=max, &|| format!("from {dim} to {max} numbers"))?;
    if !values.len().is_multiple_of(dim) {
        return Err(JsError::new(&format!(
            "{name} must hold a whole number of rows of {dim} values, got {} values",
            values.len()
        )));
    }
    finite_f32(values, name, bound)
}

fn finite_f32(values: Vec<f64>, name: &str, bound: f32) -> Result<Vec<f32>, JsError> {
    let bound_f64 = bound as f64;
    if let Some(i) = values.iter().position(|x| x.is_nan() || x.abs() > bound_f64) {
        return Err(JsError::new(&format!(
            "{name}[{i}] must be a finite number within ±{}, got {}",
            crate::numfmt::exp_f32(bound),
            js_number(values[i])
        )));
    }
    Ok(values.into_iter().map(|x| x as f32).collect())
}

/// An array (or typed array) of at most `max_len` indices, each an integer from 0 to
/// `len − 1`; `what` names the thing indexed.
pub(crate) fn index_array(
    v: &JsValue,
    name: &str,
    max_len: usize,
    len: usize,
    what: &str,
) -> Result<Vec<usize>, JsError> {
    let values = numbers(v, name, &format!("{what} indices"), 0..=max_len, &|| {
        format!("at most {max_len} {what} indices")
    })?;
    values
        .iter()
        .enumerate()
        .map(|(i, &x)| {
            if x.fract() == 0.0 && x >= 0.0 && x < len as f64 {
                Ok(x as usize)
            } else if len == 0 {
                Err(JsError::new(&format!("{name}[{i}] must be a {what} index, but there are no {what}s")))
            } else {
                Err(JsError::new(&format!(
                    "{name}[{i}] must be a {what} index, an integer from 0 to {}, got {}",
                    len - 1,
                    js_number(x)
                )))
            }
        })
        .collect()
}

/// An array of exactly `len` strings (column names, one label per row): "{name} must be an array
/// of {len} strings ({what}){or}, got …".
#[cfg(feature = "map")]
pub(crate) fn strings(
    v: &JsValue,
    name: &str,
    len: usize,
    what: &str,
    or: &str,
) -> Result<Vec<String>, JsError> {
    if !js_sys::Array::is_array(v) || v.unchecked_ref::<js_sys::Array>().length() as usize != len {
        return Err(invalid(name, &format!("an array of {len} strings ({what}){or}"), v));
    }
    let array = v.unchecked_ref::<js_sys::Array>();
    (0..len as u32)
        .map(|i| {
            array
                .get(i)
                .as_string()
                .ok_or_else(|| invalid(&format!("{name}[{i}]"), "a string", &array.get(i)))
        })
        .collect()
}
