//! The check of one proposal against a base: one silo's initiatives only, a phase that still
//! takes proposals, no conflict with the base, and a valid forum once applied.

use super::{Change, ChangedFile, ProposalCheck};
use crate::domain::phase::{DecisionKind, Gate, Move, judge};
use crate::domain::records::Phase;
use crate::store::decide::Changes;
use crate::store::error::StoreError;
use crate::store::layout::{FORUMS, MAX_RECORD_BYTES};
use crate::store::problem::Problem;
use crate::store::repo::{Loaded, assemble};
use crate::store::source::{Listing, RawFile, read_tree};
use git2::{Delta, ErrorCode, Oid, Repository, Tree};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The forum at the commit a proposal would be merged into, read once and shared.
pub struct Base {
    pub commit: Oid,
    pub forum: String,
    files: Vec<RawFile>,
    listing_problems: Vec<Problem>,
    /// The forum as it stands at the base, or the problems that break its own record.
    pub loaded: Result<Loaded, Vec<Problem>>,
}

impl Base {
    /// Reads forum `forum` at `commit`.
    pub fn at(git: &Repository, forum: &str, commit: Oid) -> Result<Base, StoreError> {
        let tree = git.find_commit(commit)?.tree()?;
        let listing = read_tree(git, &tree, forum);
        let files = listing.files.clone();
        let listing_problems = listing.problems.clone();
        let loaded = match assemble(forum, listing) {
            Ok(l) => Ok(l),
            Err(StoreError::BrokenForum(p)) => Err(p),
            Err(e) => return Err(e),
        };
        Ok(Base {
            commit,
            forum: forum.to_string(),
            files,
            listing_problems,
            loaded,
        })
    }
}

/// One changed path since the merge-base, with the blob on the proposal's side.
pub(super) struct Touched {
    pub path: String,
    pub change: Change,
    pub new: Option<Oid>,
}

/// The merge-base of `base` and `tip`; `None` when they share no history.
pub(super) fn merge_base(git: &Repository, base: Oid, tip: Oid) -> Result<Option<Oid>, StoreError> {
    match git.merge_base(base, tip) {
        Ok(oid) => Ok(Some(oid)),
        Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The files that differ between two commits' trees (no content diff, no rename detection).
pub(super) fn changed_paths(
    git: &Repository,
    from: Oid,
    to: Oid,
) -> Result<(Vec<Touched>, Vec<Problem>), StoreError> {
    let old = git.find_commit(from)?.tree()?;
    let new = git.find_commit(to)?.tree()?;
    let diff = git.diff_tree_to_tree(Some(&old), Some(&new), None)?;
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for d in diff.deltas() {
        let file = if d.status() == Delta::Deleted {
            d.old_file()
        } else {
            d.new_file()
        };
        let Some(path) = file.path().and_then(Path::to_str).map(str::to_string) else {
            problems.push(
                Problem::error(
                    crate::domain::text::sanitize(&String::from_utf8_lossy(
                        file.path_bytes().unwrap_or_default(),
                    )),
                    "a file name that is not UTF-8 cannot be part of a proposal",
                )
                .with_hint("rename it with UTF-8 characters only (git mv)"),
            );
            continue;
        };
        let change = match d.status() {
            Delta::Added => Change::Added,
            Delta::Deleted => Change::Removed,
            _ => Change::Modified,
        };
        if d.status() != Delta::Deleted {
            if let Some((what, hint)) = not_a_file(d.new_file().mode()) {
                problems.push(
                    Problem::error(&path, format!("{what} cannot be part of a proposal"))
                        .with_hint(hint),
                );
            }
        }
        let id = |f: git2::DiffFile| Some(f.id()).filter(|o| !o.is_zero());
        out.push(Touched {
            path,
            change,
            new: id(d.new_file()),
        });
    }
    Ok((out, problems))
}

/// What a tree entry of mode `mode` is when it is not a plain file, and the hint to fix it.
fn not_a_file(mode: git2::FileMode) -> Option<(&'static str, &'static str)> {
    match mode {
        git2::FileMode::Link => Some((
            "a symlink",
            "commit the record itself (a plain file), not a link to it",
        )),
        git2::FileMode::Commit => Some((
            "a submodule (gitlink) entry",
            "remove it with `git rm --cached <path>`; a proposal holds record files only",
        )),
        git2::FileMode::Blob | git2::FileMode::BlobExecutable | git2::FileMode::Tree => None,
        _ => Some((
            "an entry that is not a plain file",
            "commit plain record files only",
        )),
    }
}

/// Checks the change from the merge-base of `base` and `tip` to `tip` as one proposal.
pub fn check_proposal(
    git: &Repository,
    base: &Base,
    tip: Oid,
) -> Result<ProposalCheck, StoreError> {
    let Some(mb) = merge_base(git, base.commit, tip)? else {
        return Err(StoreError::Refused(format!(
            "{tip} shares no history with the base {}: it cannot be a proposal",
            base.commit
        )));
    };
    let (deltas, problems) = changed_paths(git, mb, tip)?;
    Ok(judge_deltas(git, base, mb, &deltas, problems))
}

/// The rest of the check, once the changed paths are known.
pub(super) fn judge_deltas(
    git: &Repository,
    base: &Base,
    mb: Oid,
    deltas: &[Touched],
    mut problems: Vec<Problem>,
) -> ProposalCheck {
    let forum = &base.forum;
    let forum_prefix = format!("{FORUMS}/{forum}/");
    // Entries that are not plain files (symlinks, gitlinks): refused, and never written.
    let not_files: BTreeSet<String> = problems.iter().map(|p| p.path.clone()).collect();
    let base_tree = git.find_commit(base.commit).and_then(|c| c.tree()).ok();
    let mb_tree = git.find_commit(mb).and_then(|c| c.tree()).ok();
    let mut silos: BTreeMap<String, Vec<&Touched>> = BTreeMap::new();
    let mut changes = Changes::new();
    let mut bytes_of: BTreeMap<&str, Vec<u8>> = BTreeMap::new();
    for d in deltas {
        let bytes = d
            .new
            .and_then(|oid| read_blob(git, oid, &d.path, &mut problems));
        let position = |p: Problem| match &bytes {
            Some(b) => p.at_start_of(b),
            None => p,
        };
        match silo_of(forum, &d.path) {
            // A silo may bring evidence too: it belongs to no silo's folder.
            _ if is_evidence(forum, &d.path) => {}
            Ok(silo) => silos.entry(silo).or_default().push(d),
            Err(message) => problems.push(position(Problem::error(&d.path, message).with_hint(
                "take this change out of the branch, or make it a pull request of its own",
            ))),
        }
        if conflicts(base_tree.as_ref(), mb_tree.as_ref(), &d.path) {
            problems.push(position(
                Problem::error(
                    &d.path,
                    "this file also changed on the forum's branch since the proposal started",
                )
                .with_hint("merge the forum's branch into this one, resolve, and check again"),
            ));
        }
        if d.path.starts_with(&forum_prefix) && !not_files.contains(d.path.as_str()) {
            if let Some(b) = &bytes {
                bytes_of.insert(&d.path, b.clone());
            }
            if d.new.is_none() || bytes.is_some() {
                changes.insert(d.path.clone(), bytes);
            }
        }
    }
    if silos.len() > 1 {
        let names: Vec<&str> = silos.keys().map(String::as_str).collect();
        for files in silos.values() {
            if let Some(d) = files.first() {
                let p = Problem::error(
                    &d.path,
                    format!(
                        "a proposal belongs to one silo; this branch changes the initiatives of {}",
                        names.join(", ")
                    ),
                )
                .with_hint("split it into one branch per silo");
                problems.push(match bytes_of.get(d.path.as_str()) {
                    Some(b) => p.at_start_of(b),
                    None => p,
                });
            }
        }
    }
    let touched: Vec<&str> = deltas.iter().map(|d| d.path.as_str()).collect();
    let anchor = |message: String| {
        let path = touched
            .iter()
            .find(|p| bytes_of.contains_key(**p))
            .or(touched.first())
            .copied()
            .unwrap_or("");
        let p = Problem::error(path, message);
        match bytes_of.get(path) {
            Some(b) => p.at_start_of(b),
            None => p,
        }
    };
    if changes.is_empty() && !problems.iter().any(Problem::is_error) {
        let path = touched
            .first()
            .map_or(forum_prefix.clone(), |p| (*p).to_string());
        problems.push(
            Problem::error(
                &path,
                format!("the branch changes no record of the forum: there is nothing to accept under {forum_prefix}initiatives/"),
            )
            .with_hint("commit the initiative's .ron file on the branch, or close the pull request"),
        );
    }
    let mut fields = Vec::new();
    let mut pitches = Vec::new();
    let mut approvals = Vec::new();
    match &base.loaded {
        Err(broken) => problems.push(anchor(format!(
            "the forum is broken on the base ({} problem(s) in its own record); fix the forum's branch first",
            broken.len()
        ))),
        Ok(before) if !changes.is_empty() => {
            let listing = apply(base, &changes);
            match assemble(forum, listing) {
                Err(StoreError::BrokenForum(p)) => problems.extend(p),
                Err(e) => problems.push(anchor(e.to_string())),
                Ok(after) => {
                    let known: BTreeSet<&Problem> = before.problems.iter().collect();
                    // A new error on a file the proposal does not touch is its own, unless
                    // it names a file the proposal changed (a duplicate id): then the copy on
                    // the changed file says it, and the untouched file stays out of the diff.
                    let names_a_change = |p: &Problem| {
                        changes.keys().any(|c| c != &p.path && p.message.contains(c.as_str()))
                    };
                    problems.extend(after.problems.iter().filter(|p| {
                        changes.contains_key(&p.path)
                            || (p.is_error() && !known.contains(p) && !names_a_change(p))
                    }).cloned());
                    let phase = before.snapshot.forum.phase;
                    for path in changes.keys().filter(|p| is_evidence(forum, p)) {
                        if !matches!(phase, Phase::Evidence | Phase::Priorities) {
                            let p = Problem::error(
                                path,
                                format!("evidence is brought while the forum is in Evidence or Priorities; it is in {phase}"),
                            )
                            .with_hint("bring it to the next cycle (`roundtable init NEW --from …`), or ask a facilitator to reopen the forum");
                            problems.push(match bytes_of.get(path.as_str()) {
                                Some(b) => p.at_start_of(b),
                                None => p,
                            });
                        }
                    }
                    if phase > Phase::Scoring {
                        problems.push(anchor(format!(
                            "the forum is in phase {phase}: proposals are accepted up to and including Scoring"
                        )));
                    }
                    let by = Move {
                        kind: Some(DecisionKind::Accept),
                        reason: "",
                    };
                    for v in judge(Some(&before.snapshot), &after.snapshot, by) {
                        if !(v.gate == Gate::ProposalsClosed && phase > Phase::Scoring) {
                            problems.push(anchor(v.message));
                        }
                    }
                    let ids: BTreeSet<String> = changes
                        .keys()
                        .filter_map(|p| initiative_id(forum, p))
                        .collect();
                    fields = super::field_changes(&before.snapshot, &after.snapshot, &ids, &changes, forum);
                    for id in &ids {
                        let old = before.snapshot.initiatives.get(id);
                        let new = after.snapshot.initiatives.get(id);
                        for silo in crate::domain::decision::approving_silos(old, new) {
                            let lead = before
                                .snapshot
                                .silos
                                .get(silo)
                                .or_else(|| after.snapshot.silos.get(silo))
                                .map(|s| s.lead.clone())
                                .unwrap_or_default();
                            approvals.push(super::Approval {
                                initiative: id.clone(),
                                silo: silo.to_string(),
                                lead,
                            });
                        }
                    }
                    pitches = ids
                        .iter()
                        .filter_map(|id| {
                            let i = after.snapshot.initiative(id)?;
                            Some(super::Pitch {
                                initiative: id.clone(),
                                title: i.title.clone(),
                                owner: i.owner.clone(),
                                summary: i.summary.clone(),
                            })
                        })
                        .collect();
                }
            }
        }
        Ok(_) => {}
    }
    problems.sort();
    problems.dedup();
    ProposalCheck {
        silos: silos.into_keys().collect(),
        changed: deltas
            .iter()
            .map(|d| ChangedFile {
                path: d.path.clone(),
                change: d.change,
            })
            .collect(),
        problems,
        fields,
        pitches,
        changes,
        merge_base: mb,
        approvals,
    }
}

/// The bytes of a blob on the proposal's side, refusing oversized ones.
fn read_blob(
    git: &Repository,
    oid: Oid,
    path: &str,
    problems: &mut Vec<Problem>,
) -> Option<Vec<u8>> {
    if let Ok((size, _)) = git.odb().and_then(|o| o.read_header(oid)) {
        if size as u64 > MAX_RECORD_BYTES {
            problems.push(
                Problem::error(
                    path,
                    format!("the file is {size} bytes; records are at most 1 MiB"),
                )
                .at(1, 1),
            );
            return None;
        }
    }
    git.find_blob(oid).ok().map(|b| b.content().to_vec())
}

/// The silo of an initiative file of `forum`, or why the path is not part of a proposal.
pub(super) fn silo_of(forum: &str, path: &str) -> Result<String, String> {
    let here = format!("{FORUMS}/{forum}/");
    let Some(rest) = path.strip_prefix(&here) else {
        return Err(format!(
            "a proposal changes only files in {here}initiatives/<silo>/; this file is outside the forum"
        ));
    };
    let parts: Vec<&str> = rest.split('/').collect();
    match parts.as_slice() {
        ["initiatives", silo, file] if file.ends_with(".ron") => Ok((*silo).to_string()),
        ["initiatives", ..] => Err(
            "not an initiative file: a proposal adds or edits initiatives/<silo>/<initiative-id>.ron"
                .into(),
        ),
        ["ranking.ron"] => Err(
            "a proposal may not change ranking.ron: the ranking is the forum's decision".into(),
        ),
        ["forum.ron"] => Err(
            "a proposal may not change forum.ron: the budget, phase and members are the forum's decisions"
                .into(),
        ),
        ["allocation.ron"] => Err(
            "a proposal may not change allocation.ron: the budget is allocated by the forum".into(),
        ),
        [dir, ..] => Err(format!(
            "a proposal changes only its silo's initiatives; `{dir}/` belongs to the forum"
        )),
        [] => Err("not part of a proposal".into()),
    }
}

/// True for an evidence record of `forum` (`evidence/<id>.ron`), which a silo may bring by
/// pull request while the forum gathers evidence.
pub(super) fn is_evidence(forum: &str, path: &str) -> bool {
    path.strip_prefix(&format!("{FORUMS}/{forum}/evidence/"))
        .is_some_and(|f| f.ends_with(".ron") && !f.contains('/'))
}

/// The initiative id of an initiative file of `forum`.
pub(super) fn initiative_id(forum: &str, path: &str) -> Option<String> {
    silo_of(forum, path).ok()?;
    let file = path.rsplit('/').next()?;
    file.strip_suffix(".ron").map(str::to_string)
}

/// True when `path` differs between the merge-base and the base (both sides changed it).
fn conflicts(base: Option<&Tree>, mb: Option<&Tree>, path: &str) -> bool {
    let id = |t: Option<&Tree>| {
        t.and_then(|t| t.get_path(Path::new(path)).ok())
            .map(|e| e.id())
    };
    id(base) != id(mb)
}

fn apply(base: &Base, changes: &Changes) -> Listing {
    let mut files: BTreeMap<String, Vec<u8>> = base
        .files
        .iter()
        .map(|f| (f.path.clone(), f.bytes.clone()))
        .collect();
    for (path, bytes) in changes {
        match bytes {
            Some(b) => {
                files.insert(path.clone(), b.clone());
            }
            None => {
                files.remove(path);
            }
        }
    }
    Listing {
        files: files
            .into_iter()
            .map(|(path, bytes)| RawFile { path, bytes })
            .collect(),
        problems: base
            .listing_problems
            .iter()
            .filter(|p| !changes.contains_key(&p.path))
            .cloned()
            .collect(),
    }
}
