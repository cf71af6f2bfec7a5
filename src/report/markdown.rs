//! The brief as GitHub/GitLab-flavoured markdown, every record string escaped.

use crate::domain::money::{amount, money};
use crate::report::brief::{AllocationSource, Brief};
use crate::report::{margin, num, percent};
use std::fmt::Write;

mod plan;
use crate::report::wording::{self, Markup};
use plan::{initiatives, questions, silos};

/// Markdown's markup for the shared sentences: ids are code as they are (they are valid ids).
pub struct Md;

impl Markup for Md {
    fn text(&self, s: &str) -> String {
        inline(s)
    }
    fn strong(&self, s: &str) -> String {
        format!("**{}**", inline(s))
    }
    fn code(&self, s: &str) -> String {
        format!("`{s}`")
    }
}

/// Escapes text for inline markdown (and table cells): markdown specials, `|`, HTML and
/// line breaks; a leading list or heading marker is neutralised.
pub fn inline(s: &str) -> String {
    let flat = s.replace(['\n', '\r', '\t'], " ");
    let mut out = String::with_capacity(flat.len() + 8);
    let mut chars = flat.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!'
            | '$' => {
                out.push('\\');
                out.push(c);
            }
            // `\&` (CommonMark escapes any ASCII punctuation) stops `&lt;` or `&#60;` from
            // being read as an entity, and reads better in the raw text than `&amp;`.
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&");
            }
            c => out.push(c),
        }
    }
    out
}

/// Like [`inline`], for text that starts a line: a leading list or heading marker is neutralised.
pub fn start(s: &str) -> String {
    neutralise_start(&inline(s))
}

/// Escapes a multi-line text as paragraphs (blank lines kept, single newlines joined).
pub fn block(s: &str) -> String {
    s.split("\n\n")
        .map(|p| start(p.trim()))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn neutralise_start(s: &str) -> String {
    let trimmed = s.trim_start();
    let lead = &s[..s.len() - trimmed.len()];
    if trimmed.starts_with(['-', '+', '=']) {
        return format!("{lead}\\{trimmed}");
    }
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && trimmed[digits..].starts_with(['.', ')']) {
        return format!("{lead}{}\\{}", &trimmed[..digits], &trimmed[digits..]);
    }
    s.to_string()
}

/// Renders the whole brief.
pub fn render(b: &Brief) -> String {
    let mut o = String::new();
    let cur = &b.currency;
    let _ = writeln!(o, "# {} — plan brief\n", inline(&b.title));
    let _ = write!(
        o,
        "**Cycle** {} · **Budget** {} · **Phase** {} · forum `{}`",
        inline(&b.cycle),
        inline(&money(b.budget, cur)),
        b.phase,
        b.forum_id
    );
    if let Some(c) = &b.commit {
        let _ = write!(o, " · commit `{c}`");
    }
    o.push_str("\n\n");
    summary(&mut o, b);
    evidence(&mut o, b);
    priorities(&mut o, b);
    matrix(&mut o, b);
    allocation(&mut o, b);
    changed(&mut o, b);
    disagreement(&mut o, b);
    cuts(&mut o, b);
    initiatives(&mut o, b);
    silos(&mut o, b);
    questions(&mut o, b);
    o
}

fn summary(o: &mut String, b: &Brief) {
    o.push_str("## In one minute\n\n");
    for item in wording::summary(&Md, b) {
        let _ = writeln!(o, "- {item}");
    }
    o.push('\n');
}

fn evidence(o: &mut String, b: &Brief) {
    o.push_str("## 1. The customer's voice\n\n");
    for e in &b.evidence {
        let _ = writeln!(
            o,
            "### {}\n\n*{}* · {} · `{}`\n",
            inline(&e.title),
            e.kind,
            inline(&e.period),
            e.id
        );
        if !e.summary.is_empty() {
            let _ = writeln!(o, "{}\n", block(&e.summary));
        }
        for m in &e.metrics {
            let _ = writeln!(o, "- {}", start(m));
        }
        for n in &e.notes {
            let _ = writeln!(o, "- ⚠ {}", start(n));
        }
        if !e.source.is_empty() {
            let _ = writeln!(o, "\nSource: {}", inline(&e.source));
        }
        o.push('\n');
    }
}

fn priorities(o: &mut String, b: &Brief) {
    let r = &b.ranking;
    o.push_str("## 2. The priorities, ranked\n\n");
    let status = if r.decided {
        format!("Decided by the forum ({})", r.method)
    } else {
        format!("Not decided yet: computed from the ballots ({})", r.method)
    };
    let _ = writeln!(
        o,
        "{status}; {} ballots; agreement Kendall's W = **{}** (0 = none, 1 = identical ballots). Weights: {}.\n",
        r.ballots,
        num(r.kendall_w, 3),
        r.weighting
    );
    if !r.note.is_empty() {
        let _ = writeln!(o, "The forum's note: {}\n", inline(&r.note));
    }
    if r.cycle {
        o.push_str(
            "The ballots go round in a circle somewhere: the order breaks it by Borda points.\n\n",
        );
    }
    if r.borda_differs {
        o.push_str("Borda's winner differs from Schulze's.\n\n");
    }
    o.push_str("| # | Priority | Goal | Weight | Evidence |\n|---:|---|---|---:|---|\n");
    for p in &b.priorities {
        let ev: Vec<String> = p.evidence.iter().map(|e| format!("`{e}`")).collect();
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} |",
            p.rank,
            inline(&p.title),
            inline(&p.goal),
            num(p.weight, 4),
            ev.join(", ")
        );
    }
    let notes: Vec<String> = b
        .priorities
        .iter()
        .flat_map(|p| {
            p.notes.iter().map(|(id, n)| {
                format!(
                    "- ⚠ {}: cites `{id}`, which {}",
                    inline(&p.title),
                    inline(n)
                )
            })
        })
        .collect();
    if !notes.is_empty() {
        let _ = writeln!(o, "\n{}", notes.join("\n"));
    }
    o.push_str("\nIn the customer's words:\n\n");
    for p in &b.priorities {
        if !p.customer_problem.is_empty() {
            let _ = writeln!(
                o,
                "{}. **{}**: \u{201c}{}\u{201d}",
                p.rank,
                inline(&p.title),
                inline(&p.customer_problem)
            );
        }
    }
    if !r.agreement.is_empty() {
        let each: Vec<String> = r
            .agreement
            .iter()
            .map(|(m, a)| format!("{} {}", inline(m), percent(*a)))
            .collect();
        let _ = writeln!(
            o,
            "\nEach ballot's agreement with the order (share of pairs in the same order): {}.",
            each.join(", ")
        );
    }
    o.push('\n');
}

fn allocation(o: &mut String, b: &Brief) {
    let a = &b.allocation;
    o.push_str("## 3. The allocation\n\n");
    match a.source {
        AllocationSource::Decided => {
            let _ = writeln!(
                o,
                "**Decided by the forum** (`allocation.ron`), rule run: {}.\n",
                a.rule
            );
        }
        AllocationSource::RuleResult => {
            let _ = writeln!(
                o,
                "**Not decided yet.** This is the {} rule's result computed from the records; the forum has not allocated the budget.\n",
                a.rule
            );
        }
    }
    let _ = writeln!(o, "{}\n", inline(&a.rule_sentence));
    o.push_str("| Initiative | Silo | Amount | Reason | Margin |\n|---|---|---:|---|---:|\n");
    for l in &a.lines {
        let flag = if l.differs_from_rule {
            " (differs from the rule)"
        } else {
            ""
        };
        let _ = writeln!(
            o,
            "| {} `{}` | {} | {} | {}{flag} | {} |",
            inline(&l.title),
            l.initiative,
            l.silo,
            amount(l.amount),
            inline(&l.reason),
            margin(l.margin)
        );
    }
    let _ = writeln!(
        o,
        "| **Total** | | **{}** | {} unspent of {} | |\n",
        amount(a.total),
        amount(b.unspent()),
        inline(&money(a.budget, &b.currency))
    );
    if !a.note.is_empty() {
        let _ = writeln!(o, "Note: {}\n", inline(&a.note));
    }
    o.push_str("The margin is how much an initiative's value could fall before it drops out (negative), or must rise before it gets in (positive); – when the rules fix the decision (a mandatory initiative).\n\n");
}

/// What changed since the plan was agreed: the defence plan, the changes, the endorsements.
fn changed(o: &mut String, b: &Brief) {
    if b.changes.is_empty() && b.defence.is_none() && b.endorsements.is_empty() {
        return;
    }
    o.push_str("## What changed since the plan was agreed\n\n");
    if let Some(d) = &b.defence {
        let _ = writeln!(o, "**Defence plan.** {}\n", inline(d));
    }
    for c in &b.changes {
        let _ = writeln!(
            o,
            "- `{}` {} **{}** — {}{}",
            c.commit,
            inline(&c.date),
            c.kind,
            inline(&c.summary),
            if c.why.is_empty() {
                String::new()
            } else {
                format!(" (why: {})", inline(&c.why))
            }
        );
        for d in &c.details {
            let _ = writeln!(o, "  - {}", inline(d));
        }
    }
    if !b.changes.is_empty() {
        o.push('\n');
    }
    for e in &b.endorsements {
        let _ = writeln!(o, "- {}", inline(e));
    }
    if !b.endorsements.is_empty() {
        o.push('\n');
    }
}

fn disagreement(o: &mut String, b: &Brief) {
    o.push_str("## 4. Where the rule and greedy disagree\n\n");
    let Some((opening, items)) = wording::disagreement(&Md, b) else {
        let _ = writeln!(o, "{}\n", wording::AGREE);
        return;
    };
    let _ = writeln!(o, "{opening}\n");
    for item in items {
        let _ = writeln!(o, "- {item}");
    }
    o.push('\n');
}

fn cuts(o: &mut String, b: &Brief) {
    o.push_str("## 5. If the budget is cut\n\n");
    for c in &b.cuts {
        let (line, added) = wording::cut(&Md, b, c);
        let _ = writeln!(o, "- {line}");
        if !added.is_empty() {
            let _ = writeln!(
                o,
                "  - and brings in {} (the best plan at a smaller budget is not a subset of today's).",
                added.join(", ")
            );
        }
    }
    o.push('\n');
}

/// Who serves which priority, with the money of the plan shown per silo.
fn matrix(o: &mut String, b: &Brief) {
    if b.matrix.priorities.is_empty() {
        return;
    }
    o.push_str(
        "### Who serves each priority

",
    );
    o.push_str("Money of the plan per silo (a silo serves a priority when an initiative addressing it is led by the silo or carries its contribution; `·` = not served).\n\n");
    let _ = write!(o, "| Priority |");
    for s in &b.matrix.silos {
        let _ = write!(o, " `{s}` |");
    }
    o.push_str(" |\n|---|");
    o.push_str(&"---:|".repeat(b.matrix.silos.len()));
    o.push_str("---|\n");
    for p in &b.matrix.priorities {
        let (title, cells, warn) = wording::matrix_row(b, p);
        let _ = writeln!(
            o,
            "| {} | {} | {} |",
            inline(&title),
            cells.join(" | "),
            warn.map(|w| format!("⚠ {w}")).unwrap_or_default()
        );
    }
    o.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_text_cannot_break_a_table_or_inject_markup() {
        assert_eq!(inline("a|b"), "a\\|b");
        assert_eq!(inline("<script>"), "\\<script\\>");
        assert_eq!(inline("[x](javascript:y)"), "\\[x\\](javascript:y)");
        assert_eq!(inline("# head"), "\\# head");
        assert_eq!(start("- item"), "\\- item");
        assert_eq!(start("1. item"), "1\\. item");
        assert_eq!(inline("2025..2028"), "2025..2028");
        assert_eq!(inline("a\nb"), "a b");
        assert_eq!(inline("AT&T"), "AT\\&T");
        assert_eq!(inline("&lt;script&gt;"), "\\&lt;script\\&gt;");
        assert_eq!(inline("R & D"), "R & D");
    }
}
