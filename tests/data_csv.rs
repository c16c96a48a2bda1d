//! CSV parsing: exact error messages, header and delimiter detection, column roles.

use som_playground::data::{inspect_csv, parse_csv, CsvOptions, DataError};

fn parse(text: &str) -> Result<som_playground::data::Dataset, DataError> {
    parse_csv(text, &CsvOptions::default())
}

fn err(text: &str) -> String {
    parse(text).unwrap_err().to_string()
}

fn opts(columns: Option<Vec<usize>>, label: Option<usize>) -> CsvOptions {
    CsvOptions { columns, label, no_label: false }
}

#[test]
fn wrong_column_count_names_line_17() {
    let mut text = String::from("a,b,c\n");
    for i in 2..17 {
        text.push_str(&format!("{i},1,2\n"));
    }
    text.push_str("1,2,3,4\n5,6,7\n");
    assert_eq!(err(&text), "line 17: expected 3 columns, found 4");
}

#[test]
fn column_count_counts_blank_lines() {
    assert_eq!(err("1,2\n\n\n3\n"), "line 4: expected 2 columns, found 1");
}

#[test]
fn word_in_number_column_names_line_and_column() {
    let mut text = String::from("sepal,petal\n");
    for i in 2..9 {
        text.push_str(&format!("{i}.5,0.{i}\n"));
    }
    text.push_str("1.0,abc\n2.0,3.0\n2.0,also bad\n");
    assert_eq!(err(&text), "line 9, column 'petal': 'abc' is not a number");
}

#[test]
fn word_without_header_names_column_number() {
    assert_eq!(err("1,2\n3,4\n5,6\n7,x\n"), "line 4, column 2: 'x' is not a number");
}

#[test]
fn empty_and_whitespace_only_files() {
    assert_eq!(err(""), "the file is empty");
    assert_eq!(err("  \n\t\n \r\n   "), "the file is empty");
    assert_eq!(inspect_csv("\n\n").unwrap_err(), DataError::Empty);
    assert_eq!(err("a,b,c\n"), "the file has a header but no data rows");
}

#[test]
fn nan_and_infinities_refused() {
    for bad in ["NaN", "nan", "inf", "-inf", "Infinity", "+INF"] {
        let text = format!("x,y\n1,2\n3,4\n{bad},5\n6,7\n");
        assert_eq!(err(&text), "line 4, column 'x': NaN and infinities are not allowed", "{bad}");
    }
    assert_eq!(
        err("x,y\n1,2\n1e39,4\n"),
        "line 3, column 'x': '1e39' is too large; numbers must lie within ±1e15"
    );
}

#[test]
fn blank_value_in_number_column() {
    assert_eq!(err("x,y\n1,2\n3,\n5,6\n"), "line 3, column 'y': the value is empty; a number is required");
}

#[test]
fn quoted_fields_with_commas() {
    let d = parse("\"a,1\",b,name\n1,\"2.5\",\"Smith, J.\"\n3,4,\"say \"\"hi\"\"\"\n").unwrap();
    assert_eq!(d.columns(), ["a,1", "b"]);
    assert_eq!(d.values(), [1.0, 2.5, 3.0, 4.0]);
    assert_eq!(d.labels().unwrap(), ["Smith, J.", "say \"hi\""]);
}

#[test]
fn quoted_newline_keeps_line_numbers() {
    assert_eq!(
        err("a,b\n\"multi\nline\",1\nfoo,oops\nbar,4\nbaz,5\n"),
        "line 4, column 'b': 'oops' is not a number"
    );
}

#[test]
fn header_detected_or_not() {
    let with = parse("x,y\n1,2\n3,4\n").unwrap();
    assert_eq!(with.rows(), 2);
    assert_eq!(with.columns(), ["x", "y"]);
    let without = parse("1,2\n3,4\n").unwrap();
    assert_eq!(without.rows(), 2);
    assert_eq!(without.columns(), ["x1", "x2"]);
    assert_eq!(without.values(), [1.0, 2.0, 3.0, 4.0]);
    let info = inspect_csv("1,2\n3,4\n").unwrap();
    assert!(!info.has_header);
    assert_eq!(info.headers, ["x1", "x2"]);
    // a single all-number line is data, a single all-text line a header
    assert_eq!(parse("1,2\n").unwrap().rows(), 1);
    // pandas-style blank index header
    let d = parse(",a\n0,5\n1,6\n").unwrap();
    assert_eq!(d.columns(), ["", "a"]);
}

#[test]
fn semicolon_and_tab_delimiters() {
    let semi = parse("a;b;c\n1;2;3\n4,5;6;7\n").unwrap();
    assert_eq!(semi.values(), [1.0, 2.0, 3.0, 4.5, 6.0, 7.0]);
    let tab = parse("a\tb\n1\t2\n3\t4\n").unwrap();
    assert_eq!(tab.columns(), ["a", "b"]);
    assert_eq!(tab.values(), [1.0, 2.0, 3.0, 4.0]);
    assert_eq!(err("a\tb\n1\t2\n3\tz\n5\t6\n"), "line 3, column 'b': 'z' is not a number");
}

#[test]
fn label_column_auto_detected() {
    let d = parse("name,x,y\nfoo,1,2\nbar,3,4\nfoo,5,6\n").unwrap();
    assert_eq!(d.columns(), ["x", "y"]);
    assert_eq!(d.dim(), 2);
    assert_eq!(d.labels().unwrap(), ["foo", "bar", "foo"]);
    assert_eq!(d.label_classes(), ["foo", "bar"]);
    assert_eq!(d.label_indices().unwrap(), [0, 1, 0]);
    let info = inspect_csv("name,x,y\nfoo,1,2\nbar,3,4\n").unwrap();
    assert_eq!(info.numeric, [false, true, true]);
    assert!(info.has_header);
    assert_eq!(info.rows, 2);
    assert_eq!(info.preview, [["foo", "1", "2"], ["bar", "3", "4"]]);
    assert!(parse("1,2\n3,4\n").unwrap().labels().is_none());
}

#[test]
fn explicit_columns_and_label() {
    let text = "a,b,c,d\n1,2,3,4\n5,6,7,8\n";
    let d = parse_csv(text, &opts(Some(vec![3, 1]), Some(0))).unwrap();
    assert_eq!(d.columns(), ["d", "b"]);
    assert_eq!(d.values(), [4.0, 2.0, 8.0, 6.0]);
    assert_eq!(d.labels().unwrap(), ["1", "5"]);
    // explicit numeric label leaves the rest as features
    let d = parse_csv(text, &opts(None, Some(2))).unwrap();
    assert_eq!(d.columns(), ["a", "b", "d"]);
    assert_eq!(d.labels().unwrap(), ["3", "7"]);
    // a forced text column is an error
    assert_eq!(
        parse_csv("k,x\nfoo,1\nbar,2\n", &opts(Some(vec![0, 1]), None)).unwrap_err().to_string(),
        "line 2, column 'k': 'foo' is not a number"
    );
}

#[test]
fn bad_options() {
    let text = "a,b,c\n1,2,3\n";
    let e = |o: CsvOptions| parse_csv(text, &o).unwrap_err().to_string();
    assert_eq!(
        e(opts(Some(vec![5]), None)),
        "columns: there is no column index 5; the file has 3 columns (indices 0 to 2)"
    );
    assert_eq!(
        e(opts(None, Some(3))),
        "label: there is no column index 3; the file has 3 columns (indices 0 to 2)"
    );
    assert_eq!(e(opts(Some(vec![]), None)), "columns: choose at least one column");
    assert_eq!(e(opts(Some(vec![1, 1]), None)), "columns: column index 1 is listed twice");
    assert_eq!(
        e(opts(Some(vec![0, 1]), Some(1))),
        "label: column index 1 is also a feature column; a label must be a different column"
    );
}

#[test]
fn no_numeric_columns() {
    assert_eq!(err("a,b\nx,y\nz,w\n"), "no numeric columns found");
    assert_eq!(parse_csv("a,b\n1,2\n", &opts(None, Some(0))).unwrap().columns(), ["b"]);
    assert_eq!(parse_csv("a\n1\n", &opts(None, Some(0))).unwrap_err(), DataError::NoNumericColumns);
}

#[test]
fn html_column_name_kept_verbatim() {
    let name = "<img src=x onerror=alert(1)>";
    let d = parse(&format!("{name},\"<b>&amp;</b>\"\n1,2\n3,4\n")).unwrap();
    assert_eq!(d.columns(), [name, "<b>&amp;</b>"]);
    assert_eq!(
        err(&format!("{name}\n1\nx<script>\n2\n")),
        format!("line 3, column '{name}': 'x<script>' is not a number")
    );
}

#[test]
fn line_numbers_with_crlf_cr_and_blank_lines() {
    assert_eq!(err("x,y\r\n1,2\r\n\r\n\r\n3,4\r\n5,q\r\n"), "line 6, column 'y': 'q' is not a number");
    assert_eq!(err("x,y\r1,2\r\r5,q\r7,8"), "line 4, column 'y': 'q' is not a number");
    assert_eq!(err("\n\n  \nx,y\n1,2\n \n3,4\n\n5,6,7\n"), "line 9: expected 2 columns, found 3");
}

#[test]
fn majority_rule_for_number_columns() {
    // mostly numbers: a number column, the word is reported
    assert_eq!(err("x,y\n1,2\n3,4\nfive,6\n7,8\n"), "line 4, column 'x': 'five' is not a number");
    // mostly words: a label column
    let d = parse("x,y\na,2\nb,4\n5,6\n").unwrap();
    // a tie counts as numeric
    assert_eq!(err("x,y\n1,2\nb,4\n"), "line 3, column 'x': 'b' is not a number");
    assert_eq!(d.labels().unwrap(), ["a", "b", "5"]);
}

#[test]
fn trims_whitespace_crlf_and_bom() {
    let d = parse("\u{feff} x , y \r\n 1 , 2 \r\n\r\n3,4\r\n").unwrap();
    assert_eq!(d.columns(), ["x", "y"]);
    assert_eq!(d.values(), [1.0, 2.0, 3.0, 4.0]);
}

#[test]
fn long_values_are_cut_in_messages() {
    let long = "z".repeat(100);
    let msg = err(&format!("x\n1\n2\n{long}\n"));
    assert_eq!(msg, format!("line 4, column 'x': '{}…' is not a number", "z".repeat(40)));
}

#[test]
fn a_hundred_thousand_rows_parse_into_the_right_values() {
    let mut text = String::from("a,b,c,d\n");
    for i in 0..100_000u32 {
        text.push_str(&format!("{}.25,{},{}.5,-{}\n", i % 97, i % 13, i, i % 7));
    }
    let d = parse(&text).unwrap();
    assert_eq!((d.rows(), d.dim()), (100_000, 4));
    // The last row, i = 99,999: 99999 % 97 = 89, % 13 = 3, % 7 = 4.
    assert_eq!(d.row(99_999), &[89.25, 3.0, 99_999.5, -4.0]);
}

#[test]
fn values_beyond_1e15_are_refused_so_no_distance_can_overflow() {
    assert_eq!(err("x\n1\n2e16\n"), "line 3, column 'x': '2e16' is too large; numbers must lie within ±1e15");
    let e = som_playground::data::Dataset::new(vec![1.0, -3e19], 1).unwrap_err().to_string();
    assert_eq!(e, "values: value 1 is -3e19; values must lie within ±1e15 (scale the data first)");
}

#[test]
fn no_label_leaves_a_text_column_unused() {
    let text = "x,name\n1,a\n2,b\n";
    let auto = parse_csv(text, &CsvOptions::default()).unwrap();
    assert_eq!(auto.labels().map(|l| l.len()), Some(2));
    let none = parse_csv(text, &CsvOptions { no_label: true, ..CsvOptions::default() }).unwrap();
    assert_eq!((none.labels(), none.dim()), (None, 1));
}
