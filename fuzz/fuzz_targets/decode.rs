//! Fuzzes the RON decoder with every record kind: it must never panic, and its messages
//! must be safe to print (the body is shared with the corpus test, fuzz/bodies.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

include!("../bodies.rs");

fuzz_target!(|data: &[u8]| decode_one(data));
