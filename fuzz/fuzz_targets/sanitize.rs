//! Fuzzes the sanitiser: nothing dangerous survives, and sanitising twice changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roundtable::domain::text::{is_dangerous, sanitize, sanitize_multiline};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let shown = sanitize(&text);
    assert!(!shown.chars().any(is_dangerous));
    assert_eq!(sanitize(&shown), shown);
    let multi = sanitize_multiline(&text);
    assert!(!multi.chars().any(|c| c != '\n' && is_dangerous(c)));
});
