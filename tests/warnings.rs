//! The warnings that teach (issue 14): exactly the expected warnings for a table of configs,
//! every fix allowed by the option table, and every fix clearing its warning.

use som_playground::data::{builtin, Dataset, Scaling};
use som_playground::som::schema::{self, Settings, Value};
use som_playground::som::warnings::{self as w, warnings, Warning, KINDS};

/// A config from option pairs (as a link or the page gives them) and the data it names.
fn setup(pairs: &[(&str, Value<'static>)]) -> (Settings, Dataset) {
    let s = Settings::from_pairs(pairs.iter().copied()).unwrap_or_else(|e| panic!("{pairs:?}: {e}"));
    let data = builtin(s.data, s.data_rows, s.seed as u64).unwrap();
    (s, data)
}

fn warn(s: &Settings, data: &Dataset) -> Vec<Warning> {
    let mut c = s.config.clone();
    c.dim = data.dim();
    warnings(&c, Some(data), s.scaling)
}

fn codes(list: &[Warning]) -> Vec<&'static str> {
    list.iter().map(|w| w.code).collect()
}

const fn n(x: f64) -> Value<'static> {
    Value::Number(x)
}
const fn t(s: &'static str) -> Value<'static> {
    Value::Text(s)
}

type Case = (&'static [(&'static str, Value<'static>)], &'static [&'static str]);

/// Options → exactly the warnings expected, in order.
const CASES: &[Case] = &[
    (&[], &[]),
    (&[("data", t("iris"))], &[]),
    // σ against the map: 12 > 10 warns, 10 does not
    (&[("sigma", n(12.0))], &[w::SIGMA_LARGER_THAN_MAP]),
    (&[("sigma", n(10.0))], &[]),
    (&[("rows", n(3.0)), ("cols", n(20.0)), ("sigma", n(15.0))], &[]),
    (&[("rows", n(3.0)), ("cols", n(4.0)), ("sigma", n(4.5))], &[w::SIGMA_LARGER_THAN_MAP]),
    // the bubble below 1; the gaussian at the same σ is fine (it still reaches the neighbours)
    (
        &[("neighborhood", t("bubble")), ("sigma", n(0.4))],
        &[w::BUBBLE_SIGMA_BELOW_ONE, w::SIGMA_END_ABOVE_SIGMA],
    ),
    (&[("neighborhood", t("bubble")), ("sigma", n(0.9)), ("sigmaEnd", n(0.5))], &[w::BUBBLE_SIGMA_BELOW_ONE]),
    (&[("neighborhood", t("bubble")), ("sigma", n(1.0))], &[]),
    (&[("neighborhood", t("gaussian")), ("sigma", n(0.9)), ("sigmaEnd", n(0.5))], &[]),
    // schedules that end above their start, unless the decay ignores the end
    (&[("sigma", n(2.0)), ("sigmaEnd", n(3.0))], &[w::SIGMA_END_ABOVE_SIGMA]),
    (&[("sigma", n(2.0)), ("sigmaEnd", n(3.0)), ("sigmaDecay", t("constant"))], &[]),
    (&[("sigma", n(2.0)), ("sigmaEnd", n(3.0)), ("decay", t("asymptotic"))], &[]),
    (&[("sigma", n(2.0)), ("sigmaEnd", n(3.0)), ("decay", t("linear"))], &[w::SIGMA_END_ABOVE_SIGMA]),
    (&[("learningRate", n(0.1)), ("learningRateEnd", n(0.5))], &[w::LEARNING_RATE_END_ABOVE_START]),
    (
        &[("learningRate", n(0.1)), ("learningRateEnd", n(0.5)), ("decay", t("inverse"))],
        &[w::LEARNING_RATE_END_ABOVE_START],
    ),
    (&[("learningRate", n(0.1)), ("learningRateEnd", n(0.1))], &[]),
    (&[("learningRate", n(1.0))], &[]),
    // more nodes than rows: 150 iris rows
    (&[("data", t("iris")), ("rows", n(13.0)), ("cols", n(12.0))], &[w::MORE_NODES_THAN_ROWS]),
    (&[("data", t("iris")), ("rows", n(15.0)), ("cols", n(10.0))], &[]),
    (&[("data", t("rgb")), ("dataRows", n(99.0))], &[w::MORE_NODES_THAN_ROWS]),
    // data outside [0, 1] with scaling off; the synthetic sets lie in [0, 1]
    (&[("data", t("iris")), ("scaling", t("none"))], &[w::DATA_NOT_SCALED]),
    (&[("data", t("iris")), ("scaling", t("zScore"))], &[]),
    (&[("data", t("blobs")), ("scaling", t("none"))], &[]),
    // several at once, in the documented order
    (
        &[
            ("data", t("iris")),
            ("scaling", t("none")),
            ("rows", n(20.0)),
            ("cols", n(20.0)),
            ("sigma", n(25.0)),
            ("sigmaEnd", n(30.0)),
            ("learningRate", n(0.05)),
            ("learningRateEnd", n(0.2)),
        ],
        &[
            w::MORE_NODES_THAN_ROWS,
            w::LEARNING_RATE_END_ABOVE_START,
            w::SIGMA_LARGER_THAN_MAP,
            w::SIGMA_END_ABOVE_SIGMA,
            w::DATA_NOT_SCALED,
        ],
    ),
];

#[test]
fn exactly_the_expected_warnings_for_each_config() {
    for (pairs, expected) in CASES {
        let (s, data) = setup(pairs);
        assert_eq!(codes(&warn(&s, &data)), expected.to_vec(), "{pairs:?}");
    }
}

#[test]
fn learning_rate_above_one_from_rust() {
    // The option table stops at 1, so only a config built in Rust can get here.
    let mut c = schema::Settings::default().config;
    c.learning_rate.start = 1.5;
    c.learning_rate.end = 1.2;
    let list = warnings(&c, None, Scaling::MinMax);
    assert_eq!(codes(&list), [w::LEARNING_RATE_ABOVE_ONE]);
    assert_eq!((list[0].fix.field, list[0].fix.value), ("learningRate", Value::Number(0.5)));
    assert!(c.validate().is_err());
}

#[test]
fn without_data_only_the_config_warnings() {
    let (s, _) = setup(&[
        ("data", t("iris")),
        ("scaling", t("none")),
        ("rows", n(20.0)),
        ("cols", n(20.0)),
        ("sigma", n(25.0)),
    ]);
    assert_eq!(codes(&warnings(&s.config, None, s.scaling)), [w::SIGMA_LARGER_THAN_MAP]);
}

#[test]
fn messages_name_the_values_and_the_reason() {
    let (s, data) = setup(&[("rows", n(6.0)), ("cols", n(8.0)), ("sigma", n(12.5))]);
    let list = warn(&s, &data);
    assert_eq!(list.len(), 1);
    let m = &list[0];
    assert_eq!((m.field, m.fix.field, m.fix.value), ("sigma", "sigma", Value::Number(4.0)));
    assert!(m.message.contains("σ = 12.5") && m.message.contains("8 nodes"), "{}", m.message);
    assert!(m.message.contains("cannot unfold"), "{}", m.message);

    let (s, data) = setup(&[("data", t("iris")), ("scaling", t("none"))]);
    let m = &warn(&s, &data)[0];
    assert!(m.message.contains("from 0.1 to 7.9"), "{}", m.message);
    assert_eq!(m.fix.value, Value::Text("minMax"));

    let (s, data) = setup(&[("data", t("iris")), ("rows", n(13.0)), ("cols", n(12.0))]);
    let m = &warn(&s, &data)[0];
    assert!(m.message.starts_with("156 nodes for 150 rows"), "{}", m.message);
    assert!(m.message.contains("≈ 61 nodes"), "{}", m.message); // 5·√150 = 61.2
    assert_eq!((m.field, m.fix.field, m.fix.value), ("rows", "rows", Value::Number(12.0)));
    // 12 × 12 = 144
}

/// Every fix is allowed by the option table, and applying the fixes clears every warning
/// (one click each; two for a map too large on both sides).
#[test]
fn every_fix_is_allowed_and_clears_its_warning() {
    let extra: &[&[(&str, Value<'static>)]] = &[
        &[("data", t("iris")), ("rows", n(40.0)), ("cols", n(30.0))],
        &[("data", t("rgb")), ("dataRows", n(5.0)), ("rows", n(6.0)), ("cols", n(7.0))],
        &[
            ("data", t("iris")),
            ("rows", n(30.0)),
            ("cols", n(10.0)),
            ("topology", t("hexagonal")),
            ("toroidal", Value::Bool(true)),
        ],
        &[("sigma", n(0.05)), ("sigmaEnd", n(0.5)), ("neighborhood", t("bubble"))],
    ];
    for pairs in CASES.iter().map(|(p, _)| *p).chain(extra.iter().copied()) {
        let (s, data) = setup(pairs);
        let mut options: Vec<(&str, Value<'static>)> = s.pairs();
        let mut seen = Vec::new();
        for _round in 0..3 {
            let (now, _) = setup(&options);
            let list = warn(&now, &data);
            if list.is_empty() {
                break;
            }
            for warning in list {
                let spec = schema::option(warning.fix.field).unwrap();
                assert_eq!(spec.check(warning.fix.value), Ok(warning.fix.value), "{pairs:?}: {warning:?}");
                assert!(KINDS.iter().any(|k| k.code == warning.code));
                seen.push(warning.code);
                options.retain(|(name, _)| *name != warning.fix.field);
                options.push((warning.fix.field, warning.fix.value));
            }
        }
        let (fixed, _) = setup(&options);
        assert_eq!(codes(&warn(&fixed, &data)), Vec::<&str>::new(), "{pairs:?} after fixing {seen:?}");
    }
}

#[test]
fn the_kinds_table_lists_every_code_once() {
    let all = [
        w::MORE_NODES_THAN_ROWS,
        w::LEARNING_RATE_ABOVE_ONE,
        w::LEARNING_RATE_END_ABOVE_START,
        w::SIGMA_LARGER_THAN_MAP,
        w::BUBBLE_SIGMA_BELOW_ONE,
        w::SIGMA_END_ABOVE_SIGMA,
        w::DATA_NOT_SCALED,
    ];
    assert_eq!(KINDS.map(|k| k.code), all);
}
