//! libFuzzer target: the CSV reader and the scaler on any text. The first two bytes pick a
//! chunk size (so a run tries every size), the rest is the text (lossy UTF-8): read whole, in
//! chunks of 1 byte and of the picked size, cut at every line break, and with LF, CRLF and CR
//! line ends; all must agree, errors must name lines that exist, scalings must be finite.
#![no_main]

use libfuzzer_sys::fuzz_target;
use som_playground_fuzz::csv_check::check_text_with;

fuzz_target!(|data: &[u8]| {
    let (size, rest) = match data {
        [a, b, rest @ ..] => (1 + (usize::from(*a) << 8 | usize::from(*b)), rest),
        _ => (1, data),
    };
    let text = String::from_utf8_lossy(rest);
    let size = 1 + (size - 1) % text.len().max(1);
    if let Err(problem) = check_text_with(&text, [1, size]) {
        panic!("{problem}\ninput: {text:?}");
    }
});
