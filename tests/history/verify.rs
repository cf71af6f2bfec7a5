//! `verify` names every commit that breaks a rule, for each kind of hand-made violation.

use super::{Forum, forum_ron};

const TRAILERS: &str = "\n\nForum: f\nDecided-By: dana\nPresent: dana";

fn decided(summary: &str, kind: &str) -> String {
    format!("{summary}\n\nBecause the room said so.{TRAILERS}\nDecision: {kind}\n")
}

fn allocation(amount_portal: u64, amount_chatbot: u64) -> String {
    format!(
        r#"Allocation(rule: Optimal, budget: 600, lines: [
    Line(initiative: "portal", amount: {amount_portal}, reason: "rule"),
    Line(initiative: "chatbot", amount: {amount_chatbot}, reason: "rule"),
])
"#
    )
}

/// Ranks and advances to `Scoring` with the real binary.
fn locked() -> Forum {
    let f = Forum::new("Ranking");
    f.ok(&["rank", "--by", "dana", "--reason", "ballots agree"]);
    f.ok(&["advance", "--by", "dana", "--reason", "lock"]);
    f
}

fn expect_broken(f: &Forum, hash: &str, rule: &str) {
    let (code, out, err) = f.run(&["verify"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains(&format!("commit {hash} ")),
        "names {hash}: {out}"
    );
    assert!(out.contains(&format!("[{rule}]")), "rule {rule}: {out}");
    assert!(
        out.contains("Dana") || out.contains("Clerk") || out.contains("Sam"),
        "names the author: {out}"
    );
    assert!(out.contains("2026-01-01"), "names the date: {out}");
    let json = f.ok_or_1(&["verify", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let named = v["violations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["entry"]["commit"].as_str().unwrap().starts_with(hash))
        .unwrap_or_else(|| panic!("{hash} is in the list: {json}"));
    assert_eq!(named["rule"], rule, "{json}");
}

impl Forum {
    fn ok_or_1(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
        assert!(code == 0 || code == 1, "{err}");
        out
    }
}

#[test]
fn a_clean_history_passes() {
    let f = locked();
    let out = f.ok(&["verify"]);
    assert!(out.contains("3 commits"), "{out}");
}

#[test]
fn allocation_before_the_ranking_lock() {
    let f = Forum::new("Ranking");
    f.write("allocation.ron", &allocation(300, 200));
    let bad = f.hand_commit(&decided("Allocate early", "allocate"));
    f.write("forum.ron", &forum_ron("Ranking", 700));
    f.hand_commit(&decided("Budget", "budget"));
    expect_broken(&f, &bad, "allocation-phase");
    let (_, out, _) = f.run(&["verify"]);
    assert!(
        out.contains("budget is allocated only after the priorities are ranked"),
        "{out}"
    );
}

#[test]
fn ranking_edited_after_the_lock() {
    let f = locked();
    f.write(
        "ranking.ron",
        r#"Ranking(order: ["p3", "p2", "p1"], method: Schulze)"#,
    );
    let bad = f.hand_commit(&decided("Tweak the ranking", "rank"));
    expect_broken(&f, &bad, "ranking-locked");
    // Verifying the commit before it passes.
    f.ok(&["verify", "--rev", "HEAD~1"]);
}

#[test]
fn allocation_over_budget() {
    let f2 = locked();
    f2.ok(&["advance", "--by", "dana", "--reason", "scored"]);
    f2.write(
        "initiatives/support/portal.ron",
        r#"Initiative(title: "Portal", owner: "sam", cost: 500, addresses: ["p1"])"#,
    );
    f2.hand_commit(&decided("Portal costs more", "edit"));
    f2.write("allocation.ron", &allocation(500, 200));
    let bad = f2.hand_commit(&decided("Allocate everything", "allocate"));
    expect_broken(&f2, &bad, "allocation-lines");
    let (_, out, _) = f2.run(&["verify"]);
    assert!(out.contains("over the budget of 600"), "{out}");
}

#[test]
fn phase_change_without_a_trailer() {
    let f = Forum::new("Evidence");
    f.write("forum.ron", &forum_ron("Priorities", 600));
    let bad = f.hand_commit("Move on to priorities");
    f.write("forum.ron", &forum_ron("Priorities", 650));
    f.hand_commit(&decided("Budget", "budget"));
    expect_broken(&f, &bad, "hand-edit");
}

#[test]
fn an_allocation_that_differs_from_its_rule_needs_reasons() {
    let f = locked();
    // Dana scores: Sam recuses himself from his own silo's initiatives.
    f.ok(&["score", "dana", "portal", "p1=4", "--by", "dana"]);
    f.ok(&["advance", "--by", "dana", "--reason", "scored"]);
    // The rule funds the portal; this allocation leaves it out without saying why.
    f.write(
        "allocation.ron",
        r#"Allocation(rule: Optimal, budget: 600, lines: [Line(initiative: "chatbot", amount: 200, reason: "the board asked")])"#,
    );
    let bad = f.hand_commit(&decided("Allocate", "allocate"));
    expect_broken(&f, &bad, "allocation-reproducible");
    let (_, out, _) = f.run(&["verify"]);
    assert!(out.contains("the Optimal rule funds `portal`"), "{out}");
}

#[test]
fn scores_before_scoring_are_caught() {
    let f = Forum::new("Ranking");
    f.write(
        "scores/sam.ron",
        r#"Scorecard(scores: {"journey": {"p1": 3}})"#,
    );
    let bad = f.hand_commit(&decided("Score early", "score"));
    f.write("ballots/sam.ron", r#"Ballot(order: ["p2", "p1", "p3"])"#);
    f.hand_commit(&decided("Ballot", "ballot"));
    expect_broken(&f, &bad, "scores-too-early");
}

#[test]
fn phase_moves_by_a_non_facilitator_are_caught() {
    let f = Forum::new("Evidence");
    f.write("forum.ron", &forum_ron("Priorities", 600));
    let bad =
        f.hand_commit("Advance\n\nForum: f\nDecision: advance\nDecided-By: sam\nPresent: sam\n");
    expect_broken(&f, &bad, "authority");
    let (_, out, _) = f.run(&["verify"]);
    assert!(
        out.contains("an advance decision is a facilitator's decision; `sam` is not a facilitator"),
        "{out}"
    );
}

#[test]
fn scores_taken_in_scoring_are_still_judged_after_a_reopen() {
    let f = locked();
    // Scores from Scoring on break nothing; verify reads them only once a gate needs them.
    f.ok(&["score", "dana", "portal", "p1=4", "--by", "dana"]);
    f.ok(&["score", "dana", "portal", "p1=2", "--by", "dana"]);
    f.ok(&[
        "reopen", "--to", "Ranking", "--by", "dana", "--reason", "rethink",
    ]);
    f.write(
        "scores/dana.ron",
        r#"Scorecard(scores: {"portal": {"p1": 2}})"#,
    );
    f.hand_commit("Reformat the scorecard\n");
    f.write(
        "scores/dana.ron",
        r#"Scorecard(scores: {"portal": {"p1": 3}})"#,
    );
    let bad = f.hand_commit(&decided("Score while ranking", "score"));
    expect_broken(&f, &bad, "scores-too-early");
}

#[test]
fn a_score_change_under_a_standing_allocation_is_judged_against_its_rule() {
    let f = locked();
    f.ok(&["score", "dana", "portal", "p1=4", "--by", "dana"]);
    f.ok(&["advance", "--by", "dana", "--reason", "scored"]);
    f.ok(&["allocate", "--by", "dana", "--reason", "the rule"]);
    f.ok(&["verify"]);
    // The rule would now fund the chatbot instead: the standing allocation is no longer its
    // result, and the score commit says nothing about it.
    f.write(
        "scores/dana.ron",
        r#"Scorecard(scores: {"portal": {"p1": 0}, "chatbot": {"p2": 4, "p3": 4}})"#,
    );
    let bad = f.hand_commit(&decided("Rescore", "score"));
    // Scorecards are frozen by the allocation: the rescore is named for that first.
    expect_broken(&f, &bad, "authority");
    let (_, out, _) = f.run(&["verify"]);
    assert!(
        out.contains("scorecards are frozen once the budget is allocated"),
        "{out}"
    );
}
