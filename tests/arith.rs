//! The arithmetic commands on a small forum in a real temp git repository: JSON shapes,
//! figures from METHODS.md, exit codes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;
use tempfile::TempDir;

const FORUM: &str = r#"Forum(
    title: "Six Forum",
    cycle: "FY2027",
    currency: "EUR",
    budget: 1000000,
    phase: Allocation,
    members: [
        Member(id: "dana", name: "Dana", email: "dana@example.com", silo: "ops", role: Facilitator),
        Member(id: "sam", name: "Sam", email: "sam@example.com", silo: "support", role: Member),
        Member(id: "lee", name: "Lee", email: "lee@example.com", silo: "billing", role: Member),
    ],
)
"#;

/// METHODS.md §4 with money ×10,000: (id, silo, cost, scores on a,b,c,d, mandatory).
const SIX: [(&str, &str, u64, [u8; 4], bool); 6] = [
    ("i1", "ops", 500_000, [4, 1, 3, 2], false),
    ("i2", "support", 400_000, [2, 0, 3, 2], false),
    ("i3", "support", 200_000, [4, 2, 1, 4], false),
    ("i4", "billing", 300_000, [4, 1, 0, 2], false),
    ("i5", "billing", 200_000, [1, 3, 3, 3], false),
    ("i6", "ops", 100_000, [0, 1, 0, 2], true),
];

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join("forums/six").join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn git(dir: &Path, home: &Path, args: &[&str]) {
    let out = crate::common::kit::git_command(dir, home)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .env("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z")
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

struct Repo {
    dir: TempDir,
    home: TempDir,
}

impl Repo {
    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn commit(&self, message: &str) {
        git(self.path(), self.home.path(), &["add", "-A"]);
        git(
            self.path(),
            self.home.path(),
            &["commit", "-q", "-m", message],
        );
    }

    fn run(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        Command::cargo_bin("roundtable")
            .unwrap()
            .arg("--repo")
            .arg(self.path())
            .args(args)
            .assert()
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        let out = self.run(&all).success().get_output().stdout.clone();
        serde_json::from_slice(&out).unwrap()
    }
}

/// The six-initiative forum; `ranked` adds ranking.ron.
fn forum(ranked: bool) -> Repo {
    let repo = Repo {
        dir: TempDir::new().unwrap(),
        home: TempDir::new().unwrap(),
    };
    let root = repo.path();
    git(root, repo.home.path(), &["init", "-q", "-b", "main"]);
    write(root, "forum.ron", FORUM);
    for (silo, name) in [
        ("ops", "Operations"),
        ("support", "Support"),
        ("billing", "Billing"),
    ] {
        write(
            root,
            &format!("silos/{silo}.ron"),
            &format!("Silo(name: \"{name}\", lead: \"dana\")\n"),
        );
    }
    for (p, title) in [
        ("a", "First 30 days"),
        ("b", "Billing clarity"),
        ("c", "First contact"),
        ("d", "Fewer outages"),
    ] {
        write(
            root,
            &format!("priorities/{p}.ron"),
            &format!(
                "Priority(title: \"{title}\", goal: Goal(metric: \"m\", baseline: 1.0, target: 2.0))\n"
            ),
        );
    }
    write(
        root,
        "ballots/dana.ron",
        "Ballot(order: [\"a\", \"b\", \"c\", \"d\"])\n",
    );
    write(
        root,
        "ballots/sam.ron",
        "Ballot(order: [\"a\", \"b\", \"c\", \"d\"])\n",
    );
    write(
        root,
        "ballots/lee.ron",
        "Ballot(order: [\"b\", \"c\", \"d\", \"a\"])\n",
    );
    let mut cards = Vec::new();
    for (id, silo, cost, s, mandatory) in SIX {
        write(
            root,
            &format!("initiatives/{silo}/{id}.ron"),
            &format!(
                "Initiative(title: \"Initiative {id}\", owner: \"dana\", cost: {cost}, mandatory: {mandatory})\n"
            ),
        );
        cards.push(format!(
            "\"{id}\": {{\"a\": {}, \"b\": {}, \"c\": {}, \"d\": {}}}",
            s[0], s[1], s[2], s[3]
        ));
    }
    write(
        root,
        "scores/forum.ron",
        &format!("Scorecard(scores: {{{}}})\n", cards.join(", ")),
    );
    if ranked {
        write(
            root,
            "ranking.ron",
            "Ranking(order: [\"a\", \"b\", \"c\", \"d\"], method: Schulze)\n",
        );
    }
    repo.commit("six");
    repo
}

fn close(v: &Value, x: f64) -> bool {
    v.as_f64().is_some_and(|v| (v - x).abs() < 1e-4)
}

fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn rank_json_shape() {
    let repo = forum(true);
    let j = repo.json(&["rank"]);
    for key in [
        "method",
        "order",
        "borda",
        "schulze_winner",
        "borda_winner",
        "cycle",
        "kendall_w",
        "agreement",
        "margins",
    ] {
        assert!(j.get(key).is_some(), "missing {key}: {j}");
    }
    assert_eq!(j["method"], "Schulze");
    assert_eq!(ids(&j["order"]), ["a", "b", "c", "d"]);
    assert!(close(&j["borda"]["b"], 7.0));
    assert_eq!(j["schulze_winner"], "a");
    assert_eq!(j["borda_winner"], "b");
    assert_eq!(j["cycle"], false);
    assert!(close(&j["agreement"]["lee"], 0.5));
    assert_eq!(j["margins"]["b"]["c"], 3);
}

#[test]
fn weights_and_values_json() {
    let repo = forum(true);
    let w = repo.json(&["weights"]);
    assert_eq!(w["weighting"], "RankOrderCentroid");
    assert_eq!(ids(&w["order"]), ["a", "b", "c", "d"]);
    assert!(close(&w["weights"]["a"], 0.5208));
    assert!(close(&w["weights"]["d"], 0.0625));

    let v = repo.json(&["values"]);
    let list = v["initiatives"].as_array().unwrap();
    assert_eq!(list.len(), 6);
    let i4 = list.iter().find(|x| x["id"] == "i4").unwrap();
    for key in ["id", "silo", "cost", "value", "scores", "flags"] {
        assert!(i4.get(key).is_some(), "missing {key}");
    }
    assert_eq!(i4["silo"], "billing");
    assert_eq!(i4["cost"], 300_000);
    assert!(close(&i4["value"], 2.4792));
    assert!(close(&i4["scores"]["a"], 4.0));
    assert!(i4["flags"].is_array());
}

#[test]
fn allocate_dry_run_json() {
    let repo = forum(true);
    let j = repo.json(&["allocate", "--dry-run"]);
    assert_eq!(j["rule"], "Optimal");
    assert_eq!(j["budget"], 1_000_000);
    assert_eq!(ids(&j["funded"]), ["i1", "i3", "i5", "i6"]);
    assert_eq!(j["total_cost"], 1_000_000);
    assert!(close(&j["total_value"], 8.2917));
    assert_eq!(j["proven_optimal"], true);
    assert_eq!(ids(&j["greedy"]["funded"]), ["i3", "i4", "i5", "i6"]);
    assert_eq!(j["greedy"]["total_cost"], 800_000);
    assert!(close(&j["greedy"]["total_value"], 7.8542));

    let g = repo.json(&["allocate", "--dry-run", "--rule", "greedy"]);
    assert_eq!(g["rule"], "Greedy");
    assert_eq!(ids(&g["funded"]), ["i3", "i4", "i5", "i6"]);
    assert_eq!(g["proven_optimal"], false);

    let b = repo.json(&["allocate", "--dry-run", "--budget", "850000"]);
    assert_eq!(b["budget"], 850_000);
    assert_eq!(ids(&b["funded"]), ["i3", "i4", "i5", "i6"]);
}

#[test]
fn whatif_and_sensitivity_json() {
    let repo = forum(true);
    let w = repo.json(&["whatif", "--cut", "15"]);
    assert_eq!(w["budget"], 850_000);
    assert_eq!(ids(&w["dropped"]), ["i1"]);
    assert_eq!(ids(&w["added"]), ["i4"]);
    assert_eq!(w["non_nested"], true);
    assert!(close(&w["total_value"], 7.8542));
    let same = repo.json(&["whatif", "--budget", "1000000"]);
    assert_eq!(same["non_nested"], false);
    assert_eq!(ids(&same["dropped"]), Vec::<String>::new());

    let s = repo.json(&["sensitivity"]);
    assert!(close(&s["margins"]["i1"], -0.4375));
    assert!(close(&s["margins"]["i3"], -1.8542));
    assert!(close(&s["margins"]["i5"], -0.7917));
    assert!(close(&s["margins"]["i2"], 0.7917));
    assert!(close(&s["margins"]["i4"], 0.4375));
    assert!(s["margins"]["i6"].is_null());
    assert!(
        s["margin_points"]["i4"]
            .as_f64()
            .is_some_and(|x| (x - 1.615).abs() < 1e-3)
    );
    for p in ["a", "b", "c", "d"] {
        let t = &s["weight_thresholds"][p];
        assert!(t.get("up").is_some() && t.get("down").is_some(), "{p}: {t}");
    }
}

#[test]
fn allocation_refused_before_ranking() {
    let repo = forum(false);
    for args in [
        vec!["allocate", "--dry-run"],
        vec!["whatif", "--budget", "5"],
        vec!["sensitivity"],
    ] {
        repo.run(&args).code(1).stderr(predicates::str::contains(
            "budget is allocated only after the priorities are ranked",
        ));
    }
    let r = repo.json(&["rank"]);
    assert_eq!(r["decided"], false);
    assert_eq!(ids(&r["order"]), ["a", "b", "c", "d"]);
}

#[test]
fn decision_paths_need_a_decider_and_keep_the_gates() {
    let repo = forum(true);
    repo.run(&["allocate"])
        .code(1)
        .stderr(predicates::str::contains("--dry-run"));
    // The ranking is locked from Scoring on (tests/history covers the decision paths).
    repo.run(&["rank", "--by", "dana"]).code(1);
}

#[test]
fn text_reads_like_a_page_and_rev_reads_history() {
    let repo = forum(true);
    let out = repo
        .run(&["allocate", "--dry-run"])
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    for needle in [
        "Budget EUR 1,000,000",
        "proven optimal",
        "cut line",
        "500,000",
        "Greedy by value per money would fund i4 instead of i1",
        "only 200,000 left",
        "needs +0.44 value to get in",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
    // A later commit raises the budget; --rev HEAD~1 still reads the old one.
    write(
        repo.path(),
        "forum.ron",
        &FORUM.replace("1000000", "2000000"),
    );
    repo.commit("more money");
    let now = repo.json(&["allocate", "--dry-run"]);
    assert_eq!(now["budget"], 2_000_000);
    let before = repo.json(&["allocate", "--dry-run", "--rev", "HEAD~1"]);
    assert_eq!(before["budget"], 1_000_000);
}
