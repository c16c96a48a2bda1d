//! Regression tests for the CSV reader's corners (issue 13): leading blank lines read in linear
//! time, unclosed quotes named by their line, bare CR line ends, the column and line-length
//! limits refused early, and the chunked reader agreeing with the whole one.

#[path = "../fuzz/src/csv_check.rs"]
#[allow(dead_code)]
mod csv_check;

use csv_check::{by_size, check_text, chunked, whole};
use som_playground::data::{
    parse_csv, CsvOptions, CsvStream, DataError, Dataset, MAX_CSV_COLUMNS, MAX_LINE_BYTES,
};

fn error(text: &str) -> String {
    parse_csv(text, &CsvOptions::default()).unwrap_err().to_string()
}

/// Megabytes of blank lines before the table, pushed in small chunks: each chunk is looked at
/// once (the delimiter detection used to rescan everything so far on every push: 40 MB took
/// 39 s), and the lines still count.
#[test]
fn leading_blank_lines_are_skipped_once() {
    for blank in ["\n", "\r\n", "\r", " \t\n"] {
        let lines = 1_500_000 / blank.len();
        let text = format!("{}x,y\n1,2\n3,oops\n", blank.repeat(lines));
        let want = format!("line {}, column 'y': 'oops' is not a number", lines + 3);
        assert_eq!(error(&text), want, "{blank:?}");
        // 1 KiB chunks: 1,500 pushes before the first non-blank line
        let got = chunked(by_size(&text, 1024)).unwrap();
        assert_eq!(got.data, Err(want));
    }
}

#[test]
fn unclosed_quote_names_the_line_it_opened_on() {
    for end in ["\n", "\r\n", "\r"] {
        let mut text = format!("x,y{end}1,2{end}{end}3,\"4{end}");
        for i in 0..998 {
            text.push_str(&format!("{i},{i}{end}"));
        }
        let want = "line 4: a quoted field opens here (\") but is never closed";
        assert_eq!(error(&text), want, "{end:?}");
        for size in [1, 2, 7, 100, 4096] {
            assert_eq!(chunked(by_size(&text, size)).unwrap().data, Err(want.to_string()));
        }
    }
    // A quote that stays open past the line limit is refused as soon as that is known.
    let mut stream = CsvStream::new();
    stream.push("x,y\n1,\"2\n").unwrap();
    let piece = "3,4\n".repeat(100_000);
    let mut refused = None;
    for i in 0..10 {
        if let Err(e) = stream.push(&piece) {
            refused = Some((i, e));
            break;
        }
    }
    let (i, e) = refused.expect("refused");
    assert!(i <= 3, "refused after {i} pushes");
    assert_eq!(e, DataError::UnclosedQuote { line: 2 });
    // A quote that does close is fine, also when the closing quote ends the file.
    assert_eq!(parse_csv("x,y\n1,\"2\n\"", &CsvOptions::default()).unwrap().values(), [1.0, 2.0]);
}

#[test]
fn bare_cr_files_have_their_own_line_numbers_and_delimiter() {
    // `;` from the first line, with decimal commas, although later lines hold commas
    let text = "a;b\r1,5;2\r3;4,25\r";
    let data = parse_csv(text, &CsvOptions::default()).unwrap();
    assert_eq!(data.values(), [1.5, 2.0, 3.0, 4.25]);
    // the error on line 6 is reported on line 6, whole and in any chunks
    let text = "x,y\r1,2\r\r3,4\r5,6\r7,oops\r8,9\r";
    let want = "line 6, column 'y': 'oops' is not a number";
    assert_eq!(error(text), want);
    check_text(text).unwrap();
    // CR, LF and CRLF mixed, with blank lines of each kind
    let text = "x,y\r\n\r1,2\n\r\n\r3,4\r\r5,zz\n";
    assert_eq!(error(text), "line 8, column 'y': 'zz' is not a number");
    check_text(text).unwrap();
}

#[test]
fn too_many_columns_are_refused_on_the_first_line_before_it_ends() {
    let mut stream = CsvStream::new();
    stream.push("\n\n").unwrap();
    // the header is not even complete: no line end yet
    let e = stream.push(&"name,".repeat(MAX_CSV_COLUMNS + 1)).unwrap_err();
    assert_eq!(e, DataError::TooManyColumns { line: 3, limit: MAX_CSV_COLUMNS });
    assert_eq!(e.to_string(), "line 3: more than 1024 columns; at most 1024 columns can be used");
    // exactly the limit loads
    let header: Vec<String> = (0..MAX_CSV_COLUMNS).map(|i| format!("c{i}")).collect();
    let row = vec!["1"; MAX_CSV_COLUMNS].join(",");
    let data = parse_csv(&format!("{}\n{row}\n", header.join(",")), &CsvOptions::default()).unwrap();
    assert_eq!(data.dim(), MAX_CSV_COLUMNS);
    // 100,000 columns: refused at once
    let wide = format!("{}\n", vec!["1"; 100_000].join(","));
    assert_eq!(error(&wide), "line 1: more than 1024 columns; at most 1024 columns can be used");
    // a data set that wide cannot be built either
    assert_eq!(
        Dataset::new(vec![0.0; 1025], 1025).unwrap_err().to_string(),
        "values: 1025 columns; at most 1024 columns can be used"
    );
}

#[test]
fn one_very_long_line_is_refused_early() {
    let mut stream = CsvStream::new();
    stream.push("x\n").unwrap();
    let e = stream.push(&"1".repeat(MAX_LINE_BYTES + 1)).unwrap_err();
    assert_eq!(e, DataError::LineTooLong { line: 2, limit: MAX_LINE_BYTES });
    assert_eq!(
        e.to_string(),
        "line 2: the line is longer than 1000000 bytes; lines of up to 1000000 bytes can be read"
    );
    // a first line that long: the delimiter is picked from its first megabyte, then refused
    let mut stream = CsvStream::new();
    for _ in 0..3 {
        match stream.push(&"7".repeat(400_000)) {
            Ok(()) => {}
            Err(e) => {
                assert_eq!(e, DataError::LineTooLong { line: 1, limit: MAX_LINE_BYTES });
                return;
            }
        }
    }
    panic!("not refused");
}

/// The scanner reads ahead of the parser, but an earlier record's error still wins.
#[test]
fn the_first_error_in_the_file_wins() {
    let text = format!("a,b\n1,2\n3,4,5\n{}\n", vec!["1"; 2000].join(","));
    let want = "line 3: expected 2 columns, found 3";
    assert_eq!(error(&text), want);
    for size in [1, 3, 10, 1000, text.len()] {
        assert_eq!(chunked(by_size(&text, size)).unwrap().data, Err(want.to_string()));
    }
    let text = format!("a,b\n1,x\n{}\n", vec!["1"; 2000].join(","));
    // "1,x" is a complete record, parsed before the wide one is refused; its word is a
    // value error found only when the data set is built, so the wide record wins here
    assert_eq!(error(&text), "line 3: more than 1024 columns; at most 1024 columns can be used");
    assert_eq!(
        whole(&text).info,
        Err("line 3: more than 1024 columns; at most 1024 columns can be used".into())
    );
}
