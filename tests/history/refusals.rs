//! Every refusal of every decision command, on the real binary: exit code 1, the message, the
//! hint, and nothing written. Gate refusals (a phase that does not take the record) are in
//! `decisions.rs`; `accept` and `check --proposal` are in `tests/proposals/`.

use super::Forum;

/// Runs `args`, expects exit 1 with `error: {message}` and `hint: {hint}` on stderr, and no
/// new commit.
fn refused(f: &Forum, args: &[&str], message: &str, hint: &str) {
    let before = f.commit_count();
    let (code, out, err) = f.run(args);
    assert_eq!(code, 1, "{args:?}\nstdout: {out}\nstderr: {err}");
    assert!(
        err.contains(&format!("error: {message}")),
        "{args:?}: {err}"
    );
    assert!(err.contains(&format!("hint: {hint}")), "{args:?}: {err}");
    assert_eq!(f.commit_count(), before, "{args:?} wrote a commit");
}

#[test]
fn ballot_refusals() {
    let f = Forum::new("Ranking");
    refused(
        &f,
        &[
            "ballot", "sam", "p1", "p2", "p1", "--by", "sam", "--reason", "r",
        ],
        "`p1` appears twice on the ballot",
        "list each priority once, most important first",
    );
    refused(
        &f,
        &[
            "ballot", "sam", "p1", "p2", "p33", "--by", "sam", "--reason", "r",
        ],
        "`p33` is not a priority of the forum",
        "did you mean `p3`?",
    );
    refused(
        &f,
        &["ballot", "sam", "p1", "p2", "p3"],
        "say who decides: --by MEMBER",
        "every decision is authored by a member of forum.ron",
    );
    refused(
        &f,
        &[
            "ballot", "sam", "p1", "p2", "p3", "--by", "dan", "--reason", "r",
        ],
        "`dan` is not a member of the forum",
        "did you mean `dana`?",
    );
}

#[test]
fn score_refusals() {
    let f = Forum::new("Scoring");
    refused(
        &f,
        &[
            "score", "sam", "portal", "p1=x", "--by", "sam", "--reason", "r",
        ],
        "the score for `p1` must be a whole number from 0 to",
        "write e.g. first-30-days=3 (0 means it does not help)",
    );
    refused(
        &f,
        &[
            "score", "sam", "portal", "p1=-1", "--by", "sam", "--reason", "r",
        ],
        "the score for `p1` must be a whole number from 0 to",
        "write e.g. first-30-days=3",
    );
    refused(
        &f,
        &[
            "score", "sam", "portal", "p1", "--by", "sam", "--reason", "r",
        ],
        "`p1` is not PRIORITY=N",
        "e.g. first-30-days=3",
    );
    refused(
        &f,
        &[
            "score", "sam", "portl", "p1=3", "--by", "sam", "--reason", "r",
        ],
        "`portl` is not an initiative of the forum",
        "did you mean `portal`?",
    );
}

#[test]
fn manual_rank_refusals_then_a_manual_rank_verifies() {
    let f = Forum::new("Ranking");
    refused(
        &f,
        &["rank", "--manual", "p2", "p1", "p3", "--by", "dana"],
        "a manual ranking needs a reason",
        "add --reason \"why the forum sets its own order\"",
    );
    refused(
        &f,
        &[
            "rank", "--manual", "p2", "p1", "--by", "dana", "--reason", "r",
        ],
        "the ranking must list every priority exactly once",
        "`roundtable rank` shows the priorities; list each of them once",
    );
    refused(
        &f,
        &[
            "rank", "--manual", "p2", "p1", "p4", "--by", "dana", "--reason", "r",
        ],
        "`p4` is not a priority of the forum",
        "the priorities are: p1, p2, p3",
    );
    f.ok(&[
        "rank",
        "--manual",
        "p2",
        "p1",
        "p3",
        "--by",
        "dana",
        "--reason",
        "The board asked for billing first",
    ]);
    let out = f.ok(&["verify"]);
    assert!(out.contains("every gate holds"), "{out}");
}

/// A forum in Allocation with its ranking and scores decided by commands.
fn in_allocation() -> Forum {
    let f = Forum::new("Ranking");
    f.ok(&["rank", "--by", "dana", "--reason", "Schulze"]);
    f.ok(&["advance", "--by", "dana", "--reason", "Ranked"]);
    for (initiative, score) in [("portal", "p1=4"), ("chatbot", "p2=3"), ("journey", "p3=2")] {
        f.ok(&[
            "score", "sam", initiative, score, "--by", "sam", "--reason", "mine",
        ]);
    }
    f.ok(&["advance", "--by", "dana", "--reason", "Scored"]);
    f
}

#[test]
fn allocate_refusals_then_a_greedy_allocation_verifies() {
    let f = in_allocation();
    let a = |rest: &[&str]| {
        let mut v = vec!["allocate", "--by", "dana", "--reason", "r"];
        v.extend_from_slice(rest);
        v.into_iter().map(str::to_string).collect::<Vec<_>>()
    };
    let run = |rest: &[&str], message: &str, hint: &str| {
        let args = a(rest);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        refused(&f, &args, message, hint);
    };
    run(
        &["--set", "portl=0", "--line-reason", "portl=x"],
        "`portl` is not an initiative of the forum",
        "did you mean `portal`?",
    );
    run(
        &["--set", "zzzzzzzz=0"],
        "`zzzzzzzz` is not an initiative of the forum",
        "`roundtable values` lists the initiatives' ids",
    );
    run(
        &["--set", "portal=1.5", "--line-reason", "portal=x"],
        "`1.5` is not a whole amount",
        "money is a whole number of the forum's currency unit",
    );
    run(
        &["--set", "portal"],
        "`portal` is not ID=AMOUNT",
        "write it as ID=AMOUNT, e.g. portal=0",
    );
    run(
        &["--set", "portal=0"],
        "the line for `portal` differs from the rule: give its reason",
        "add --line-reason portal=\"why\"",
    );
    run(
        &["--budget", "500"],
        "--budget solves at another budget and needs --dry-run",
        "to change the forum's budget, decide it with `roundtable budget AMOUNT --by MEMBER`",
    );
    refused(
        &f,
        &["allocate", "--reason", "r"],
        "say who decides: --by MEMBER",
        "to print the rule's result without deciding anything, add --dry-run",
    );
    refused(
        &f,
        &["allocate", "--dry-run", "--set", "portal=0"],
        "--dry-run prints the rule's result; it does not apply --set or --line-reason",
        "drop --set to see the rule's result, or drop --dry-run to decide the allocation with the overrides",
    );
    refused(
        &f,
        &["allocate", "--by", "sam", "--reason", "r"],
        "only a facilitator may allocate the budget; `sam` is not one",
        "ask the forum's facilitator to run it (--by FACILITATOR)",
    );
    f.ok(&[
        "allocate",
        "--rule",
        "greedy",
        "--by",
        "dana",
        "--reason",
        "Greedy, as the board asked",
    ]);
    let m = f.head_message();
    assert_eq!(m.trailers.decision.as_deref(), Some("allocate"));
    let out = f.ok(&["verify"]);
    assert!(out.contains("every gate holds"), "{out}");
}

#[test]
fn budget_advance_and_reopen_refusals() {
    let f = Forum::new("Ranking");
    refused(
        &f,
        &["budget", "5", "--by", "sammy"],
        "`sammy` is not a member of the forum",
        "did you mean `sam`?",
    );
    refused(
        &f,
        &["budget", "650", "--reason", "r"],
        "say who decides: --by MEMBER",
        "every decision is authored by a member of forum.ron",
    );
    refused(
        &f,
        &["advance", "--by", "sam", "--reason", "r"],
        "only a facilitator may move the forum between phases; `sam` is not one",
        "ask the forum's facilitator to run it (--by FACILITATOR)",
    );
    refused(
        &f,
        &["reopen", "--to", "Evidence", "--by", "dana"],
        "reopening the forum needs a reason",
        "add --reason \"why the forum goes back\"",
    );
    refused(
        &f,
        &["reopen", "--to", "Scoring", "--by", "dana", "--reason", "r"],
        "reopen takes the forum back: Scoring is not before Ranking",
        "to move forward, use `roundtable advance`",
    );
    refused(
        &f,
        &["reopen", "--to", "Rankin", "--by", "dana", "--reason", "r"],
        "`Rankin` is not a phase",
        "phases: ",
    );
}

#[test]
fn reorg_refusals() {
    let f = Forum::new("Ranking");
    refused(
        &f,
        &["silo", "rename", "support", "care", "--by", "dana"],
        "a reorganisation needs a reason",
        "add --reason \"why the forum reorganises\" (the minutes show it)",
    );
    refused(
        &f,
        &[
            "silo", "rename", "support", "support", "--by", "dana", "--reason", "r",
        ],
        "silo `support` is already called that",
        "give the new id as the second argument",
    );
    refused(
        &f,
        &[
            "silo", "rename", "support", "Care!", "--by", "dana", "--reason", "r",
        ],
        "`Care!` is not a valid silo id",
        "an id is lower-case letters",
    );
    refused(
        &f,
        &[
            "silo", "rename", "support", "cx", "--by", "dana", "--reason", "r",
        ],
        "silo `cx` already exists",
        "to fold `support` into it, use `roundtable silo merge support cx`",
    );
    refused(
        &f,
        &["silo", "merge", "cx", "cx", "--by", "dana", "--reason", "r"],
        "a silo cannot be merged into itself",
        "name the silo it folds into: `roundtable silo merge FROM INTO`",
    );
    refused(
        &f,
        &[
            "silo", "merge", "suport", "cx", "--by", "dana", "--reason", "r",
        ],
        "there is no silo `suport`",
        "",
    );
    refused(
        &f,
        &[
            "member", "reassign", "sam", "samm", "--by", "dana", "--reason", "r",
        ],
        "`samm` is not a member of the forum",
        "",
    );
}
