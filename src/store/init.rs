//! A new forum as one `init` decision: scaffolded fresh, or carried over from an earlier cycle.
//!
//! Carrying over keeps what outlives a plan — members, silos, evidence, priorities — and the
//! initiatives the earlier forum did not fund (no allocation line, or a zero amount), so a
//! good idea that missed the cut comes back to the next forum. Ballots, the ranking, scores
//! and the allocation stay with the cycle that made them.

use crate::domain::phase::DecisionKind;
use crate::domain::records::{Forum, Member, Phase, Role, Silo};
use crate::domain::snapshot::{RecordKind, RecordRef, Snapshot};
use crate::store::decide::Decision;
use crate::store::error::StoreError;
use crate::store::repo::Loaded;
use std::collections::BTreeSet;

/// What the new forum should be.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub forum_id: String,
    pub title: Option<String>,
    pub cycle: Option<String>,
    pub budget: Option<u64>,
    pub currency: Option<String>,
    /// The deciding member's id; defaults to the earlier forum's first facilitator, or the
    /// placeholder facilitator.
    pub by: Option<String>,
    pub reason: Option<String>,
    pub present: Vec<String>,
}

/// Who sets up a fresh forum when there is no earlier one: git's identity, or a placeholder.
#[derive(Debug, Clone)]
pub struct Facilitator {
    pub name: String,
    pub email: String,
}

/// The silo the placeholder facilitator belongs to in a fresh forum.
pub const FRESH_SILO: &str = "cx-office";

/// The `init` decision for `request`, carrying `from` over when given.
pub fn scaffold(
    request: &Request,
    from: Option<&Loaded>,
    facilitator: &Facilitator,
) -> Result<Decision, StoreError> {
    let id = &request.forum_id;
    let earlier = from.map(|l| &l.snapshot);
    let cycle = request.cycle.clone().unwrap_or_else(|| match earlier {
        Some(s) => next_cycle(&s.forum.cycle),
        None => id.to_uppercase(),
    });
    let title = request.title.clone().unwrap_or_else(|| match earlier {
        Some(s) => next_title(&s.forum.title, &s.forum.cycle, &cycle),
        None => format!("{cycle} Customer Experience Forum"),
    });
    let mut forum = match earlier {
        Some(s) => s.forum.clone(),
        None => fresh_forum(request, facilitator),
    };
    forum.title = title.clone();
    forum.cycle = cycle;
    forum.phase = Phase::Evidence;
    if let Some(b) = request.budget {
        forum.budget = b;
    }
    if let Some(c) = &request.currency {
        forum.currency = c.clone();
    }
    let by = match &request.by {
        Some(b) => b.clone(),
        None => forum
            .members
            .iter()
            .find(|m| m.role == Role::Facilitator)
            .or(forum.members.first())
            .map(|m| m.id.clone())
            .ok_or_else(|| StoreError::Refused("the forum has no members".into()))?,
    };
    if !forum.members.iter().any(|m| m.id == by) {
        return Err(StoreError::Refused(format!(
            "`{by}` is not a member of the new forum"
        )));
    }
    let present: Vec<String> = request
        .present
        .iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if let Some(p) = present
        .iter()
        .find(|p| !forum.members.iter().any(|m| &m.id == *p))
    {
        return Err(StoreError::Refused(format!(
            "`{p}` (in --present) is not a member of the new forum"
        )));
    }
    let summary = match earlier {
        Some(s) => format!("Set up {title}, carried over from {}", s.id),
        None => format!("Set up {title}"),
    };
    let mut d = Decision::new(id, DecisionKind::Init, summary, "", &by);
    d.present = present;
    d.put(&RecordRef::new(RecordKind::Forum, ""), &forum)?;
    let carried = match from {
        Some(loaded) => carry(&mut d, loaded)?,
        None => {
            let silo = Silo {
                name: "Customer Experience Office".into(),
                lead: by.clone(),
                commitment: String::new(),
                cap: None,
            };
            d.put(&RecordRef::new(RecordKind::Silo, FRESH_SILO), &silo)?;
            "A fresh forum: add members and silos to forum.ron, then bring the evidence.".into()
        }
    };
    // The automatic note (what was carried over, which links were dropped) stays beside the
    // facilitator's own reason.
    d.reason = match request.reason.as_deref().map(str::trim) {
        Some(r) if !r.is_empty() => format!("{r}\n\n{carried}"),
        _ => carried,
    };
    Ok(d)
}

fn fresh_forum(request: &Request, who: &Facilitator) -> Forum {
    let id = slug(&who.name);
    Forum {
        title: String::new(),
        cycle: String::new(),
        currency: "EUR".into(),
        budget: 0,
        phase: Phase::Evidence,
        scale: 4,
        ranking_method: Default::default(),
        weighting: Default::default(),
        allocation_rule: Default::default(),
        recusal: true,
        signing: Default::default(),
        required_evidence: None,
        evidence_max_age_months: None,
        planning_date: None,
        quorum: None,
        defence: None,
        members: vec![Member {
            id: request.by.clone().unwrap_or(id),
            name: who.name.clone(),
            email: who.email.clone(),
            silo: FRESH_SILO.into(),
            role: Role::Facilitator,
            handle: None,
            signing_key: None,
            customer: false,
            left: None,
            commitments: Vec::new(),
        }],
    }
}

/// Copies silos, priorities and unfunded initiatives, byte for byte where possible, and the
/// evidence marked `carried_from` the earlier cycle.
fn carry(d: &mut Decision, loaded: &Loaded) -> Result<String, StoreError> {
    let s = &loaded.snapshot;
    let copy = |d: &mut Decision, record: RecordRef| -> Result<(), StoreError> {
        let from_path = record.repo_path(&s.id);
        let bytes = loaded.sources.get(&from_path).cloned().ok_or_else(|| {
            StoreError::Refused(format!("{from_path} could not be read to carry it over"))
        })?;
        d.changes.insert(record.repo_path(&d.forum), Some(bytes));
        Ok(())
    };
    for id in s.silos.keys() {
        copy(d, RecordRef::new(RecordKind::Silo, id))?;
    }
    for (id, e) in &s.evidence {
        // Carried evidence says where it came from, so the new forum lists it to refresh.
        let mut e = e.clone();
        e.carried_from.get_or_insert_with(|| s.forum.cycle.clone());
        d.put(&RecordRef::new(RecordKind::Evidence, id), &e)?;
    }
    for id in s.priorities.keys() {
        copy(d, RecordRef::new(RecordKind::Priority, id))?;
    }
    let kept = unfunded(s);
    let mut dropped = Vec::new();
    for id in &kept {
        let Some(p) = s.initiatives.get(id) else {
            continue;
        };
        let record = RecordRef::initiative(&p.silo, id);
        let mut initiative = p.initiative.clone();
        let before = initiative.depends_on.len() + initiative.excludes.len();
        initiative.depends_on.retain(|x| kept.contains(x));
        initiative.excludes.retain(|x| kept.contains(x));
        if initiative.depends_on.len() + initiative.excludes.len() == before {
            copy(d, record)?;
        } else {
            dropped.push(id.clone());
            d.put(&record, &initiative)?;
        }
    }
    // The earlier cycle's results, once: its funded initiatives go to review, its priorities'
    // readings become evidence.
    let order = crate::domain::analysis::analyse_ranking(s).order;
    let rows = crate::domain::results::board(s, &order, chrono::Local::now().date_naive());
    let reviewed = reviews(d, s, &rows)?;
    let results = results_as_evidence(d, s, &rows)?;
    let mut reason = format!(
        "Carried over from {}: {} members, {} silos, {} evidence, {} priorities and {} unfunded \
         initiatives, and {reviewed} funded initiatives to review (continue, scale back or stop) \
         before the new priorities; {results} priorities' results became evidence. Ballots, the \
         ranking, scores and the allocation stay with {}.",
        s.id,
        s.forum.members.len(),
        s.silos.len(),
        s.evidence.len(),
        s.priorities.len(),
        kept.len(),
        s.forum.cycle
    );
    if !dropped.is_empty() {
        reason.push_str(&format!(
            " Links to funded initiatives were dropped from: {}.",
            dropped.join(", ")
        ));
    }
    Ok(reason)
}

/// Each earlier priority with readings becomes a `Results` evidence record in the new forum
/// (`<priority>-results-<cycle>`): its goal, the latest reading, how far along, on track or
/// behind, with the readings as a series, so the new priorities can cite what happened.
fn results_as_evidence(
    d: &mut Decision,
    s: &Snapshot,
    rows: &[crate::domain::results::ResultRow],
) -> Result<usize, StoreError> {
    use crate::domain::records::{Evidence, EvidenceKind, Metric};
    let cycle = slug(&s.forum.cycle);
    let mut n = 0;
    for row in rows {
        if row.kind != crate::domain::results::Kind::Priority || row.readings.is_empty() {
            continue;
        }
        let (Some(first), Some(last)) = (row.readings.first(), row.latest) else {
            continue;
        };
        let month = |d: chrono::NaiveDate| d.format("%Y-%m").to_string();
        let period = if month(first.date) == month(last.date) {
            month(last.date)
        } else {
            format!("{}..{}", month(first.date), month(last.date))
        };
        let evidence = Evidence {
            kind: EvidenceKind::Results,
            title: format!("{} results: {}", s.forum.cycle, row.title),
            period,
            source: format!("roundtable results, forum {}", s.id),
            summary: format!(
                "{}: {} → {} against a target of {}{}; {}.",
                row.metric,
                row.baseline,
                last.value,
                row.target,
                row.by
                    .as_deref()
                    .map(|b| format!(" by {b}"))
                    .unwrap_or_default(),
                match (row.progress, row.track) {
                    (Some(p), crate::domain::results::Track::OnTrack) =>
                        format!("{:.0} % of the way, on track", p * 100.0),
                    (Some(p), crate::domain::results::Track::Behind) =>
                        format!("{:.0} % of the way, behind its line", p * 100.0),
                    (Some(p), _) => format!("{:.0} % of the way", p * 100.0),
                    (None, _) => "no progress measurable".into(),
                }
            ),
            metrics: vec![Metric {
                name: row.metric.clone(),
                value: last.value,
                unit: row.unit.clone(),
                baseline: Some(row.baseline),
                series: row
                    .readings
                    .iter()
                    .map(|r| (r.date.to_string(), r.value))
                    .collect(),
            }],
            invited: None,
            responded: None,
            segments: Vec::new(),
            carried_from: Some(s.forum.cycle.clone()),
            session: None,
        };
        let id = format!("{}-results-{cycle}", row.id);
        d.put(&RecordRef::new(RecordKind::Evidence, &id), &evidence)?;
        n += 1;
    }
    Ok(n)
}

/// One review record per initiative the earlier cycle funded: what it was given, its last
/// status and its results, for the forum's verdict (`roundtable review`). Returns how many.
fn reviews(
    d: &mut Decision,
    s: &Snapshot,
    rows: &[crate::domain::results::ResultRow],
) -> Result<usize, StoreError> {
    let mut n = 0;
    for row in rows
        .iter()
        .filter(|r| r.kind == crate::domain::results::Kind::Initiative)
    {
        let silo = s
            .initiatives
            .get(&row.id)
            .map(|p| p.silo.clone())
            .unwrap_or_default();
        let results = if row.has_goal {
            format!(
                "{}: {} → {} → {} ({}, {})",
                row.metric,
                row.baseline,
                row.latest
                    .map_or("no reading".into(), |l| l.value.to_string()),
                row.target,
                row.progress.map_or("not measured".into(), |p| format!(
                    "{:.0} % of the way",
                    p * 100.0
                )),
                match row.track {
                    crate::domain::results::Track::OnTrack => "on track",
                    crate::domain::results::Track::Behind => "behind",
                    crate::domain::results::Track::Unknown => "not judged",
                }
            )
        } else {
            "no goal".into()
        };
        let review = crate::domain::records::Review {
            from: s.forum.cycle.clone(),
            title: row.title.clone(),
            silo,
            allocated: row.allocated.unwrap_or(0),
            status: row
                .status
                .map_or("planned", crate::domain::records::DeliveryStatus::name)
                .to_string(),
            results,
            verdict: None,
        };
        d.put(&RecordRef::new(RecordKind::Review, &row.id), &review)?;
        n += 1;
    }
    Ok(n)
}

/// Initiatives with no allocation line or a zero amount (all of them before an allocation).
pub fn unfunded(s: &Snapshot) -> BTreeSet<String> {
    s.initiatives
        .keys()
        .filter(|id| {
            s.allocation
                .as_ref()
                .is_none_or(|a| !a.lines.iter().any(|l| &l.initiative == *id && l.amount > 0))
        })
        .cloned()
        .collect()
}

/// The last run of ASCII digits in `text`, as a number.
fn last_number(text: &str) -> Option<&str> {
    let end = text.rfind(|c: char| c.is_ascii_digit())? + 1;
    let start = text[..end]
        .rfind(|c: char| !c.is_ascii_digit())
        .map_or(0, |i| i + 1);
    Some(&text[start..end])
}

/// Replaces every whole run of digits equal to `old` in `text` with `new`.
fn replace_number(text: &str, old: &str, new: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut replaced = false;
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        out.push_str(&rest[..start]);
        let run_len = rest[start..]
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len() - start);
        let run = &rest[start..start + run_len];
        if run == old {
            out.push_str(new);
            replaced = true;
        } else {
            out.push_str(run);
        }
        rest = &rest[start + run_len..];
    }
    out.push_str(rest);
    replaced.then_some(out)
}

/// The new cycle's title from the old one: the old cycle's label replaced where it appears,
/// written in full (`FY2027` → `FY2028`), as a year (`2027` → `2028`) or short (`FY27` →
/// `FY28`); a title that names no cycle gets the new one after it.
pub fn next_title(title: &str, old_cycle: &str, new_cycle: &str) -> String {
    if !old_cycle.is_empty() && title.contains(old_cycle) {
        return title.replace(old_cycle, new_cycle);
    }
    if let (Some(old), Some(new)) = (last_number(old_cycle), last_number(new_cycle)) {
        let mut pairs = vec![(old, new)];
        if old.len() == 4 && new.len() == 4 {
            pairs.push((&old[2..], &new[2..]));
        }
        let mut out = None;
        for (o, n) in pairs {
            let current = out.as_deref().unwrap_or(title);
            if let Some(t) = replace_number(current, o, n) {
                out = Some(t);
            }
        }
        if let Some(t) = out {
            return t;
        }
    }
    format!("{title} ({new_cycle})")
}

/// The next cycle's name: the last number in it plus one (`FY2027` → `FY2028`).
pub fn next_cycle(cycle: &str) -> String {
    let end = cycle
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_ascii_digit())
        .map(|(i, _)| i + 1);
    let Some(end) = end else {
        return format!("{cycle} (next)");
    };
    let start = cycle[..end]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit())
        .last()
        .map_or(end, |(i, _)| i);
    match cycle[start..end].parse::<u64>() {
        Ok(n) => format!("{}{}{}", &cycle[..start], n + 1, &cycle[end..]),
        Err(_) => format!("{cycle} (next)"),
    }
}

/// A member id from a name: lower-case letters and digits, words joined by `-`.
pub fn slug(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let id: String = words.join("-").chars().take(64).collect();
    if id.is_empty() {
        "facilitator".into()
    } else {
        id.trim_end_matches('-').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_new_title_replaces_the_old_cycles_label_where_it_appears() {
        let t = |title, old, new| next_title(title, old, new);
        assert_eq!(t("FY2027 CX Forum", "FY2027", "FY2028"), "FY2028 CX Forum");
        assert_eq!(t("CX Forum FY27", "FY2027", "FY2028"), "CX Forum FY28");
        assert_eq!(t("CX Forum 2027", "FY2027", "FY2028"), "CX Forum 2028");
        assert_eq!(t("CX 2027/FY27", "FY2027", "FY2028"), "CX 2028/FY28");
        assert_eq!(
            t("Top 127 ideas", "FY2027", "FY2028"),
            "Top 127 ideas (FY2028)"
        );
        assert_eq!(
            t("CX Forum", "spring", "spring (next)"),
            "CX Forum (spring (next))"
        );
        assert_eq!(t("Q3 2026 review", "Q3 2026", "Q3 2027"), "Q3 2027 review");
    }

    #[test]
    fn next_cycle_bumps_the_last_number() {
        assert_eq!(next_cycle("FY2027"), "FY2028");
        assert_eq!(next_cycle("Q3 2026"), "Q3 2027");
        assert_eq!(next_cycle("spring"), "spring (next)");
    }

    #[test]
    fn unfunded_means_no_line_or_a_zero_line() {
        use crate::domain::records::{Allocation, AllocationRule, Line};
        use crate::domain::snapshot::Proposal;
        let who = Facilitator {
            name: "Dana".into(),
            email: "d@example.com".into(),
        };
        let mut s = Snapshot::new("f", fresh_forum(&Request::default(), &who));
        for id in ["funded", "zero", "absent"] {
            let initiative = crate::store::decode::parse(
                "i.ron",
                br#"Initiative(title: "T", owner: "dana", cost: 10, addresses: [])"#,
            )
            .unwrap();
            s.initiatives.insert(
                id.into(),
                Proposal {
                    silo: FRESH_SILO.into(),
                    initiative,
                },
            );
        }
        let all: Vec<String> = unfunded(&s).into_iter().collect();
        assert_eq!(all, ["absent", "funded", "zero"]);
        let line = |id: &str, amount| Line {
            initiative: id.into(),
            amount,
            reason: "r".into(),
        };
        s.allocation = Some(Allocation {
            rule: AllocationRule::Optimal,
            budget: 10,
            lines: vec![line("funded", 10), line("zero", 0)],
            note: String::new(),
        });
        let left: Vec<String> = unfunded(&s).into_iter().collect();
        assert_eq!(left, ["absent", "zero"]);
    }

    #[test]
    fn slug_makes_a_member_id() {
        assert_eq!(slug("Dana Whitfield"), "dana-whitfield");
        assert_eq!(slug("  Zoë O'Neil "), "zo-o-neil");
        assert_eq!(slug("—"), "facilitator");
    }
}
