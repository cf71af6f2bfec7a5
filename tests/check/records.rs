//! Every record type round-trips through RON; random and mutated input never panics and
//! every error it causes is located.

use super::sandbox::invalid_dir;
use proptest::prelude::*;
use roundtable::domain::maps::UniqueMap;
use roundtable::domain::records::*;
use roundtable::domain::snapshot::RecordKind;
use roundtable::store::decode::{AnyRecord, decode};
use roundtable::store::layout::{Place, classify};
use roundtable::store::repo::assemble;
use roundtable::store::source::{Listing, RawFile};
use std::path::Path;

fn goal() -> Goal {
    Goal {
        metric: "30-day churn".into(),
        unit: "%".into(),
        baseline: 6.1,
        target: 4.0,
        by: Some("2027-09".into()),
    }
}

fn every_record() -> Vec<(RecordKind, AnyRecord)> {
    let weights: UniqueMap<f64> = [("a".to_string(), 0.4), ("b".to_string(), 0.6)]
        .into_iter()
        .collect();
    let scores: UniqueMap<UniqueMap<u8>> = [(
        "portal".to_string(),
        [("a".to_string(), 4u8), ("b".to_string(), 0)]
            .into_iter()
            .collect(),
    )]
    .into_iter()
    .collect();
    vec![
        (
            RecordKind::Forum,
            AnyRecord::Forum(Forum {
                title: "FY2027 \"CX\" Forum".into(),
                cycle: "FY2027".into(),
                currency: "EUR".into(),
                budget: u64::MAX,
                phase: Phase::Closed,
                scale: 10,
                ranking_method: RankingMethod::Borda,
                weighting: Weighting::Explicit(weights),
                allocation_rule: AllocationRule::Greedy,
                recusal: false,
                members: vec![Member {
                    id: "sam".into(),
                    name: "Sam Okafor".into(),
                    email: "sam@example.com".into(),
                    silo: "support".into(),
                    role: Role::Observer,
                    handle: Some("@sam".into()),
                    signing_key: Some("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBxtestkey sam".into()),
                    customer: true,
                    left: Some("2027-06-30".into()),
                    commitments: Vec::new(),
                }],
                signing: Signing::Required,
                required_evidence: Some(vec![
                    vec![EvidenceKind::LossReview],
                    vec![EvidenceKind::SegmentMovement, EvidenceKind::Survey],
                ]),
                evidence_max_age_months: Some(18),
                planning_date: Some("2026-11".into()),
                quorum: None,
                defence: None,
            }),
        ),
        (
            RecordKind::Silo,
            AnyRecord::Silo(Silo {
                name: "Support".into(),
                lead: "sam".into(),
                commitment: "Halve repeats.\n\tBy Q3.".into(),
                cap: Some(5),
            }),
        ),
        (
            RecordKind::Evidence,
            AnyRecord::Evidence(Evidence {
                kind: EvidenceKind::CustomerCouncil,
                title: "Council".into(),
                period: "2026".into(),
                source: "notes".into(),
                summary: "Long\ntext with \\ and \"quotes\"".into(),
                metrics: vec![Metric {
                    name: "n".into(),
                    value: -1.5e-3,
                    unit: "".into(),
                    baseline: None,
                    series: vec![("2026-01".into(), 5.1), ("2026-02".into(), -0.25)],
                }],
                invited: Some(10_000),
                responded: Some(680),
                segments: vec![SegmentResponse {
                    name: "accounts under 90 days".into(),
                    invited: 1_000,
                    responded: 21,
                }],
                carried_from: Some("FY2026".into()),
                session: None,
            }),
        ),
        (
            RecordKind::Priority,
            AnyRecord::Priority(Priority {
                title: "First 30 days".into(),
                customer_problem: "On hold.".into(),
                evidence: vec!["a".into(), "b".into()],
                goal: goal(),
            }),
        ),
        (
            RecordKind::Ballot,
            AnyRecord::Ballot(Ballot {
                order: vec!["a".into(), "b".into()],
            }),
        ),
        (
            RecordKind::Ranking,
            AnyRecord::Ranking(Ranking {
                order: vec!["b".into(), "a".into()],
                method: RankingMethod::Manual,
                note: "The CEO's call.".into(),
                computed: vec!["a".into(), "b".into()],
            }),
        ),
        (
            RecordKind::Initiative,
            AnyRecord::Initiative(Initiative {
                title: "Portal".into(),
                summary: "".into(),
                owner: "sam".into(),
                cost: 350_000,
                addresses: vec!["a".into()],
                goal: Some(goal()),
                depends_on: vec!["x".into()],
                excludes: vec!["y".into()],
                mandatory: true,
                contributions: Vec::new(),
            }),
        ),
        (
            RecordKind::Scorecard,
            AnyRecord::Scorecard(Scorecard {
                scores,
                notes: [("portal".to_string(), "Assumes CRM.".to_string())]
                    .into_iter()
                    .collect(),
            }),
        ),
        (
            RecordKind::Allocation,
            AnyRecord::Allocation(Allocation {
                rule: AllocationRule::Optimal,
                budget: 2_400_000,
                lines: vec![Line {
                    initiative: "portal".into(),
                    amount: 350_000,
                    reason: "Top value.".into(),
                }],
                note: "n".into(),
            }),
        ),
        (
            RecordKind::Action,
            AnyRecord::Action(roundtable::domain::records::ActionItem {
                owner: "sam".into(),
                due: "2026-12-03".into(),
                text: "The revised CRM cost".into(),
                closed: Some(roundtable::domain::records::Closing {
                    on: "2026-12-02".into(),
                    note: "Down 10 %".into(),
                }),
            }),
        ),
    ]
}

fn to_ron(record: &AnyRecord) -> String {
    let config = ron::ser::PrettyConfig::default().struct_names(true);
    match record {
        AnyRecord::Forum(r) => ron::ser::to_string_pretty(r, config),
        AnyRecord::Silo(r) => ron::ser::to_string_pretty(r, config),
        AnyRecord::Evidence(r) => ron::ser::to_string_pretty(r, config),
        AnyRecord::Priority(r) => ron::ser::to_string_pretty(r, config),
        AnyRecord::Ballot(r) => ron::ser::to_string_pretty(r, config),
        AnyRecord::Ranking(r) => ron::ser::to_string_pretty(r, config),
        AnyRecord::Initiative(r) => ron::ser::to_string_pretty(r, config),
        AnyRecord::Scorecard(r) => ron::ser::to_string_pretty(r, config),
        AnyRecord::Allocation(r) => ron::ser::to_string_pretty(r, config),
        AnyRecord::Action(r) => ron::ser::to_string_pretty(r, config),
        AnyRecord::Endorsement(r) => ron::ser::to_string_pretty(r, config),
        AnyRecord::Delivery(r) => ron::ser::to_string_pretty(r, config),
        AnyRecord::Readings(r) => ron::ser::to_string_pretty(r, config),
        AnyRecord::Spend(r) => ron::ser::to_string_pretty(r, config),
        AnyRecord::Review(r) => ron::ser::to_string_pretty(r, config),
    }
    .unwrap()
}

#[test]
fn every_record_type_round_trips() {
    let all = every_record();
    assert_eq!(all.len(), 10);
    for (kind, record) in all {
        let text = to_ron(&record);
        let back = decode("x.ron", kind, text.as_bytes()).unwrap_or_else(|p| panic!("{p}\n{text}"));
        assert_eq!(back, record, "{text}");
    }
}

/// Every record file of a forum folder, with its repository path and kind.
fn forum_files(dir: &Path, prefix: &str, out: &mut Vec<(String, Vec<u8>)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        let path = format!("{prefix}/{name}");
        if entry.file_type().unwrap().is_dir() {
            forum_files(&entry.path(), &path, out);
        } else {
            out.push((path, std::fs::read(entry.path()).unwrap()));
        }
    }
}

fn base_files() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    forum_files(&invalid_dir().join("_base"), "forums/t", &mut files);
    files.sort();
    files
}

fn kind_of(path: &str) -> RecordKind {
    match classify(path) {
        Place::Record { record, .. } => record.kind,
        Place::Stray { .. } => panic!("{path}"),
    }
}

#[test]
fn the_base_and_example_forums_round_trip() {
    let mut files = base_files();
    let example = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("forums")
        .join("fy2027-cx");
    forum_files(&example, "forums/fy2027-cx", &mut files);
    for (path, bytes) in files {
        let kind = kind_of(&path);
        let record = decode(&path, kind, &bytes).unwrap_or_else(|p| panic!("{p}"));
        let again = decode(&path, kind, to_ron(&record).as_bytes()).unwrap();
        assert_eq!(again, record, "{path}");
    }
}

/// Tokens that make mutations interesting for a RON parser.
const PIECES: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "\\",
    "-",
    "NaN",
    "inf",
    "1e400",
    "Some(",
    "r#\"",
    "/*",
    "//",
    "\n",
    "\u{202e}",
    "\u{0}",
    "'",
    "#![enable(implicit_some)]",
    "cost",
    "\"portal\"",
    "99999999999999999999999",
    "Line(",
    "first-30-day",
];

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize, usize),
    Insert(usize, usize),
    Byte(usize, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0usize..20).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (any::<usize>(), 0..PIECES.len()).prop_map(|(a, p)| Mutation::Insert(a, p)),
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Mutation::Byte(a, b)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len().max(1);
    match *m {
        Mutation::Delete(a, n) => {
            let a = a % len;
            let end = (a + n).min(bytes.len());
            if a < end {
                bytes.drain(a..end);
            }
        }
        Mutation::Insert(a, p) => {
            let a = a % (bytes.len() + 1);
            bytes.splice(a..a, PIECES[p].bytes());
        }
        Mutation::Byte(a, b) => {
            if !bytes.is_empty() {
                let a = a % bytes.len();
                bytes[a] = b;
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic_and_errors_are_located(
        bytes in proptest::collection::vec(any::<u8>(), 0..300),
        k in 0usize..9,
    ) {
        let kind = every_record()[k].0;
        if let Err(p) = decode("forums/t/x.ron", kind, &bytes) {
            prop_assert_eq!(p.path.as_str(), "forums/t/x.ron");
            prop_assert!(p.line.is_some() && p.col.is_some(), "{}", p);
        }
    }

    #[test]
    fn mutated_forums_never_panic_and_every_error_is_located(
        file in 0usize..13,
        mutations in proptest::collection::vec(mutation(), 1..6),
    ) {
        let mut files = base_files();
        let i = file % files.len();
        for m in &mutations {
            apply(&mut files[i].1, m);
        }
        let (path, bytes) = files[i].clone();
        let listing = Listing {
            files: files.into_iter().map(|(path, bytes)| RawFile { path, bytes }).collect(),
            problems: Vec::new(),
        };
        match assemble("t", listing) {
            Ok(loaded) => {
                for p in &loaded.problems {
                    prop_assert!(p.line.is_some() && p.col.is_some(), "{}", p);
                }
            }
            Err(e) => prop_assert!(path.ends_with("forum.ron"), "{} {:?}", e, String::from_utf8_lossy(&bytes)),
        }
    }
}
