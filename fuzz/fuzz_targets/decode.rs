//! Fuzzes the RON decoder with every record kind: it must never panic, and its messages
//! must be safe to print.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roundtable::domain::snapshot::RecordKind;
use roundtable::domain::text::is_dangerous;
use roundtable::store::decode::decode;

const KINDS: [RecordKind; 9] = [
    RecordKind::Forum,
    RecordKind::Silo,
    RecordKind::Evidence,
    RecordKind::Priority,
    RecordKind::Ballot,
    RecordKind::Ranking,
    RecordKind::Initiative,
    RecordKind::Scorecard,
    RecordKind::Allocation,
];

fuzz_target!(|data: &[u8]| {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let kind = KINDS[usize::from(*first) % KINDS.len()];
    if let Err(problem) = decode("fuzz.ron", kind, rest) {
        let shown = problem.to_string();
        assert!(!shown.chars().any(|c| c != '\n' && is_dangerous(c)));
    }
});
