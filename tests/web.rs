//! The wasm facade in a real browser: `wasm-pack test --headless --chrome`.
//!
//! These tests call the exported class `Som` the way the page does (options as a plain JS
//! object, errors as thrown `Error`s), and re-run the native determinism check inside wasm.
#![cfg(target_arch = "wasm32")]

#[path = "common/determinism.rs"]
mod determinism;

use som_playground::web::Som;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A plain JS object such as `{ rows: 3, cols: 3, seed: 7 }`.
fn options(fields: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in fields {
        js_sys::Reflect::set(&object, &JsValue::from_str(key), value).unwrap();
    }
    object.into()
}

fn small() -> JsValue {
    options(&[("rows", 3.into()), ("cols", 3.into()), ("seed", 7.into())])
}

/// The message of the `Error` the facade would throw.
fn message(error: JsError) -> String {
    let value: JsValue = error.into();
    value.dyn_into::<js_sys::Error>().expect("a JS Error").message().into()
}

fn build(opts: JsValue) -> Som {
    match Som::new(opts) {
        Ok(som) => som,
        Err(e) => panic!("new Som failed: {}", message(e)),
    }
}

fn build_error(opts: JsValue) -> String {
    match Som::new(opts) {
        Ok(_) => panic!("new Som accepted invalid options"),
        Err(e) => message(e),
    }
}

fn ok<T>(result: Result<T, JsError>) -> T {
    result.unwrap_or_else(|e| panic!("call failed: {}", message(e)))
}

/// A `Float32Array` of `v`, as the page passes arrays.
fn arr(v: &[f32]) -> JsValue {
    js_sys::Float32Array::from(v).into()
}

fn num(x: f64) -> JsValue {
    JsValue::from_f64(x)
}

fn dist2(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum()
}

/// Six rows, three columns, already within [0, 1] with both ends present in every column, so
/// min-max scaling leaves them unchanged.
const DATA: [f32; 18] = [
    0.0, 0.0, 0.0, //
    1.0, 1.0, 1.0, //
    0.2, 0.8, 0.5, //
    0.9, 0.1, 0.3, //
    0.5, 0.5, 0.5, //
    0.3, 0.6, 0.9,
];

#[wasm_bindgen_test]
fn constructs_with_options() {
    let som = build(small());
    assert_eq!((som.rows(), som.cols(), som.nodes(), som.dim()), (3, 3, 9, 3));
    assert_eq!(som.weights().len(), 27);
    assert_eq!(som.t(), 0.0);
    assert_eq!(som.positions().len(), 18);
}

#[wasm_bindgen_test]
fn set_data_then_step_advances_t_and_pulls_the_bmu_towards_the_row() {
    let mut som = build(small());
    ok(som.set_data(arr(&DATA), num(3.0)));
    assert_eq!(som.data_rows(), 6);
    assert_eq!(som.data(), DATA.to_vec(), "min-max scaling leaves [0, 1] data with both ends as it is");
    let before = som.weights();
    let report = som.step();
    assert_eq!(report.t, 0.0);
    assert_eq!(som.t(), 1.0);
    assert!(report.row < 6 && report.bmu < 9);
    assert!(report.learning_rate > 0.0 && report.sigma > 0.0);
    let after = som.weights();
    assert_eq!(after.len(), 27);
    let x = &DATA[report.row * 3..report.row * 3 + 3];
    let b = report.bmu * 3;
    assert_ne!(&before[b..b + 3], &after[b..b + 3], "the BMU moved");
    assert!(dist2(&after[b..b + 3], x) < dist2(&before[b..b + 3], x), "the BMU moved towards the row");
    // Every node moves towards x or stays (0 <= lr * h <= 1 for the gaussian).
    for i in 0..9 {
        let (w0, w1) = (&before[i * 3..i * 3 + 3], &after[i * 3..i * 3 + 3]);
        assert!(dist2(w1, x) <= dist2(w0, x) + 1e-6, "node {i} moved away from the row");
    }
}

#[wasm_bindgen_test]
fn the_bmu_of_a_nodes_own_weights_is_that_node() {
    let som = build(small());
    let w = som.weights();
    for i in 0..som.nodes() {
        let x = w[i * 3..i * 3 + 3].to_vec();
        assert_eq!(ok(som.bmu(arr(&x))), i);
        let d = ok(som.distances(arr(&x)));
        assert_eq!(d.len(), 9);
        assert_eq!(d[i], 0.0);
    }
}

#[wasm_bindgen_test]
fn neighborhood_peaks_at_one_on_the_bmu() {
    let som = build(small());
    let h = ok(som.neighborhood(num(4.0), num(1.0)));
    assert_eq!(h.len(), 9);
    assert_eq!(h[4], 1.0);
    assert!(h.iter().all(|&v| v <= 1.0));
    assert!(som.neighborhood(num(9.0), num(1.0)).is_err(), "node out of range");
    assert!(som.neighborhood(num(0.0), num(0.0)).is_err(), "sigma must be above 0");
}

#[wasm_bindgen_test]
fn pulls_is_rows_by_nodes() {
    let mut som = build(small());
    ok(som.set_data(arr(&DATA), num(3.0)));
    let p = ok(som.pulls(js_sys::Uint32Array::from(&[0u32, 1, 2][..]).into()));
    assert_eq!(p.len(), 3 * 9);
    assert!(p.iter().all(|v| v.is_finite() && *v >= 0.0));
    assert!(som.pulls(js_sys::Uint32Array::from(&[6u32][..]).into()).is_err(), "row out of range");
}

#[wasm_bindgen_test]
fn step_trace_records_every_phase() {
    let mut som = build(small());
    ok(som.set_data(arr(&DATA), num(3.0)));
    let trace = ok(som.step_trace(num(2.0)));
    assert_eq!(trace.row(), 2);
    assert_eq!(trace.t(), 0.0);
    assert_eq!(trace.x(), DATA[6..9].to_vec());
    assert_eq!(trace.distances().len(), 9);
    assert_eq!(trace.h().len(), 9);
    assert_eq!(trace.h()[trace.bmu()], 1.0);
    assert_ne!(trace.before(), som.weights(), "before: the weights before the step; after it, the map's");
    assert_eq!(trace.before().len(), som.weights().len());
    assert_eq!(som.t(), 1.0);
    drop(trace);
    let next = ok(som.step_trace(JsValue::UNDEFINED));
    assert_eq!(next.t(), 1.0, "each trace is its own: the facade keeps no copy of the last one");
    assert!(som.step_trace(num(6.0)).is_err(), "row out of range");
}

#[wasm_bindgen_test]
fn a_misspelt_option_throws_naming_it() {
    let msg = build_error(options(&[("sigmaa", 1.into())]));
    assert!(msg.contains("unknown option 'sigmaa'"), "{msg}");
}

#[wasm_bindgen_test]
fn zero_rows_throws_naming_the_range() {
    let msg = build_error(options(&[("rows", 0.into())]));
    assert!(msg.contains("rows must be an integer from 1 to 200, got 0"), "{msg}");
}

#[wasm_bindgen_test]
fn other_bad_options_throw() {
    assert!(build_error(options(&[("neighborhood", "gauss".into())])).contains("gauss"));
    assert!(build_error(options(&[("toroidal", "yes".into())])).contains("toroidal"));
    assert!(build_error(JsValue::from_str("rows=3")).contains("options must be an object"));
}

#[wasm_bindgen_test]
fn same_seed_same_weights() {
    let mut a = build(small());
    let mut b = build(small());
    assert_eq!(a.weights(), b.weights());
    ok(a.train(num(50.0)));
    for _ in 0..50 {
        b.step();
    }
    assert_eq!(a.weights(), b.weights());
    let c = build(options(&[("rows", 3.into()), ("cols", 3.into()), ("seed", 8.into())]));
    assert_ne!(build(small()).weights(), c.weights(), "another seed, other weights");
}

#[wasm_bindgen_test]
fn options_rebuild_the_same_map() {
    let a = build(small());
    let b = build(ok(a.options()));
    assert_eq!(a.weights(), b.weights());
    assert_eq!((b.rows(), b.cols()), (3, 3));
}

#[wasm_bindgen_test]
fn set_data_refuses_nan_and_changes_nothing() {
    let mut som = build(small());
    ok(som.set_data(arr(&DATA), num(3.0)));
    let (data, weights) = (som.data(), som.weights());
    let mut bad = DATA.to_vec();
    bad[4] = f32::NAN;
    assert!(som.set_data(arr(&bad), num(3.0)).is_err());
    assert!(som.set_data(arr(&[0.1; 7]), num(3.0)).is_err(), "7 values are not rows of 3");
    assert_eq!(som.data(), data);
    assert_eq!(som.data_rows(), 6);
    assert_eq!(som.weights(), weights);
}

#[wasm_bindgen_test]
fn bad_inputs_to_queries_throw() {
    let som = build(small());
    assert!(som.bmu(arr(&[0.1, 0.2])).is_err(), "wrong length");
    assert!(som.bmu(arr(&[0.1, f32::INFINITY, 0.3])).is_err(), "not finite");
    let mut som = som;
    assert!(som.set_weights(arr(&[0.0; 26])).is_err());
    let mut huge = vec![0.0; 27];
    huge[5] = 1e20;
    let error = message(som.set_weights(arr(&huge)).map(|_| ()).unwrap_err());
    assert_eq!(error, "weights[5] must be a finite number within ±1e15, got 100000002004087730000"); // the f32 1e20, as JS prints it
    assert!(som.pulls(arr(&[0.0; 65])).is_err(), "more rows than pulls answers for");
    assert!(som.set_data(arr(&[1e16, 0.0, 0.0]), num(3.0)).is_err(), "a value whose square would overflow");
}

#[wasm_bindgen_test]
fn a_csv_label_can_be_none_even_with_a_text_column() {
    let mut som = build(small());
    let text = "x,y,z,name\n0.1,0.2,0.3,a\n0.4,0.5,0.6,b\n";
    ok(som.load_csv(text.into(), JsValue::UNDEFINED, JsValue::UNDEFINED));
    assert_eq!(som.label_classes(), vec!["a".to_string(), "b".to_string()]);
    ok(som.load_csv(text.into(), JsValue::UNDEFINED, num(-1.0)));
    assert!(som.label_classes().is_empty(), "a negative label means none");
    assert_eq!(som.dim(), 3);
}

/// The same bits as the native `cargo test` (tests/determinism.rs) asserts.
#[wasm_bindgen_test]
fn core_weights_match_native_bit_for_bit() {
    assert_eq!(determinism::hashes(), determinism::EXPECTED);
}

/// The error metrics stay cheap at the limits: every row on a small map, evenly spaced rows
/// within 2^25 multiply-adds on a large one with many rows.
#[wasm_bindgen_test]
fn metrics_read_every_row_or_a_bounded_sample() {
    let small = build(options(&[("rows", 10.into()), ("cols", 10.into()), ("dataRows", 1000.into())]));
    assert_eq!(small.metric_rows(), 1000);
    let large = build(options(&[
        ("rows", 64.into()),
        ("cols", 64.into()),
        ("data", "rgb".into()),
        ("dataRows", 100_000.into()),
    ]));
    assert_eq!(large.metric_rows(), (1 << 25) / (64 * 64 * 3));
    assert!(large.quantization_error().is_finite() && large.quantization_error() > 0.0);
    assert!((0.0..=1.0).contains(&large.topographic_error()));
}

#[wasm_bindgen_test]
fn adopt_data_takes_what_the_csv_module_parsed_like_load_csv() {
    // The page's map wasm has no CSV reader: the CSV module's parseCsv / CsvLoader.dataset hand
    // it { values, dim, columns, labels }, which must give the same data as loadCsv.
    use som_playground::web::{parse_csv, CsvLoader};
    let text = "h,w,kind\n1,20,cat\n2,30,dog\n3,40,cat\n";
    let mut loaded = build(small());
    loaded.load_csv(text.into(), JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap();
    let parsed = parse_csv(text.into(), JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap();
    let mut adopted = build(small());
    adopted.adopt_data(parsed, JsValue::UNDEFINED).unwrap();
    assert_eq!(adopted.raw_data(), loaded.raw_data());
    assert_eq!(adopted.data(), loaded.data());
    assert_eq!(adopted.columns(), ["h", "w"]);
    assert_eq!(adopted.label_classes(), ["cat", "dog"]);
    assert_eq!(adopted.label_indices(), loaded.label_indices());
    assert_eq!(adopted.weights(), loaded.weights(), "the same map rebuilt for 2 columns");

    let mut loader = CsvLoader::new((text.len() as f64).into()).unwrap();
    loader.push(text.into()).unwrap();
    let chunked = loader.dataset_js(js_sys::Array::of1(&1.into()).into(), (-1).into()).unwrap();
    adopted.adopt_data(chunked, "none".into()).unwrap();
    assert_eq!((adopted.dim(), adopted.raw_data()), (1, vec![20.0, 30.0, 40.0]));
    assert!(adopted.label_classes().is_empty());

    // Refused, naming the field, and nothing changes.
    let bad = options(&[
        ("values", js_sys::Float32Array::from(&[1.0f32, 2.0][..]).into()),
        ("dim", 1.into()),
        ("columns", js_sys::Array::of1(&"x".into()).into()),
        ("labels", js_sys::Array::of1(&"a".into()).into()),
    ]);
    let e = message(adopted.adopt_data(bad, JsValue::UNDEFINED).unwrap_err());
    assert!(
        e == "labels must be an array of 2 strings (one label per row), or null, got an array of 1",
        "{e}"
    );
    let e = message(adopted.adopt_data(12.into(), JsValue::UNDEFINED).unwrap_err());
    assert!(e.starts_with("parsed must be the data from CsvLoader.dataset or parseCsv"), "{e}");
    assert_eq!(adopted.raw_data(), vec![20.0, 30.0, 40.0]);
}
