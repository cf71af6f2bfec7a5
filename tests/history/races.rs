//! Writers racing on the same tip: never a lost update, never two winners.

use super::{FORUM_ID, Forum};
use roundtable::domain::phase::DecisionKind;
use roundtable::domain::snapshot::{RecordKind, RecordRef};
use roundtable::store::decide::{Decision, branch_tip, decide};
use roundtable::store::error::StoreError;
use roundtable::store::repo::ForumRepo;
use std::path::Path;
use std::sync::{Arc, Barrier};

const BRANCH: &str = "refs/heads/main";

fn budget_decision(repo: &ForumRepo, tip: git2::Oid, budget: u64) -> Decision {
    let loaded = repo.load_at(FORUM_ID, &tip.to_string()).unwrap();
    let mut forum = loaded.snapshot.forum.clone();
    forum.budget = budget;
    let mut d = Decision::new(
        FORUM_ID,
        DecisionKind::Budget,
        format!("Budget {budget}"),
        "race",
        "dana",
    );
    d.when = Some((1_767_261_600, 0));
    d.put(&RecordRef::new(RecordKind::Forum, ""), &forum)
        .unwrap();
    d
}

fn current_budget(dir: &Path) -> u64 {
    let repo = ForumRepo::open(dir).unwrap();
    repo.load_at(FORUM_ID, "HEAD")
        .unwrap()
        .snapshot
        .forum
        .budget
}

#[test]
fn threads_on_the_same_tip_have_exactly_one_winner() {
    let f = Forum::new("Ranking");
    let threads = 4;
    let rounds = 40;
    let start = f.commit_count();
    for round in 0..rounds {
        let tip = branch_tip(&ForumRepo::open(f.path()).unwrap(), BRANCH)
            .unwrap()
            .unwrap();
        let barrier = Arc::new(Barrier::new(threads));
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let dir = f.path().to_path_buf();
                let barrier = Arc::clone(&barrier);
                std::thread::spawn(move || {
                    let repo = ForumRepo::open(&dir).unwrap();
                    let amount = 1000 + (round * threads + t) as u64;
                    let d = budget_decision(&repo, tip, amount);
                    barrier.wait();
                    match decide(&repo, BRANCH, Some(tip), &d) {
                        Ok(_) => Some(amount),
                        Err(StoreError::Moved { .. }) => None,
                        Err(e) => panic!("unexpected error: {e}"),
                    }
                })
            })
            .collect();
        let winners: Vec<u64> = handles
            .into_iter()
            .filter_map(|h| h.join().unwrap())
            .collect();
        assert_eq!(winners.len(), 1, "round {round}: {winners:?}");
        assert_eq!(current_budget(f.path()), winners[0]);
    }
    assert_eq!(f.commit_count(), start + rounds);
    assert_eq!(f.git(&["status", "--porcelain"]), "");
}

#[test]
fn threads_retrying_never_lose_an_update() {
    let f = Forum::new("Ranking");
    let threads = 4;
    let each = 25;
    let start = f.commit_count();
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            let dir = f.path().to_path_buf();
            std::thread::spawn(move || {
                let repo = ForumRepo::open(&dir).unwrap();
                let mut done = 0;
                while done < each {
                    let tip = branch_tip(&repo, BRANCH).unwrap().unwrap();
                    let budget = repo
                        .load_at(FORUM_ID, &tip.to_string())
                        .unwrap()
                        .snapshot
                        .forum
                        .budget;
                    let d = budget_decision(&repo, tip, budget + 1);
                    match decide(&repo, BRANCH, Some(tip), &d) {
                        Ok(_) => done += 1,
                        Err(StoreError::Moved { .. }) => {}
                        Err(e) => panic!("unexpected error: {e}"),
                    }
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(current_budget(f.path()), 600 + (threads * each) as u64);
    assert_eq!(f.commit_count(), start + threads * each);
    assert_eq!(f.git(&["status", "--porcelain"]), "");
    f.ok(&["verify"]);
}

#[test]
fn processes_racing_never_both_win() {
    let f = Forum::new("Ranking");
    let start = f.commit_count();
    let mut wins = 0;
    let mut losses = 0;
    for round in 0..35 {
        let children: Vec<_> = (0..3)
            .map(|p| {
                let amount = (2000 + round * 3 + p).to_string();
                let mut cmd = crate::common::kit::roundtable_command(f.path(), f.home.path());
                cmd.args(["budget", &amount, "--by", "dana", "--reason", "race"])
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped());
                cmd.spawn().unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            match out.status.code() {
                Some(0) => wins += 1,
                Some(1) if err.contains("the forum changed since you looked: review") => {
                    losses += 1
                }
                other => panic!("exit {other:?}: {err}"),
            }
        }
    }
    assert_eq!(wins + losses, 105);
    assert_eq!(
        f.commit_count(),
        start + wins,
        "every winner is one commit, no loser wrote"
    );
    let linear = f.git(&["rev-list", "--first-parent", "--count", "HEAD"]);
    assert_eq!(linear.trim().parse::<usize>().unwrap(), start + wins);
    assert_eq!(f.git(&["status", "--porcelain"]), "");
    f.ok(&["verify"]);
}
