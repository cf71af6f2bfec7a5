//! The worker thread: owns the git repository, loads and analyses, makes decisions, watches the branch.

use crate::domain::analysis::{Analysis, Options, analyse, analyse_ranking, reallocate, whatif};
use crate::domain::snapshot::Snapshot;
use crate::store::problem::Problem;
use crate::store::repo::{ForumRepo, Loaded};
use crate::tui::msg::{Fresh, LogEntry, Msg, Request, Stage};
use std::path::PathBuf;
use std::sync::Arc;

mod decide;
pub mod quick;
pub mod remote;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::thread;
use std::time::Duration;

/// How often the branch tip is compared.
pub const POLL: Duration = Duration::from_secs(2);

/// Starts the worker; requests go in, messages come out.
pub fn spawn(repo_dir: PathBuf, forum: String) -> (Sender<Request>, Receiver<Msg>) {
    let (req_tx, req_rx) = channel::<Request>();
    let (msg_tx, msg_rx) = channel::<Msg>();
    thread::spawn(move || run(&repo_dir, &forum, &req_rx, &msg_tx));
    (req_tx, msg_rx)
}

struct State {
    repo: ForumRepo,
    forum: String,
    tip: Option<String>,
    last: Option<Fresh>,
    /// The forum as last read or decided, whole (problems and file bytes too): decisions are
    /// judged on it rather than reading the forum again.
    held: Option<Loaded>,
    /// The last load's problems, file bytes and commit, until `held` is made from them.
    rest: Option<Rest>,
    /// The forum's remote, synced in the background (`None`: no remote, or switched off).
    remote: Option<remote::Remote>,
}

fn run(dir: &std::path::Path, forum: &str, rx: &Receiver<Request>, tx: &Sender<Msg>) {
    let repo = match ForumRepo::open(dir) {
        Ok(r) => r,
        Err(e) => {
            let _ = tx.send(Msg::Failed(e.to_string()));
            // Stay until the app quits, so it shows the error instead of a vanished worker.
            while rx.recv().is_ok() {}
            return;
        }
    };
    let remote = remote::Remote::open(&repo);
    let mut st = State {
        remote,
        repo,
        forum: forum.to_string(),
        tip: None,
        last: None,
        held: None,
        rest: None,
    };
    loop {
        let first = match rx.recv_timeout(POLL) {
            Ok(r) => r,
            Err(RecvTimeoutError::Timeout) => {
                sync_remote(&mut st, tx, false);
                poll(&mut st, tx);
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => return,
        };
        // Latest request wins: collapse what queued up meanwhile.
        let mut batch = vec![first];
        while let Ok(r) = rx.try_recv() {
            batch.push(r);
        }
        let last_whatif = batch.iter().rposition(|r| matches!(r, Request::WhatIf(_)));
        let wants_load = batch.iter().any(|r| matches!(r, Request::Load));
        let last_audit = batch.iter().rposition(|r| matches!(r, Request::Audit(_)));
        for (i, r) in batch.into_iter().enumerate() {
            match r {
                Request::Decide(d) => {
                    let msg = match &st.last {
                        Some(f) => decide::make(
                            &st.repo,
                            &st.forum,
                            f.commit.as_deref(),
                            &f.snapshot,
                            &f.analysis.ranking.schulze_order,
                            &d,
                            &mut st.held,
                        ),
                        None => Msg::Refused("the forum is not loaded yet".into()),
                    };
                    let decided = matches!(msg, Msg::Decided { .. });
                    let _ = tx.send(msg);
                    if decided {
                        // The app asks for a reload; remember the new tip so polling stays quiet.
                        st.tip = tip(&st.repo);
                        // The decision goes out now; a push lost to another clone is synced
                        // and judged again, and the next poll shows the forum as it then is.
                        sync_remote(&mut st, tx, true);
                    } else {
                        // Refused, perhaps because the branch moved: show the room the new
                        // forum now, rather than at the next poll.
                        poll(&mut st, tx);
                    }
                }
                Request::WhatIf(b) if Some(i) == last_whatif => {
                    if let Some(f) = &st.last {
                        let w = whatif(&f.snapshot, &f.analysis, b);
                        let _ = tx.send(Msg::WhatIf(Box::new(w)));
                    }
                }
                Request::Audit(id) if Some(i) == last_audit => {
                    let _ = tx.send(audit_of(&st, &id));
                }
                Request::WhatIf(_) | Request::Load | Request::Audit(_) => {}
            }
        }
        if wants_load {
            // F5 fetches too: what the remote has arrives with the reload.
            sync_remote(&mut st, tx, true);
            load_in_stages(&mut st, tx);
        }
    }
}

/// A load the room asked for, sent as soon as each stage is ready: the forum as read (the
/// first frame), then values with greedy, then the exact solve with the decision log.
fn load_in_stages(st: &mut State, tx: &Sender<Msg>) {
    match read(st) {
        Ok(f) => {
            let _ = tx.send(Msg::Loaded(Box::new(f.clone())));
            let valued = Fresh {
                analysis: Arc::new(quick::analyse_quick(&f.snapshot)),
                stage: Stage::Valued,
                ..f
            };
            let _ = tx.send(Msg::Solved(Box::new(valued.clone())));
            let exact = reallocate(&valued.snapshot, &valued.analysis, Options::default());
            let full = finish(st, valued, exact);
            let _ = tx.send(Msg::Solved(Box::new(full)));
            hold(st);
            send_proposals(st, tx);
            margins(st, tx);
        }
        Err(e) => {
            let _ = tx.send(Msg::Failed(e));
        }
    }
}

/// Syncs with the remote when it is time (or `now`), and tells the app where it stands.
fn sync_remote(st: &mut State, tx: &Sender<Msg>, now: bool) {
    if let Some(remote) = st.remote.as_mut()
        && let Some(status) = remote.tick(&st.repo, now)
    {
        let _ = tx.send(Msg::Remote(status));
    }
}

/// Reads the open proposal branches (after a load, so the inbox follows the forum).
fn send_proposals(st: &State, tx: &Sender<Msg>) {
    let read =
        crate::store::proposals::open_proposals(&st.repo, &st.forum).map_err(|e| e.to_string());
    let _ = tx.send(Msg::Proposals(read));
}

fn tip(repo: &ForumRepo) -> Option<String> {
    repo.resolve("HEAD").ok().map(|o| o.to_string())
}

/// A load without its snapshot: problems, file bytes, commit.
type Rest = (
    Vec<crate::store::problem::Problem>,
    std::collections::BTreeMap<String, Vec<u8>>,
    Option<git2::Oid>,
);

/// Reads the tip and ranks its priorities (cheap): nothing valued, no decision log yet.
fn read(st: &mut State) -> Result<Fresh, String> {
    let loaded = st
        .repo
        .load_at(&st.forum, "HEAD")
        .map_err(|e| e.to_string())?;
    let analysis = analyse_ranking(&loaded.snapshot);
    let problems = loaded.problems.iter().map(Problem::in_words).collect();
    st.tip = loaded.commit.map(|c| c.to_string());
    let Loaded {
        snapshot,
        problems: all,
        sources,
        commit,
    } = loaded;
    st.held = None;
    st.rest = Some((all, sources, commit));
    // `st.last` is set by `finish`: nothing reads it before (requests wait for this load).
    Ok(Fresh {
        commit: st.tip.clone(),
        log: Vec::new(),
        snapshot: Arc::new(snapshot),
        analysis: Arc::new(analysis),
        problems,
        stage: Stage::Read,
        earlier: Arc::default(),
    })
}

/// Keeps the last load whole for decisions (a copy of its snapshot; after the screens have it).
fn hold(st: &mut State) {
    if let (Some((problems, sources, commit)), Some(f)) = (st.rest.take(), &st.last) {
        st.held = Some(Loaded {
            snapshot: Snapshot::clone(&f.snapshot),
            problems,
            sources,
            commit,
        });
    }
}

/// Completes a load with its exact analysis and the decision log.
fn finish(st: &mut State, read: Fresh, exact: Analysis) -> Fresh {
    let fresh = Fresh {
        analysis: Arc::new(exact),
        log: log(&st.repo, &st.forum, 5000),
        stage: Stage::Exact,
        earlier: Arc::new(crate::store::earlier::earlier_readings(
            &st.repo,
            "HEAD",
            &read.snapshot,
        )),
        ..read
    };
    st.last = Some(fresh.clone());
    fresh
}

/// A whole load: tip, exact analysis, decision log.
fn load(st: &mut State) -> Result<Fresh, String> {
    let read = read(st)?;
    let exact = analyse(&read.snapshot);
    Ok(finish(st, read, exact))
}

fn poll(st: &mut State, tx: &Sender<Msg>) {
    let now = tip(&st.repo);
    if st.tip.is_none() || now == st.tip {
        return;
    }
    let before = st.last.as_ref().map(|f| f.snapshot.clone());
    if let Ok(f) = load(st) {
        let head = f.log.first().map(|e| e.summary.clone()).unwrap_or_default();
        let what = match before {
            Some(b) => describe(&b, &f.snapshot, &head),
            None => head,
        };
        let _ = tx.send(Msg::Moved {
            fresh: Box::new(f),
            what,
        });
        hold(st);
        send_proposals(st, tx);
        margins(st, tx);
    }
}

/// Up to this many initiatives, margins are computed after each load (one re-solve each).
pub const MARGIN_LIMIT: usize = 300;

/// Sends the value margins of the last load, when the forum is small enough to afford them.
fn margins(st: &State, tx: &Sender<Msg>) {
    if let Some(f) = &st.last
        && f.snapshot.initiatives.len() <= MARGIN_LIMIT
    {
        let s = crate::domain::analysis::sensitivity(&f.snapshot, &f.analysis);
        let _ = tx.send(Msg::Margins(s.margins));
    }
}

/// What changed between two snapshots, in a few words, after the new tip's summary.
pub fn describe(old: &Snapshot, new: &Snapshot, head: &str) -> String {
    let mut parts = vec![head.to_string()];
    if old.forum.phase != new.forum.phase {
        parts.push(format!("phase {} → {}", old.forum.phase, new.forum.phase));
    }
    let diff = |name: &str, a: usize, b: usize| (a != b).then(|| format!("{name} {a} → {b}"));
    parts.extend(diff(
        "initiatives",
        old.initiatives.len(),
        new.initiatives.len(),
    ));
    parts.extend(diff("ballots", old.ballots.len(), new.ballots.len()));
    parts.extend(diff(
        "scorecards",
        old.scorecards.len(),
        new.scorecards.len(),
    ));
    if old.allocation != new.allocation {
        parts.push("allocation changed".into());
    }
    if old.forum.budget != new.forum.budget {
        parts.push(format!(
            "budget {} → {}",
            old.forum.budget, new.forum.budget
        ));
    }
    parts.join("; ")
}

/// The newest `n` decisions of the forum's log (the store's decision log: first-parent
/// commits with a `Decision:` trailer), newest first.
pub fn log(repo: &ForumRepo, forum: &str, n: usize) -> Vec<LogEntry> {
    let Ok(entries) = crate::store::history::decision_log(repo, forum, "HEAD") else {
        return Vec::new();
    };
    entries
        .into_iter()
        .take(n)
        .map(|e| LogEntry {
            commit: e.short().to_string(),
            date: e.date.chars().take(10).collect(),
            time: e.time,
            author: e.author,
            kind: e.decision.unwrap_or_else(|| "-".into()),
            summary: e.summary,
            by: e.decided_by.unwrap_or_default(),
            present: e.present,
            reason: e.reason,
        })
        .collect()
}

/// The audit of one initiative from the forum last loaded: its chain (already analysed)
/// and the commits behind each step, found from the tip that was loaded.
fn audit_of(st: &State, id: &str) -> Msg {
    let result = (|| {
        let f = st.last.as_ref().ok_or("the forum is not loaded yet")?;
        let tip = st
            .tip
            .as_deref()
            .and_then(|t| git2::Oid::from_str(t).ok())
            .ok_or("the forum has no commit to audit")?;
        let chain = crate::domain::audit::chain(&f.snapshot, &f.analysis, id)
            .ok_or_else(|| format!("no initiative `{id}` in the forum"))?;
        crate::store::audit::assemble(&st.repo, &st.forum, tip, &f.snapshot, chain)
            .map(Box::new)
            .map_err(|e| e.to_string())
    })();
    Msg::Audit(Box::new(crate::tui::audit::AuditReply {
        initiative: id.to_string(),
        result,
    }))
}
