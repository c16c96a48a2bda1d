//! The CSV fuzz checks on any toolchain: `fuzz-loop [INPUTS] [--seed S] [--threads T]`.
//!
//! Runs INPUTS (default 1,000,000) inputs through the same properties as the libFuzzer targets
//! (`som_playground_fuzz::csv_check`): a quarter random CSV-like texts, a quarter random tables,
//! a quarter mutations of the corpus in `tests/csv_corpus/`, a quarter generated tables with a
//! planted fault on a known line. Stops at the first failure, prints the input and saves it in
//! `fuzz/artifacts/`; exits 1 then. Prints the slowest input and its time.

use som_playground_fuzz::csv_check::{check_table, check_text};
use som_playground_fuzz::gen::{mutate, random_table, random_text, Rng};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn corpus() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/csv_corpus");
    let mut texts: Vec<String> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok()).filter_map(|e| std::fs::read(e.path()).ok()).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    texts.sort();
    if texts.is_empty() {
        texts.push("x,y\n1,2\n".into());
    }
    texts
}

/// The input number `i` of the run with `seed`: what it is and its text or bytes.
enum Input {
    Text(String),
    Table(Vec<u8>),
}

fn input(seed: u64, i: u64, corpus: &[String]) -> Input {
    let mut r = Rng(seed ^ i.wrapping_mul(0x2545_f491_4f6c_dd1d));
    match i % 4 {
        0 => Input::Text(random_text(&mut r)),
        1 => Input::Text(random_table(&mut r)),
        2 => Input::Text(mutate(&corpus[r.below(corpus.len())], &mut r)),
        _ => {
            let n = 16 + r.below(200);
            Input::Table(r.bytes(n))
        }
    }
}

fn run(input: &Input) -> Result<(), String> {
    match catch_unwind(AssertUnwindSafe(|| match input {
        Input::Text(t) => check_text(t),
        Input::Table(b) => check_table(b),
    })) {
        Ok(r) => r,
        Err(panic) => Err(format!(
            "panic: {}",
            panic
                .downcast_ref::<String>()
                .cloned()
                .or(panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default()
        )),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut count: u64 = 1_000_000;
    let mut seed: u64 = 13;
    let mut threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => seed = it.next().and_then(|v| v.parse().ok()).expect("--seed N"),
            "--threads" => threads = it.next().and_then(|v| v.parse().ok()).expect("--threads N"),
            n => {
                count =
                    n.replace('_', "").parse().expect("usage: fuzz-loop [INPUTS] [--seed S] [--threads T]")
            }
        }
    }
    std::panic::set_hook(Box::new(|_| {})); // panics are reported with their input below
    let corpus = Arc::new(corpus());
    let next = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let slowest = Arc::new(Mutex::new((Duration::ZERO, 0u64)));
    let failure = Arc::new(Mutex::new(None::<(u64, String)>));
    let started = Instant::now();
    let workers: Vec<_> = (0..threads.max(1))
        .map(|_| {
            let (corpus, next, stop, slowest, failure) =
                (corpus.clone(), next.clone(), stop.clone(), slowest.clone(), failure.clone());
            std::thread::spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= count || stop.load(Ordering::Relaxed) {
                    return;
                }
                let inp = input(seed, i, &corpus);
                let t = Instant::now();
                let result = run(&inp);
                let took = t.elapsed();
                {
                    let mut s = slowest.lock().unwrap();
                    if took > s.0 {
                        *s = (took, i);
                    }
                }
                if let Err(problem) = result {
                    stop.store(true, Ordering::Relaxed);
                    let mut f = failure.lock().unwrap();
                    if f.as_ref().is_none_or(|(j, _)| i < *j) {
                        *f = Some((i, problem));
                    }
                }
                if i > 0 && i % 100_000 == 0 {
                    eprintln!("  {i} inputs, {:.0} s", started.elapsed().as_secs_f64());
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let ran = next.load(Ordering::Relaxed).min(count);
    let (slow, slow_i) = *slowest.lock().unwrap();
    let describe = |i: u64| match input(seed, i, &corpus) {
        Input::Text(t) => format!("text {:?}", t.chars().take(120).collect::<String>()),
        Input::Table(b) => format!("table from {} bytes", b.len()),
    };
    println!(
        "csv fuzz (seed {seed}): {ran} inputs in {:.1} s; slowest input #{slow_i} took {:.2} ms: {}",
        started.elapsed().as_secs_f64(),
        slow.as_secs_f64() * 1e3,
        describe(slow_i)
    );
    let failed = failure.lock().unwrap().take();
    match failed {
        None => println!("{ran} passed, 0 failed"),
        Some((i, problem)) => {
            let text = match input(seed, i, &corpus) {
                Input::Text(t) => t,
                Input::Table(b) => som_playground_fuzz::csv_check::gen_table(&b).text,
            };
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/artifacts");
            let _ = std::fs::create_dir_all(dir);
            let path = format!("{dir}/fuzz-loop-{seed}-{i}.csv");
            let _ = std::fs::write(&path, &text);
            println!("input #{i} failed: {problem}\ninput: {text:?}\nsaved to {path}");
            println!("{} passed, 1 failed", ran.saturating_sub(1));
            std::process::exit(1);
        }
    }
}
