//! The facade under hostile arguments (issue 13), in a real browser: `wasm-pack test --headless
//! --chrome`. Every exported method that takes arguments gets wrong types (numbers where
//! strings go, strings where numbers go, objects, arrays, array-likes with a huge `length`,
//! null, booleans, symbols, BigInts), NaN, ±Infinity, −0, huge and negative sizes, empty and
//! wrong-length arrays, out-of-range indices, unknown names. Each call must either work or
//! throw an `Error` that names the argument (or the CSV line) in JavaScript's spelling, never
//! trap (a trap fails the test run), and leave every weight finite. A seeded random run of
//! calls follows: 1,500 in the test command; `HARDENING_FACADE_CALLS=N` at build time (the
//! browser has no environment, so it is read by `option_env!`) runs N, and the fuzz command
//! (`scripts/fuzz.sh`, part `facade`) runs 100,000.
#![cfg(target_arch = "wasm32")]

use som_playground::web::{CsvLoader, Som};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn message(error: JsError) -> String {
    let value: JsValue = error.into();
    match value.dyn_into::<js_sys::Error>() {
        Ok(e) => e.message().into(),
        Err(v) => panic!("threw a non-Error: {v:?}"),
    }
}

fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in fields {
        js_sys::Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

/// Every kind of value a caller could pass.
fn hostile() -> Vec<(&'static str, JsValue)> {
    let f32s = |v: &[f32]| -> JsValue { js_sys::Float32Array::from(v).into() };
    vec![
        ("undefined", JsValue::UNDEFINED),
        ("null", JsValue::NULL),
        ("true", JsValue::TRUE),
        ("0", 0.0.into()),
        ("-0", (-0.0).into()),
        ("-1", (-1.0).into()),
        ("1.5", 1.5.into()),
        ("NaN", f64::NAN.into()),
        ("Infinity", f64::INFINITY.into()),
        ("-Infinity", f64::NEG_INFINITY.into()),
        ("1e9", 1e9.into()),
        ("2^32", 4294967296.0.into()),
        ("2^53", 9007199254740992.0.into()),
        ("3e38", 3e38.into()),
        ("'5'", "5".into()),
        ("''", "".into()),
        ("'minMax'", "minMax".into()),
        ("'rgb'", "rgb".into()),
        ("'x,y\\n1,2\\n3,4\\n'", "x,y\n1,2\n3,4\n".into()),
        ("{}", object(&[])),
        ("{length: 1e9}", object(&[("length", 1e9.into())])),
        ("{length: 5e7}", object(&[("length", 5e7.into())])),
        ("[]", js_sys::Array::new().into()),
        ("[0, 1, 2]", js_sys::Array::of3(&0.into(), &1.into(), &2.into()).into()),
        ("['a']", js_sys::Array::of1(&"a".into()).into()),
        ("[NaN]", js_sys::Array::of1(&f64::NAN.into()).into()),
        ("Float32Array(3)", f32s(&[0.1, 0.2, 0.3])),
        ("Float32Array 3e38", f32s(&[3e38, 3e38, 3e38])),
        ("Float32Array(27)", f32s(&[0.5; 27])),
        ("Float32Array(0)", f32s(&[])),
        ("Uint32Array [0, 1]", js_sys::Uint32Array::from(&[0u32, 1][..]).into()),
        ("Uint32Array [4294967295]", js_sys::Uint32Array::from(&[u32::MAX][..]).into()),
        ("Float64Array [1.5]", js_sys::Float64Array::from(&[1.5f64][..]).into()),
        ("a function", js_sys::Function::new_no_args("return 1").into()),
        ("a symbol", js_sys::Symbol::for_("x").into()),
        ("a BigInt", js_sys::BigInt::from(5u32).into()),
    ]
}

/// A result is fine if it worked, or threw an `Error` with a message in the page's words.
fn judge<T>(call: &str, result: Result<T, JsError>) -> Result<T, String> {
    result.map_err(|e| {
        let m = message(e);
        assert!(!m.is_empty(), "{call}: empty message");
        for rust in ["got inf", "-inf", " inf,", "18446744073709", "RuntimeError", "unreachable", "panicked"]
        {
            assert!(!m.contains(rust), "{call}: Rust spelling in {m:?}");
        }
        m
    })
}

fn finite(som: &Som, call: &str) {
    assert!(som.weights().iter().all(|w| w.is_finite()), "{call}: a weight is not finite");
    assert!(som.quantization_error().is_finite(), "{call}: quantization error");
    assert!(som.u_matrix().iter().all(|u| u.is_finite()), "{call}: u-matrix");
}

fn small() -> Som {
    Som::new(object(&[("rows", 3.into()), ("cols", 3.into()), ("seed", 7.into()), ("dataRows", 30.into())]))
        .unwrap_or_else(|e| panic!("{}", message(e)))
}

/// Every method with one argument, every hostile value.
#[wasm_bindgen_test]
fn every_method_refuses_every_bad_argument_cleanly() {
    let values = hostile();
    for (name, v) in &values {
        let mut som = small();
        let call = |m: &str| format!("{m}({name})");
        let _ = judge(&call("new Som"), Som::new(v.clone()).map(|_| ()));
        let _ = judge(&call("withOptions"), som.with_options(v.clone()).map(|_| ()));
        let _ = judge(&call("scheduleCurve"), som.schedule_curve(v.clone()));
        let _ = judge(&call("setWeights"), som.set_weights(v.clone()));
        let _ = judge(&call("gridDistance"), som.grid_distance(v.clone(), 0.into()));
        let _ = judge(&call("gridDistance b"), som.grid_distance(0.into(), v.clone()));
        let _ = judge(&call("stepTrace"), som.step_trace(v.clone()).map(|_| ()));
        let _ = judge(&call("train"), som.train(v.clone()));
        let _ = judge(&call("bmu"), som.bmu(v.clone()));
        let _ = judge(&call("distances"), som.distances(v.clone()));
        let _ = judge(&call("neighborhood"), som.neighborhood(v.clone(), 1.into()));
        let _ = judge(&call("neighborhood sigma"), som.neighborhood(0.into(), v.clone()));
        let _ = judge(&call("pulls"), som.pulls(v.clone()));
        let _ = judge(&call("setScaling"), som.set_scaling(v.clone()));
        let _ = judge(&call("forPitfall"), Som::for_pitfall(v.clone(), "good".into()).map(|_| ()));
        let _ = judge(&call("forPitfall side"), Som::for_pitfall("sigmaTooSmall".into(), v.clone()).map(|_| ()));
        let _ = judge(&call("pitfallMetric"), som.pitfall_metric(v.clone()));
        let _ = judge(&call("inspectCsv"), som_playground::web::inspect_csv(v.clone()));
        let _ = judge(&call("setData"), som.set_data(v.clone(), 3.into()));
        let _ = judge(
            &call("setData dim"),
            som.set_data(js_sys::Float32Array::from(&[0.5f32; 6][..]).into(), v.clone()),
        );
        let _ = judge(&call("useBuiltin"), som.use_builtin(v.clone(), 20.into()));
        let _ = judge(&call("useBuiltin rows"), som.use_builtin("square".into(), v.clone()));
        let _ = judge(&call("loadCsv"), som.load_csv(v.clone(), JsValue::UNDEFINED, JsValue::UNDEFINED));
        let text: JsValue = "a,b,name\n1,2,x\n3,4,y\n".into();
        let _ = judge(&call("loadCsv columns"), som.load_csv(text.clone(), v.clone(), JsValue::UNDEFINED));
        let _ = judge(&call("loadCsv label"), som.load_csv(text, JsValue::UNDEFINED, v.clone()));
        finite(&som, &call("any"));
        if let Ok(mut loader) = judge(&call("new CsvLoader"), CsvLoader::new(v.clone())) {
            let _ = judge(&call("push"), loader.push(v.clone()));
        }
        let mut loader = CsvLoader::new(100.into()).unwrap();
        loader.push("a,b,name\n1,2,x\n3,4,y\n".into()).unwrap();
        let _ = judge(
            &call("adoptCsv columns"),
            som.adopt_csv(&mut loader, v.clone(), JsValue::UNDEFINED, JsValue::UNDEFINED),
        );
        let _ = judge(
            &call("adoptCsv label"),
            som.adopt_csv(&mut loader, JsValue::UNDEFINED, v.clone(), JsValue::UNDEFINED),
        );
        let _ = judge(
            &call("adoptCsv scaling"),
            som.adopt_csv(&mut loader, JsValue::UNDEFINED, JsValue::UNDEFINED, v.clone()),
        );
        finite(&som, &call("any"));
    }
}

/// The cases of issue 13, with the exact messages.
#[wasm_bindgen_test]
fn the_reported_cases_throw_named_errors() {
    let mut som = small();
    let e = |r: Result<(), JsError>| message(r.unwrap_err());
    assert_eq!(e(som.set_scaling(5.into())), "name must be one of 'none', 'minMax', 'zScore', got 5");
    assert_eq!(
        e(som.use_builtin(5.into(), 10.into())),
        "name must be one of 'rgb', 'square', 'blobs', 'blobs3d', 'ring', 'iris', got 5"
    );
    assert_eq!(
        e(som.load_csv(5.into(), JsValue::UNDEFINED, JsValue::UNDEFINED)),
        "text must be the CSV text, a string, got 5"
    );
    assert_eq!(
        message(som_playground::web::inspect_csv(12345.into()).unwrap_err()),
        "text must be the CSV text, a string, got 12345"
    );
    let pairs = "one of 'unscaled', 'sigmaTooSmall', 'sigmaConstant', 'learningRateHigh', \
                 'learningRateLow', 'mexicanHat', 'mapTooSmall', 'mapTooLarge'";
    let pitfall = |r: Result<Som, JsError>| message(r.map(|_| ()).unwrap_err());
    assert_eq!(pitfall(Som::for_pitfall(5.into(), "good".into())), format!("pitfall must be {pairs}, got 5"));
    assert_eq!(
        pitfall(Som::for_pitfall("sigmaSmall".into(), "good".into())),
        format!("pitfall must be {pairs}, got 'sigmaSmall'")
    );
    assert_eq!(
        pitfall(Som::for_pitfall("sigmaTooSmall".into(), JsValue::NULL)),
        "side must be one of 'good', 'pitfall', got null"
    );
    assert_eq!(
        pitfall(Som::for_pitfall("sigmaTooSmall".into(), "bad".into())),
        "side must be one of 'good', 'pitfall', got 'bad'"
    );
    assert_eq!(
        message(som.pitfall_metric(object(&[])).unwrap_err()),
        format!("pitfall must be {pairs}, got an object")
    );
    assert!(som.pitfall_metric("sigmaTooSmall".into()).unwrap().is_finite());
    let mut loader = CsvLoader::new(10.into()).unwrap();
    assert_eq!(e(loader.push(5.into())), "chunk must be a piece of the CSV text, a string, got 5");
    let mut loader = CsvLoader::new(10.into()).unwrap();
    assert_eq!(
        e(som.adopt_csv(&mut loader, js_sys::Array::new().into(), (-1).into(), 5.into())),
        "scaling must be one of 'none', 'minMax', 'zScore', got 5"
    );
    assert_eq!(
        message(CsvLoader::new(f64::NAN.into()).map(|_| ()).unwrap_err()),
        "bytes must be a file size in bytes, a whole number from 0 to 50000000, got NaN"
    );
    assert_eq!(
        message(CsvLoader::new(6e7.into()).map(|_| ()).unwrap_err()),
        "the file is 60.0 MB; files up to 50 MB can be loaded"
    );
    assert_eq!(
        message(som.train((-1).into()).unwrap_err()),
        "steps must be an integer from 0 to 10000000, got -1"
    );
    assert_eq!(
        message(som.distances(object(&[("length", 1e9.into())])).unwrap_err()),
        "x must be an array or a typed array of numbers, got an object"
    );
    assert_eq!(
        e(som.set_weights(object(&[("length", 5e7.into())]))),
        "weights must be an array or a typed array of numbers, got an object"
    );
    assert_eq!(
        e(som.set_weights(js_sys::Float32Array::new_with_length(50_000_000).into())),
        "weights must hold 27 numbers, got 50000000"
    );
    assert_eq!(
        message(som.bmu(js_sys::Float32Array::from(&[3e38f32, 0.0, 0.0][..]).into()).unwrap_err()),
        "x[0] must be a finite number within ±1e15, got 3.0000000054977558e+38"
    );
    assert_eq!(
        message(som.bmu(js_sys::Array::of3(&f64::INFINITY.into(), &0.into(), &0.into()).into()).unwrap_err()),
        "x[0] must be a finite number within ±1e15, got Infinity"
    );
    assert_eq!(
        message(som.step_trace((-1).into()).map(|_| ()).unwrap_err()),
        "row must be a row index, an integer from 0 to 29, got -1"
    );
    assert_eq!(
        message(som.pulls(js_sys::Array::of1(&1.5.into()).into()).unwrap_err()),
        "rows[0] must be a row index, an integer from 0 to 29, got 1.5"
    );
    assert_eq!(
        message(som.neighborhood(0.into(), f64::NAN.into()).unwrap_err()),
        "sigma must be a number greater than 0 and at most 1000, got NaN"
    );
    // the column limit, in columns
    let wide = format!(
        "{}\n{}\n",
        (0..1025).map(|i| format!("c{i}")).collect::<Vec<_>>().join(","),
        vec!["1"; 1025].join(",")
    );
    assert_eq!(
        e(som.load_csv(wide.into(), JsValue::UNDEFINED, JsValue::UNDEFINED)),
        "line 1: more than 1024 columns; at most 1024 columns can be used"
    );
    assert_eq!(
        e(som.set_data(js_sys::Float32Array::new_with_length(1025).into(), 1025.into())),
        "dim must be the number of columns, an integer from 1 to 1024, got 1025"
    );
    finite(&som, "the reported cases");
}

/// A future that is ready after one turn of the browser's event loop (`setTimeout(…, 0)`), so a
/// long test lets the test runner's page answer its driver (ChromeDriver gives up on a page
/// that does not answer for 300 s).
struct NextTurn {
    scheduled: bool,
}

impl std::future::Future for NextTurn {
    type Output = ();
    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<()> {
        if self.scheduled {
            return std::task::Poll::Ready(());
        }
        self.scheduled = true;
        let waker = cx.waker().clone();
        let wake = wasm_bindgen::closure::Closure::once_into_js(move || waker.wake());
        let set_timeout: js_sys::Function =
            js_sys::Reflect::get(&js_sys::global(), &"setTimeout".into()).unwrap().unchecked_into();
        set_timeout.call2(&JsValue::NULL, &wake, &0.into()).unwrap();
        std::task::Poll::Pending
    }
}

/// A seeded run of random calls with random (often hostile) arguments, training in between.
#[wasm_bindgen_test]
async fn random_calls_keep_the_map_finite() {
    let values = hostile();
    let mut state = 0x2545_f491u32;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state as usize % n
    };
    let mut som = small();
    let calls: u32 = option_env!("HARDENING_FACADE_CALLS").and_then(|n| n.parse().ok()).unwrap_or(1500);
    for i in 0..calls {
        if i % 500 == 499 {
            NextTurn { scheduled: false }.await;
        }
        let v = values[next(values.len())].1.clone();
        let w = values[next(values.len())].1.clone();
        let call = format!("call {i}");
        match next(14) {
            0 => drop(judge(&call, som.train(next(200).into()))),
            1 => drop(judge(&call, som.set_weights(v))),
            2 => drop(judge(&call, som.set_data(v, w))),
            3 => drop(judge(&call, som.use_builtin(v, w))),
            4 => drop(judge(&call, som.step_trace(v).map(|_| ()))),
            5 => drop(judge(&call, som.pulls(v))),
            6 => drop(judge(&call, som.neighborhood(v, w))),
            7 => drop(judge(&call, som.load_csv(v, w, JsValue::UNDEFINED))),
            8 => drop(judge(&call, som.set_scaling(v))),
            9 => {
                som.step();
            }
            10 => som.batch_epoch(),
            11 => drop(judge(&call, som.pitfall_metric(v))),
            12 => drop(judge(&call, Som::for_pitfall(v, w).map(|_| ()))),
            _ => {
                if let Ok(s) = judge(&call, som.with_options(v)) {
                    som = s;
                }
            }
        }
        finite(&som, &call);
    }
}
