//! `silo rename`, `silo merge` and `member reassign` with the real binary on a temp repository:
//! one `reorg` commit each, records moved as git renames, references rewritten, `check` and
//! `verify` still pass, `audit` follows an initiative across a rename, and refusals say what
//! is wrong without writing anything.

use super::common::{Forum, ok, run};
use roundtable::store::repo::ForumRepo;

const FORUM: &str = "forums/fy2027-cx";

fn commits(f: &Forum) -> usize {
    f.git(&["rev-list", "--count", "HEAD"])
        .trim()
        .parse()
        .unwrap()
}

/// The changed paths of the last commit as `git show --name-status -M` prints them.
fn last_change(f: &Forum) -> Vec<String> {
    let out = f.git(&["show", "--format=", "--name-status", "-M", "HEAD"]);
    let mut lines: Vec<String> = out
        .lines()
        .map(|l| l.replace(&format!("{FORUM}/"), ""))
        .collect();
    lines.sort();
    lines
}

/// A decision's arguments: `args --by WHO --reason Agreed.`
fn by<'a>(who: &'a str, args: &[&'a str]) -> Vec<&'a str> {
    let mut v = args.to_vec();
    v.extend(["--by", who, "--reason", "Agreed."]);
    v
}

fn check_and_verify(f: &Forum) {
    ok(f, &["check"]);
    let verified = ok(f, &["verify"]);
    assert!(verified.contains("every gate holds"), "{verified}");
    assert!(f.git(&["status", "--porcelain"]).is_empty());
}

fn worktree(f: &Forum) -> roundtable::domain::snapshot::Snapshot {
    let repo = ForumRepo::open(f.path()).unwrap();
    let loaded = repo.load_at("fy2027-cx", "HEAD").unwrap();
    assert!(!loaded.has_errors(), "{:?}", loaded.problems);
    loaded.snapshot
}

#[test]
fn a_silo_rename_is_one_reorg_commit_that_keeps_the_history() {
    let f = Forum::new();
    let before = commits(&f);
    let out = ok(
        &f,
        &[
            "silo",
            "rename",
            "support",
            "customer-care",
            "--by",
            "dana",
            "--reason",
            "Support becomes Customer Care under one director.",
            "--present",
            "dana,sam",
        ],
    );
    assert!(out.contains("reorg decision"), "{out}");
    assert_eq!(commits(&f), before + 1);
    let message = f.git(&["log", "-1", "--format=%B"]);
    assert!(message.starts_with(
        "Rename silo support to customer-care (4 initiatives, 1 member)\n\nSupport becomes Customer Care under one director.\n"
    ));
    assert!(
        message
            .trim_end()
            .ends_with("Forum: fy2027-cx\nDecision: reorg\nDecided-By: dana\nPresent: dana, sam"),
        "{message}"
    );
    // Records move byte for byte (git sees renames); only forum.ron is edited.
    let mut expected: Vec<String> = [
        "agent-desktop-extend",
        "callback-not-hold",
        "onboarding-concierge",
        "proactive-sync-outreach",
    ]
    .iter()
    .map(|i| format!("R100\tinitiatives/support/{i}.ron\tinitiatives/customer-care/{i}.ron"))
    .collect();
    expected.push("M\tforum.ron".into());
    expected.push("R100\tsilos/support.ron\tsilos/customer-care.ron".into());
    expected.sort();
    assert_eq!(last_change(&f), expected);
    let diff = f.git(&[
        "show",
        "--format=",
        "-U0",
        "HEAD",
        "--",
        "forums/fy2027-cx/forum.ron",
    ]);
    assert!(
        diff.contains("-            silo: \"support\",\n+            silo: \"customer-care\",")
    );
    assert!(!f.path().join(FORUM).join("initiatives/support").exists());
    let s = worktree(&f);
    assert_eq!(s.member("sam").unwrap().silo, "customer-care");
    assert_eq!(s.initiatives["callback-not-hold"].silo, "customer-care");
    assert_eq!(s.silos["customer-care"].lead, "sam");
    check_and_verify(&f);
    // The history follows the initiative across the rename.
    let followed = f.git(&[
        "log",
        "--follow",
        "--format=%s",
        "--",
        "forums/fy2027-cx/initiatives/customer-care/callback-not-hold.ron",
    ]);
    assert_eq!(
        followed.lines().collect::<Vec<_>>(),
        [
            "Rename silo support to customer-care (4 initiatives, 1 member)",
            "Initial forum"
        ]
    );
    let log = ok(&f, &["log", "--decision", "reorg"]);
    assert!(
        log.contains("Rename silo support to customer-care"),
        "{log}"
    );
    let minutes = ok(&f, &["minutes"]);
    assert!(minutes.contains("Support becomes Customer Care under one director."));
}

#[test]
fn merge_and_reassign_are_reorg_commits_and_leave_votes_alone() {
    let f = Forum::new();
    let before = commits(&f);
    ok(&f, &by("dana", &["silo", "merge", "sales", "marketing"]));
    assert_eq!(commits(&f), before + 1);
    assert!(
        f.git(&["log", "-1", "--format=%B"])
            .contains("\nDecision: reorg\n")
    );
    let change = last_change(&f);
    assert!(
        change.contains(&"D\tsilos/sales.ron".to_string()),
        "{change:?}"
    );
    assert!(change.contains(
        &"R100\tinitiatives/sales/quote-matches-invoice.ron\tinitiatives/marketing/quote-matches-invoice.ron"
            .to_string()
    ));
    let s = worktree(&f);
    assert!(!s.silos.contains_key("sales"));
    assert_eq!(s.member("marco").unwrap().silo, "marketing");
    check_and_verify(&f);

    ok(&f, &by("dana", &["member", "reassign", "sam", "dana"]));
    assert_eq!(commits(&f), before + 2);
    let change = last_change(&f);
    assert!(
        change.contains(&"M\tsilos/support.ron".to_string()),
        "{change:?}"
    );
    assert!(change.iter().all(|c| c.starts_with('M')
        && (c.contains("initiatives/support/") || c.ends_with("silos/support.ron"))));
    let s = worktree(&f);
    assert_eq!(s.silos["support"].lead, "dana");
    assert!(s.initiatives.values().all(|p| p.initiative.owner != "sam"));
    assert!(s.ballots.contains_key("sam") && s.scorecards.contains_key("sam"));
    check_and_verify(&f);
    let log = ok(&f, &["log", "--member", "dana", "--decision", "reorg"]);
    assert!(log.contains("Merge silo sales into marketing") && log.contains("Reassign sam's"));
}

#[test]
fn reorganising_works_in_every_phase_and_keeps_the_allocation_reproducible() {
    let f = Forum::new();
    // A silo nobody sits in, so the rename moves records without touching forum.ron.
    f.write(
        "forums/fy2027-cx/silos/ops.ron",
        "Silo(name: \"Operations\", lead: \"aisha\")\n",
    );
    f.write(
        "forums/fy2027-cx/initiatives/ops/status-sms.ron",
        "Initiative(\n    title: \"Outage notices by text\",\n    owner: \"aisha\",\n    cost: 4000,\n    addresses: [\"tell-me-first\"],\n)\n",
    );
    f.git(&["add", "."]);
    f.commit_at(
        "2026-11-03T09:00:00+01:00",
        &[
            "-q",
            "-m",
            "Add operations\n\nA new silo and its first initiative.\n\nForum: fy2027-cx\nDecision: edit\nDecided-By: dana\nPresent: dana",
        ],
    );
    let with = |args: &[&'static str]| by("dana", args);
    ok(
        &f,
        &with(&["score", "dana", "status-sms", "tell-me-first=4"]),
    );
    ok(&f, &with(&["silo", "rename", "ops", "operations"]));
    assert!(!last_change(&f).contains(&"M\tforum.ron".to_string()));
    ok(&f, &with(&["advance"]));
    ok(&f, &with(&["allocate"]));
    let s = worktree(&f);
    let allocation = s.allocation.as_ref().unwrap();
    assert!(
        allocation
            .lines
            .iter()
            .any(|l| l.initiative == "status-sms")
    );
    check_and_verify(&f);
    // In Allocation and in Closed: the allocation stays as it was, and is still reproduced.
    ok(&f, &with(&["silo", "rename", "marketing", "growth"]));
    ok(&f, &with(&["advance"]));
    ok(&f, &with(&["silo", "merge", "operations", "it"]));
    ok(&f, &with(&["member", "reassign", "aisha", "lee"]));
    let after = worktree(&f);
    assert_eq!(after.allocation, s.allocation);
    assert_eq!(after.initiatives["status-sms"].silo, "it");
    let unexplained = roundtable::domain::phase::reproduce::unexplained(&after);
    assert!(unexplained.is_empty(), "{unexplained:?}");
    check_and_verify(&f);
}

#[test]
fn a_merge_that_would_change_what_the_rule_funds_is_refused() {
    let f = Forum::new();
    f.write(
        "forums/fy2027-cx/initiatives/sales/price-notice-text.ron",
        "Initiative(\n    title: \"Price notice by text\",\n    owner: \"marco\",\n    cost: 1000,\n    addresses: [\"billing-clarity\"],\n)\n",
    );
    f.git(&["add", "."]);
    f.commit_at(
        "2026-11-03T09:00:00+01:00",
        &[
            "-q",
            "-m",
            "A small sales idea\n\nForum: fy2027-cx\nDecision: propose\nDecided-By: dana\nPresent: dana",
        ],
    );
    // Only priya (marketing) scores it: once sales is merged into marketing, recusal drops it.
    ok(
        &f,
        &by(
            "priya",
            &["score", "priya", "price-notice-text", "billing-clarity=4"],
        ),
    );
    ok(&f, &by("dana", &["advance"]));
    ok(&f, &by("dana", &["allocate"]));
    let before = commits(&f);
    let (code, _, err) = run(&f, &by("dana", &["silo", "merge", "sales", "marketing"]));
    assert_eq!(code, 1);
    assert!(
        err.contains("the Optimal rule would stop funding `price-notice-text`"),
        "{err}"
    );
    assert!(err.contains("reorganise before allocating"), "{err}");
    assert_eq!(commits(&f), before);
    // Renaming changes no number, so it is fine at the same point.
    ok(&f, &by("dana", &["silo", "rename", "sales", "revenue"]));
    check_and_verify(&f);
    // The same merge made by hand as a `reorg` commit: verify names it.
    for file in [
        "price-notice-text",
        "quote-matches-invoice",
        "sales-handoff-notes",
        "upgrade-path-advisors",
    ] {
        let at = |silo: &str| format!("forums/fy2027-cx/initiatives/{silo}/{file}.ron");
        f.git(&["mv", &at("revenue"), &at("marketing")]);
    }
    f.git(&["rm", "-q", "forums/fy2027-cx/silos/revenue.ron"]);
    let forum = std::fs::read_to_string(f.path().join(FORUM).join("forum.ron")).unwrap();
    f.write(
        "forums/fy2027-cx/forum.ron",
        &forum.replace("silo: \"revenue\"", "silo: \"marketing\""),
    );
    f.git(&["add", "-A"]);
    f.commit_at(
        "2026-11-04T09:00:00+01:00",
        &["-q", "-m", "Merge revenue into marketing\n\nBy hand.\n\nForum: fy2027-cx\nDecision: reorg\nDecided-By: dana"],
    );
    let (code, out, _) = run(&f, &["verify"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("[reorg-allocation]") && out.contains("Merge revenue into marketing"),
        "{out}"
    );
}

#[test]
fn refusals_are_clear_and_write_nothing() {
    let f = Forum::new();
    let before = commits(&f);
    let cases: &[(&[&str], &[&str])] = &[
        (
            &[
                "silo", "rename", "suport", "care", "--by", "dana", "--reason", "r",
            ],
            &[
                "error: there is no silo `suport`",
                "hint: did you mean `support`?",
            ],
        ),
        (
            &[
                "silo", "rename", "support", "product", "--by", "dana", "--reason", "r",
            ],
            &[
                "silo `product` already exists",
                "roundtable silo merge support product",
            ],
        ),
        (
            &[
                "silo",
                "rename",
                "support",
                "Customer Care",
                "--by",
                "dana",
                "--reason",
                "r",
            ],
            &["`Customer Care` is not a valid silo id"],
        ),
        (
            &[
                "silo", "merge", "sales", "markting", "--by", "dana", "--reason", "r",
            ],
            &["there is no silo `markting`", "did you mean `marketing`?"],
        ),
        (
            &[
                "silo", "merge", "sales", "sales", "--by", "dana", "--reason", "r",
            ],
            &["a silo cannot be merged into itself"],
        ),
        (
            &[
                "member", "reassign", "sam", "nobody", "--by", "dana", "--reason", "r",
            ],
            &["`nobody` is not a member of the forum", "add `nobody` to"],
        ),
        (
            &[
                "member", "reassign", "sam", "dan", "--by", "dana", "--reason", "r",
            ],
            &["`dan` is not a member", "did you mean `dana`?"],
        ),
        (
            &[
                "member", "reassign", "ghost", "dana", "--by", "dana", "--reason", "r",
            ],
            &["`ghost` owns no initiative and leads no silo"],
        ),
        (
            &["silo", "rename", "support", "care", "--by", "dana"],
            &["a reorganisation needs a reason"],
        ),
        (
            &[
                "silo", "rename", "support", "care", "--by", "sam", "--reason", "r",
            ],
            &["only a facilitator may reorganise silos and members; `sam` is not one"],
        ),
        (
            &["silo", "rename", "support", "care", "--reason", "r"],
            &["say who decides: --by MEMBER"],
        ),
    ];
    for (args, wanted) in cases {
        let (code, out, err) = run(&f, args);
        assert_eq!(code, 1, "{args:?}: {out}{err}");
        for w in *wanted {
            assert!(err.contains(w), "{args:?}: expected {w:?} in {err}");
        }
        assert_eq!(commits(&f), before, "{args:?} wrote a commit");
    }
    assert!(f.git(&["status", "--porcelain"]).is_empty());
}

#[test]
fn a_renamed_silo_keeps_its_audit_trail() {
    let f = Forum::new();
    let head = |f: &Forum| f.git(&["rev-parse", "HEAD"]).trim().to_string();
    let initial = head(&f);
    ok(
        &f,
        &by(
            "dana",
            &["score", "dana", "callback-not-hold", "first-contact=3"],
        ),
    );
    let scored = head(&f);
    ok(
        &f,
        &by("dana", &["silo", "rename", "support", "customer-care"]),
    );
    let renamed = head(&f);
    let out = ok(&f, &["audit", "callback-not-hold", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let t = &v["trail"];
    // The proposal (here the forum's first commit) and the scoring are still found after the
    // initiative's file moved to the new silo's folder, and the move itself is a step.
    assert_eq!(t["proposed"]["commit"], initial, "{t:#}");
    assert_eq!(t["scores"]["dana"]["commit"], scored, "{t:#}");
    assert_eq!(t["moves"][0]["from"], "support");
    assert_eq!(t["moves"][0]["to"], "customer-care");
    assert_eq!(t["moves"][0]["commit"]["commit"], renamed);
    assert_eq!(t["moves"][0]["commit"]["decision"], "reorg");
    assert_eq!(v["chain"]["initiative"]["silo"], "customer-care");
    let text = ok(&f, &["audit", "callback-not-hold"]);
    assert!(text.contains(&renamed[..7]), "{text}");
}
