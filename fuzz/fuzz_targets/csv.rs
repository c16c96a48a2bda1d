//! libFuzzer target: the CSV reader and the scaler on any text. The first two bytes pick a
//! chunk size (so a run tries every size), the rest is the text (lossy UTF-8): read whole, in
//! chunks of 1 byte and of the picked size, cut at every line break, and with LF, CRLF and CR
//! line ends; all must agree, errors must name lines that exist, scalings must be finite.
//! (`check_csv_input`; the test suite replays the kept corpus through the same function.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use som_playground_fuzz::csv_check::check_csv_input;

fuzz_target!(|data: &[u8]| {
    if let Err(problem) = check_csv_input(data) {
        panic!("{problem}");
    }
});
