// The bodies of the fuzz targets, as plain functions: `cargo fuzz` runs them on generated
// input (fuzz/fuzz_targets/), and the test suite runs them on the corpus in fuzz/corpus/
// (tests/fuzz_corpus.rs), so CI exercises them without a nightly toolchain.

use roundtable::domain::snapshot::RecordKind;
use roundtable::domain::text::{is_dangerous, sanitize, sanitize_multiline};
use roundtable::store::decode::decode;

/// Every record kind the decoder knows.
pub const KINDS: [RecordKind; 15] = [
    RecordKind::Forum,
    RecordKind::Silo,
    RecordKind::Evidence,
    RecordKind::Priority,
    RecordKind::Ballot,
    RecordKind::Ranking,
    RecordKind::Initiative,
    RecordKind::Scorecard,
    RecordKind::Allocation,
    RecordKind::Action,
    RecordKind::Endorsement,
    RecordKind::Delivery,
    RecordKind::Readings,
    RecordKind::Spend,
    RecordKind::Review,
];

/// The decoder on one input (its first byte picks the kind): it never panics, and its
/// messages are safe to print.
pub fn decode_one(data: &[u8]) {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let kind = KINDS[usize::from(*first) % KINDS.len()];
    if let Err(problem) = decode("fuzz.ron", kind, rest) {
        let shown = problem.to_string();
        assert!(!shown.chars().any(|c| c != '\n' && is_dangerous(c)));
    }
}

/// The sanitiser on one input: nothing dangerous survives, and sanitising twice changes
/// nothing.
pub fn sanitize_one(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let shown = sanitize(&text);
    assert!(!shown.chars().any(is_dangerous));
    assert_eq!(sanitize(&shown), shown);
    let multi = sanitize_multiline(&text);
    assert!(!multi.chars().any(|c| c != '\n' && is_dangerous(c)));
}
