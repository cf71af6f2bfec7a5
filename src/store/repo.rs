//! Opening a forum repository and reading one forum at any commit (or in the work tree).

use crate::domain::finding::Finding;
use crate::domain::snapshot::{Proposal, RecordKind, RecordRef, Snapshot};
use crate::domain::validate::{Scope, validate_around, validate_scoped};
use crate::store::decode::{AnyRecord, decode};
use crate::store::error::StoreError;
use crate::store::layout::{Place, classify, is_valid_id};
use crate::store::problem::Problem;
use crate::store::source::{self, Listing, RawFile};
use git2::{Oid, Repository, Tree};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A forum as loaded: its snapshot, every problem found, and the commit it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub snapshot: Snapshot,
    /// Decode errors, ignored files and validation findings, sorted by path and position.
    pub problems: Vec<Problem>,
    /// The commit read, or `None` for the work tree.
    pub commit: Option<Oid>,
    /// The raw bytes of every record file read, by repository path (for locating findings).
    pub sources: BTreeMap<String, Vec<u8>>,
}

impl Loaded {
    /// True when any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }
}

/// Reads objects as git itself does, without hashing each one again on every read (libgit2's
/// default): on a 10,000-commit forum that hashing was a seventh of `audit`'s time. An
/// object whose bytes were damaged still fails zlib's own check as it is read, `git fsck`
/// finds it, and `verify` keeps the hashing on.
pub fn read_objects_as_git_does() {
    git2::opts::strict_hash_verification(false);
}

/// An open forum repository.
pub struct ForumRepo {
    pub repo: Repository,
    /// The work tree root, if the repository has one.
    pub root: Option<PathBuf>,
}

impl ForumRepo {
    /// Opens the git repository containing `dir`.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        let repo = Repository::discover(dir).map_err(|_| StoreError::NotARepository {
            path: dir.display().to_string(),
        })?;
        let root = repo.workdir().map(Path::to_path_buf);
        Ok(ForumRepo { repo, root })
    }

    /// A second handle on the same repository, for another thread (a git handle is not
    /// shared between threads).
    pub fn reopen(&self) -> Result<Self, StoreError> {
        Ok(ForumRepo {
            repo: Repository::open(self.repo.path())?,
            root: self.root.clone(),
        })
    }

    /// The commit a revision names (`HEAD`, a branch, a hash…).
    pub fn resolve(&self, rev: &str) -> Result<Oid, StoreError> {
        self.repo
            .revparse_single(rev)
            .and_then(|o| o.peel_to_commit())
            .map(|c| c.id())
            .map_err(|e| StoreError::BadRevision {
                rev: rev.to_string(),
                message: e.message().to_string(),
            })
    }

    /// The forum ids at a revision.
    pub fn forum_ids_at(&self, rev: &str) -> Result<Vec<String>, StoreError> {
        let commit = self.repo.find_commit(self.resolve(rev)?)?;
        let mut ids = source::forum_ids_in_tree(&self.repo, &commit.tree()?);
        ids.sort();
        Ok(ids)
    }

    /// The forums whose files differ between two commits (from the paths
    /// `forums/<id>/…` a tree diff names), sorted; a change outside `forums/` names none.
    pub fn forums_changed(&self, from: Oid, to: Oid) -> Result<Vec<String>, StoreError> {
        let folder = |oid: Oid| -> Result<BTreeMap<String, Oid>, StoreError> {
            let tree = self.repo.find_commit(oid)?.tree()?;
            Ok(sub_tree(&self.repo, &tree)
                .map(|f| {
                    f.iter()
                        .filter_map(|e| Some((e.name().ok()?.to_string(), e.id())))
                        .collect()
                })
                .unwrap_or_default())
        };
        let (before, after) = (folder(from)?, folder(to)?);
        let ids: std::collections::BTreeSet<&String> = before
            .keys()
            .chain(after.keys())
            .filter(|n| before.get(*n) != after.get(*n))
            .collect();
        Ok(ids.into_iter().cloned().collect())
    }

    /// Chooses the forum: the one asked for, or the only one there is.
    pub fn pick_forum(&self, wanted: Option<&str>, rev: &str) -> Result<String, StoreError> {
        let ids = self.forum_ids_at(rev)?;
        pick(wanted, ids)
    }

    /// Chooses the forum in the work tree.
    pub fn pick_forum_in_worktree(&self, wanted: Option<&str>) -> Result<String, StoreError> {
        let ids = self
            .root
            .as_deref()
            .map(source::forum_ids_in_worktree)
            .unwrap_or_default();
        pick(wanted, ids)
    }

    /// Loads a forum from a commit's tree.
    pub fn load_at(&self, forum_id: &str, rev: &str) -> Result<Loaded, StoreError> {
        self.load_at_as(forum_id, rev, Judged::Yes)
    }

    /// [`ForumRepo::load_at`] for a reader of the records alone (an audit explains them; it
    /// does not judge them): the forum's rules are not checked, so `problems` holds only the
    /// files that could not be read. The snapshot is the same either way.
    pub fn load_records_at(&self, forum_id: &str, rev: &str) -> Result<Loaded, StoreError> {
        self.load_at_as(forum_id, rev, Judged::No)
    }

    fn load_at_as(&self, forum_id: &str, rev: &str, judged: Judged) -> Result<Loaded, StoreError> {
        let oid = self.resolve(rev)?;
        let commit = self.repo.find_commit(oid)?;
        let mut loaded = assemble_tree_as(&self.repo, &commit.tree()?, forum_id, judged)?;
        loaded.commit = Some(oid);
        Ok(loaded)
    }

    /// Loads a forum from the work tree (uncommitted edits included).
    pub fn load_worktree(&self, forum_id: &str) -> Result<Loaded, StoreError> {
        let root = self.root.as_deref().ok_or(StoreError::NoForum)?;
        assemble(forum_id, source::read_worktree(root, forum_id))
    }
}

/// The `forums/` folder of a tree, if it has one.
fn sub_tree<'r>(repo: &'r git2::Repository, tree: &git2::Tree) -> Option<git2::Tree<'r>> {
    let entry = tree.get_name(crate::store::layout::FORUMS)?;
    repo.find_tree(entry.id()).ok()
}

fn pick(wanted: Option<&str>, ids: Vec<String>) -> Result<String, StoreError> {
    match wanted {
        Some(w) if ids.iter().any(|i| i == w) => Ok(w.to_string()),
        Some(w) => Err(StoreError::UnknownForum(w.to_string())),
        None => match ids.len() {
            0 => Err(StoreError::NoForum),
            1 => Ok(ids.into_iter().next().unwrap_or_default()),
            _ => Err(StoreError::SeveralForums(ids)),
        },
    }
}

/// Turns the raw files of one forum into a snapshot and its problems: the one code path
/// after bytes are read, whatever they were read from. A broken record is left out.
pub fn assemble(forum_id: &str, listing: Listing) -> Result<Loaded, StoreError> {
    let Listing { files, problems } = listing;
    combine(
        forum_id,
        files.into_iter().map(decode_file).collect(),
        problems,
    )
}

/// One file after the per-file work (classify, check the ids, decode), which needs nothing
/// but the file itself and so may run on another thread while the next blob is read.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // nearly every file is a record: boxing would save nothing
pub enum Decoded {
    /// A stray file or an invalid id: no record, only a problem.
    Skipped(Problem),
    /// A record file, decoded or not.
    Record {
        path: String,
        record: RecordRef,
        bytes: Vec<u8>,
        decoded: Result<AnyRecord, Problem>,
    },
}

/// Classifies, checks and decodes one file.
pub fn decode_file(file: RawFile) -> Decoded {
    let RawFile { path, bytes } = file;
    let record = match classify(&path) {
        Place::Stray { reason } => {
            return Decoded::Skipped(Problem::warning(&path, format!("ignored: {reason}")));
        }
        Place::Record { record, .. } => record,
    };
    let ids_ok = (record.id.is_empty() || is_valid_id(&record.id))
        && record.silo.as_deref().is_none_or(is_valid_id);
    if !ids_ok {
        return Decoded::Skipped(
            Problem::error(&path, "invalid id in the file name")
                .at_start_of(&bytes)
                .with_hint("ids are lower-case letters, digits and `-`, 1–64 characters, starting with a letter or digit"),
        );
    }
    let decoded = decode(&path, record.kind, &bytes);
    Decoded::Record {
        path,
        record,
        bytes,
        decoded,
    }
}

/// Reads a commit's forum files on this thread while another decodes them (this thread
/// decodes too once everything is read), then combines.
pub fn assemble_tree(repo: &Repository, tree: &Tree, forum_id: &str) -> Result<Loaded, StoreError> {
    assemble_tree_as(repo, tree, forum_id, Judged::Yes)
}

/// Whether a load checks the forum's rules (and locates each finding) as well as reading its
/// records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judged {
    Yes,
    No,
}

/// [`assemble_tree`], judged or not.
fn assemble_tree_as(
    repo: &Repository,
    tree: &Tree,
    forum_id: &str,
    judged: Judged,
) -> Result<Loaded, StoreError> {
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, RawFile)>(256);
    let rx = std::sync::Mutex::new(rx);
    // Takes files from the queue until it is closed and empty; (tree order, file).
    let decode_queue = || {
        let mut out = Vec::new();
        while let Ok(Ok((n, file))) = rx.lock().map(|r| r.recv()) {
            out.push((n, decode_file(file)));
        }
        out
    };
    let (mut decoded, theirs, problems) = std::thread::scope(|s| {
        let decoder = s.spawn(decode_queue);
        let mut n = 0;
        let problems = source::read_tree_each(repo, tree, forum_id, &mut |file| {
            let _ = tx.send((n, file));
            n += 1;
        });
        drop(tx);
        let mine = decode_queue();
        (mine, decoder.join(), problems)
    });
    decoded.extend(theirs.map_err(|_| StoreError::Refused("the decoder thread failed".into()))?);
    decoded.sort_unstable_by_key(|(n, _)| *n);
    combine_as(
        forum_id,
        decoded.into_iter().map(|(_, d)| d).collect(),
        problems,
        judged,
    )
}

/// Every finding on the snapshot (as `validate_around`); a forum with many scores has its
/// scorecards validated on a second thread while this one validates the rest.
fn validate_all(snapshot: &Snapshot, broken: &[RecordRef]) -> Vec<Finding> {
    if snapshot.scorecards.len() < 2 || snapshot.initiatives.len() < 100 {
        return validate_around(snapshot, broken);
    }
    validate_split(snapshot, broken)
}

/// [`validate_around`] on two threads: the scorecards on one, every other record on this.
pub fn validate_split(snapshot: &Snapshot, broken: &[RecordRef]) -> Vec<Finding> {
    let mut cards = Scope::none();
    for id in snapshot.scorecards.keys() {
        cards.add(RecordKind::Scorecard, id);
    }
    let rest = Scope::all().without(RecordKind::Scorecard);
    let (mut findings, theirs) = std::thread::scope(|s| {
        let theirs = s.spawn(|| validate_scoped(snapshot, broken, &cards));
        (validate_scoped(snapshot, broken, &rest), theirs.join())
    });
    match theirs {
        Ok(on_cards) => findings.extend(on_cards),
        Err(_) => findings.extend(validate_scoped(snapshot, broken, &cards)),
    }
    findings.sort();
    findings.dedup();
    findings
}

/// Puts decoded files together into a snapshot, validates it, and sorts the problems.
pub fn combine(
    forum_id: &str,
    files: Vec<Decoded>,
    problems: Vec<Problem>,
) -> Result<Loaded, StoreError> {
    combine_as(forum_id, files, problems, Judged::Yes)
}

/// [`combine`], judged or not.
fn combine_as(
    forum_id: &str,
    files: Vec<Decoded>,
    mut problems: Vec<Problem>,
    judged: Judged,
) -> Result<Loaded, StoreError> {
    let mut forum = None;
    let mut records = Vec::with_capacity(files.len());
    let mut sources = BTreeMap::new();
    let mut broken = Vec::new();
    for file in files {
        let (path, record, bytes, decoded) = match file {
            Decoded::Skipped(problem) => {
                problems.push(problem);
                continue;
            }
            Decoded::Record {
                path,
                record,
                bytes,
                decoded,
            } => (path, record, bytes, decoded),
        };
        sources.insert(path.clone(), bytes);
        match decoded {
            Ok(AnyRecord::Forum(f)) => forum = Some(f),
            Ok(other) => records.push((path, record, other)),
            Err(problem) => {
                problems.push(problem);
                broken.push(record);
            }
        }
    }
    let Some(forum) = forum else {
        if !problems.iter().any(|p| p.path.ends_with("/forum.ron")) {
            problems.push(Problem::error(
                format!("forums/{forum_id}/forum.ron"),
                "the forum has no forum.ron",
            ));
        }
        problems.retain(|p| p.is_error());
        return Err(StoreError::BrokenForum(problems));
    };
    let mut snapshot = Snapshot::new(forum_id, forum);
    let mut initiative_paths: BTreeMap<String, String> = BTreeMap::new();
    for (path, record, any) in records {
        let id = record.id.clone();
        match any {
            AnyRecord::Silo(r) => {
                snapshot.silos.insert(id, r);
            }
            AnyRecord::Evidence(r) => {
                snapshot.evidence.insert(id, r);
            }
            AnyRecord::Priority(r) => {
                snapshot.priorities.insert(id, r);
            }
            AnyRecord::Ballot(r) => {
                snapshot.ballots.insert(id, r);
            }
            AnyRecord::Ranking(r) => snapshot.ranking = Some(r),
            AnyRecord::Scorecard(r) => {
                snapshot.scorecards.insert(id, r);
            }
            AnyRecord::Allocation(r) => snapshot.allocation = Some(r),
            AnyRecord::Action(r) => {
                snapshot.actions.insert(id, r);
            }
            AnyRecord::Endorsement(r) => {
                snapshot.endorsements.insert(id, r);
            }
            AnyRecord::Delivery(r) => {
                snapshot.delivery.insert(id, r);
            }
            AnyRecord::Readings(r) => {
                snapshot.readings.insert(id, r);
            }
            AnyRecord::Spend(r) => {
                snapshot.spend.insert(id, r);
            }
            AnyRecord::Review(r) => {
                snapshot.reviews.insert(id, r);
            }
            AnyRecord::Initiative(r) => {
                let silo = record.silo.clone().unwrap_or_default();
                if let Some(first) = snapshot.initiatives.get(&id) {
                    // Both files carry the error, each naming the other: a change that adds
                    // one of them sees it on the file it added.
                    let first_path = initiative_paths.get(&id).cloned().unwrap_or_default();
                    let duplicate = |here: &str, there: &str, silo: &str| {
                        Problem::error(
                            here,
                            format!("initiative id `{id}` is also used by silo `{silo}` ({there})"),
                        )
                        .at_start_of(sources.get(here).map(Vec::as_slice).unwrap_or(&[]))
                        .with_hint(
                            "initiative ids are unique across all silos; rename one of the files",
                        )
                    };
                    problems.push(duplicate(&path, &first_path, &first.silo));
                    problems.push(duplicate(&first_path, &path, &silo));
                    continue;
                }
                initiative_paths.insert(id.clone(), path.clone());
                snapshot.initiatives.insert(
                    id,
                    Proposal {
                        silo,
                        initiative: r,
                    },
                );
            }
            AnyRecord::Forum(_) => {}
        }
        debug_assert!(record.kind != RecordKind::Forum);
    }
    if judged == Judged::Yes {
        let findings = validate_all(&snapshot, &broken);
        problems.extend(crate::store::locate::locate_all(
            &snapshot.id,
            &findings,
            &sources,
        ));
    }
    problems.sort();
    problems.dedup();
    Ok(Loaded {
        snapshot,
        problems,
        commit: None,
        sources,
    })
}
