//! The chain of why for one initiative: evidence → priority rank and weight → scores → value
//! → what the rule gave it → what the forum decided.
//!
//! Built from a snapshot and its analysis only (no arithmetic of its own: every figure comes
//! from `analysis` and `sensitivity`); the store adds the commits behind each step.

pub mod since;

use crate::domain::analysis::{Analysis, ScorerScores, Valuation};
use crate::domain::records::{AllocationRule, CONSENSUS, Money, Phase};
use crate::domain::sensitivity::margin;
use crate::domain::snapshot::Snapshot;
use serde::Serialize;
use std::collections::BTreeMap;

/// A piece of evidence a priority cites.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceLink {
    pub id: String,
    /// False when the priority cites an id the forum has no record of.
    pub known: bool,
    pub kind: String,
    pub title: String,
    pub period: String,
    pub source: String,
    /// `name: value unit (baseline b)` for each metric.
    pub metrics: Vec<String>,
}

/// A priority the initiative addresses (or is scored on), with its rank, weight and evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PriorityLink {
    pub id: String,
    pub title: String,
    pub customer_problem: String,
    /// `metric: baseline → target unit`.
    pub goal: String,
    /// True when the initiative's `addresses` names it.
    pub addressed: bool,
    /// 1-based rank in the order in force; `None` when the priority is not in it.
    pub rank: Option<usize>,
    pub weight: f64,
    /// The aggregated score s̄ on this priority.
    pub score: f64,
    /// weight × score.
    pub contribution: f64,
    pub evidence: Vec<EvidenceLink>,
}

/// How the order of priorities was set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankingStep {
    /// True when ranking.ron records the forum's order.
    pub decided: bool,
    /// `Schulze`, `Borda` or `Manual` (the decided method, else the forum's setting).
    pub method: String,
    /// The note of a Manual ranking.
    pub note: String,
    pub weighting: String,
    /// How many priorities the order ranks.
    pub priorities: usize,
    /// True when the phase is past Ranking (the ranking is locked).
    pub locked: bool,
}

/// The scores the initiative received.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoringStep {
    pub scale: u8,
    /// True when the consensus scorecard replaced the aggregate.
    pub consensus: bool,
    /// The consensus scorecard's scores, when there is one.
    pub consensus_scores: Option<BTreeMap<String, u8>>,
    /// Every member who scored it; recused ones are marked and not counted.
    pub scorers: Vec<ScorerScores>,
    /// priority id → aggregate used in the value.
    pub aggregate: BTreeMap<String, f64>,
    /// `polarised on billing-clarity`, … for discussion.
    pub flags: Vec<String>,
}

/// What the allocation rule gave the initiative, and how safe that is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleStep {
    /// `Optimal` or `Greedy`.
    pub rule: String,
    pub budget: Money,
    /// Funded by the forum's rule.
    pub funded: bool,
    /// Funded by the other rule (greedy when the rule is Optimal, and the reverse).
    pub funded_by_other: bool,
    /// The value margin (§5): negative for funded (how far it may fall), positive for
    /// unfunded (how far it must rise); `None` when the other way is impossible.
    pub margin: Option<f64>,
    /// The margin in score points on `margin_priority`.
    pub margin_points: Option<f64>,
    pub margin_priority: Option<String>,
    /// The cut line: the lowest value per 100,000 among funded initiatives that are not
    /// mandatory; `None` when nothing is funded.
    pub cut_line: Option<f64>,
    /// The initiative's position among all by value (1 = most valuable).
    pub position: usize,
    pub of: usize,
    /// Greedy's own words about this initiative ("fits", "costs …, only … left").
    pub greedy_reason: String,
    /// Why the two rules disagree on it, when they do.
    pub difference: Option<String>,
    /// One sentence for people.
    pub why: String,
}

/// What the forum decided in allocation.ron.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionStep {
    /// The amount of its line; `None` when allocation.ron has no line for it.
    pub amount: Option<Money>,
    /// The line's reason.
    pub reason: String,
    /// The rule recorded in allocation.ron.
    pub rule: String,
    /// The budget recorded in allocation.ron.
    pub budget: Money,
    pub note: String,
    /// True when the forum's line differs from the rule's result (funded vs not).
    pub differs_from_rule: bool,
}

/// The initiative itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Subject {
    pub id: String,
    pub silo: String,
    pub title: String,
    pub summary: String,
    pub owner: String,
    pub cost: Money,
    /// For a shared initiative: each silo's share of the cost, the lead first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shares: Vec<(String, Money)>,
    pub mandatory: bool,
    pub addresses: Vec<String>,
    pub depends_on: Vec<String>,
    pub excludes: Vec<String>,
}

/// The whole chain of why for one initiative.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chain {
    pub forum: String,
    pub title: String,
    pub currency: String,
    pub phase: Phase,
    pub initiative: Subject,
    pub priorities: Vec<PriorityLink>,
    pub ranking: RankingStep,
    pub scoring: ScoringStep,
    pub value: f64,
    pub value_per_100k: f64,
    pub rule: RuleStep,
    /// `None` while the forum has no allocation.ron.
    pub decision: Option<DecisionStep>,
}

/// The chain of why for initiative `id`, or `None` when the snapshot has no such initiative.
pub fn chain(snapshot: &Snapshot, analysis: &Analysis, id: &str) -> Option<Chain> {
    let proposal = snapshot.initiatives.get(id)?;
    let v = analysis.valuation(id)?;
    let init = &proposal.initiative;
    let priorities = listed(&init.addresses, v)
        .into_iter()
        .map(|p| priority_link(snapshot, analysis, v, init.addresses.contains(p), p))
        .collect();
    let decided_method = analysis
        .decided_method
        .unwrap_or(snapshot.forum.ranking_method);
    let ranking = RankingStep {
        decided: analysis.decided,
        method: decided_method.name().to_string(),
        note: analysis.decided_note.clone(),
        weighting: analysis.weighting.clone(),
        priorities: analysis.order.len(),
        locked: analysis.decided && analysis.phase > Phase::Ranking,
    };
    let consensus_scores = snapshot
        .scorecards
        .get(CONSENSUS)
        .and_then(|c| c.scores.get(id))
        .map(|row| row.iter().map(|(k, s)| (k.clone(), *s)).collect());
    let scoring = ScoringStep {
        scale: analysis.scale,
        consensus: v.consensus,
        consensus_scores,
        scorers: v.scorers.clone(),
        aggregate: v.scores.clone(),
        flags: v
            .flags
            .iter()
            .map(|f| match &f.priority {
                Some(p) => format!("{} on {p}", f.kind.name()),
                None => f.kind.name().to_string(),
            })
            .collect(),
    };
    let decision = snapshot.allocation.as_ref().map(|a| {
        let line = a.lines.iter().find(|l| l.initiative == id);
        let funded_by_forum = line.is_some_and(|l| l.amount > 0);
        DecisionStep {
            amount: line.map(|l| l.amount),
            reason: line.map(|l| l.reason.clone()).unwrap_or_default(),
            rule: a.rule.name().to_string(),
            budget: a.budget,
            note: a.note.clone(),
            differs_from_rule: funded_by_forum != analysis.portfolio().funds(id),
        }
    });
    Some(Chain {
        forum: snapshot.id.clone(),
        title: snapshot.forum.title.clone(),
        currency: analysis.currency.clone(),
        phase: analysis.phase,
        initiative: Subject {
            id: id.to_string(),
            silo: proposal.silo.clone(),
            title: init.title.clone(),
            summary: init.summary.clone(),
            owner: init.owner.clone(),
            cost: init.cost,
            shares: if init.is_shared() {
                init.split(&proposal.silo, init.cost)
                    .into_iter()
                    .map(|(s, m)| (s.to_string(), m))
                    .collect()
            } else {
                Vec::new()
            },
            mandatory: init.mandatory,
            addresses: init.addresses.clone(),
            depends_on: init.depends_on.clone(),
            excludes: init.excludes.clone(),
        },
        priorities,
        ranking,
        scoring,
        value: v.value,
        value_per_100k: v.value_per_100k,
        rule: rule_step(snapshot, analysis, id),
        decision,
    })
}

/// The priorities a chain follows: those the initiative addresses, then, by id, any other it
/// earns value on.
pub fn listed<'a>(addresses: &'a [String], v: &'a Valuation) -> Vec<&'a String> {
    let mut ids: Vec<&String> = addresses.iter().collect();
    for (p, c) in &v.contributions {
        if *c > 0.0 && !ids.contains(&p) {
            ids.push(p);
        }
    }
    ids
}

fn priority_link(
    snapshot: &Snapshot,
    analysis: &Analysis,
    v: &Valuation,
    addressed: bool,
    id: &str,
) -> PriorityLink {
    let record = snapshot.priorities.get(id);
    let ranked = analysis.priorities.iter().find(|p| p.id == id);
    let evidence = record
        .map(|r| {
            r.evidence
                .iter()
                .map(|e| evidence_link(snapshot, e))
                .collect()
        })
        .unwrap_or_default();
    PriorityLink {
        id: id.to_string(),
        title: record.map(|r| r.title.clone()).unwrap_or_default(),
        customer_problem: record
            .map(|r| r.customer_problem.clone())
            .unwrap_or_default(),
        goal: record
            .map(|r| {
                let g = &r.goal;
                format!("{}: {} → {} {}", g.metric, g.baseline, g.target, g.unit)
                    .trim_end()
                    .to_string()
            })
            .unwrap_or_default(),
        addressed,
        rank: ranked.map(|p| p.rank),
        weight: ranked.map_or(0.0, |p| p.weight),
        score: v.scores.get(id).copied().unwrap_or(0.0),
        contribution: v.contributions.get(id).copied().unwrap_or(0.0),
        evidence,
    }
}

fn evidence_link(snapshot: &Snapshot, id: &str) -> EvidenceLink {
    let Some(e) = snapshot.evidence.get(id) else {
        return EvidenceLink {
            id: id.to_string(),
            known: false,
            kind: String::new(),
            title: String::new(),
            period: String::new(),
            source: String::new(),
            metrics: Vec::new(),
        };
    };
    EvidenceLink {
        id: id.to_string(),
        known: true,
        kind: e.kind.label().to_string(),
        title: e.title.clone(),
        period: e.period.clone(),
        source: e.source.clone(),
        metrics: e
            .metrics
            .iter()
            .map(|m| {
                let base = m
                    .baseline
                    .map(|b| format!(" (baseline {})", crate::domain::money::quantity(b)))
                    .unwrap_or_default();
                let unit = if m.unit.is_empty() {
                    String::new()
                } else {
                    format!(" {}", m.unit)
                };
                format!(
                    "{}: {}{unit}{base}",
                    m.name,
                    crate::domain::money::quantity(m.value)
                )
            })
            .collect(),
    }
}

fn rule_step(snapshot: &Snapshot, analysis: &Analysis, id: &str) -> RuleStep {
    let portfolio = analysis.portfolio();
    let funded = portfolio.funds(id);
    let other = match analysis.rule {
        AllocationRule::Optimal => &analysis.greedy,
        AllocationRule::Greedy => &analysis.optimal,
    };
    let m = margin(snapshot, analysis, id);
    let cut_line = analysis
        .initiatives
        .iter()
        .filter(|v| portfolio.funds(&v.id) && !v.mandatory)
        .map(|v| v.value_per_100k)
        .reduce(f64::min);
    let position = analysis
        .initiatives
        .iter()
        .position(|v| v.id == id)
        .map_or(0, |i| i + 1);
    let greedy_reason = analysis
        .greedy_steps
        .iter()
        .find(|s| s.id == id)
        .map(|s| s.reason.clone())
        .unwrap_or_default();
    let difference = analysis.differences.reasons.get(id).cloned();
    let v = analysis.valuation(id);
    let mandatory = v.is_some_and(|v| v.mandatory);
    let why = if !portfolio.feasible {
        format!(
            "The {} rule found no allocation that keeps every rule: {}",
            analysis.rule.name(),
            portfolio.note.clone().unwrap_or_default()
        )
    } else if mandatory && funded {
        "It is mandatory: the rule funds it before anything else.".to_string()
    } else if funded && analysis.rule == AllocationRule::Greedy {
        "The Greedy rule funds it: taken in order of value per money, it still fit the budget."
            .to_string()
    } else if funded {
        "The Optimal rule funds it: the most valuable set of initiatives that fits the budget includes it."
            .to_string()
    } else {
        format!(
            "The {} rule leaves it out: the money buys more value elsewhere ({}).",
            analysis.rule.name(),
            if greedy_reason.is_empty() {
                "no room in the budget"
            } else {
                greedy_reason.as_str()
            }
        )
    };
    RuleStep {
        rule: analysis.rule.name().to_string(),
        budget: analysis.budget,
        funded,
        funded_by_other: other.funds(id),
        margin: m.as_ref().and_then(|m| m.value),
        margin_points: m.as_ref().and_then(|m| m.points),
        margin_priority: m.and_then(|m| m.priority),
        cut_line,
        position,
        of: analysis.initiatives.len(),
        greedy_reason,
        difference,
        why,
    }
}

#[cfg(test)]
mod tests;
