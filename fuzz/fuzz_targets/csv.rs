//! libFuzzer target: any bytes, read as text (lossy UTF-8), through the CSV reader and the
//! scaler, whole and in chunks of every size, with LF, CRLF and CR line ends.
#![no_main]

use libfuzzer_sys::fuzz_target;
use som_playground_fuzz::csv_check::check_text;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Err(problem) = check_text(&text) {
        panic!("{problem}\ninput: {text:?}");
    }
});
