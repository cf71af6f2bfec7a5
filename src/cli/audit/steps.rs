//! The later steps of the audit story: scores, value and rule, the forum's decision.

use crate::cli::audit::{points, stamp};
use crate::domain::audit::Chain;
use crate::domain::text::sanitize;
use crate::store::audit::Audit;
use std::fmt::Write as _;

pub fn scores(o: &mut String, a: &Audit) {
    let s = &a.chain.scoring;
    let ids: Vec<&String> = a.chain.priorities.iter().map(|p| &p.id).collect();
    let _ = writeln!(o, "5. The scores (0 to {})", s.scale);
    if s.scorers.is_empty() && s.consensus_scores.is_none() {
        let _ = writeln!(o, "   Nobody has scored it yet: its value is 0.");
    }
    let row = |scores: &dyn Fn(&str) -> String| {
        ids.iter()
            .map(|p| format!("{}={}", sanitize(p), scores(p)))
            .collect::<Vec<_>>()
            .join("  ")
    };
    for sc in &s.scorers {
        let line = row(&|p| sc.scores.get(p).map_or("0".into(), u8::to_string));
        let recused = if sc.recused {
            "  (recused: their silo proposed it; not counted)"
        } else {
            ""
        };
        let _ = writeln!(o, "   {:<10} {line}{recused}", sanitize(&sc.member));
        if let Some(e) = a.trail.scores.get(&sc.member) {
            let _ = writeln!(o, "      {}", stamp("scored", e));
        }
    }
    if let Some(cons) = &s.consensus_scores {
        let line = row(&|p| cons.get(p).map_or("0".into(), u8::to_string));
        let _ = writeln!(o, "   {:<10} {line}  (the forum's consensus)", "forum");
        if let Some(e) = a.trail.scores.get(crate::domain::records::CONSENSUS) {
            let _ = writeln!(o, "      {}", stamp("scored", e));
        }
    }
    let how = if s.consensus {
        "the consensus scorecard replaces the members' scores"
    } else {
        "Olympic trimmed mean of the counted scores"
    };
    let line = row(&|p| format!("{:.2}", s.aggregate.get(p).copied().unwrap_or(0.0)));
    let _ = writeln!(o, "   {:<10} {line}  ({how})", "aggregate");
    if !s.flags.is_empty() {
        let _ = writeln!(o, "   for discussion: {}", sanitize(&s.flags.join("; ")));
    }
    let _ = writeln!(o);
}

pub fn value_and_rule(o: &mut String, a: &Audit, m: &dyn Fn(u64) -> String) {
    let c: &Chain = &a.chain;
    let terms: Vec<String> = c
        .priorities
        .iter()
        .filter(|p| p.weight > 0.0)
        .map(|p| format!("{} × {:.2}", points(p.weight), p.score))
        .collect();
    let _ = writeln!(o, "6. Its value");
    let _ = writeln!(
        o,
        "   value = Σ weight × score = {} = {}",
        if terms.is_empty() {
            "0".to_string()
        } else {
            terms.join(" + ")
        },
        points(c.value)
    );
    let _ = writeln!(
        o,
        "   {} per 100,000 of cost; #{} of {} initiatives by value.",
        points(c.value_per_100k),
        c.rule.position,
        c.rule.of
    );
    let _ = writeln!(o);
    let r = &c.rule;
    let _ = writeln!(o, "7. What the allocation rule gave it");
    let _ = writeln!(
        o,
        "   {} rule, budget {}: {}.",
        sanitize(&r.rule),
        m(r.budget),
        if r.funded { "funded" } else { "not funded" }
    );
    let _ = writeln!(o, "   {}", sanitize(&r.why));
    if let Some(cut) = r.cut_line {
        let _ = writeln!(
            o,
            "   The cut line is at {} value per 100,000 (the lowest among funded, non-mandatory); this one has {}.",
            points(cut),
            points(c.value_per_100k)
        );
    }
    match (r.margin, r.funded) {
        (Some(mg), true) => {
            let _ = write!(
                o,
                "   Margin: its value could fall by {} before it drops",
                points(mg.abs())
            );
        }
        (Some(mg), false) => {
            let _ = write!(
                o,
                "   Margin: its value must rise by {} to get in",
                points(mg)
            );
        }
        (None, _) => {
            let _ = write!(
                o,
                "   Margin: none — the rules force this result either way"
            );
        }
    }
    match (r.margin_points, &r.margin_priority) {
        (Some(pts), Some(p)) => {
            let _ = writeln!(o, " ({:.2} score points on `{}`).", pts.abs(), sanitize(p));
        }
        _ => {
            let _ = writeln!(o, ".");
        }
    }
    let other = if r.rule == "Optimal" {
        "Greedy"
    } else {
        "Optimal"
    };
    let _ = writeln!(
        o,
        "   The {other} rule would {}fund it{}.",
        if r.funded_by_other { "" } else { "not " },
        if r.greedy_reason.is_empty() {
            String::new()
        } else {
            format!(" (greedy: {})", sanitize(&r.greedy_reason))
        }
    );
    if let Some(d) = &r.difference {
        let _ = writeln!(o, "   Why they differ: {}", sanitize(d));
    }
    let _ = writeln!(o);
}

pub fn decision(o: &mut String, a: &Audit, m: &dyn Fn(u64) -> String) {
    let _ = writeln!(o, "8. What the forum decided");
    match &a.chain.decision {
        None => {
            let _ = writeln!(
                o,
                "   No allocation yet (phase {}): the forum has not decided the budget.",
                a.chain.phase
            );
        }
        Some(d) => {
            match d.amount {
                Some(amount) => {
                    let _ = writeln!(o, "   Allocated {}.", m(amount));
                }
                None => {
                    let _ = writeln!(o, "   No line: not funded.");
                }
            }
            if !d.reason.is_empty() {
                let _ = writeln!(o, "   reason: {}", sanitize(&d.reason));
            }
            if d.differs_from_rule {
                let _ = writeln!(
                    o,
                    "   This differs from the rule's result: the forum changed it by hand."
                );
            }
            let _ = writeln!(
                o,
                "   The allocation ran the {} rule on a budget of {}.",
                sanitize(&d.rule),
                m(d.budget)
            );
            if !d.note.is_empty() {
                let _ = writeln!(o, "   note: {}", sanitize(&d.note));
            }
        }
    }
    if let Some(e) = &a.trail.allocated {
        let _ = writeln!(o, "   {}", stamp("allocated", e));
        if !e.reason.is_empty() {
            let _ = writeln!(o, "      why: {}", sanitize(&e.reason.replace('\n', " ")));
        }
        if !e.present.is_empty() {
            let _ = writeln!(o, "      present: {}", sanitize(&e.present.join(", ")));
        }
    }
}
