//! Timing, the git peer, and the in-process operations the scale benchmark measures.

use git2::{Oid, Repository, Signature, Sort, Time};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub use crate::timing::{env_usize, median};

/// The medians of two measures taken in turns (one run of each, then again), so that a
/// machine whose load changes meanwhile weighs on both alike; each `f` returns its own time.
pub fn medians_in_turns(
    runs: usize,
    mut ours: impl FnMut() -> Duration,
    mut peer: impl FnMut() -> Duration,
) -> (Duration, Duration) {
    ours();
    peer();
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..runs.max(1) {
        a.push(ours());
        b.push(peer());
    }
    a.sort();
    b.sort();
    (a[a.len() / 2], b[b.len() / 2])
}

/// Times one call.
pub fn timed(f: impl FnOnce()) -> Duration {
    let t = Instant::now();
    f();
    t.elapsed()
}

/// git with a sandboxed configuration and a fixed identity.
pub struct Git {
    dir: PathBuf,
    home: PathBuf,
}

impl Git {
    pub fn new(dir: &Path) -> Git {
        let home = std::env::temp_dir().join("rt-bench-home");
        std::fs::create_dir_all(&home).unwrap();
        Git {
            dir: dir.to_path_buf(),
            home,
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new("git");
        cmd.current_dir(&self.dir)
            .args(args)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", &self.home)
            .env("GIT_AUTHOR_NAME", "Bench")
            .env("GIT_AUTHOR_EMAIL", "bench@example.com")
            .env("GIT_COMMITTER_NAME", "Bench")
            .env("GIT_COMMITTER_EMAIL", "bench@example.com")
            .env("GIT_AUTHOR_DATE", "2027-01-01T00:00:00Z")
            .env("GIT_COMMITTER_DATE", "2027-01-01T00:00:00Z");
        cmd
    }

    /// Runs git and returns its standard output (panics on failure).
    pub fn run(&self, args: &[&str]) -> String {
        let out = self.command(args).output().unwrap();
        assert!(out.status.success(), "git {args:?}: {out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs git with `input` on its standard input; returns the output bytes.
    pub fn run_with_input(&self, args: &[&str], input: &str) -> Vec<u8> {
        use std::io::Write;
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let input = input.to_string();
        let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap().unwrap();
        assert!(out.status.success());
        out.stdout
    }
}

/// A fresh local clone (objects hard-linked) with a checked-out work tree.
pub fn clone(dir: &Path, name: &str) -> PathBuf {
    let target = dir.with_file_name(format!(
        "{}-{name}",
        dir.file_name().unwrap().to_string_lossy()
    ));
    let _ = std::fs::remove_dir_all(&target);
    let git = Git::new(dir.parent().unwrap());
    git.run(&[
        "clone",
        "-q",
        &dir.to_string_lossy(),
        &target.to_string_lossy(),
    ]);
    target
}

/// The same edit for both sides: the initiative's cost changes.
pub fn edited(text: &str, n: u64) -> String {
    text.lines()
        .map(|l| {
            if l.trim_start().starts_with("cost:") {
                format!("    cost: {},", 100_000 + n * 1_000)
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// A decision commit as the app makes one: open, read the blob at the tip, write the new
/// blob and the trees on its path with TreeBuilders, commit with compare-and-swap.
pub fn treebuilder_commit(dir: &Path, path: &str, n: u64) -> Oid {
    let repo = Repository::open(dir).unwrap();
    let branch = "refs/heads/main";
    let tip = repo
        .find_reference(branch)
        .unwrap()
        .peel_to_commit()
        .unwrap();
    let root = tip.tree().unwrap();
    let old = root.get_path(Path::new(path)).unwrap();
    let text = String::from_utf8(repo.find_blob(old.id()).unwrap().content().to_vec()).unwrap();
    let blob = repo.blob(edited(&text, n).as_bytes()).unwrap();
    let new_root = replace(&repo, Some(&root), path, blob);
    let tree = repo.find_tree(new_root).unwrap();
    let sig = Signature::new("Bench", "bench@example.com", &Time::new(1_800_000_000, 0)).unwrap();
    let message = "Revise the cost\n\nThe silo re-estimated.\n\nForum: x\nDecision: edit\nDecided-By: dana\nPresent: dana\n";
    // `commit` with an update_ref refuses when the branch no longer points at the parent.
    repo.commit(Some(branch), &sig, &sig, message, &tree, &[&tip])
        .unwrap()
}

fn replace(repo: &Repository, tree: Option<&git2::Tree>, path: &str, blob: Oid) -> Oid {
    let (head, rest) = match path.split_once('/') {
        Some((h, r)) => (h, Some(r)),
        None => (path, None),
    };
    let mut builder = repo.treebuilder(tree).unwrap();
    match rest {
        None => {
            builder.insert(head, blob, 0o100644).unwrap();
        }
        Some(rest) => {
            let sub = tree
                .and_then(|t| t.get_name(head))
                .map(|e| repo.find_tree(e.id()).unwrap());
            let oid = replace(repo, sub.as_ref(), rest, blob);
            builder.insert(head, oid, 0o040000).unwrap();
        }
    }
    builder.write().unwrap()
}

/// Reads every commit's message and parses its trailers; returns the decisions found.
pub fn read_decision_log(dir: &Path) -> usize {
    let repo = Repository::open(dir).unwrap();
    let mut walk = repo.revwalk().unwrap();
    walk.set_sorting(Sort::TOPOLOGICAL).unwrap();
    walk.push_head().unwrap();
    let mut decisions = 0;
    for oid in walk {
        let commit = repo.find_commit(oid.unwrap()).unwrap();
        let message = commit.message().unwrap_or("");
        let _author = (
            commit.author().name().map(str::len),
            commit.time().seconds(),
        );
        if let Some((_, trailers)) = message.trim_end().rsplit_once("\n\n") {
            for line in trailers.lines() {
                if let Some(("Decision", _)) = line.split_once(": ") {
                    decisions += 1;
                }
            }
        }
    }
    decisions
}

/// The commits that changed `path`: walk the (linear) history once, looking the path's
/// id up in each commit's tree and comparing it with the next older commit's (no diffs).
pub fn path_history(dir: &Path, path: &str) -> Vec<Oid> {
    let repo = Repository::open(dir).unwrap();
    let mut walk = repo.revwalk().unwrap();
    walk.push_head().unwrap();
    let mut changed = Vec::new();
    let mut newer: Option<(Oid, Option<Oid>)> = None;
    for oid in walk {
        let oid = oid.unwrap();
        let commit = repo.find_commit(oid).unwrap();
        let here = commit
            .tree()
            .ok()
            .and_then(|t| t.get_path(Path::new(path)).ok())
            .map(|e| e.id());
        if let Some((newer_oid, newer_id)) = newer
            && newer_id != here
        {
            changed.push(newer_oid);
        }
        newer = Some((oid, here));
    }
    if let Some((oid, Some(_))) = newer {
        changed.push(oid);
    }
    changed
}

/// Every commit's changed paths (tree diff against its parent, pruned by tree ids): the
/// walk an incremental `verify` needs before it decodes only what changed.
pub fn changed_paths(dir: &Path) -> usize {
    let repo = Repository::open(dir).unwrap();
    let mut walk = repo.revwalk().unwrap();
    walk.push_head().unwrap();
    let mut paths = 0;
    for oid in walk {
        let commit = repo.find_commit(oid.unwrap()).unwrap();
        let tree = commit.tree().unwrap();
        let parent = commit.parent(0).ok().map(|p| p.tree().unwrap());
        let diff = repo
            .diff_tree_to_tree(parent.as_ref(), Some(&tree), None)
            .unwrap();
        paths += diff.deltas().len();
    }
    paths
}

/// One line of the report.
pub struct Row {
    name: String,
    ours: Duration,
    peer_name: String,
    peer: Option<Duration>,
    target: String,
    max_ratio: Option<f64>,
}

impl Row {
    pub fn new(
        name: &str,
        ours: Duration,
        peer_name: &str,
        peer: Option<Duration>,
        target: &str,
        max_ratio: Option<f64>,
    ) -> Row {
        Row {
            name: name.into(),
            ours,
            peer_name: peer_name.into(),
            peer,
            target: target.into(),
            max_ratio,
        }
    }
}

impl Row {
    /// The same figures under another name.
    pub fn rename(&mut self, name: &str) {
        self.name = name.into();
    }
}

fn ms(d: Duration) -> String {
    if d < Duration::from_millis(1) {
        return format!("{:.1} µs", d.as_secs_f64() * 1e6);
    }
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Prints the rows as a markdown table.
pub fn print(rows: &[Row]) {
    println!("| measure | ours | git peer | peer | ratio | target | met |");
    println!("|---|---:|---|---:|---:|---|---|");
    for r in rows {
        let ratio = r.peer.map(|p| r.ours.as_secs_f64() / p.as_secs_f64());
        let met = match (ratio, r.max_ratio) {
            (Some(x), Some(max)) if x <= max => "yes".to_string(),
            (Some(x), Some(max)) => format!("no ({:.1}× over)", x / max),
            _ => String::new(),
        };
        println!(
            "| {} | {} | {} | {} | {} | {} | {} |",
            r.name,
            ms(r.ours),
            r.peer_name,
            r.peer.map(ms).unwrap_or_default(),
            ratio.map(|x| format!("{x:.2}×")).unwrap_or_default(),
            r.target,
            met
        );
    }
}

/// Paths that differ between two trees, descending only into subtrees whose ids differ
/// (what `git log` does; libgit2's general diff does much more per commit). Entries are
/// matched by name with the trees' own binary search, without copying names.
fn tree_changes(
    repo: &Repository,
    old: Option<Oid>,
    new: Option<Oid>,
    prefix: &str,
    out: &mut Vec<String>,
) {
    if old == new {
        return;
    }
    let old = old.and_then(|o| repo.find_tree(o).ok());
    let new = new.and_then(|o| repo.find_tree(o).ok());
    let is_tree = |e: &git2::TreeEntry| e.kind() == Some(git2::ObjectType::Tree);
    let mut visit = |name: &[u8], a: Option<git2::TreeEntry>, b: Option<git2::TreeEntry>| {
        if a.as_ref().map(|e| e.id()) == b.as_ref().map(|e| e.id()) {
            return;
        }
        let path = format!("{prefix}{}", String::from_utf8_lossy(name));
        let sub = |e: &Option<git2::TreeEntry>| e.as_ref().filter(|e| is_tree(e)).map(|e| e.id());
        let blob = |e: &Option<git2::TreeEntry>| e.as_ref().is_some_and(|e| !is_tree(e));
        if sub(&a).is_some() || sub(&b).is_some() {
            tree_changes(repo, sub(&a), sub(&b), &format!("{path}/"), out);
        }
        if blob(&a) || blob(&b) {
            out.push(path);
        }
    };
    let lookup = |tree: &Option<git2::Tree>, name: &[u8]| {
        let name = std::str::from_utf8(name).ok()?;
        tree.as_ref()?.get_name(name).map(|e| e.to_owned())
    };
    if let Some(n) = &new {
        for e in n.iter() {
            let other = lookup(&old, e.name_bytes());
            if other.as_ref().map(|o| o.id()) != Some(e.id()) {
                let name = e.name_bytes().to_vec();
                visit(&name, other, Some(e.to_owned()));
            }
        }
    }
    if let Some(o) = &old {
        for e in o.iter() {
            if lookup(&new, e.name_bytes()).is_none() {
                let name = e.name_bytes().to_vec();
                visit(&name, Some(e.to_owned()), None);
            }
        }
    }
}

/// A record→commits index of the whole history in one pass: path → the commits that
/// changed it, newest first.
pub fn record_index(dir: &Path) -> std::collections::HashMap<String, Vec<Oid>> {
    let repo = Repository::open(dir).unwrap();
    let mut walk = repo.revwalk().unwrap();
    walk.push_head().unwrap();
    let mut index: std::collections::HashMap<String, Vec<Oid>> = Default::default();
    let mut changed = Vec::new();
    for oid in walk {
        let oid = oid.unwrap();
        let commit = repo.find_commit(oid).unwrap();
        let parent = commit.parent(0).ok().map(|p| p.tree_id());
        changed.clear();
        tree_changes(&repo, parent, Some(commit.tree_id()), "", &mut changed);
        for path in changed.drain(..) {
            index.entry(path).or_default().push(oid);
        }
    }
    index
}

/// A proposal for `ForumRepo::load_at`: one thread reads blobs (size checked from the
/// header first) while another decodes them, joined by a channel. Returns the records.
pub fn pipelined_load(dir: &Path, forum: &str) -> usize {
    use roundtable::store::decode::decode;
    use roundtable::store::layout::{Place, classify};
    let (tx, rx) = std::sync::mpsc::sync_channel::<(String, Vec<u8>)>(256);
    let prefix = format!("forums/{forum}");
    std::thread::scope(|s| {
        s.spawn(move || {
            let repo = Repository::open(dir).unwrap();
            let tree = repo.head().unwrap().peel_to_tree().unwrap();
            let entry = tree.get_path(Path::new(&prefix)).unwrap();
            let forum_tree = repo.find_tree(entry.id()).unwrap();
            let odb = repo.odb().unwrap();
            forum_tree
                .walk(git2::TreeWalkMode::PreOrder, |root, e| {
                    if e.kind() == Some(git2::ObjectType::Blob) && e.filemode() == 0o100644 {
                        let (size, _) = odb.read_header(e.id()).unwrap();
                        if size <= 1 << 20 {
                            let blob = odb.read(e.id()).unwrap();
                            let path = format!("{prefix}/{root}{}", e.name().unwrap_or(""));
                            let _ = tx.send((path, blob.data().to_vec()));
                        }
                    }
                    git2::TreeWalkResult::Ok
                })
                .unwrap();
        });
        let mut records = 0;
        for (path, bytes) in rx {
            if let Place::Record { record, .. } = classify(&path) {
                decode(&path, record.kind, &bytes).unwrap();
                records += 1;
            }
        }
        records
    })
}
