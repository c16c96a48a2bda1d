//! The pitfall pairs (issue 14): for each pair in the core's table, after the table's number of
//! lock steps with its seed, the pitfall side's metric is worse (higher) than the good side's,
//! as the pair's sentence claims; and the pairs are what they say (one setting apart, the same
//! rows in the same order, warned where the core warns).

use som_playground::som::pitfalls::{pitfall, LockStep, Metric, Pitfall, Side, PITFALLS};
use som_playground::som::schema::{Settings, Value};
use som_playground::som::warnings::{self, warnings};

/// How much worse the pitfall side must be: a difference a student sees in the numbers under
/// the pair, not a rounding. (Every pair clears it by far: the smallest ratio measured over
/// seeds 1 to 6 was 1.44, σ too small's U-matrix.)
const MARGIN: f32 = 1.2;

fn run(p: &'static Pitfall) -> (LockStep, f32, f32) {
    let mut pair = LockStep::new(p).unwrap_or_else(|e| panic!("{}: {e}", p.id));
    pair.train(p.steps);
    let (good, bad) = pair.metric();
    (pair, good, bad)
}

/// `p` with another seed (the table's pairs all share their data, map and seed).
fn reseeded(p: &Pitfall, seed: f64) -> &'static Pitfall {
    let mut shared: Vec<(&'static str, Value<'static>)> = p.shared.to_vec();
    shared.push(("seed", Value::Number(seed)));
    Box::leak(Box::new(Pitfall { shared: Box::leak(shared.into_boxed_slice()), ..*p }))
}

#[test]
fn the_pitfall_side_is_worse_on_every_pair() {
    for p in &PITFALLS {
        let p = pitfall(p.id).unwrap();
        let (pair, good, bad) = run(p);
        println!(
            "{:17} {:18} good {good:.4}  pitfall {bad:.4}  after {} steps",
            p.id,
            p.metric.name(),
            p.steps
        );
        assert_eq!((pair.good.t(), pair.pitfall.t()), (p.steps, p.steps));
        assert!(good.is_finite() && bad.is_finite(), "{}: {good} vs {bad}", p.id);
        assert!(
            bad > MARGIN * good,
            "{}: {} {bad} on the pitfall side vs {good} on the good side",
            p.id,
            p.metric.name()
        );
    }
}

/// The claims are not a lucky seed: every pair, seeds 1 to 6. Slow in a debug build, so run
/// it with `cargo test --release --test pitfalls -- --ignored`.
#[test]
#[ignore]
fn the_claims_hold_for_other_seeds_too() {
    for p in &PITFALLS {
        for seed in 1..=6 {
            let (_, good, bad) = run(reseeded(p, seed as f64));
            println!("{:17} seed {seed}: good {good:.4}  pitfall {bad:.4}  ratio {:.2}", p.id, bad / good);
            assert!(bad > MARGIN * good, "{} seed {seed}: {bad} vs {good}", p.id);
        }
    }
}

#[test]
fn the_unscaled_map_is_also_worse_by_the_topographic_error_the_page_shows() {
    // The page shows each map's errors on its own training data; the claim holds there too.
    let (pair, _, _) = run(pitfall("unscaled").unwrap());
    let good = Metric::TopographicError.of(&pair.good, pair.good_data.values());
    let bad = Metric::TopographicError.of(&pair.pitfall, pair.pitfall_data.values());
    assert!(bad > MARGIN * good, "{bad} vs {good}");
    // and the stretched column really dominates the raw data
    let (mins, maxs) = pair.raw.column_bounds();
    let ranges: Vec<f32> = mins.iter().zip(&maxs).map(|(lo, hi)| hi - lo).collect();
    assert!(ranges[1..].iter().all(|&r| ranges[0] > 20.0 * r), "{ranges:?}");
}

#[test]
fn both_sides_take_the_same_rows_whatever_the_pitfall() {
    // sigmaConstant and mapTooSmall have the same good side and very different pitfall sides
    // (another radius, another map size and so another random init): the rows must not differ.
    let rows = |id| {
        let mut pair = LockStep::new(pitfall(id).unwrap()).unwrap();
        (0..700).map(|_| pair.step()).collect::<Vec<_>>()
    };
    let a = rows("sigmaConstant");
    assert_eq!(a, rows("mapTooSmall"));
    assert_eq!(a, rows("mexicanHat"));
    let mut sorted = a[..500].to_vec();
    sorted.sort_unstable();
    assert_eq!(sorted, (0..500).collect::<Vec<_>>(), "one pass takes every row once");
}

#[test]
fn each_pair_differs_in_its_own_options_only() {
    for p in &PITFALLS {
        let (g, b) = (p.settings(Side::Good).unwrap(), p.settings(Side::Pitfall).unwrap());
        assert_ne!(g, b, "{}", p.id);
        let listed: Vec<&str> = p.good.iter().chain(p.pitfall).map(|(name, _)| *name).collect();
        for ((name, gv), (_, bv)) in g.pairs().into_iter().zip(b.pairs()) {
            // σ's default follows the map size, so a pair about the size changes it too
            let derived = name == "sigma" && listed.contains(&"rows");
            assert!(gv == bv || listed.contains(&name) || derived, "{}: {name} {gv} vs {bv}", p.id);
        }
        assert!(!p.sentence.is_empty() && p.sentence.len() < 400, "{}: one sentence", p.id);
        assert_eq!(p.sentence.matches(". ").count(), 0, "{}: one sentence", p.id);
    }
}

#[test]
fn the_good_sides_raise_no_warning_and_the_pitfalls_the_expected_ones() {
    let expected: [(&str, &[&str]); 8] = [
        ("unscaled", &[warnings::DATA_NOT_SCALED]),
        ("sigmaTooSmall", &[]),
        ("sigmaConstant", &[]),
        ("learningRateHigh", &[]),
        ("learningRateLow", &[]),
        ("mexicanHat", &[]),
        ("mapTooSmall", &[]),
        ("mapTooLarge", &[warnings::MORE_NODES_THAN_ROWS]),
    ];
    assert_eq!(expected.map(|(id, _)| id), PITFALLS.map(|p| p.id));
    for (id, codes) in expected {
        let p = pitfall(id).unwrap();
        let data = p.data().unwrap();
        let codes_of = |s: &Settings| {
            let mut c = s.config.clone();
            c.dim = data.dim();
            warnings(&c, Some(&data), s.scaling).into_iter().map(|w| w.code).collect::<Vec<_>>()
        };
        assert_eq!(codes_of(&p.settings(Side::Good).unwrap()), Vec::<&str>::new(), "{id} good side");
        assert_eq!(codes_of(&p.settings(Side::Pitfall).unwrap()), codes.to_vec(), "{id} pitfall side");
    }
}

