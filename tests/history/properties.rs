//! Properties of the authority model on random histories: any sequence of decisions made
//! through the library verifies, and any hand edit of a forum file made without a decision
//! afterwards is named by `verify`.

use super::Forum;
use proptest::prelude::*;
use roundtable::domain::decision::{Motion, plan};
use roundtable::domain::records::Phase;
use roundtable::store::decide::{Decision, branch_tip, decide};
use roundtable::store::history::replay::verify;
use roundtable::store::repo::ForumRepo;

const MEMBERS: [&str; 2] = ["dana", "sam"];
const PRIORITIES: [&str; 3] = ["p1", "p2", "p3"];
const INITIATIVES: [&str; 3] = ["portal", "chatbot", "journey"];

/// One random step: which motion, by whom, and its numbers.
#[derive(Debug, Clone)]
enum Step {
    Ballot(usize, usize),
    Advance,
    Reopen(usize),
    Score(usize, usize, usize, u8),
    Budget(u64),
    Rank,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..2usize, 0..6usize).prop_map(|(m, p)| Step::Ballot(m, p)),
        Just(Step::Advance),
        (0..5usize).prop_map(Step::Reopen),
        (0..2usize, 0..3usize, 0..3usize, 0..5u8).prop_map(|(m, i, p, n)| Step::Score(m, i, p, n)),
        (1..5_000u64).prop_map(Step::Budget),
        Just(Step::Rank),
    ]
}

fn permutation(k: usize) -> Vec<String> {
    let mut order: Vec<String> = PRIORITIES.iter().map(|p| p.to_string()).collect();
    order.rotate_left(k % 3);
    if k >= 3 {
        order.swap(0, 1);
    }
    order
}

/// Tries one step as a decision through the library; a refusal writes nothing.
fn apply(repo: &ForumRepo, step: &Step) {
    let Ok(loaded) = repo.load_at("f", "HEAD") else {
        return;
    };
    let s = &loaded.snapshot;
    let (motion, by) = match step {
        Step::Ballot(m, p) => (
            Motion::Ballot {
                member: MEMBERS[*m].into(),
                order: permutation(*p),
            },
            MEMBERS[*m],
        ),
        Step::Advance => (Motion::Advance, "dana"),
        Step::Reopen(to) => (
            Motion::Reopen {
                to: Phase::ALL[*to],
            },
            "dana",
        ),
        Step::Score(m, i, p, n) => (
            Motion::Score {
                member: MEMBERS[*m].into(),
                scores: vec![(INITIATIVES[*i].into(), PRIORITIES[*p].into(), *n)],
            },
            MEMBERS[*m],
        ),
        Step::Budget(b) => (Motion::Budget { amount: *b }, "dana"),
        Step::Rank => (
            Motion::Rank {
                order: roundtable::domain::analysis::analyse(s).ranking.order,
                manual: false,
            },
            "dana",
        ),
    };
    let Ok(p) = plan(s, &motion, "a reason", &[]) else {
        return;
    };
    let Ok(d) = Decision::planned("f", &p, "a reason", by, vec![by.to_string()]) else {
        return;
    };
    let tip = branch_tip(repo, "refs/heads/main").ok().flatten();
    let _ = decide(repo, "refs/heads/main", tip, &d);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn decisions_always_verify_and_a_hand_edit_is_always_named(
        steps in proptest::collection::vec(step(), 1..14),
        file in 0usize..5,
    ) {
        let f = Forum::new("Ranking");
        let repo = ForumRepo::open(f.path()).unwrap();
        for s in &steps {
            apply(&repo, s);
        }
        let tip = repo.resolve("HEAD").unwrap();
        let verdict = verify(&repo, "f", tip).unwrap();
        prop_assert!(verdict.violations.is_empty(), "{:?} after {:?}", verdict.violations, steps);
        // Any hand edit of a forum file, without a decision, is named.
        let (rel, text) = [
            ("forum.ron", super::forum_ron("Evidence", 1)),
            ("ballots/sam.ron", r#"Ballot(order: ["p2", "p3", "p1"])"#.to_string()),
            ("scores/dana.ron", r#"Scorecard(scores: {"journey": {"p2": 1}})"#.to_string()),
            ("evidence/loss.ron", r#"Evidence(kind: LossReview, title: "Edited")"#.to_string()),
            ("initiatives/support/portal.ron", r#"Initiative(title: "Portal", owner: "sam", cost: 1, addresses: ["p1"])"#.to_string()),
        ][file].clone();
        f.write(rel, &text);
        let hash = f.hand_commit("A quiet fix");
        let tip = repo.resolve("HEAD").unwrap();
        let verdict = verify(&repo, "f", tip).unwrap();
        prop_assert!(
            verdict.violations.iter().any(|b| b.entry.commit.starts_with(&hash)
                && b.messages.iter().any(|m| m.contains("changed without a decision"))),
            "{hash} ({rel}) is named: {:?}", verdict.violations
        );
    }
}
