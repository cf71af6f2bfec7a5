//! The demo: a forum repository rebuilt from the bundled example with a realistic history.
//!
//! Every step of the story is a real decision written through [`crate::store::decide`] (so
//! the gates judge it and `verify` can replay it), by the member who made it, at a fixed
//! office-hours time on a working day. Proposals arrive on their own branches, written by the
//! silo's lead, and are merged by a facilitator as `accept` decisions. The story stops in
//! Scoring with two proposal branches still open, where a first-time facilitator has work to do.

mod delivery;
pub mod example;
pub mod next_year;
mod open;
mod proposals;
pub mod rehearsal;
mod scoring;
pub mod signed;
mod story;

use crate::domain::phase::DecisionKind;
use crate::store::decide::{Decision, decide};
use crate::store::error::StoreError;
use crate::store::repo::ForumRepo;
use chrono::{NaiveDate, NaiveDateTime};
use git2::{Oid, Repository, RepositoryInitOptions};
use std::path::{Path, PathBuf};

pub use example::FORUM;

/// The branch the demo's forum lives on.
pub const BRANCH: &str = "main";

const FSYNC_KEY: &str = "core.fsyncObjectFiles";

/// What the demo built.
#[derive(Debug, Clone)]
pub struct Built {
    /// The repository's work tree.
    pub dir: PathBuf,
    pub forum: String,
    /// Decision commits on `main`.
    pub decisions: usize,
    /// Proposal branches merged by `accept` decisions (and deleted, as a host does).
    pub accepted: usize,
    /// Proposal branches left open: (branch, what is wrong with it, if anything).
    pub open: Vec<(String, Option<String>)>,
    pub tip: Oid,
}

/// Builds the demo repository in `dir`, which must be missing or empty.
pub fn build(dir: &Path) -> Result<Built, StoreError> {
    build_with(dir, false)
}

/// [`build`], with `signed`: the forum asks for signed decisions and every decision is signed
/// with a key made for its member (`signed.rs`).
pub fn build_with(dir: &Path, signed: bool) -> Result<Built, StoreError> {
    refuse_non_empty(dir)?;
    // The story is written into a bare repository (no index or work-tree update per
    // decision), which becomes an ordinary one with `main` checked out at the end.
    let git_dir = dir.join(".git");
    let mut opts = RepositoryInitOptions::new();
    opts.bare(true).initial_head(BRANCH).mkpath(true);
    let git = Repository::init_opts(&git_dir, &opts)?;
    // A throwaway repository is rebuilt, not recovered: no fsync of refs while the story is
    // written; git's default is restored afterwards.
    git.config()?.set_bool(FSYNC_KEY, false)?;
    drop(git);
    let story = write_story(&git_dir, signed)?;
    let git = Repository::open(dir)?;
    git.checkout_head(Some(git2::build::CheckoutBuilder::new().force()))?;
    let workdir = git.workdir().map(|d| d.components().collect::<PathBuf>());
    Ok(Built {
        dir: workdir.unwrap_or_else(|| dir.to_path_buf()),
        forum: FORUM.to_string(),
        decisions: story.decisions,
        accepted: story.accepted,
        open: story.open,
        tip: story.tip,
    })
}

/// What writing the story left behind.
struct Story {
    decisions: usize,
    accepted: usize,
    open: Vec<(String, Option<String>)>,
    tip: Oid,
}

/// Writes the whole story into the bare repository at `git_dir`, and makes it non-bare.
fn write_story(git_dir: &Path, signed: bool) -> Result<Story, StoreError> {
    let repo = ForumRepo::open(git_dir)?;
    let keys = signed
        .then(|| signed::Keys::make(&repo.repo, EVERYONE))
        .transpose()?;
    // Objects are kept in memory while the story is written and stored as one pack at the
    // end: one file instead of hundreds of small ones.
    let odb = repo.repo.odb()?;
    let mempack = odb.add_new_mempack_backend(1000)?;
    let mut book = Book {
        repo: &repo,
        branch: format!("refs/heads/{BRANCH}"),
        tip: None,
        decisions: 0,
        accepted: 0,
        keys,
    };
    story::setup_and_evidence(&mut book)?;
    story::priorities_and_ranking(&mut book)?;
    proposals::arrive_and_accept(&mut book)?;
    scoring::sessions(&mut book)?;
    let open = proposals::leave_open(&mut book)?;
    let tip = book
        .tip
        .ok_or_else(|| StoreError::Refused("the demo wrote nothing".into()))?;
    if !signed {
        // The derailments, rehearsed on a branch of their own (the forum stays in Scoring).
        rehearsal::derailments(&mut book, tip)?;
    }
    if let Some(keys) = &book.keys {
        // The room goes on with the facilitator at the keyboard.
        keys.sign_as(&repo.repo, "dana")?;
    }
    let pack = everything(&repo.repo)?;
    let mut writer = odb.packwriter()?;
    std::io::Write::write_all(&mut writer, &pack).map_err(|source| StoreError::Io {
        path: repo.repo.path().join("objects/pack").display().to_string(),
        source,
    })?;
    writer.commit()?;
    mempack.reset()?;
    let mut config = repo.repo.config()?;
    config.remove(FSYNC_KEY)?;
    config.set_bool("core.bare", false)?;
    config.set_bool("core.logallrefupdates", true)?;
    Ok(Story {
        decisions: book.decisions,
        accepted: book.accepted,
        open,
        tip,
    })
}

/// One pack of every object the story wrote: the commits of every branch with their trees and
/// blobs, and the anchor tags' own objects (a mempack dump would keep commits only).
fn everything(git: &Repository) -> Result<git2::Buf, StoreError> {
    let mut builder = git.packbuilder()?;
    let mut walk = git.revwalk()?;
    walk.push_glob("refs/heads/*")?;
    builder.insert_walk(&mut walk)?;
    for reference in git.references_glob("refs/tags/*")? {
        if let Some(tag) = reference?.target() {
            builder.insert_recursive(tag, None)?;
        }
    }
    let mut pack = git2::Buf::new();
    builder.write_buf(&mut pack)?;
    Ok(pack)
}

fn refuse_non_empty(dir: &Path) -> Result<(), StoreError> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(StoreError::Refused(format!(
                    "{} is not empty: the demo builds a new repository in an empty or new folder",
                    dir.display()
                )));
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(StoreError::Io {
            path: dir.display().to_string(),
            source,
        }),
    }
}

/// The forum branch being written: the repository, the branch's tip, and counts.
pub(crate) struct Book<'r> {
    pub repo: &'r ForumRepo,
    pub branch: String,
    pub tip: Option<Oid>,
    pub decisions: usize,
    pub accepted: usize,
    /// The members' demo keys, when the forum asks for signed decisions.
    pub keys: Option<signed::Keys>,
}

impl Book<'_> {
    /// Writes one decision on the forum branch through the gates.
    pub fn record(&mut self, d: &Decision) -> Result<Oid, StoreError> {
        let signed = match &self.keys {
            Some(keys) => Some(keys.prepare(&self.repo.repo, d)?),
            None => None,
        };
        let d = signed.as_ref().unwrap_or(d);
        let done = decide(self.repo, &self.branch, self.tip, d)?;
        self.tip = Some(done.commit);
        self.decisions += 1;
        Ok(done.commit)
    }
}

/// Runs `write` with the book on its own branch `name`, made at `from`; the book's branch and
/// tip are as they were afterwards.
pub(crate) fn on_branch(
    book: &mut Book,
    name: &str,
    from: Oid,
    write: impl FnOnce(&mut Book) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let full = format!("refs/heads/{name}");
    book.repo
        .repo
        .reference(&full, from, false, &format!("demo: {name}"))?;
    let main = std::mem::replace(&mut book.branch, full);
    let main_tip = book.tip.replace(from);
    let written = write(book);
    book.branch = main;
    book.tip = main_tip;
    written
}

/// A decision with its decider, who was present, and its fixed time.
pub(crate) fn decision(
    kind: DecisionKind,
    summary: impl Into<String>,
    reason: impl Into<String>,
    by: &str,
    present: &[&str],
    when: (i64, i32),
) -> Decision {
    let mut d = Decision::new(FORUM, kind, summary, reason, by);
    d.present = present.iter().map(|p| (*p).to_string()).collect();
    d.when = Some(when);
    d
}

/// Puts exact bytes at a path inside the forum folder.
pub(crate) fn put_text(d: &mut Decision, relative: &str, text: &str) {
    d.changes.insert(
        format!("forums/{FORUM}/{relative}"),
        Some(text.as_bytes().to_vec()),
    );
}

/// Everyone on the forum, for meetings.
pub(crate) const EVERYONE: &[&str] = &["dana", "aisha", "sam", "lee", "priya", "marco", "tom"];

/// A time in 2026 on the forum's office clock (Central European time), as git wants it.
pub(crate) fn at(month: u32, day: u32, hour: u32, minute: u32) -> (i64, i32) {
    at_in(2026, month, day, hour, minute)
}

/// A time in `year` on the office clock: CEST (+02:00) from the last Sunday of March to the
/// last Sunday of October, CET (+01:00) otherwise.
pub(crate) fn at_in(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> (i64, i32) {
    let local: Option<NaiveDateTime> =
        NaiveDate::from_ymd_opt(year, month, day).and_then(|d| d.and_hms_opt(hour, minute, 0));
    let last_sunday = |m: u32| {
        NaiveDate::from_ymd_opt(year, m + 1, 1)
            .and_then(|d| d.pred_opt())
            .map_or(31, |d| {
                use chrono::Datelike;
                d.day() - d.weekday().num_days_from_sunday()
            })
    };
    let summer = (month, day) >= (3, last_sunday(3)) && (month, day) < (10, last_sunday(10));
    let offset = if summer { 120 } else { 60 };
    let secs = local.map_or(0, |t| t.and_utc().timestamp()) - i64::from(offset) * 60;
    (secs, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_clock_changes_on_the_last_sundays_of_march_and_october() {
        assert_eq!(at_in(2027, 3, 27, 12, 0).1, 60);
        assert_eq!(at_in(2027, 3, 28, 12, 0).1, 120);
        assert_eq!(at_in(2027, 10, 30, 12, 0).1, 120);
        assert_eq!(at_in(2027, 10, 31, 12, 0).1, 60);
        assert_eq!(at_in(2026, 10, 24, 12, 0).1, 120);
        assert_eq!(at_in(2026, 10, 25, 12, 0).1, 60);
    }

    #[test]
    fn office_clock_is_central_european() {
        // 2026-10-05 09:30 CEST = 07:30 UTC.
        assert_eq!(at(10, 5, 9, 30), (1_791_185_400, 120));
        // 2026-11-16 10:00 CET = 09:00 UTC.
        assert_eq!(at(11, 16, 10, 0), (1_794_819_600, 60));
    }
}
