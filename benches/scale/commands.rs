//! Whole commands on the generated forum, each as its own process (start, open, load,
//! analysis, output), as a user runs them.

use crate::measure::{Row, median};
use std::path::Path;
use std::process::Command;

fn run(dir: &Path, args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_roundtable"))
        .arg("--repo")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
}

/// `allocate --dry-run`, `sensitivity`, `report`, and `audit` of one initiative against
/// `git log -- <its file>` in the same run.
pub fn rows(dir: &Path, forum: &str, runs: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    for (name, args, target) in [
        (
            "`allocate --dry-run` (process: load, values, exact solve)",
            vec!["allocate", "--dry-run"],
            "proven, < 1 s",
        ),
        (
            "`sensitivity` (process: every margin and weight threshold)",
            vec!["sensitivity"],
            "< 2 s",
        ),
        (
            "`report --format md` (process)",
            vec!["report", "--format", "md"],
            "< 2 s",
        ),
    ] {
        run(dir, &args);
        let ours = median(runs, || run(dir, &args));
        rows.push(Row::new(name, ours, "—", None, target, None));
    }
    let repo = roundtable::store::repo::ForumRepo::open(dir).unwrap();
    let loaded = repo.load_at(forum, "HEAD").unwrap();
    let (id, p) = loaded.snapshot.initiatives.iter().nth(7).unwrap();
    let path = format!("forums/{forum}/initiatives/{}/{id}.ron", p.silo);
    let git = crate::measure::Git::new(dir);
    run(dir, &["audit", id]);
    let ours = median(runs, || run(dir, &["audit", id]));
    let peer = median(runs, || {
        git.run(&["log", "--format=%H", "--", &path]);
    });
    rows.push(Row::new(
        &format!("`audit {id}` (process: load, analysis, margin, trail from the history index)"),
        ours,
        "git log --format=%H -- <its file>",
        Some(peer),
        "≤ 1× (history part: `cargo bench --bench audit`)",
        None,
    ));
    rows
}
