//! Writes a large forum with a long, realistic decision history (for benchmarks and tests).
//!
//! The history walks the phases in order — evidence, priorities, ballots, the ranking and its
//! lock, proposals, then scoring with the odd edit and budget decision — one decision per
//! commit with the FORMAT.md message and trailers, authored by different members on
//! different days. Commits are built with git2 `TreeBuilder`s directly (no index, no work
//! tree) and everything is drawn from a seeded [`prng::Rng`]: one seed, one repository.

pub mod cast;
pub mod prng;
pub mod scoring;
pub mod tree;

use crate::domain::records::{Phase, Ranking, RankingMethod};
use crate::domain::snapshot::RecordRef;
use crate::store::error::StoreError;
use cast::{Cast, Size};
use git2::{Oid, Repository, RepositoryInitOptions, Signature, Time};
use prng::Rng;
use serde::Serialize;
use std::path::Path;
use tree::TreeModel;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Plan {
    pub forum_id: String,
    pub silos: usize,
    pub initiatives: usize,
    /// The number of commits the history should have (at least the phases' fixed steps).
    pub commits: usize,
    pub seed: u64,
}

/// What was generated.
#[derive(Debug, Clone)]
pub struct Generated {
    pub commits: usize,
    pub tip: Oid,
    pub branch: String,
}

/// 2026-01-05 09:00 UTC: the first meeting.
const START: i64 = 1_767_603_600;
const DAY: i64 = 86_400;
/// Fixed counts of a large company's forum (FORMAT.md has no limit; issue 7 names these).
const PRIORITIES: usize = 40;
const EVIDENCE: usize = 60;
const SCORERS: usize = 29;

fn ron_text<T: Serialize>(value: &T) -> Result<Vec<u8>, StoreError> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .depth_limit(2);
    ron::ser::to_string_pretty(value, config)
        .map(|mut s| {
            s.push('\n');
            s.into_bytes()
        })
        .map_err(|e| StoreError::Refused(format!("cannot write RON: {e}")))
}

/// The writer: the tree being built, the branch tip, the clock and the random source.
pub struct Writer<'r> {
    repo: &'r Repository,
    pub(crate) tree: TreeModel,
    parent: Option<Oid>,
    clock: i64,
    pub(crate) rng: Rng,
    pub(crate) cast: Cast,
    prefix: String,
    forum_id: String,
    pub(crate) commits: usize,
}

impl<'r> Writer<'r> {
    /// Writes a record at its place in the forum folder.
    pub(crate) fn put<T: Serialize>(
        &mut self,
        record: &RecordRef,
        value: &T,
    ) -> Result<(), StoreError> {
        let path = format!("{}/{}", self.prefix, record.relative_path());
        let bytes = ron_text(value)?;
        self.tree.put(self.repo, &path, &bytes)?;
        Ok(())
    }

    fn tick(&mut self) {
        if self.rng.chance(4) {
            let days = self.rng.between(1, 6) as i64;
            self.clock = (self.clock - START).div_euclid(DAY) * DAY + START + days * DAY;
        } else {
            self.clock += self.rng.between(60, 900) as i64;
        }
    }

    /// Commits the pending changes as one decision by member `by` (an index into members).
    pub(crate) fn decide(
        &mut self,
        by: usize,
        decision: &str,
        summary: &str,
        reason: &str,
    ) -> Result<(), StoreError> {
        self.tick();
        let members = &self.cast.forum.members;
        let author = &members[by % members.len()];
        let mut present = vec![members[0].id.clone(), author.id.clone()];
        for _ in 0..3 {
            if let Some(m) = self.rng.pick(members) {
                present.push(m.id.clone());
            }
        }
        present.sort();
        present.dedup();
        let message = format!(
            "{summary}\n\n{reason}\n\nForum: {}\nDecision: {decision}\nDecided-By: {}\nPresent: {}\n",
            self.forum_id,
            author.id,
            present.join(", ")
        );
        let when = Time::new(self.clock, 60);
        let sig = Signature::new(&author.name, &author.email, &when)?;
        let tree = self.repo.find_tree(self.tree.write(self.repo)?)?;
        let parents: Vec<git2::Commit> = self
            .parent
            .map(|p| self.repo.find_commit(p))
            .transpose()?
            .into_iter()
            .collect();
        let parent_refs: Vec<&git2::Commit> = parents.iter().collect();
        let oid = self
            .repo
            .commit(None, &sig, &sig, &message, &tree, &parent_refs)?;
        self.parent = Some(oid);
        self.commits += 1;
        Ok(())
    }

    fn advance(&mut self, to: Phase, summary: &str) -> Result<(), StoreError> {
        self.cast.forum.phase = to;
        let forum = self.cast.forum.clone();
        self.put(
            &RecordRef::new(crate::domain::snapshot::RecordKind::Forum, ""),
            &forum,
        )?;
        self.decide(
            0,
            "advance",
            summary,
            "The room agreed the phase's work is done.",
        )
    }
}

/// Generates the repository at `dir` (created if missing; it must not hold commits yet).
pub fn generate(dir: &Path, plan: &Plan) -> Result<Generated, StoreError> {
    use crate::domain::snapshot::RecordKind as K;
    let mut options = RepositoryInitOptions::new();
    options.initial_head("main");
    let repo = Repository::init_opts(dir, &options)?;
    if repo.head().is_ok() {
        return Err(StoreError::Refused(format!(
            "{} already has commits; bench-forum writes a new repository",
            dir.display()
        )));
    }
    let mut rng = Rng::new(plan.seed);
    let size = Size {
        silos: plan.silos,
        initiatives: plan.initiatives,
        priorities: PRIORITIES,
        evidence: EVIDENCE,
        scorers: SCORERS,
    };
    let cast = Cast::new(&mut rng, size);
    let mut w = Writer {
        repo: &repo,
        tree: TreeModel::new(),
        parent: None,
        clock: START,
        rng,
        cast,
        prefix: format!("forums/{}", plan.forum_id),
        forum_id: plan.forum_id.clone(),
        commits: 0,
    };

    // The forum and its silos.
    let forum = w.cast.forum.clone();
    w.put(&RecordRef::new(K::Forum, ""), &forum)?;
    for (id, silo) in w.cast.silos.clone() {
        w.put(&RecordRef::new(K::Silo, id), &silo)?;
    }
    let silos = w.cast.silos.len();
    w.decide(
        0,
        "init",
        &format!("Open the forum with {silos} silos"),
        "The FY2027 cycle starts.",
    )?;

    for (id, evidence) in w.cast.evidence.clone() {
        w.put(&RecordRef::new(K::Evidence, &id), &evidence)?;
        let by = w.rng.below(w.cast.forum.members.len());
        w.decide(
            by,
            "evidence",
            &format!("Add evidence {id}"),
            "Brought to the evidence review.",
        )?;
    }
    w.advance(Phase::Priorities, "Advance to Priorities")?;
    for (id, priority) in w.cast.priorities.clone() {
        w.put(&RecordRef::new(K::Priority, &id), &priority)?;
        w.decide(
            0,
            "priority",
            &format!("Add priority {id}"),
            "Drafted from the evidence in the room.",
        )?;
    }
    w.advance(Phase::Ranking, "Advance to Ranking")?;

    let mut ballots = std::collections::BTreeMap::new();
    for m in w.cast.scorers.clone() {
        let ballot = w.cast.ballot(&mut w.rng);
        let member = w.cast.forum.members[m].id.clone();
        w.put(&RecordRef::new(K::Ballot, &member), &ballot)?;
        ballots.insert(member.clone(), ballot.order);
        w.decide(
            m,
            "ballot",
            &format!("Record the ballot of {member}"),
            "Cast in the ranking session.",
        )?;
    }
    let items: Vec<String> = w.cast.priorities.iter().map(|(id, _)| id.clone()).collect();
    let outcome = crate::domain::ranking::rank(&items, &ballots, RankingMethod::Schulze);
    let ranking = Ranking {
        order: outcome.order,
        method: RankingMethod::Schulze,
        note: String::new(),
        computed: Vec::new(),
    };
    w.put(&RecordRef::new(K::Ranking, ""), &ranking)?;
    w.decide(
        0,
        "rank",
        &format!("Rank {} priorities (Schulze)", items.len()),
        "Every ballot is in.",
    )?;
    w.advance(
        Phase::Scoring,
        &format!("Lock the ranking of {} priorities (Schulze)", items.len()),
    )?;

    scoring::proposals_and_scores(&mut w, plan.commits)?;

    let tip = w
        .parent
        .ok_or_else(|| StoreError::Refused("nothing was generated".into()))?;
    let branch = "refs/heads/main".to_string();
    repo.reference(&branch, tip, true, "bench-forum: generated history")?;
    repo.set_head(&branch)?;
    repo.checkout_head(Some(git2::build::CheckoutBuilder::new().force()))?;
    Ok(Generated {
        commits: w.commits,
        tip,
        branch,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::repo::ForumRepo;

    fn plan(seed: u64) -> Plan {
        Plan {
            forum_id: "gen".into(),
            silos: 6,
            initiatives: 60,
            commits: 260,
            seed,
        }
    }

    #[test]
    fn a_seed_names_one_history_that_loads_cleanly() {
        let (a, b, c) = (
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
        );
        let first = generate(a.path(), &plan(5)).unwrap();
        let again = generate(b.path(), &plan(5)).unwrap();
        let other = generate(c.path(), &plan(6)).unwrap();
        assert_eq!(first.commits, 260);
        assert_eq!(first.tip, again.tip, "same seed, same commits");
        assert_ne!(first.tip, other.tip);

        let repo = ForumRepo::open(a.path()).unwrap();
        let loaded = repo.load_at("gen", "HEAD").unwrap();
        let errors: Vec<_> = loaded.problems.iter().filter(|p| p.is_error()).collect();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(loaded.snapshot.initiatives.len(), 60);
        assert_eq!(loaded.snapshot.priorities.len(), PRIORITIES);
        assert_eq!(loaded.snapshot.forum.phase, Phase::Scoring);
        assert_eq!(loaded.snapshot.scorecards.len(), SCORERS + 1);

        let head = repo.repo.head().unwrap().peel_to_commit().unwrap();
        let message = head.message().unwrap();
        assert!(message.contains("\n\nForum: gen\nDecision: "), "{message}");
        assert!(message.contains("\nDecided-By: ") && message.contains("\nPresent: "));
        let mut walk = repo.repo.revwalk().unwrap();
        walk.push_head().unwrap();
        let times: Vec<i64> = walk
            .map(|o| repo.repo.find_commit(o.unwrap()).unwrap().time().seconds())
            .collect();
        assert_eq!(times.len(), 260);
        assert!(times.windows(2).all(|w| w[0] > w[1]), "time moves forward");
        let days: std::collections::BTreeSet<i64> = times.iter().map(|t| t / DAY).collect();
        assert!(days.len() > 3, "several meeting days");
    }

    #[test]
    fn an_existing_history_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        generate(dir.path(), &plan(1)).unwrap();
        assert!(matches!(
            generate(dir.path(), &plan(1)),
            Err(StoreError::Refused(_))
        ));
    }
}
