//! Builds the [`Brief`] from a snapshot and its analysis: one place that reads records.

use crate::domain::analysis::{Analysis, Sensitivity, sensitivity, whatif};
use crate::domain::analysis::{FlagKind, Valuation};
use crate::domain::evidence;
use crate::domain::money::money;
use crate::domain::records::{Evidence, Goal, Money};
use crate::domain::snapshot::Snapshot;
use crate::domain::text::{sanitize, sanitize_multiline};
use crate::report::brief::{
    Brief, Contribution, Cut, Disagreement, EvidenceItem, InitiativeItem, PriorityItem, Question,
    RankingSummary, SiloItem,
};
use crate::report::num;

mod allocation;
use allocation::allocation_view;
use std::collections::BTreeMap;

/// The budget cuts every brief answers, in percent.
pub const CUTS: [u8; 2] = [10, 20];

/// How many unfunded initiatives closest to the line become open questions.
const CLOSE_TO_LINE: usize = 3;

/// Builds the brief; `commit` is the short hash the snapshot was read from, if any.
pub fn build(snapshot: &Snapshot, analysis: &Analysis, commit: Option<String>) -> Brief {
    let sens = sensitivity(snapshot, analysis);
    let allocation = allocation_view(snapshot, analysis, &sens);
    let allocated: BTreeMap<&str, Money> = allocation
        .lines
        .iter()
        .map(|l| (l.initiative.as_str(), l.amount))
        .collect();
    let initiatives: Vec<InitiativeItem> = analysis
        .initiatives
        .iter()
        .map(|v| initiative_item(snapshot, analysis, &sens, v, &allocated))
        .collect();
    let title_of = |id: &str| -> (String, String) {
        let t = snapshot
            .initiative(id)
            .map(|i| sanitize(&i.title))
            .unwrap_or_default();
        (id.to_string(), t)
    };
    let cuts = CUTS
        .iter()
        .map(|&percent| {
            let budget = cut_budget(analysis.budget, percent);
            // Compared with the plan shown (the decided allocation, or the rule's result).
            let w = whatif(snapshot, analysis, budget);
            let in_plan = |id: &str| allocated.get(id).is_some_and(|a| *a > 0);
            let dropped = allocated
                .iter()
                .filter(|(id, a)| **a > 0 && !w.funded.iter().any(|f| f == *id))
                .map(|(id, _)| title_of(id))
                .collect();
            let added = w
                .funded
                .iter()
                .filter(|id| !in_plan(id))
                .map(|id| title_of(id))
                .collect();
            Cut {
                percent,
                budget,
                dropped,
                added,
                total_cost: w.total_cost,
            }
        })
        .collect();
    let d = &analysis.differences;
    let why = |id: &String| {
        (
            id.clone(),
            sanitize(d.reasons.get(id).map(String::as_str).unwrap_or("")),
        )
    };
    let disagreement = Disagreement {
        only_optimal: d.only_optimal.iter().map(why).collect(),
        only_greedy: d.only_greedy.iter().map(why).collect(),
        value_gain: d.value_gain,
        optimal_unspent: d.optimal_unspent,
        greedy_unspent: d.greedy_unspent,
    };
    let order: Vec<String> = analysis.priorities.iter().map(|p| p.id.clone()).collect();
    let matrix = crate::domain::cross::matrix(snapshot, &order, &allocated);
    let (shared, _) = crate::domain::cross::shared_money(snapshot, &allocated);
    let mut brief = Brief {
        forum_id: snapshot.id.clone(),
        title: sanitize(&snapshot.forum.title),
        cycle: sanitize(&snapshot.forum.cycle),
        currency: sanitize(&snapshot.forum.currency),
        budget: snapshot.forum.budget,
        phase: snapshot.forum.phase.name().to_string(),
        commit,
        evidence: evidence(snapshot),
        ranking: ranking(snapshot, analysis),
        priorities: priorities(snapshot, analysis),
        silos: Vec::new(),
        questions: Vec::new(),
        notes: analysis.notes.iter().map(|n| sanitize(n)).collect(),
        initiatives,
        allocation,
        disagreement,
        cuts,
        matrix,
        shared,
        changes: Vec::new(),
        defence: defence(snapshot),
        endorsements: endorsements(snapshot),
    };
    brief.silos = silos(snapshot, &brief);
    brief.questions = questions(&brief, analysis);
    if !brief.ranking.decided {
        brief.notes.push(
            "The ranking is not decided yet: the order shown is computed from the ballots.".into(),
        );
    }
    brief
}

/// The defence plan in one sentence.
fn defence(snapshot: &Snapshot) -> Option<String> {
    let d = snapshot.forum.defence.as_ref()?;
    let title = |id: &String| {
        snapshot
            .initiative(id)
            .map_or_else(|| sanitize(id), |i| sanitize(&i.title))
    };
    let protected: Vec<String> = d.protected.iter().map(title).collect();
    Some(format!(
        "Protected from any cut: {}. Cut order: {}.",
        if protected.is_empty() {
            "none".to_string()
        } else {
            protected.join("; ")
        },
        match &d.cut_order {
            crate::domain::records::CutOrder::ByMargin => {
                "the lines worth least per unit of money first".to_string()
            }
            crate::domain::records::CutOrder::Explicit(ids) => format!(
                "{} first, then the lines worth least per unit of money",
                ids.iter().map(title).collect::<Vec<_>>().join("; ")
            ),
        }
    ))
}

/// Endorsements and challenges, open questions first.
fn endorsements(snapshot: &Snapshot) -> Vec<String> {
    let mut out: Vec<(bool, String)> = snapshot
        .endorsements
        .values()
        .map(|e| {
            let who = snapshot
                .member(&e.member)
                .map_or_else(|| sanitize(&e.member), |m| sanitize(&m.name));
            let line = match (&e.answer, e.challenge) {
                (_, false) => format!(
                    "{who} endorsed the plan on {}: {}",
                    sanitize(&e.on),
                    sanitize(&e.text)
                ),
                (None, true) => format!(
                    "OPEN QUESTION — {who} challenged the plan on {}: {}",
                    sanitize(&e.on),
                    sanitize(&e.text)
                ),
                (Some(a), true) => format!(
                    "{who} challenged the plan on {}: {} — answered on {}: {}",
                    sanitize(&e.on),
                    sanitize(&e.text),
                    sanitize(&a.on),
                    sanitize(&a.note)
                ),
            };
            (!e.is_open_question(), line)
        })
        .collect();
    out.sort();
    out.into_iter().map(|(_, l)| l).collect()
}

/// The budget after a cut of `percent`, rounded down to whole units.
pub fn cut_budget(budget: Money, percent: u8) -> Money {
    let kept = u128::from(100u8.saturating_sub(percent));
    u64::try_from(u128::from(budget) * kept / 100).unwrap_or(budget)
}

fn evidence(snapshot: &Snapshot) -> Vec<EvidenceItem> {
    let order = crate::domain::evidence::display_order(snapshot);
    let all: Vec<_> = order
        .iter()
        .filter_map(|id| snapshot.evidence.get_key_value(id))
        .collect();
    all.into_iter()
        .map(|(id, e)| EvidenceItem {
            id: id.clone(),
            kind: e.kind.label().to_string(),
            title: sanitize(&e.title),
            period: sanitize(&e.period),
            source: sanitize(&e.source),
            summary: sanitize_multiline(&e.summary),
            metrics: e
                .metrics
                .iter()
                .map(|m| {
                    let mut s = format!("{}: {}", sanitize(&m.name), with_unit(m.value, &m.unit));
                    if let Some(b) = m.baseline {
                        s.push_str(&format!(" (was {})", with_unit(b, &m.unit)));
                    }
                    if let Some(t) = evidence::trend(m) {
                        s.push_str(&format!("; {}", sanitize(&t.line(&m.unit))));
                    }
                    s
                })
                .chain(session_lines(e))
                .collect(),
            series: e
                .metrics
                .iter()
                .filter(|m| evidence::trend(m).is_some())
                .map(|m| (sanitize(&m.name), m.series.iter().map(|r| r.1).collect()))
                .collect(),
            notes: evidence_notes(snapshot, e),
        })
        .collect()
}

/// A customer session in lines: who came, each question with its answer, what it informs.
fn session_lines(e: &Evidence) -> Vec<String> {
    let Some(s) = &e.session else {
        return Vec::new();
    };
    let mut out = vec![format!(
        "Who came: {}, {}",
        sanitize(&s.role),
        sanitize(&s.organisation)
    )];
    for q in &s.questions {
        let answer = if q.answer.trim().is_empty() {
            "(not answered yet)".to_string()
        } else {
            format!("\u{201c}{}\u{201d}", sanitize(q.answer.trim()))
        };
        out.push(format!(
            "Asked: {} Answer: {answer}",
            sanitize(q.question.trim())
        ));
    }
    if !s.informs.is_empty() {
        out.push(format!("Informs: {}", sanitize(&s.informs.join(", "))));
    }
    out
}

/// What the forum should know about one record: response, quiet segments, age, origin.
fn evidence_notes(snapshot: &Snapshot, e: &Evidence) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(h) = evidence::hearing(e) {
        out.push(h.rate_line());
        out.extend(h.warning().map(|w| sanitize(&w)));
    }
    out.extend(evidence::age(&snapshot.forum, e).map(|a| a.message()));
    if let Some(from) = &e.carried_from {
        out.push(format!("carried over from {}: to refresh", sanitize(from)));
    }
    out
}

fn with_unit(x: f64, unit: &str) -> String {
    let unit = sanitize(unit);
    let n = if x.fract() == 0.0 {
        crate::domain::money::quantity(x)
    } else {
        num(x, 2)
    };
    match unit.as_str() {
        "" => n,
        "%" => format!("{n}%"),
        u => format!("{n} {u}"),
    }
}

/// `30-day churn: 6.1% → 4%`.
pub fn goal_text(g: &Goal) -> String {
    format!(
        "{}: {} → {}",
        sanitize(&g.metric),
        with_unit(g.baseline, &g.unit),
        with_unit(g.target, &g.unit)
    )
}

fn member_name(snapshot: &Snapshot, id: &str) -> String {
    snapshot
        .member(id)
        .map_or_else(|| sanitize(id), |m| sanitize(&m.name))
}

fn ranking(snapshot: &Snapshot, analysis: &Analysis) -> RankingSummary {
    let r = &analysis.ranking;
    RankingSummary {
        decided: analysis.decided,
        method: analysis
            .decided_method
            .unwrap_or(r.method)
            .name()
            .to_string(),
        note: sanitize(&analysis.decided_note),
        ballots: r.ballots,
        kendall_w: r.kendall_w,
        agreement: r
            .agreement
            .iter()
            .map(|(m, a)| (member_name(snapshot, m), *a))
            .collect(),
        borda_differs: r.borda_differs,
        cycle: r.cycle,
        weighting: analysis.weighting.clone(),
    }
}

fn priorities(snapshot: &Snapshot, analysis: &Analysis) -> Vec<PriorityItem> {
    analysis
        .priorities
        .iter()
        .map(|p| {
            let record = snapshot.priorities.get(&p.id);
            PriorityItem {
                rank: p.rank,
                id: p.id.clone(),
                title: sanitize(&p.title),
                customer_problem: record
                    .map(|r| sanitize_multiline(&r.customer_problem))
                    .unwrap_or_default(),
                goal: record.map(|r| goal_text(&r.goal)).unwrap_or_default(),
                weight: p.weight,
                evidence: record
                    .map(|r| r.evidence.iter().map(|e| sanitize(e)).collect())
                    .unwrap_or_default(),
                notes: record
                    .map(|r| {
                        r.evidence
                            .iter()
                            .filter_map(|id| {
                                let w = evidence::hearing(snapshot.evidence.get(id)?)?.warning()?;
                                Some((sanitize(id), sanitize(&w)))
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect()
}

fn initiative_item(
    snapshot: &Snapshot,
    analysis: &Analysis,
    sens: &Sensitivity,
    v: &Valuation,
    allocated: &BTreeMap<&str, Money>,
) -> InitiativeItem {
    let owner = snapshot
        .initiative(&v.id)
        .map(|i| member_name(snapshot, &i.owner))
        .unwrap_or_default();
    InitiativeItem {
        id: v.id.clone(),
        title: sanitize(&v.title),
        silo: v.silo.clone(),
        silo_name: snapshot
            .silos
            .get(&v.silo)
            .map_or_else(|| v.silo.clone(), |s| sanitize(&s.name)),
        owner,
        cost: v.cost,
        value: v.value,
        value_per_100k: v.value_per_100k,
        mandatory: v.mandatory,
        shares: snapshot
            .initiatives
            .get(&v.id)
            .filter(|p| p.initiative.is_shared())
            .map(|p| {
                p.initiative
                    .split(&p.silo, p.initiative.cost)
                    .into_iter()
                    .map(|(s, m)| (s.to_string(), m))
                    .collect()
            })
            .unwrap_or_default(),
        breakdown: analysis
            .priorities
            .iter()
            .map(|p| Contribution {
                priority: p.id.clone(),
                score: v.scores.get(&p.id).copied().unwrap_or(0.0),
                weight: p.weight,
                value: v.contributions.get(&p.id).copied().unwrap_or(0.0),
            })
            .collect(),
        allocated: allocated.get(v.id.as_str()).copied().unwrap_or(0),
        rule_funds: analysis.portfolio().funds(&v.id),
        margin: sens.margins.get(&v.id).copied().flatten(),
        margin_points: sens.margin_points.get(&v.id).copied().flatten(),
        margin_priority: sens.margin_priority.get(&v.id).cloned().flatten(),
        flags: v.flag_names().iter().map(|s| (*s).to_string()).collect(),
    }
}

fn silos(snapshot: &Snapshot, brief: &Brief) -> Vec<SiloItem> {
    snapshot
        .silos
        .iter()
        .map(|(id, s)| {
            let mine: Vec<&InitiativeItem> =
                brief.initiatives.iter().filter(|i| &i.silo == id).collect();
            SiloItem {
                id: id.clone(),
                name: sanitize(&s.name),
                lead: member_name(snapshot, &s.lead),
                commitment: sanitize_multiline(&s.commitment),
                initiatives: mine
                    .iter()
                    .map(|i| (i.id.clone(), i.title.clone(), i.allocated))
                    .collect(),
                requested: mine.iter().map(|i| i.cost).sum(),
                allocated: mine.iter().map(|i| i.allocated).sum(),
            }
        })
        .collect()
}

fn questions(brief: &Brief, analysis: &Analysis) -> Vec<Question> {
    let title_of = |id: &str| {
        brief
            .priorities
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| id.to_string(), |p| p.title.clone())
    };
    let mut out = Vec::new();
    for v in &analysis.initiatives {
        for f in &v.flags {
            let text = match f.kind {
                FlagKind::Polarised => {
                    let on = f.priority.as_deref().map(title_of).unwrap_or_default();
                    format!(
                        "Scores on \u{201c}{on}\u{201d} are polarised: some scorers see no effect, others a strong one. Ask them why before the number is trusted."
                    )
                }
                FlagKind::Unscored => {
                    "Nobody has scored it yet: its value counts as 0.".to_string()
                }
                FlagKind::LowConsensus | FlagKind::Outlier => continue,
            };
            out.push(Question {
                initiative: v.id.clone(),
                text,
            });
        }
    }
    let mut close: Vec<&InitiativeItem> = brief
        .initiatives
        .iter()
        .filter(|i| i.allocated == 0 && i.margin.is_some_and(|m| m > 0.0))
        .collect();
    close.sort_by(|a, b| {
        a.margin
            .unwrap_or(f64::MAX)
            .total_cmp(&b.margin.unwrap_or(f64::MAX))
            .then(a.id.cmp(&b.id))
    });
    for i in close.into_iter().take(CLOSE_TO_LINE) {
        let mut text = format!(
            "Unfunded, close to the line: its value would need to rise by {} to get in",
            num(i.margin.unwrap_or(0.0), 4)
        );
        if let (Some(pts), Some(p)) = (i.margin_points, &i.margin_priority) {
            text.push_str(&format!(
                " (about {} score points on \u{201c}{}\u{201d})",
                num(pts, 2),
                title_of(p)
            ));
        }
        text.push_str(&format!(
            ", or its cost fall; it asks for {}.",
            money(i.cost, &brief.currency)
        ));
        out.push(Question {
            initiative: i.id.clone(),
            text,
        });
    }
    out
}
