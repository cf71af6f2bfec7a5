//! Fuzzes the sanitiser: nothing dangerous survives, and sanitising twice changes nothing
//! (the body is shared with the corpus test, fuzz/bodies.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

include!("../bodies.rs");

fuzz_target!(|data: &[u8]| sanitize_one(data));
