use super::*;

#[test]
fn every_default_is_allowed_by_its_own_option() {
    for spec in &OPTIONS {
        assert_eq!(spec.check(spec.default.value()), Ok(spec.default.value()), "{}", spec.name);
        assert_eq!(spec.values.is_empty(), spec.kind != Kind::Enum, "{}", spec.name);
        assert_eq!(spec.min.is_some(), matches!(spec.kind, Kind::Int | Kind::Number), "{}", spec.name);
    }
}

#[test]
fn names_are_unique_and_match_the_table() {
    for (i, spec) in OPTIONS.iter().enumerate() {
        assert_eq!(NAMES[i], spec.name);
        assert_eq!(option(spec.name), Some(spec));
        assert!(OPTIONS[..i].iter().all(|o| o.name != spec.name), "{} twice", spec.name);
    }
    assert_eq!(option("sigmaa"), None);
}

#[test]
fn data_values_are_the_builtins_and_custom() {
    assert_eq!(&DATA_VALUES[..BUILTIN_NAMES.len()], BUILTIN_NAMES);
    assert_eq!(DATA_VALUES.last(), Some(&"custom"));
}

#[test]
fn rule_examples_are_what_the_rules_give_on_the_default_map() {
    let d = Settings::default();
    assert_eq!(SIGMA.default.value(), Value::Number(default_sigma(d.config.rows, d.config.cols) as f64));
    assert_eq!(DIM.default.value(), Value::Number(d.config.dim as f64));
    assert_eq!(LEARNING_RATE_DECAY.default.value(), DECAY.default.value());
    assert_eq!(SIGMA_DECAY.default.value(), DECAY.default.value());
}

#[test]
fn js_spellings() {
    let cases: [(f64, &str); 11] = [
        (f64::NAN, "NaN"),
        (f64::INFINITY, "Infinity"),
        (f64::NEG_INFINITY, "-Infinity"),
        (-0.0, "0"),
        (3.0, "3"),
        (0.5, "0.5"),
        (-1.25, "-1.25"),
        (1e21, "1e+21"),
        (1.5e39, "1.5e+39"),
        (1e-7, "1e-7"),
        (4294967295.0, "4294967295"),
    ];
    for (x, s) in cases {
        assert_eq!(js_number(x), s);
    }
    assert_eq!(js_number_f32(0.1), "0.1");
    assert_eq!(js_number_f32(f32::INFINITY), "Infinity");
}
