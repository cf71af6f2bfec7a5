//! Each decision kind is defined once and known everywhere: the definition, the trailer
//! `verify` parses, the CLI's commands, the app's keymap, docs/decisions.md's authority table;
//! and the CLI and the app build the same commit for the same decision.

use crate::history::Forum;
use roundtable::domain::decision::{DEFINITIONS, Motion, definition, plan};
use roundtable::domain::phase::DecisionKind;
use roundtable::domain::records::{AllocationRule, Line, Phase};
use roundtable::store::decide::Decision;
use roundtable::store::repo::ForumRepo;
use roundtable::tui::decision_keys::DECISION_KEYS;

#[test]
fn every_kind_is_known_everywhere() {
    let docs = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/decisions.md"),
    )
    .unwrap();
    let f = Forum::new("Evidence");
    let help = f.ok(&["--help"]);
    let bound: Vec<_> = roundtable::tui::keymap::bindings()
        .into_iter()
        .map(|b| b.action)
        .collect();
    assert_eq!(DEFINITIONS.len(), DecisionKind::ALL.len());
    for kind in DecisionKind::ALL {
        let def = definition(kind);
        assert_eq!(def.kind, kind);
        // verify reads the trailer back as this kind.
        assert_eq!(DecisionKind::parse(kind.name()), Some(kind));
        // The authority table documents it.
        assert!(
            docs.contains(&format!("| `{}` |", kind.name())),
            "docs/decisions.md has no row for `{kind}`"
        );
        // The CLI has its commands.
        for command in def.commands {
            assert!(
                help.lines()
                    .any(|l| l.trim_start().starts_with(&format!("{command} "))),
                "`roundtable {command}` is not a command:\n{help}"
            );
            f.ok(&[command, "--help"]);
        }
    }
    // Every kind has a command (evidence and priorities: `roundtable evidence|priority`).
    let without: Vec<DecisionKind> = DEFINITIONS
        .iter()
        .filter(|d| d.commands.is_empty())
        .map(|d| d.kind)
        .collect();
    assert_eq!(without, []);
    // The app's decisions are bound to keys.
    for (kind, action) in DECISION_KEYS {
        assert!(bound.contains(action), "{kind}: {action:?} has no key");
    }
}

/// The commit message the app's worker would write for `motion` on the forum at HEAD.
fn app_message(f: &Forum, motion: &Motion, reason: &str, by: &str, present: &[&str]) -> String {
    let repo = ForumRepo::open(f.path()).unwrap();
    let loaded = repo.load_at("f", "HEAD").unwrap();
    let computed = roundtable::domain::analysis::analyse(&loaded.snapshot)
        .ranking
        .order;
    let p = plan(&loaded.snapshot, motion, reason, &computed).unwrap();
    Decision::planned(
        "f",
        &p,
        reason,
        by,
        present.iter().map(|p| p.to_string()).collect(),
    )
    .unwrap()
    .message()
}

fn head_message(f: &Forum) -> String {
    f.git(&["log", "-1", "--format=%B"]).trim_end().to_string() + "\n"
}

#[test]
fn the_cli_and_the_app_write_the_same_commit_for_the_same_decision() {
    let f = Forum::new("Ranking");
    let mut steps: Vec<(Motion, Vec<&str>, &str, &str)> = vec![
        (
            Motion::Ballot {
                member: "sam".into(),
                order: vec!["p3".into(), "p1".into(), "p2".into()],
            },
            vec![
                "ballot", "sam", "p3", "p1", "p2", "--by", "sam", "--reason", "mine",
            ],
            "mine",
            "sam",
        ),
        (
            Motion::Rank {
                order: vec!["p1".into(), "p3".into(), "p2".into()],
                manual: true,
            },
            vec![
                "rank", "--by", "dana", "--manual", "p1", "p3", "p2", "--reason", "the room",
            ],
            "the room",
            "dana",
        ),
        (
            Motion::Advance,
            vec!["advance", "--by", "dana", "--reason", "locked"],
            "locked",
            "dana",
        ),
        (
            Motion::Score {
                member: "dana".into(),
                scores: vec![("portal".into(), "p1".into(), 4)],
            },
            vec![
                "score", "dana", "portal", "p1=4", "--by", "dana", "--reason", "clear",
            ],
            "clear",
            "dana",
        ),
        (
            Motion::Budget { amount: 900 },
            vec!["budget", "900", "--by", "dana", "--reason", "CFO"],
            "CFO",
            "dana",
        ),
        (
            Motion::Advance,
            vec!["advance", "--by", "dana", "--reason", "scored"],
            "scored",
            "dana",
        ),
    ];
    steps.push((
        Motion::Reopen { to: Phase::Scoring },
        vec![
            "reopen",
            "--to",
            "Scoring",
            "--by",
            "dana",
            "--reason",
            "one more score",
        ],
        "one more score",
        "dana",
    ));
    for (motion, args, reason, by) in &steps {
        let expected = app_message(&f, motion, reason, by, &[by]);
        f.ok(args);
        assert_eq!(head_message(&f), expected, "{args:?}");
    }
    // The allocation: the rule's lines as the app shows them, committed by both paths alike.
    f.ok(&["advance", "--by", "dana", "--reason", "again"]);
    let repo = ForumRepo::open(f.path()).unwrap();
    let s = repo.load_at("f", "HEAD").unwrap().snapshot;
    let lines: Vec<Line> =
        roundtable::domain::phase::reproduce::rule_result(&s, AllocationRule::Optimal)
            .into_iter()
            .map(|(id, amount)| Line {
                initiative: id,
                amount,
                reason: "funded in full by the Optimal rule".into(),
            })
            .collect();
    let motion = Motion::Allocate {
        rule: AllocationRule::Optimal,
        budget: 900,
        lines,
    };
    let expected = app_message(&f, &motion, "the rule", "dana", &["dana"]);
    f.ok(&["allocate", "--by", "dana", "--reason", "the rule"]);
    assert_eq!(head_message(&f), expected);
    f.ok(&["verify"]);
}
