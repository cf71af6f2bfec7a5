//! Decisions that write one member's or the forum's record: `ballot`, `score`, `rank --by`.

use crate::cli::args::DecisionArgs;
use crate::cli::context::{CmdResult, Global, refuse};
use crate::cli::decide::{Desk, member_id};
use crate::domain::analysis::analyse;
use crate::domain::decision::Motion;
use crate::domain::finding::closest;
use crate::domain::maps::UniqueMap;
use crate::domain::records::{CONSENSUS, Ranking, RankingMethod};
use crate::domain::snapshot::Snapshot;

/// The arguments of `roundtable ballot`.
#[derive(Debug, Clone, clap::Args)]
pub struct BallotArgs {
    /// The member whose ballot it is.
    pub member: String,
    /// The priorities, most important first.
    #[arg(required = true)]
    pub order: Vec<String>,
    #[command(flatten)]
    pub decision: DecisionArgs,
}

/// The arguments of `roundtable score`.
#[derive(Debug, Clone, clap::Args)]
pub struct ScoreArgs {
    /// The member whose scorecard it is (`forum` for the consensus card).
    pub member: String,
    pub initiative: String,
    #[arg(required = true, value_name = "PRIORITY=N")]
    pub scores: Vec<String>,
    #[command(flatten)]
    pub decision: DecisionArgs,
}

fn priority<'a>(s: &Snapshot, id: &'a str) -> anyhow::Result<&'a str> {
    if s.priorities.contains_key(id) {
        return Ok(id);
    }
    let hint = closest(id, s.priorities.keys().map(String::as_str)).map_or_else(
        || {
            let ids: Vec<&str> = s.priorities.keys().map(String::as_str).collect();
            format!("the priorities are: {}", ids.join(", "))
        },
        |c| format!("did you mean `{c}`?"),
    );
    Err(refuse(
        format!("`{id}` is not a priority of the forum"),
        Some(&hint),
    ))
}

/// `roundtable ballot MEMBER ids…`: cast or replace a member's ballot.
pub fn ballot(g: &Global, ballot: &BallotArgs) -> CmdResult {
    let (member, order, args) = (ballot.member.as_str(), &ballot.order, &ballot.decision);
    let desk = Desk::open(g)?;
    let s = desk.snapshot();
    member_id(s, member)?;
    let mut seen = Vec::new();
    for id in order {
        priority(s, id)?;
        if seen.contains(id) {
            return Err(refuse(
                format!("`{id}` appears twice on the ballot"),
                Some("list each priority once, most important first"),
            ));
        }
        seen.push(id.clone());
    }
    let motion = Motion::Ballot {
        member: member.to_string(),
        order: order.to_vec(),
    };
    let d = desk.planned(args, &motion, &[])?;
    desk.commit(&d)
}

/// `roundtable score MEMBER INITIATIVE PRIORITY=N…`: one member's scores for one initiative.
pub fn score(g: &Global, score: &ScoreArgs) -> CmdResult {
    let (member, initiative, scores, args) = (
        score.member.as_str(),
        score.initiative.as_str(),
        &score.scores,
        &score.decision,
    );
    let desk = Desk::open(g)?;
    let s = desk.snapshot();
    if member != CONSENSUS {
        member_id(s, member)?;
    }
    if s.initiative(initiative).is_none() {
        let hint = closest(initiative, s.initiatives.keys().map(String::as_str))
            .map(|c| format!("did you mean `{c}`?"));
        return Err(refuse(
            format!("`{initiative}` is not an initiative of the forum"),
            hint.as_deref(),
        ));
    }
    let scale = s.forum.scale;
    let mut given = UniqueMap::new();
    for pair in scores {
        let Some((p, n)) = pair.split_once('=') else {
            return Err(refuse(
                format!("`{pair}` is not PRIORITY=N"),
                Some("e.g. first-30-days=3"),
            ));
        };
        let p = priority(s, p.trim())?;
        let n: u8 = match n.trim().parse() {
            Ok(n) if n <= scale => n,
            _ => {
                return Err(refuse(
                    format!("the score for `{p}` must be a whole number from 0 to {scale}"),
                    Some("write e.g. first-30-days=3 (0 means it does not help)"),
                ));
            }
        };
        if given.contains_key(p) {
            return Err(refuse(
                format!("`{p}` is scored twice"),
                Some("give each priority one score, e.g. first-30-days=3 tell-me-first=1"),
            ));
        }
        given.insert(p.to_string(), n);
    }
    let motion = Motion::Score {
        member: member.to_string(),
        scores: given
            .iter()
            .map(|(p, n)| (initiative.to_string(), p.clone(), *n))
            .collect(),
    };
    let d = desk.planned(args, &motion, &[])?;
    desk.commit(&d)
}

/// `roundtable rank --by MEMBER [--manual ids…]`: records the computed or the forum's order.
pub fn rank(g: &Global, manual: &[String], args: &DecisionArgs) -> CmdResult {
    let desk = Desk::open(g)?;
    let s = desk.snapshot();
    let outcome = analyse(s).ranking;
    let ranking = if manual.is_empty() {
        if s.forum.ranking_method == RankingMethod::Manual {
            return Err(refuse(
                "this forum ranks by hand: give the order with --manual ID…",
                Some("e.g. --manual p1 p2 p3 --reason \"why\" (every priority once)"),
            ));
        }
        if outcome.ballots == 0 {
            return Err(refuse(
                "no ballots yet: the computed order would be arbitrary",
                Some("cast ballots with `roundtable ballot MEMBER ids…`, or give --manual ids…"),
            ));
        }
        Ranking {
            order: outcome.order.clone(),
            method: s.forum.ranking_method,
            note: String::new(),
            computed: Vec::new(),
        }
    } else {
        let reason = args.reason.as_deref().unwrap_or_default().trim();
        if reason.is_empty() {
            return Err(refuse(
                "a manual ranking needs a reason",
                Some("add --reason \"why the forum sets its own order\""),
            ));
        }
        for id in manual {
            priority(s, id)?;
        }
        Ranking {
            order: manual.to_vec(),
            method: RankingMethod::Manual,
            note: reason.to_string(),
            computed: outcome.order.clone(),
        }
    };
    if let Some(gap) = crate::domain::phase::ranking_gap(s, Some(&ranking)) {
        return Err(refuse(
            format!("the ranking must list every priority exactly once: {gap}"),
            Some("`roundtable rank` shows the priorities; list each of them once"),
        ));
    }
    let motion = Motion::Rank {
        manual: ranking.method == RankingMethod::Manual && !manual.is_empty(),
        order: ranking.order,
    };
    let d = desk.planned(args, &motion, &outcome.order)?;
    desk.commit(&d)
}
