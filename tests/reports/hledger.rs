//! `roundtable export hledger` round-trips with the totals of the allocation.
//!
//! With `hledger` on PATH the journal is read by the real hledger (Debian's package works:
//! `apt-get install hledger`). Without it, the test reads the journal by these rules, which
//! are the subset of the journal format the export writes:
//! - a line starting `;` is a comment; a blank line ends a transaction;
//! - a line starting `~ ` opens a periodic transaction (`~ PERIOD  DESCRIPTION`);
//! - an indented line is a posting: an account name, then after two or more spaces an
//!   optional amount `NUMBER COMMODITY`, then an optional `; comment`;
//! - at most one posting per transaction has no amount: it takes the balancing amount;
//! - every transaction must balance to zero.

use super::common::Forum;
use std::collections::BTreeMap;
use std::process::Command;

type Totals = BTreeMap<String, i64>;

/// Reads the journal by the documented rules; panics on anything else.
fn parse(journal: &str) -> Totals {
    let mut totals = Totals::new();
    let mut open: Vec<(String, Option<i64>)> = Vec::new();
    let close = |open: &mut Vec<(String, Option<i64>)>, totals: &mut Totals| {
        let sum: i64 = open.iter().filter_map(|p| p.1).sum();
        let missing = open.iter().filter(|p| p.1.is_none()).count();
        assert!(missing <= 1, "two postings without an amount");
        assert!(missing == 1 || sum == 0, "an unbalanced transaction");
        for (account, amount) in open.drain(..) {
            *totals.entry(account).or_default() += amount.unwrap_or(-sum);
        }
    };
    for line in journal.lines() {
        if line.starts_with(';') {
            continue;
        }
        if line.trim().is_empty() {
            close(&mut open, &mut totals);
        } else if let Some(head) = line.strip_prefix("~ ") {
            assert!(open.is_empty(), "a transaction inside a transaction");
            assert!(head.contains("  "), "no description: {line}");
        } else if line.starts_with("    ") {
            let body = line.split(';').next().unwrap().trim();
            let (account, amount) = match body.split_once("  ") {
                Some((a, rest)) => {
                    let mut parts = rest.split_whitespace();
                    let n: i64 = parts.next().unwrap().parse().unwrap();
                    assert_eq!(parts.next(), Some("EUR"));
                    (a.trim().to_string(), Some(n))
                }
                None => (body.to_string(), None),
            };
            assert!(!account.contains(' '), "{account}");
            open.push((account, amount));
        } else {
            panic!("unexpected line {line:?}");
        }
    }
    close(&mut open, &mut totals);
    totals
}

fn hledger_on_path() -> bool {
    Command::new("hledger")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The real hledger's per-account balances of the year's forecast budget.
fn hledger_totals(file: &std::path::Path) -> Totals {
    let out = Command::new("hledger")
        .arg("-f")
        .arg(file)
        .args([
            "balance",
            "--forecast=2027-01-01..2028-01-01",
            "--flat",
            "-N",
            "--no-elide",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let mut parts = l.split_whitespace();
            let n: i64 = parts.next().unwrap().parse().unwrap();
            assert_eq!(parts.next(), Some("EUR"));
            (parts.next().unwrap().to_string(), n)
        })
        .collect()
}

fn export(f: &Forum) -> (std::path::PathBuf, String) {
    let file = f.path().join("plan.journal");
    f.roundtable()
        .args(["export", "hledger", "--out"])
        .arg(&file)
        .assert()
        .success();
    let text = std::fs::read_to_string(&file).unwrap();
    (file, text)
}

fn check(f: &Forum, expected: &[(&str, i64)], budget: i64) {
    let (file, text) = export(f);
    let mut totals = parse(&text);
    if hledger_on_path() {
        assert_eq!(
            hledger_totals(&file),
            totals,
            "hledger and the documented parser agree"
        );
    }
    assert_eq!(totals.remove("assets:budget"), Some(-budget));
    let allocated: i64 = expected.iter().map(|e| e.1).sum();
    let unallocated = totals.remove("budget:unallocated").unwrap_or(0);
    assert_eq!(unallocated, budget - allocated);
    let expected: Totals = expected
        .iter()
        .map(|(a, n)| ((*a).to_string(), *n))
        .collect();
    assert_eq!(totals, expected);
}

#[test]
fn the_rule_result_round_trips() {
    let f = Forum::new();
    let (_, text) = export(&f);
    assert!(text.contains("NOT DECIDED YET"));
    assert!(text.contains("~ yearly from 2027-01-01  support: Customer Support"));
    let snapshot = super::brief::example();
    let analysis = roundtable::domain::analysis::analyse(&snapshot);
    let portfolio = analysis.portfolio();
    let expected: Vec<(String, i64)> = portfolio
        .funded
        .iter()
        .map(|id| {
            let p = &snapshot.initiatives[id];
            (
                format!("budget:{}:{id}", p.silo),
                i64::try_from(p.initiative.cost).unwrap(),
            )
        })
        .collect();
    assert_eq!(expected.iter().map(|e| e.1).sum::<i64>(), 2_378_000);
    let expected: Vec<(&str, i64)> = expected.iter().map(|(a, n)| (a.as_str(), *n)).collect();
    check(&f, &expected, 2_400_000);
}

const ALLOCATION: &str = r#"Allocation(
    rule: Optimal,
    budget: 2400000,
    lines: [
        Line(initiative: "einvoicing-de-fr", amount: 312000, reason: "Regulatory: mandatory."),
        Line(initiative: "guided-setup", amount: 265000, reason: "Highest value."),
        Line(initiative: "onboarding-concierge", amount: 200000, reason: "Five specialists, not six."),
        Line(initiative: "refund-in-one-step", amount: 44000, reason: "Cheap and fast."),
    ],
    note: "A first tranche.",
)
"#;

#[test]
fn a_decided_allocation_round_trips_and_works_with_balance_budget() {
    let f = Forum::new();
    let forum = std::fs::read_to_string(f.path().join("forums/fy2027-cx/forum.ron")).unwrap();
    f.write(
        "forums/fy2027-cx/forum.ron",
        &forum.replace("phase: Scoring", "phase: Allocation"),
    );
    f.write("forums/fy2027-cx/allocation.ron", ALLOCATION);
    f.git(&["add", "."]);
    f.commit_at("2026-11-20T12:00:00+01:00", &["-q", "-m", "Allocate"]);
    check(
        &f,
        &[
            ("budget:product:einvoicing-de-fr", 312_000),
            ("budget:product:guided-setup", 265_000),
            ("budget:support:onboarding-concierge", 200_000),
            ("budget:finance:refund-in-one-step", 44_000),
        ],
        2_400_000,
    );
    let (file, text) = export(&f);
    assert!(text.contains("decided by the forum"));
    if hledger_on_path() {
        let actuals = f.path().join("actuals.journal");
        std::fs::write(
            &actuals,
            "2027-03-01 Specialists hired\n    budget:support:onboarding-concierge    50000 EUR\n    assets:bank\n",
        )
        .unwrap();
        let out = Command::new("hledger")
            .arg("-f")
            .arg(&file)
            .arg("-f")
            .arg(&actuals)
            .args(["balance", "--budget", "-Y", "^budget:support"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            text.contains("budget:support:onboarding-concierge"),
            "{text}"
        );
        assert!(
            text.contains("50000 EUR") && text.contains("200000 EUR"),
            "{text}"
        );
    }
}

/// hledger's tag syntax as hledger reads a comment: a word ending in `:` opens a tag, and a
/// bracketed date sets the posting's date. Written here from hledger's manual, not from the
/// export's own escaping.
fn tags_in(comment: &str) -> Vec<String> {
    let mut found: Vec<String> = comment
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter_map(|w| w.find(':').map(|i| w[..=i].to_string()))
        .collect();
    if comment.contains('[') {
        found.push("[date]".into());
    }
    found
}

#[test]
fn a_title_with_tag_syntax_becomes_no_hledger_tag() {
    let f = Forum::new();
    let rel = "forums/fy2027-cx/initiatives/support/onboarding-concierge.ron";
    let text = std::fs::read_to_string(f.path().join(rel)).unwrap();
    let hostile = "Portal, date:2031-06-30, budget:fake tag [2031-07-01]";
    f.write(
        rel,
        &text.replace("Setup concierge for the first 30 days", hostile),
    );
    f.git(&["add", "."]);
    f.commit_at("2026-11-20T12:00:00+01:00", &["-q", "-m", "Hostile title"]);
    f.roundtable().args(["check"]).assert().success();
    let (file, journal) = export(&f);
    assert!(journal.contains("Portal, date=2031-06-30"), "{journal}");
    for line in journal.lines().filter(|l| l.starts_with("    ")) {
        if let Some((_, comment)) = line.split_once(';') {
            assert_eq!(tags_in(comment), Vec::<String>::new(), "{line}");
        }
    }
    // The money stays in 2027: the real hledger agrees with the documented parser.
    let totals = parse(&journal);
    assert_eq!(totals["budget:support:onboarding-concierge"], 214_000);
    if hledger_on_path() {
        assert_eq!(hledger_totals(&file), totals);
        let out = Command::new("hledger")
            .arg("-f")
            .arg(&file)
            .args(["tags", "--forecast=2027-01-01..2028-01-01"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let tags = String::from_utf8_lossy(&out.stdout).into_owned();
        let from_data: Vec<&str> = tags
            .lines()
            .filter(|t| {
                !t.trim_start_matches('_')
                    .starts_with("generated-transaction")
            })
            .collect();
        assert!(from_data.is_empty(), "tags taken from the data: {tags}");
    }
}
