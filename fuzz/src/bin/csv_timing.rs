//! How reading time grows with file size for the CSV reader's hard shapes (issue 13): leading
//! blank lines, one long line (a longer one is refused at the 1 MB line limit, so it is timed up
//! to it), and
//! many columns (1,000 per row, the most a map takes). `csv-timing` reads each shape at 1, 2, 4
//! and 8 times a base size, whole (`parse_csv`) and in 64 KiB chunks (`CsvStream`, as the page
//! reads a file), best of 3, and prints MB/s: flat rates mean linear time.

use som_playground::data::{parse_csv, CsvOptions, CsvStream};
use std::time::Instant;

/// Best of 3 wall-clock seconds of `f`.
fn best(f: impl Fn()) -> f64 {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn chunked(text: &str) {
    let mut stream = CsvStream::new();
    let mut rest = text;
    while !rest.is_empty() {
        let mut cut = rest.len().min(65_536);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        if stream.push(&rest[..cut]).is_err() {
            return;
        }
        rest = &rest[cut..];
    }
    let _ = stream.dataset(&CsvOptions::default());
}

fn main() {
    let options = CsvOptions::default();
    // (name, the size at 1×, bytes → text of about that size)
    let shapes: [(&str, usize, fn(usize) -> String); 3] = [
        ("blank lines, then a table", 5_000_000, |n| format!("{}x,y\n1,2\n", "\n".repeat(n))),
        ("one long line: a 1,000-number row and a long label (up to the 1 MB line limit)", 124_000, |n| {
            let numbers = vec!["0.5"; 1000].join(",");
            format!("{},label\n{numbers},{}\n", (0..1000).map(|k| format!("c{k}")).collect::<Vec<_>>().join(","), "a".repeat(n - numbers.len()))
        }),
        ("1,000 columns per row", 5_000_000, |n| {
            let row = vec!["0.123"; 1000].join(",");
            let header = (0..1000).map(|k| format!("c{k}")).collect::<Vec<_>>().join(",");
            format!("{header}\n{}", format!("{row}\n").repeat(n / (row.len() + 1)))
        }),
    ];
    println!("| shape | size | whole: ms | MB/s | 64 KiB chunks: ms | MB/s |\n|---|---:|---:|---:|---:|---:|");
    for (name, base, make) in shapes {
        for k in [1, 2, 4, 8] {
            let text = make(base * k);
            let mb = text.len() as f64 / 1e6;
            let whole = best(|| drop(parse_csv(&text, &options)));
            let pieces = best(|| chunked(&text));
            println!(
                "| {name} | {mb:.2} MB | {:.1} | {:.0} | {:.1} | {:.0} |",
                whole * 1e3,
                mb / whole,
                pieces * 1e3,
                mb / pieces
            );
        }
    }
}
