//! libFuzzer target: the bytes drive a generated table with at most one planted fault; the
//! error must name exactly the planted line (LF, CRLF, CR and mixed line ends). The last byte
//! picks the chunk size for the whole-versus-chunked check. (`check_table_input`; the test
//! suite replays the kept corpus through the same function.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use som_playground_fuzz::csv_check::check_table_input;

fuzz_target!(|data: &[u8]| {
    if let Err(problem) = check_table_input(data) {
        panic!("{problem}");
    }
});
