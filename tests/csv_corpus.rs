//! The CSV fuzz checks in the test suite: every input kept in `tests/csv_corpus/` (interesting
//! cases and anything the fuzzers found), generated tables with a planted fault on a known line,
//! and a short run of random inputs. The same checks as `fuzz/` (the file is shared): no panic,
//! whole = chunked for every chunk size, LF = CRLF = CR, errors on existing (and, for planted
//! faults, exactly the right) lines, finite scalings.
//!
//! The corpus libFuzzer built (`scripts/fuzz.sh`'s `libfuzzer` part, minimised with `-merge=1`) is
//! kept too: `tests/csv_corpus/libfuzzer-csv/` and `libfuzzer-csv_table/`, raw inputs of the two
//! targets, replayed here through the targets' own functions.
//!
//! `CSV_FUZZ_INPUTS=N` runs N random inputs instead of the suite's few (the fuzz command uses
//! `fuzz/`'s runner for its million).

#[path = "../fuzz/src/csv_check.rs"]
#[allow(dead_code)]
mod csv_check;
#[path = "../fuzz/src/gen.rs"]
#[allow(dead_code)]
mod gen;

use csv_check::{check_csv_input, check_table, check_table_input, check_text, whole};
use gen::{mutate, random_table, random_text, Rng};

fn inputs(default: u64) -> u64 {
    std::env::var("CSV_FUZZ_INPUTS").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn corpus() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/csv_corpus");
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("tests/csv_corpus")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "csv"))
        .map(|e| {
            let bytes = std::fs::read(e.path()).unwrap();
            (e.file_name().to_string_lossy().into_owned(), String::from_utf8_lossy(&bytes).into_owned())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_corpus_input_passes_the_checks() {
    let files = corpus();
    assert!(files.len() >= 30, "the corpus is in tests/csv_corpus/");
    for (name, text) in &files {
        if let Err(problem) = check_text(text) {
            panic!("{name}: {problem}");
        }
    }
}

/// What some corpus inputs must give (the cases of issue 13 among them).
#[test]
fn corpus_outcomes() {
    let files = corpus();
    let get = |name: &str| files.iter().find(|(n, _)| n == name).map(|(_, t)| t.as_str()).expect(name);
    let error = |name: &str| whole(get(name)).data.expect_err(name);
    let shape = |name: &str| whole(get(name)).data.map(|d| (d.rows(), d.dim())).expect(name);
    assert_eq!(error("unclosed_quote.csv"), "line 2: a quoted field opens here (\") but is never closed");
    assert_eq!(error("unclosed_quote_cr.csv"), "line 3: a quoted field opens here (\") but is never closed");
    assert_eq!(
        error("unclosed_quote_header.csv"),
        "line 1: a quoted field opens here (\") but is never closed"
    );
    assert_eq!(error("cr_only_error_line_6.csv"), "line 6, column 'y': 'oops' is not a number");
    assert_eq!(error("columns_1025.csv"), "line 1: more than 1024 columns; at most 1024 columns can be used");
    assert_eq!(
        error("columns_1025_later_row.csv"),
        "line 3: more than 1024 columns; at most 1024 columns can be used"
    );
    assert_eq!(error("wrong_field_count.csv"), "line 3: expected 3 columns, found 2");
    assert_eq!(shape("columns_1024.csv"), (1, 1024));
    assert_eq!(shape("quoted_delimiters_1025.csv"), (2, 1)); // delimiters inside quotes are data
    assert_eq!(shape("cr_only_semicolon.csv"), (2, 2)); // `;` from the first line, not the file
    assert_eq!(whole(get("cr_only_semicolon.csv")).data.unwrap().values(), [1.5, 2.0, 3.0, 4.25]);
    assert_eq!(shape("leading_blank_lines.csv"), (1, 2));
    assert_eq!(shape("mixed_line_ends.csv"), (4, 2));
    assert_eq!(whole(get("formula_header.csv")).data.unwrap().columns()[0], "=HYPERLINK(\"http://x\")");
}

#[test]
fn planted_faults_are_found_on_their_line() {
    let mut r = Rng(0x5eed);
    for _ in 0..inputs(25) {
        let n = 16 + r.below(200);
        let bytes = r.bytes(n);
        if let Err(problem) = check_table(&bytes) {
            panic!("{problem}\nbytes: {bytes:?}");
        }
    }
}

#[test]
fn random_inputs_pass_the_checks() {
    let corpus = corpus();
    let mut r = Rng(13);
    for i in 0..inputs(300) {
        let text = match i % 3 {
            0 => random_text(&mut r),
            1 => random_table(&mut r),
            _ => mutate(&corpus[r.below(corpus.len())].1, &mut r),
        };
        if let Err(problem) = check_text(&text) {
            panic!("input {i}: {problem}\ninput: {text:?}");
        }
    }
}

/// Every input of the kept libFuzzer corpus of `target`, as raw bytes (file name, bytes).
fn libfuzzer_corpus(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = format!("{}/tests/csv_corpus/libfuzzer-{target}", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn libfuzzer_csv_corpus_passes_the_target() {
    let files = libfuzzer_corpus("csv");
    assert!(files.len() >= 100, "the kept corpus is in tests/csv_corpus/libfuzzer-csv/");
    for (name, bytes) in &files {
        if let Err(problem) = check_csv_input(bytes) {
            panic!("libfuzzer-csv/{name}: {problem}");
        }
    }
}

#[test]
fn libfuzzer_csv_table_corpus_passes_the_target() {
    let files = libfuzzer_corpus("csv_table");
    assert!(files.len() >= 100, "the kept corpus is in tests/csv_corpus/libfuzzer-csv_table/");
    for (name, bytes) in &files {
        if let Err(problem) = check_table_input(bytes) {
            panic!("libfuzzer-csv_table/{name}: {problem}");
        }
    }
}
