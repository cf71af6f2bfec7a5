//! `roundtable audit` on a real temp repository built with decisions: the right commit behind
//! each step, the JSON shape, a silo renamed under an initiative, and an unknown id.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use tempfile::TempDir;

const FORUM_RON: &str = r#"Forum(
    title: "Test Forum",
    cycle: "FY2027",
    currency: "EUR",
    budget: 1200000,
    phase: Ranking,
    members: [
        Member(id: "dana", name: "Dana Whitfield", email: "dana@example.com", silo: "cx", role: Facilitator),
        Member(id: "sam", name: "Sam Okafor", email: "sam@example.com", silo: "support", role: Member),
        Member(id: "lee", name: "Lee Chen", email: "lee@example.com", silo: "it", role: Member),
    ],
)
"#;

const FILES: &[(&str, &str)] = &[
    ("silos/cx.ron", r#"Silo(name: "CX Office", lead: "dana")"#),
    ("silos/support.ron", r#"Silo(name: "Support", lead: "sam")"#),
    ("silos/it.ron", r#"Silo(name: "IT", lead: "lee")"#),
    (
        "evidence/loss.ron",
        r#"Evidence(kind: LossReview, title: "Loss review", period: "2026", source: "CRM export")"#,
    ),
    (
        "priorities/p1.ron",
        r#"Priority(title: "First days", evidence: ["loss"], goal: Goal(metric: "churn", baseline: 6.0, target: 4.0))"#,
    ),
    (
        "priorities/p2.ron",
        r#"Priority(title: "Billing", evidence: ["loss"], goal: Goal(metric: "calls", baseline: 3.0, target: 1.0))"#,
    ),
    (
        "initiatives/support/portal.ron",
        r#"Initiative(title: "Portal", owner: "sam", cost: 300000, addresses: ["p1"])"#,
    ),
    (
        "initiatives/cx/journey.ron",
        r#"Initiative(title: "Journey", owner: "dana", cost: 800000, addresses: ["p1", "p2"])"#,
    ),
    ("ballots/dana.ron", r#"Ballot(order: ["p1", "p2"])"#),
    ("ballots/sam.ron", r#"Ballot(order: ["p1", "p2"])"#),
];

pub struct Repo {
    dir: TempDir,
    home: TempDir,
}

impl Repo {
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, rel: &str) -> PathBuf {
        self.path().join("forums/f").join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.file(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn git(&self, args: &[&str]) -> String {
        let out = crate::common::kit::git_command(self.path(), self.home.path())
            .args(args)
            .env("GIT_AUTHOR_DATE", "2026-01-05T10:00:00Z")
            .env("GIT_COMMITTER_DATE", "2026-01-05T10:00:00Z")
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn head(&self) -> String {
        self.git(&["rev-parse", "HEAD"]).trim().to_string()
    }

    pub fn rt(&self, args: &[&str]) -> (i32, String, String) {
        let out = crate::common::kit::roundtable_command(self.path(), self.home.path())
            .env("GIT_AUTHOR_DATE", "2026-02-03T09:30:00Z")
            .env("GIT_COMMITTER_DATE", "2026-02-03T09:30:00Z")
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// Runs a decision command; returns the new commit's hash.
    pub fn decide(&self, args: &[&str]) -> String {
        let (code, out, err) = self.rt(args);
        assert_eq!(code, 0, "roundtable {args:?}\n{out}\n{err}");
        self.head()
    }

    pub fn audit_json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = vec!["audit"];
        all.extend(args);
        all.extend(["--format", "json"]);
        let (code, out, err) = self.rt(&all);
        assert_eq!(code, 0, "{err}");
        serde_json::from_str(&out).unwrap()
    }
}

fn trailers(kind: &str) -> String {
    format!("Forum: f\nDecision: {kind}\nDecided-By: dana\nPresent: dana, sam")
}

/// The history: set-up, rank, lock, a proposal branch merged as `accept`, scores, the
/// support silo renamed to `care`, then the allocation. Returns the hashes of each step.
pub struct History {
    pub repo: Repo,
    pub setup: String,
    pub ranked: String,
    pub locked: String,
    pub proposed: String,
    pub accepted: String,
    pub scored_dana: String,
    pub scored_lee: String,
    pub renamed: String,
    pub allocated: String,
}

pub fn history() -> History {
    let repo = Repo {
        dir: TempDir::new().unwrap(),
        home: TempDir::new().unwrap(),
    };
    repo.git(&["init", "-q", "-b", "main", "."]);
    repo.git(&["config", "user.name", "Clerk"]);
    repo.git(&["config", "user.email", "clerk@example.com"]);
    repo.write("forum.ron", FORUM_RON);
    for (rel, text) in FILES {
        repo.write(rel, text);
    }
    repo.git(&["add", "-A"]);
    let msg = format!(
        "Set up the forum\n\nThe cycle starts.\n\n{}",
        trailers("init")
    );
    repo.git(&["commit", "-q", "-m", &msg]);
    let setup = repo.head();
    let ranked = repo.decide(&["rank", "--by", "dana", "--reason", "Schulze"]);
    let locked = repo.decide(&["advance", "--by", "dana", "--reason", "Ranking agreed"]);

    // Support proposes an FAQ on a branch; the forum merges it as an accept decision.
    repo.git(&["checkout", "-q", "-b", "proposal/support/faq"]);
    repo.write(
        "initiatives/support/faq.ron",
        r#"Initiative(title: "Self-service FAQ", owner: "sam", cost: 200000, addresses: ["p1", "p2"])"#,
    );
    repo.git(&["add", "-A"]);
    repo.git(&["commit", "-q", "-m", "Propose a self-service FAQ"]);
    let proposed = repo.head();
    repo.write(
        "initiatives/support/faq.ron",
        r#"Initiative(title: "Self-service FAQ", owner: "sam", cost: 250000, addresses: ["p1", "p2"])"#,
    );
    repo.git(&["commit", "-q", "-am", "FAQ: cost with translations"]);
    repo.git(&["checkout", "-q", "main"]);
    let msg = format!(
        "Accept proposal/support/faq\n\nSupport's FAQ is in scope.\n\n{}",
        trailers("accept")
    );
    repo.git(&["merge", "-q", "--no-ff", "-m", &msg, "proposal/support/faq"]);
    let accepted = repo.head();

    let scored_dana = repo.decide(&[
        "score", "dana", "faq", "p1=4", "p2=2", "--by", "dana", "--reason", "Strong",
    ]);
    repo.decide(&[
        "score", "dana", "portal", "p1=2", "--by", "dana", "--reason", "Some",
    ]);
    repo.decide(&[
        "score", "sam", "faq", "p1=4", "p2=4", "--by", "sam", "--reason", "Ours",
    ]);
    let scored_lee = repo.decide(&[
        "score", "lee", "faq", "p1=3", "p2=1", "--by", "lee", "--reason", "Fine",
    ]);
    // A later score on another initiative must not move faq's scoring commit.
    repo.decide(&[
        "score", "lee", "portal", "p1=1", "--by", "lee", "--reason", "Meh",
    ]);

    // The support silo becomes `care`: files moved with git mv, references edited.
    repo.git(&[
        "mv",
        "forums/f/initiatives/support",
        "forums/f/initiatives/care",
    ]);
    repo.git(&[
        "mv",
        "forums/f/silos/support.ron",
        "forums/f/silos/care.ron",
    ]);
    let forum = std::fs::read_to_string(repo.file("forum.ron")).unwrap();
    std::fs::write(
        repo.file("forum.ron"),
        forum.replace("silo: \"support\"", "silo: \"care\""),
    )
    .unwrap();
    repo.git(&["add", "-A"]);
    let msg = format!(
        "Rename silo support to care\n\nThe reorganisation.\n\n{}",
        trailers("edit")
    );
    repo.git(&["commit", "-q", "-m", &msg]);
    let renamed = repo.head();

    repo.decide(&["advance", "--by", "dana", "--reason", "Scores are in"]);
    let allocated = repo.decide(&["allocate", "--by", "dana", "--reason", "The rule's result"]);
    History {
        repo,
        setup,
        ranked,
        locked,
        proposed,
        accepted,
        scored_dana,
        scored_lee,
        renamed,
        allocated,
    }
}

fn hash(v: &serde_json::Value) -> &str {
    v["commit"].as_str().unwrap_or("")
}

#[test]
fn each_step_names_its_commit_and_a_renamed_silo_keeps_the_trail() {
    let h = history();
    let v = h.repo.audit_json(&["faq"]);
    let t = &v["trail"];
    assert_eq!(
        hash(&t["proposed"]),
        h.proposed,
        "the branch's first commit"
    );
    assert_eq!(hash(&t["accepted"]), h.accepted, "the accept merge");
    assert_eq!(t["accepted"]["decision"], "accept");
    assert_eq!(hash(&t["ranked"]), h.ranked);
    assert_eq!(t["ranked"]["decision"], "rank");
    assert_eq!(hash(&t["locked"]), h.locked);
    assert_eq!(t["locked"]["decision"], "advance");
    assert_eq!(hash(&t["scores"]["dana"]), h.scored_dana);
    assert_eq!(hash(&t["scores"]["lee"]), h.scored_lee);
    assert_eq!(t["scores"]["lee"]["author"], "Lee Chen");
    assert_eq!(hash(&t["allocated"]), h.allocated);
    assert_eq!(t["allocated"]["decision"], "allocate");
    // The rename moved the file; the audit follows the id into the new folder.
    assert_eq!(t["moves"].as_array().unwrap().len(), 1, "{t:#}");
    assert_eq!(t["moves"][0]["from"], "support");
    assert_eq!(t["moves"][0]["to"], "care");
    assert_eq!(hash(&t["moves"][0]["commit"]), h.renamed);
    for e in t["evidence"]["loss"].as_array().unwrap() {
        assert_eq!(hash(e), h.setup);
    }
    assert_eq!(hash(&t["priorities"]["p1"][0]), h.setup);

    let c = &v["chain"];
    assert_eq!(c["initiative"]["silo"], "care");
    assert_eq!(c["initiative"]["cost"], 250000);
    // sam is in `care` now, the silo that proposed it: recused.
    let sam = c["scoring"]["scorers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["member"] == "sam")
        .unwrap();
    assert_eq!(sam["recused"], true);
    assert_eq!(c["priorities"][0]["rank"], 1);
    assert!(c["rule"]["funded"].is_boolean());
    assert_eq!(c["decision"]["amount"], 250000);
    assert_eq!(v["commit"], h.allocated);
}

#[test]
fn the_json_shape_is_stable() {
    let h = history();
    let v = h.repo.audit_json(&["portal"]);
    let keys = |x: &serde_json::Value| {
        let mut k: Vec<String> = x.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(
        keys(&v),
        ["allocations", "as_decided", "chain", "commit", "trail"]
    );
    assert_eq!(
        keys(&v["chain"]),
        [
            "currency",
            "decision",
            "forum",
            "initiative",
            "phase",
            "priorities",
            "ranking",
            "rule",
            "scoring",
            "title",
            "value",
            "value_per_100k"
        ]
    );
    assert_eq!(
        keys(&v["trail"]),
        [
            "accepted",
            "allocated",
            "changes",
            "evidence",
            "locked",
            "moves",
            "priorities",
            "proposed",
            "ranked",
            "scores",
            "walked"
        ]
    );
    for key in ["commit", "date", "author", "decision", "summary", "reason"] {
        assert!(v["trail"]["locked"].get(key).is_some(), "{key}");
    }
    // Committed in the set-up commit directly: proposed and accepted are that commit.
    assert_eq!(hash(&v["trail"]["proposed"]), h.setup);
    assert_eq!(hash(&v["trail"]["accepted"]), h.setup);
    assert_eq!(v["trail"]["moves"][0]["to"], "care");
}

#[test]
fn text_tells_the_story_and_an_old_revision_shows_the_old_silo() {
    let h = history();
    let (code, out, _) = h.repo.rt(&["audit", "faq"]);
    assert_eq!(code, 0);
    let short = |s: &str| s[..7].to_string();
    for (label, commit) in [
        ("proposed", &h.proposed),
        ("accepted", &h.accepted),
        ("moved", &h.renamed),
        ("ranked", &h.ranked),
        ("locked", &h.locked),
        ("scored", &h.scored_dana),
        ("allocated", &h.allocated),
    ] {
        let line = out
            .lines()
            .find(|l| l.trim_start().starts_with(label) && l.contains(&short(commit)));
        assert!(line.is_some(), "{label} {commit}:\n{out}");
    }
    assert!(out.contains("EUR 250,000"), "{out}");
    assert!(out.contains("moved from silo `support` to `care`"), "{out}");
    assert!(out.contains("recused"), "{out}");
    let before = h.repo.audit_json(&["faq", "--rev", &h.scored_lee]);
    assert_eq!(before["chain"]["initiative"]["silo"], "support");
    assert!(before["trail"]["moves"].as_array().unwrap().is_empty());
    assert!(before["trail"]["allocated"].is_null());
}

#[test]
fn an_unknown_initiative_gets_a_hint() {
    let h = history();
    let (code, out, err) = h.repo.rt(&["audit", "faqs"]);
    assert_eq!(code, 1, "{out}");
    assert!(err.contains("no initiative `faqs`"), "{err}");
    assert!(err.contains("did you mean `faq`?"), "{err}");
}
