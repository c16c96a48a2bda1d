//! Native benchmark: online steps/s and BMU searches/s of the core next to MiniSom's
//! `train_random` steps/s and `winner()`/s, measured in the same run.
//!
//! Run with `cargo bench --bench native`. Settings as in `bench/peers/minisom_bench.py`: 1,000
//! random rows in [0, 1)^dim, sigma = half the larger side, learning rate 0.5, gaussian,
//! rectangular, asymptotic decay over the run (MiniSom's default). Each timing runs ~0.7 s and
//! every number is the best of 3 runs (both for the core and for MiniSom), which keeps the table
//! stable on a busy machine. Beside each wall-clock rate, in parentheses, the same steps over the
//! CPU time the training thread (the core) or process (MiniSom) got: on a machine shared with
//! other work those agree from run to run where the wall clock does not. If python3 or MiniSom
//! is missing, the peer columns show "n/a".

use rand_core::{RngCore, SeedableRng};
use som_playground::som::{Decay, Init, Order, Schedule, Som, SomConfig};
use std::hint::black_box;
use std::process::Command;
use std::time::Instant;

const TARGET_S: f64 = 0.7;
const ROWS: usize = 1000;
const REPEATS: usize = 3;

fn best_of(mut f: impl FnMut() -> f64) -> f64 {
    (0..REPEATS).map(|_| f()).fold(0.0, f64::max)
}

/// The larger of each of two pairs' members.
fn max2(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    (a.0.max(b.0), a.1.max(b.1))
}

/// The CPU time this thread has run, in seconds (Linux's schedstat, nanoseconds); `None` elsewhere.
fn thread_cpu_s() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(stat.split_whitespace().next()?.parse::<f64>().ok()? / 1e9)
}

fn data(dim: usize) -> Vec<f32> {
    let mut rng = rand_pcg::Pcg32::seed_from_u64(7);
    (0..ROWS * dim).map(|_| (rng.next_u32() >> 8) as f32 / 16_777_216.0).collect()
}

fn make(side: usize, dim: usize, steps: u64, data: &[f32]) -> Som {
    let sigma = side as f32 / 2.0;
    let c = SomConfig {
        rows: side,
        cols: side,
        dim,
        learning_rate: Schedule::new(0.5, 0.5, Decay::Asymptotic),
        sigma: Schedule::new(sigma, sigma, Decay::Asymptotic),
        steps,
        order: Order::Random,
        ..SomConfig::default()
    };
    let mut som = Som::new(&c, 7).unwrap();
    som.initialize(Init::Samples, data).unwrap();
    som
}

/// Online steps per second, wall clock and per CPU-second (0 when unknown): calibrate, then one
/// timed run of ~TARGET_S.
fn steps_per_s(side: usize, dim: usize, data: &[f32]) -> (f64, f64) {
    let probe_steps = 2_000;
    let mut som = make(side, dim, probe_steps, data);
    let t0 = Instant::now();
    som.train(data, probe_steps);
    let rate = probe_steps as f64 / t0.elapsed().as_secs_f64();
    let steps = ((rate * TARGET_S) as u64).max(1_000);
    let mut som = make(side, dim, steps, data);
    let (t0, c0) = (Instant::now(), thread_cpu_s());
    som.train(black_box(data), steps);
    let (dt, c1) = (t0.elapsed().as_secs_f64(), thread_cpu_s());
    black_box(som.weights());
    let cpu = c0.zip(c1).map_or(0.0, |(a, b)| steps as f64 / (b - a).max(1e-9));
    (steps as f64 / dt, cpu)
}

/// BMU searches per second over the rows, ~TARGET_S.
fn bmus_per_s(side: usize, dim: usize, data: &[f32]) -> f64 {
    let som = make(side, dim, 1, data);
    let (mut n, mut acc) = (0u64, 0usize);
    let t0 = Instant::now();
    while t0.elapsed().as_secs_f64() < TARGET_S {
        for x in data.chunks_exact(dim) {
            acc = acc.wrapping_add(som.bmu(black_box(x)));
        }
        n += ROWS as u64;
    }
    black_box(acc);
    n as f64 / t0.elapsed().as_secs_f64()
}

/// MiniSom's (steps/s, steps per CPU-second, winner/s), or None when python3/minisom is unavailable.
fn minisom(side: usize, dim: usize) -> Option<(f64, f64, f64)> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/bench/peers/minisom_bench.py");
    let out = Command::new("python3")
        .args([script, &side.to_string(), &side.to_string(), "0", &ROWS.to_string(), &dim.to_string()])
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!("minisom_bench.py failed: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let get = |key: &str| -> Option<f64> {
        let rest = &text[text.find(key)? + key.len()..];
        rest.split_whitespace().next()?.parse().ok()
    };
    Some((get("steps_per_s=")?, get("steps_per_cpu_s=")?, get("bmu_per_s=")?))
}

fn fmt(v: f64) -> String {
    let s = format!("{:.0}", v);
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn main() {
    // `cargo bench` passes `--bench`; ignore all arguments. For profiling,
    // SOM_BENCH_PROFILE=SIDE,DIM[,STEPS] only trains that map (200,000 steps by default).
    if let Ok(spec) = std::env::var("SOM_BENCH_PROFILE") {
        let v: Vec<usize> = spec.split(',').filter_map(|s| s.trim().parse().ok()).collect();
        let (side, dim) = (v.first().copied().unwrap_or(64), v.get(1).copied().unwrap_or(3));
        let steps = v.get(2).copied().unwrap_or(200_000) as u64;
        let d = data(dim);
        let mut som = make(side, dim, steps, &d);
        let t0 = Instant::now();
        som.train(&d, steps);
        println!("{side}×{side}, dim {dim}: {} steps/s", fmt(steps as f64 / t0.elapsed().as_secs_f64()));
        return;
    }
    println!("| map | dim | core steps/s (per CPU-s) | MiniSom train_random steps/s (per CPU-s) | ratio (per CPU-s) | core BMU/s | MiniSom winner()/s | ratio |");
    println!("|---|---|---:|---:|---:|---:|---:|---:|");
    let ratio = |a: f64, b: Option<f64>| {
        b.filter(|&b| b > 0.0 && a > 0.0).map_or("n/a".into(), |b| format!("{:.0}×", a / b))
    };
    for side in [10, 32, 64, 128] {
        for dim in [3, 16] {
            let d = data(dim);
            let (s, sc) = (0..REPEATS).map(|_| steps_per_s(side, dim, &d)).fold((0.0, 0.0), max2);
            let b = best_of(|| bmus_per_s(side, dim, &d));
            let peer: Vec<(f64, f64, f64)> = (0..REPEATS).filter_map(|_| minisom(side, dim)).collect();
            let best = |f: fn(&(f64, f64, f64)) -> f64| peer.iter().map(f).reduce(f64::max);
            let (ms, mc, mb) = (best(|p| p.0), best(|p| p.1), best(|p| p.2));
            let show = |v: Option<f64>| v.map_or("n/a".into(), fmt);
            println!(
                "| {side}×{side} | {dim} | {} ({}) | {} ({}) | {} ({}) | {} | {} | {} |",
                fmt(s),
                fmt(sc),
                show(ms),
                show(mc),
                ratio(s, ms),
                ratio(sc, mc),
                fmt(b),
                show(mb),
                ratio(b, mb)
            );
        }
    }
}
