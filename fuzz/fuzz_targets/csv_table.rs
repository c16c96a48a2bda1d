//! libFuzzer target: the bytes drive a generated table with at most one planted fault; the
//! error must name exactly the planted line (LF, CRLF, CR and mixed line ends). The last byte
//! picks the chunk size for the whole-versus-chunked check.
#![no_main]

use libfuzzer_sys::fuzz_target;
use som_playground_fuzz::csv_check::check_table_with;

fuzz_target!(|data: &[u8]| {
    let size = 1 + usize::from(data.last().copied().unwrap_or(0));
    if let Err(problem) = check_table_with(data, Some(&[1, size, 4096])) {
        panic!("{problem}");
    }
});
