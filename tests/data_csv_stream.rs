//! Chunked CSV reading ([`CsvStream`]) gives exactly what the whole-text functions give: the
//! same data set, the same inspection and the same errors on the same lines, wherever the
//! chunks are cut (line ends, arbitrary characters, inside quoted fields, between `\r` and `\n`).

use proptest::prelude::*;
use som_playground::data::{
    inspect_csv, parse_csv, CsvInfo, CsvOptions, CsvStream, DataError, Dataset, MAX_CSV_BYTES, MAX_CSV_ROWS,
};

/// Everything a load can produce, for comparing the two ways of reading.
#[derive(Debug, PartialEq)]
struct Outcome {
    info: Result<CsvInfo, String>,
    data: Result<Dataset, String>,
}

fn whole(text: &str, options: &CsvOptions) -> Outcome {
    Outcome {
        info: inspect_csv(text).map_err(|e| e.to_string()),
        data: parse_csv(text, options).map_err(|e| e.to_string()),
    }
}

/// Pushes `pieces` in order; the first error (from a push or the end) is the outcome.
fn chunked(pieces: &[&str], options: &CsvOptions) -> Outcome {
    let mut stream = CsvStream::new();
    for piece in pieces {
        if let Err(e) = stream.push(piece) {
            let e = e.to_string();
            // Every later call repeats the error.
            assert_eq!(stream.info().unwrap_err().to_string(), e);
            return Outcome { info: Err(e.clone()), data: Err(e) };
        }
    }
    Outcome {
        info: stream.info().map_err(|e| e.to_string()),
        data: stream.dataset(options).map_err(|e| e.to_string()),
    }
}

/// `text` cut every `size` characters (never inside a character).
fn by_chars(text: &str, size: usize) -> Vec<&str> {
    let mut cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(size).collect();
    cuts.push(text.len());
    cuts.windows(2).map(|w| &text[w[0]..w[1]]).collect()
}

/// `text` cut after every `lines` line ends, as the page does.
fn by_lines(text: &str, lines: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut count = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            count += 1;
            if count % lines == 0 {
                pieces.push(&text[start..=i]);
                start = i + 1;
            }
        }
    }
    pieces.push(&text[start..]);
    pieces
}

fn check_all_cuts(text: &str, options: &CsvOptions) {
    let want = whole(text, options);
    for size in [1, 2, 3, 5, 7, 16, 64, 1000, text.len().max(1)] {
        assert_eq!(chunked(&by_chars(text, size), options), want, "chunks of {size} chars of {text:?}");
    }
    for lines in [1, 2, 3, 10, 20_000] {
        assert_eq!(chunked(&by_lines(text, lines), options), want, "chunks of {lines} lines of {text:?}");
    }
}

/// A file with everything the reader handles: BOM, header, label, blank lines, CRLF, quoted
/// commas, quoted line breaks and escaped quotes.
fn rich_file(rows: usize) -> String {
    let mut text = String::from("\u{feff}sepal,\"petal, width\",kind\r\n\r\n");
    for i in 0..rows {
        match i % 5 {
            0 => text.push_str(&format!("{i}.5,0.{i},\"multi\nline \"\"{i}\"\"\"\n")),
            1 => text.push_str(&format!(" {i} , \"{i}\" ,cat\r\n")),
            2 => text.push_str(&format!("{i},{i}e-1,dog\r")),
            3 => text.push_str("\n\n"),
            _ => text.push_str(&format!("-{i},1,\"a,b\"\n")),
        }
    }
    text
}

#[test]
fn rich_files_read_the_same_in_any_chunks() {
    for rows in [1, 4, 5, 23, 200] {
        let text = rich_file(rows);
        check_all_cuts(&text, &CsvOptions::default());
        check_all_cuts(&text, &CsvOptions { columns: Some(vec![1, 0]), label: None, no_label: false });
        check_all_cuts(&text, &CsvOptions { columns: Some(vec![0]), label: Some(1), no_label: false });
    }
}

#[test]
fn delimiters_and_decimal_commas_read_the_same() {
    check_all_cuts("\n\n  \na;b\n1,5;2\n3;4,25\n", &CsvOptions::default());
    check_all_cuts("a\tb\tname\n1,5\t2\tx\n3\t4\ty\n", &CsvOptions::default());
    check_all_cuts("1;2", &CsvOptions::default());
    check_all_cuts("\n\n\n", &CsvOptions::default());
    check_all_cuts("", &CsvOptions::default());
    check_all_cuts("a\rb\r1\r2\r", &CsvOptions::default());
}

#[test]
fn errors_name_the_same_line() {
    let mut count = String::from("a,b,c\n");
    for i in 2..17 {
        count.push_str(&format!("{i},1,\"2\n\"\n"));
    }
    count.push_str("1,2,3,4\n5,6,7\n");
    let mut word = String::from("x,y\n");
    for i in 0..3000 {
        word.push_str(&format!("{i},{}\r\n", i * 2));
    }
    word.push_str("1,oops\n2,3\n");
    let cases = [
        (count.as_str(), "line 32: expected 3 columns, found 4"),
        (word.as_str(), "line 3002, column 'y': 'oops' is not a number"),
        ("", "the file is empty"),
        ("\n \n", "the file is empty"),
        ("a,b\n", "the file has a header but no data rows"),
        ("a,b\n1,2\n3,\n", "line 3, column 'b': the value is empty; a number is required"),
        ("a,b\n1,inf\n", "line 2, column 'b': NaN and infinities are not allowed"),
    ];
    for (text, message) in cases {
        assert_eq!(whole(text, &CsvOptions::default()).data, Err(message.to_string()));
        check_all_cuts(text, &CsvOptions::default());
    }
}

#[test]
fn a_byte_order_mark_is_dropped_only_at_the_start() {
    let text = "\u{feff}a,b\n\u{feff}1,2\n";
    let want = whole(text, &CsvOptions::default());
    assert_eq!(want.info.as_ref().map(|i| i.headers.clone()), Ok(vec!["a".to_string(), "b".to_string()]));
    assert_eq!(chunked(&["", "\u{feff}a,b\n", "\u{feff}1,2\n"], &CsvOptions::default()), want);
    assert_ne!(
        chunked(&["a,b\n", "\u{feff}1,2\n"], &CsvOptions::default()),
        whole("a,b\n1,2\n", &CsvOptions::default())
    );
}

#[test]
fn row_limit_names_the_first_row_too_many() {
    let rows = |n: usize, header: bool| {
        let mut text = String::with_capacity(n * 4 + 4);
        if header {
            text.push_str("a,b\n");
        }
        for _ in 0..n {
            text.push_str("1,2\n");
        }
        text
    };
    let ok = rows(MAX_CSV_ROWS, true);
    assert_eq!(parse_csv(&ok, &CsvOptions::default()).unwrap().rows(), MAX_CSV_ROWS);
    let limit = format!("at most {MAX_CSV_ROWS} can be loaded");
    let over = rows(MAX_CSV_ROWS + 1, true);
    let message =
        format!("line {}: the file has more than {MAX_CSV_ROWS} data rows; {limit}", MAX_CSV_ROWS + 2);
    assert_eq!(parse_csv(&over, &CsvOptions::default()).unwrap_err().to_string(), message);
    assert_eq!(chunked(&by_lines(&over, 20_000), &CsvOptions::default()).data, Err(message));
    let bare = rows(MAX_CSV_ROWS + 1, false);
    let message =
        format!("line {}: the file has more than {MAX_CSV_ROWS} data rows; {limit}", MAX_CSV_ROWS + 1);
    assert_eq!(parse_csv(&bare, &CsvOptions::default()).unwrap_err().to_string(), message);
    assert_eq!(chunked(&by_lines(&bare, 7_000), &CsvOptions::default()).data, Err(message));
}

#[test]
fn byte_limit_is_checked_up_front_and_while_pushing() {
    assert!(CsvStream::check_size(MAX_CSV_BYTES).is_ok());
    let message = "the file is 60.2 MB; files up to 50 MB can be loaded";
    assert_eq!(CsvStream::check_size(60_200_000).unwrap_err().to_string(), message);
    // Blank lines only: nothing is parsed, the bytes still count.
    let mut stream = CsvStream::new();
    stream.push("\n").unwrap();
    let piece = "\n".repeat(10_000_000);
    let mut error = None;
    for _ in 0..6 {
        if let Err(e) = stream.push(&piece) {
            error = Some(e);
            break;
        }
    }
    assert_eq!(error, Some(DataError::TooManyBytes { bytes: 50_000_001, limit: MAX_CSV_BYTES }));
    assert_eq!(error.unwrap().to_string(), "the file is 50.1 MB; files up to 50 MB can be loaded");
}

#[test]
fn dataset_can_be_asked_again_with_other_options() {
    let mut stream = CsvStream::new();
    stream.push("a,b,kind\n1,2,x\n3,4,y\n").unwrap();
    assert_eq!(stream.records(), 3);
    assert_eq!(stream.bytes(), 21);
    assert_eq!(
        stream.dataset(&CsvOptions { columns: Some(vec![1]), label: None, no_label: false }).unwrap().dim(),
        1
    );
    assert_eq!(stream.dataset(&CsvOptions::default()).unwrap().dim(), 2);
    assert!(stream.push("5,6,z\n").is_err(), "no pushes after the end");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Random text over the bytes that matter to CSV, cut at random places: same outcome.
    #[test]
    fn random_text_random_cuts(
        parts in prop::collection::vec(prop::sample::select(vec![
            "1", "2.5", "-3", "x", "é", ",", ";", "\t", "\"", "\"\"", "\n", "\r", "\r\n", " ", "nan", "1e39", "\u{feff}",
        ]), 0..60),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
    ) {
        let text: String = parts.concat();
        let mut points: Vec<usize> = cuts.iter().map(|c| c.index(text.len() + 1)).filter(|&i| text.is_char_boundary(i)).collect();
        points.extend([0, text.len()]);
        points.sort_unstable();
        let pieces: Vec<&str> = points.windows(2).map(|w| &text[w[0]..w[1]]).collect();
        prop_assert_eq!(chunked(&pieces, &CsvOptions::default()), whole(&text, &CsvOptions::default()));
    }
}
