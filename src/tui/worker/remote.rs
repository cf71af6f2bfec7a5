//! The worker's background sync with the forum's remote: every few seconds (and on F5, and
//! right after a decision) it runs `store::sync` without prompting, so the remote's decisions
//! and the silos' proposals arrive and the room's decisions go out; offline it says so.
//!
//! `git config roundtable.sync` chooses: `on` (the default with a remote: fetch, fast-forward,
//! push, replay), `fetch` (fetch only: behind and ahead are shown, nothing moves or goes
//! out), `off`.

use crate::store::error::StoreError;
use crate::store::repo::ForumRepo;
use crate::store::sync::{self, Options, Prompt};
use crate::tui::remote::RemoteStatus;
use std::time::{Duration, Instant};

/// How often the remote is synced in the background.
pub const EVERY: Duration = Duration::from_secs(5);

/// What the app does with the remote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Sync,
    Fetch,
}

/// The remote the worker syncs with, and when it last reached it.
pub struct Remote {
    name: String,
    mode: Mode,
    next: Instant,
    reached: Option<Instant>,
}

impl Remote {
    /// The forum branch's remote, unless none is configured or `roundtable.sync` is `off`.
    pub fn open(repo: &ForumRepo) -> Option<Remote> {
        let config = repo.repo.config().ok();
        let asked = config
            .as_ref()
            .and_then(|c| c.get_string("roundtable.sync").ok())
            .unwrap_or_else(|| "on".into());
        let mode = match asked.trim() {
            "off" | "false" | "no" => return None,
            "fetch" => Mode::Fetch,
            _ => Mode::Sync,
        };
        let branch = crate::store::decide::forum_branch(repo).ok()?;
        let short = branch.strip_prefix("refs/heads/").unwrap_or(&branch);
        let name = sync::pick_remote(repo, short, None).ok()?;
        Some(Remote {
            name,
            mode,
            next: Instant::now(),
            reached: None,
        })
    }

    /// Syncs when it is time (or `now` is asked); the status to show, when it ran.
    pub fn tick(&mut self, repo: &ForumRepo, now: bool) -> Option<RemoteStatus> {
        if !now && Instant::now() < self.next {
            return None;
        }
        self.next = Instant::now() + EVERY;
        let mut status = RemoteStatus {
            remote: self.name.clone(),
            ..RemoteStatus::default()
        };
        let result = match self.mode {
            Mode::Sync => sync::sync(
                repo,
                &Options {
                    remote: Some(self.name.clone()),
                    prompt: Prompt::Never,
                    create: false,
                },
            )
            .map(|s| {
                s.held
                    .map(|h| format!("{} no longer holds: {}", h.summary, h.why))
            }),
            Mode::Fetch => fetch_only(repo, &self.name).map(|()| None),
        };
        match result {
            Ok(held) => {
                self.reached = Some(Instant::now());
                status.held = held;
            }
            // git could not reach the remote: offline (or no credentials).
            Err(e @ StoreError::Io { .. }) => status.offline = Some(e.to_string()),
            Err(e) => status.stopped = Some(e.to_string()),
        }
        status.standing = sync::standing(repo, &self.name).ok().flatten();
        status.synced_secs_ago = self.reached.map(|t| t.elapsed().as_secs());
        Some(status)
    }
}

/// Fetches only.
fn fetch_only(repo: &ForumRepo, remote: &str) -> Result<(), StoreError> {
    let dir = repo
        .root
        .clone()
        .unwrap_or_else(|| repo.repo.path().to_path_buf());
    sync::git::fetch(&dir, remote, Prompt::Never)
}
