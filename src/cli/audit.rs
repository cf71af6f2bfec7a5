//! `roundtable audit INITIATIVE`: why it got what it got, step by step, with the commits.

use crate::cli::args::{Format, ReadArgs};
use crate::cli::context::{CmdResult, Global, refuse};
use crate::domain::money::money;
use crate::domain::text::sanitize;
use crate::store::audit::{Audit, AuditError, audit};
use crate::store::history::Entry;
use std::fmt::Write as _;
use std::process::ExitCode;
use steps::{decision, scores, value_and_rule};

/// The arguments of `roundtable audit`.
#[derive(Debug, Clone, clap::Args)]
pub struct AuditArgs {
    /// The initiative to explain.
    pub initiative: String,
    #[command(flatten)]
    pub read: ReadArgs,
}

mod since;
mod steps;

/// Prints the audit of one initiative at `--rev` (default HEAD).
pub fn run(g: &Global, args: &AuditArgs) -> CmdResult {
    let (initiative, read) = (args.initiative.as_str(), &args.read);
    let repo = g.open()?;
    let rev = read.rev.as_deref().unwrap_or("HEAD");
    let forum = repo.pick_forum(g.forum.as_deref(), rev)?;
    let audited = match audit(&repo, &forum, rev, initiative) {
        Ok(a) => a,
        Err(AuditError::Unknown { id, forum, closest }) => {
            let hint = match closest {
                Some(c) => format!("did you mean `{}`?", sanitize(&c)),
                None => "list the initiatives with `roundtable values`".to_string(),
            };
            return Err(refuse(
                format!(
                    "no initiative `{}` in forum `{}`",
                    sanitize(&id),
                    sanitize(&forum)
                ),
                Some(&hint),
            ));
        }
        Err(AuditError::Store(e)) => return Err(e.into()),
    };
    if read.format == Format::Json {
        crate::cli::json::print(&serde_json::to_value(&audited)?);
    } else {
        print!("{}", text(&audited));
    }
    Ok(ExitCode::SUCCESS)
}

/// One commit on one line: `label  hash  date  author  decision  summary`.
pub fn stamp(label: &str, e: &Entry) -> String {
    format!(
        "{label:<10} {}  {}  {}  {}  {}",
        e.short(),
        e.date,
        sanitize(&e.author),
        sanitize(e.decision.as_deref().unwrap_or("(no decision)")),
        sanitize(&e.summary)
    )
}

/// A weight or value with four decimals.
pub fn points(x: f64) -> String {
    format!("{x:.4}")
}

/// The audit as a story for people.
pub fn text(a: &Audit) -> String {
    let c = &a.chain;
    let t = &a.trail;
    let m = |x: u64| money(x, &sanitize(&c.currency));
    let i = &c.initiative;
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Audit of initiative `{}`: {}",
        sanitize(&i.id),
        sanitize(&i.title)
    );
    let _ = writeln!(
        o,
        "{} (forum {}), phase {}, at commit {}",
        sanitize(&c.title),
        sanitize(&c.forum),
        c.phase,
        a.commit.get(..7).unwrap_or(&a.commit)
    );
    let _ = writeln!(o);
    let _ = writeln!(o, "1. The proposal");
    let _ = writeln!(
        o,
        "   Silo `{}` proposes it, owner `{}`, cost {}{}.",
        sanitize(&i.silo),
        sanitize(&i.owner),
        m(i.cost),
        if i.mandatory { ", mandatory" } else { "" }
    );
    if !i.shares.is_empty() {
        let split: Vec<String> = i
            .shares
            .iter()
            .map(|(s, v)| format!("{} {}", sanitize(s), m(*v)))
            .collect();
        let _ = writeln!(
            o,
            "   Shared: {} (each share counts against its silo's cap; members of every one of these silos are recused).",
            split.join(" · ")
        );
    }
    if !i.summary.is_empty() {
        let _ = writeln!(o, "   {}", sanitize(&i.summary));
    }
    if !i.depends_on.is_empty() {
        let _ = writeln!(o, "   Depends on: {}", sanitize(&i.depends_on.join(", ")));
    }
    if !i.excludes.is_empty() {
        let _ = writeln!(o, "   Alternative to: {}", sanitize(&i.excludes.join(", ")));
    }
    if let Some(p) = &t.proposed
        && t.accepted.as_ref().is_none_or(|acc| acc.commit != p.commit)
    {
        let _ = writeln!(o, "   {}", stamp("proposed", p));
    }
    if let Some(acc) = &t.accepted {
        let _ = writeln!(o, "   {}", stamp("accepted", acc));
    }
    for e in &t.changes {
        let label = match t.moves.iter().find(|mv| mv.commit.commit == e.commit) {
            Some(mv) => {
                let _ = writeln!(
                    o,
                    "   moved from silo `{}` to `{}`:",
                    sanitize(&mv.from),
                    sanitize(&mv.to)
                );
                "moved"
            }
            None => "changed",
        };
        let _ = writeln!(o, "   {}", stamp(label, e));
    }
    let _ = writeln!(o);
    since::header(&mut o, a);
    let told = since::told(a);
    priorities(&mut o, &told);
    ranking(&mut o, &told);
    scores(&mut o, &told);
    value_and_rule(&mut o, &told, &m);
    decision(&mut o, &told, &m);
    since::history(&mut o, a, &m);
    since::since(&mut o, a);
    o
}

fn priorities(o: &mut String, a: &Audit) {
    let c = &a.chain;
    let _ = writeln!(o, "2. The priorities it serves");
    if c.priorities.is_empty() {
        let _ = writeln!(o, "   It addresses no priority.");
    }
    for p in &c.priorities {
        let rank = p.rank.map_or("unranked".to_string(), |r| {
            format!("#{r} of {}", c.ranking.priorities)
        });
        let _ = writeln!(
            o,
            "   {rank}, weight {}: `{}` {}{}",
            points(p.weight),
            sanitize(&p.id),
            sanitize(&p.title),
            if p.addressed {
                ""
            } else {
                " (scored, not in `addresses`)"
            }
        );
        if !p.customer_problem.is_empty() {
            let _ = writeln!(
                o,
                "      the customer: \"{}\"",
                sanitize(&p.customer_problem)
            );
        }
        if !p.goal.is_empty() {
            let _ = writeln!(o, "      goal: {}", sanitize(&p.goal));
        }
        let cited: Vec<String> = p.evidence.iter().map(|e| sanitize(&e.id)).collect();
        if !cited.is_empty() {
            let _ = writeln!(o, "      evidence: {}", cited.join(", "));
        }
        for e in a.trail.priorities.get(&p.id).into_iter().flatten() {
            let _ = writeln!(o, "      {}", stamp("priority", e));
        }
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "3. The customer evidence behind those priorities");
    let mut seen = std::collections::BTreeSet::new();
    for ev in c.priorities.iter().flat_map(|p| &p.evidence) {
        if !seen.insert(ev.id.clone()) {
            continue;
        }
        if !ev.known {
            let _ = writeln!(o, "   `{}`: no such record", sanitize(&ev.id));
            continue;
        }
        let period = if ev.period.is_empty() {
            String::new()
        } else {
            format!(", {}", sanitize(&ev.period))
        };
        let _ = writeln!(
            o,
            "   `{}` ({}{}): {}",
            sanitize(&ev.id),
            sanitize(&ev.kind),
            period,
            sanitize(&ev.title)
        );
        if !ev.source.is_empty() {
            let _ = writeln!(o, "      source: {}", sanitize(&ev.source));
        }
        for metric in &ev.metrics {
            let _ = writeln!(o, "      {}", sanitize(metric));
        }
        for e in a.trail.evidence.get(&ev.id).into_iter().flatten() {
            let _ = writeln!(o, "      {}", stamp("evidence", e));
        }
    }
    if seen.is_empty() {
        let _ = writeln!(o, "   The priorities cite no evidence.");
    }
    let _ = writeln!(o);
}

fn ranking(o: &mut String, a: &Audit) {
    let r = &a.chain.ranking;
    let _ = writeln!(o, "4. The ranking of the priorities");
    if r.decided {
        let _ = writeln!(
            o,
            "   The forum ranked {} priorities ({}); weights by {}.{}",
            r.priorities,
            sanitize(&r.method),
            sanitize(&r.weighting),
            if r.locked {
                " The ranking is locked."
            } else {
                ""
            }
        );
    } else {
        let _ = writeln!(
            o,
            "   Not decided yet: the weights follow the order computed from the ballots ({})",
            sanitize(&r.method)
        );
    }
    if !r.note.is_empty() {
        let _ = writeln!(o, "   note: {}", sanitize(&r.note));
    }
    if let Some(e) = &a.trail.ranked {
        let _ = writeln!(o, "   {}", stamp("ranked", e));
    }
    if let Some(e) = &a.trail.locked {
        let _ = writeln!(o, "   {}", stamp("locked", e));
    }
    let _ = writeln!(o);
}
