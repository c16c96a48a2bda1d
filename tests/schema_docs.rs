//! The option table (src/som/schema/) against its docs and its readers:
//!
//! * `docs/options.md` is exactly what the table renders (regenerate with
//!   `UPDATE_DOCS=1 cargo test --test schema_docs`);
//! * every refused value gets a message naming the option and what it allows, in JavaScript's
//!   spelling of numbers;
//! * `SomConfig`'s defaults and checks are the table's.

use som_playground::data::Scaling;
use som_playground::som::schema::{self, DefaultValue, Kind, Settings, Value, OPTIONS};
use som_playground::som::{Som, SomConfig};

const DOC: &str = "docs/options.md";

#[test]
fn docs_options_md_is_what_the_schema_renders() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(DOC);
    let rendered = schema::markdown();
    if std::env::var_os("UPDATE_DOCS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &rendered).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == rendered,
        "{DOC} differs from the option table; run `UPDATE_DOCS=1 cargo test --test schema_docs`"
    );
    for spec in &OPTIONS {
        assert!(rendered.contains(&format!("| `{}` |", spec.name)), "{} missing", spec.name);
    }
}

/// Values each option refuses, with the text the message must show for them.
fn refused(spec: &schema::OptionSpec) -> Vec<(Value<'static>, String)> {
    let mut out = vec![(Value::Other("null"), "null".to_string()), (Value::Text("x"), "'x'".to_string())];
    match spec.kind {
        Kind::Int | Kind::Number => {
            out.push((Value::Number(f64::NAN), "NaN".into()));
            out.push((Value::Number(f64::INFINITY), "Infinity".into()));
            out.push((Value::Number(f64::NEG_INFINITY), "-Infinity".into()));
            out.push((Value::Number(1e39), "1e+39".into()));
            out.push((Value::Bool(true), "true".into()));
            let (lo, hi) = (spec.min.unwrap(), spec.max.unwrap());
            let below = if spec.exclusive_min {
                lo
            } else {
                lo - if spec.kind == Kind::Int { 1.0 } else { lo.abs() / 2.0 + 0.001 }
            };
            out.push((Value::Number(below), schema::js_number(below)));
            out.push((Value::Number(hi * 2.0 + 1.0), schema::js_number(hi * 2.0 + 1.0)));
            if spec.kind == Kind::Int {
                out.push((Value::Number(lo + 0.5), schema::js_number(lo + 0.5)));
            }
        }
        Kind::Bool => out.push((Value::Number(1.0), "1".into())),
        Kind::Enum => {
            out.push((Value::Number(1.0), "1".into()));
            out.push((Value::Text(""), "''".into()));
            let upper = spec.values[0].to_uppercase();
            out.push((Value::Text(Box::leak(upper.clone().into_boxed_str())), format!("'{upper}'")));
        }
    }
    out
}

#[test]
fn every_refusal_names_the_field_and_what_is_allowed() {
    for spec in &OPTIONS {
        let allowed = spec.allowed();
        match spec.kind {
            Kind::Enum => assert!(spec.values.iter().all(|v| allowed.contains(v)), "{allowed}"),
            Kind::Bool => assert_eq!(allowed, "true or false"),
            _ => {
                assert!(allowed.contains(&schema::js_number(spec.min.unwrap())), "{allowed}");
                assert!(allowed.contains(&schema::js_number(spec.max.unwrap())), "{allowed}");
            }
        }
        for (value, shown) in refused(spec) {
            let err =
                Settings::from_pairs([(spec.name, value)]).expect_err(&format!("{} = {value:?}", spec.name));
            assert_eq!(err.to_string(), format!("{} must be {allowed}, got {shown}", spec.name));
        }
    }
}

#[test]
fn messages_for_the_common_mistakes() {
    let msg = |name, value| Settings::from_pairs([(name, value)]).unwrap_err().to_string();
    assert_eq!(msg("rows", Value::Number(0.0)), "rows must be an integer from 1 to 200, got 0");
    assert_eq!(msg("sigma", Value::Number(0.001)), "sigma must be a number from 0.01 to 1000, got 0.001");
    assert_eq!(
        msg("sigma", Value::Number(f64::INFINITY)),
        "sigma must be a number from 0.01 to 1000, got Infinity"
    );
    assert_eq!(
        msg("learningRate", Value::Number(1.5)),
        "learningRate must be a number greater than 0 and at most 1, got 1.5"
    );
    assert_eq!(msg("toroidal", Value::Text("yes")), "toroidal must be true or false, got 'yes'");
    assert_eq!(
        msg("neighborhood", Value::Text("gauss")),
        "neighborhood must be one of gaussian, bubble, mexicanHat, triangle, got 'gauss'"
    );
    assert_eq!(msg("seed", Value::Number(-1.0)), "seed must be an integer from 0 to 4294967295, got -1");
    let unknown = Settings::from_pairs([("sigmaa", Value::Number(1.0))]).unwrap_err().to_string();
    assert!(unknown.starts_with("unknown option 'sigmaa'; valid values are rows, cols, dim, "), "{unknown}");
    let hex = Settings::from_pairs([
        ("topology", Value::Text("hexagonal")),
        ("toroidal", Value::Bool(true)),
        ("rows", Value::Number(5.0)),
    ])
    .unwrap_err()
    .to_string();
    assert!(hex.starts_with("rows must be an even number on a hexagonal toroidal grid"), "{hex}");
}

#[test]
fn validate_reads_the_same_ranges_and_spells_numbers_as_javascript() {
    let d = SomConfig::default;
    let msg = |c: SomConfig| c.validate().unwrap_err().to_string();
    let mut c = d();
    c.sigma.start = f32::INFINITY;
    assert_eq!(msg(c), "sigma must be a number from 0.01 to 1000, got Infinity");
    let mut c = d();
    c.sigma.end = 0.005;
    assert_eq!(msg(c), "sigmaEnd must be a number from 0.01 to 1000, got 0.005");
    let mut c = d();
    c.learning_rate.end = f32::NAN;
    assert_eq!(msg(c), "learningRateEnd must be a number greater than 0 and at most 1, got NaN");
    let mut c = d();
    c.sigma.start = schema::MIN_SIGMA; // the floor itself is allowed, in f32 as in f64
    assert!(c.validate().is_ok());
    assert!(Settings::from_pairs([("sigma", Value::Number(0.01)), ("sigmaEnd", Value::Number(0.01))]).is_ok());
    // what `som.options()` hands back for 0.01 (the f32 widened to f64) is accepted again
    let floor = schema::MIN_SIGMA as f64;
    assert!(floor < 0.01);
    let s = Settings::from_pairs([
        ("sigma", Value::Number(floor)),
        ("learningRateEnd", Value::Number(0.01f32 as f64)),
    ])
    .unwrap();
    assert_eq!(Settings::from_pairs(s.pairs()).unwrap(), Settings { data_given: true, dim_given: true, ..s });
    assert!(Settings::from_pairs([("sigma", Value::Number(0.0099))]).is_err());
    let c = SomConfig { steps: schema::MAX_STEPS + 1, ..d() };
    assert_eq!(msg(c), "steps must be an integer from 1 to 1000000000000, got 1000000000001");
}

#[test]
fn the_defaults_are_the_tables() {
    let s = Settings::default();
    assert_eq!(s, Settings::from_pairs([]).unwrap());
    assert_eq!(s.config, SomConfig::default());
    assert_eq!(s.scaling, Scaling::MinMax);
    assert_eq!(Scaling::default(), s.scaling, "the data module's default is the table's");
    // every option's default, read back through the settings
    for (name, value) in s.pairs() {
        let spec = schema::option(name).unwrap();
        let expected = spec.default.value();
        let got = match (value, expected) {
            (Value::Number(v), Value::Number(e)) => Value::Number(if (v - e).abs() < 1e-6 { e } else { v }),
            (v, _) => v,
        };
        assert_eq!(got, expected, "{name}");
    }
    // a pairs() round trip gives the same settings
    let odd = Settings::from_pairs([
        ("rows", Value::Number(7.0)),
        ("topology", Value::Text("hexagonal")),
        ("sigmaDecay", Value::Text("linear")),
        ("data", Value::Text("iris")),
        ("scaling", Value::Text("zScore")),
    ])
    .unwrap();
    let back = Settings::from_pairs(odd.pairs()).unwrap();
    assert_eq!(back.config, odd.config);
    assert_eq!(
        (back.seed, back.data, back.data_rows, back.scaling),
        (odd.seed, odd.data, odd.data_rows, odd.scaling)
    );
}

#[test]
fn sigma_defaults_to_half_the_larger_side_everywhere() {
    for (rows, cols) in [(1, 1), (3, 3), (4, 12), (20, 7), (200, 200)] {
        let expected = rows.max(cols) as f32 / 2.0;
        let s = Settings::from_pairs([
            ("rows", Value::Number(rows as f64)),
            ("cols", Value::Number(cols as f64)),
        ])
        .unwrap();
        assert_eq!(s.config.sigma.start, expected);
        assert_eq!(SomConfig::sized(rows, cols, 3).sigma.start, expected);
        assert_eq!(schema::default_sigma(rows, cols), expected);
        assert!(Som::new(&s.config, 0).is_ok());
    }
    assert!(matches!(schema::SIGMA.default, DefaultValue::Rule { .. }));
    // given, it wins; the decays follow `decay` unless given
    let s = Settings::from_pairs([
        ("sigma", Value::Number(2.0)),
        ("decay", Value::Text("linear")),
        ("learningRateDecay", Value::Text("inverse")),
    ])
    .unwrap();
    assert_eq!(s.config.sigma.start, 2.0);
    assert_eq!((s.config.learning_rate.decay.name(), s.config.sigma.decay.name()), ("inverse", "linear"));
}
