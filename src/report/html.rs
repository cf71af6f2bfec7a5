//! The brief as one self-contained, print-friendly HTML file (XHTML-compatible markup).

use crate::domain::money::{amount, money};
use crate::report::brief::{AllocationSource, Brief};
use crate::report::{margin, num, percent, svg};
use std::fmt::Write;

mod initiatives;
use crate::report::wording::{self, Markup};
use initiatives::initiatives;

/// HTML's markup for the shared sentences.
pub struct Html;

impl Markup for Html {
    fn text(&self, s: &str) -> String {
        escape(s)
    }
    fn strong(&self, s: &str) -> String {
        format!("<strong>{}</strong>", escape(s))
    }
    fn code(&self, s: &str) -> String {
        format!("<code>{}</code>", escape(s))
    }
}

/// Escapes text for HTML content and quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a multi-line text as paragraphs.
fn paragraphs(s: &str) -> String {
    s.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", escape(&p.replace('\n', " "))))
        .collect()
}

const STYLE: &str = "body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111;background:#fff}
h1{font-size:1.8rem;margin-bottom:.2rem}h2{border-bottom:2px solid #222;margin-top:2.2rem}h3{margin-bottom:.2rem}
table{border-collapse:collapse;width:100%;margin:.8rem 0;font-size:.92rem}th,td{border:1px solid #bbb;padding:.25rem .45rem;vertical-align:top;text-align:left}
th{background:#eee}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.meta{color:#444}.status{border-left:6px solid #b35900;padding:.4rem .8rem;background:#fff4e5}.status.decided{border-color:#1a7f37;background:#eefbf1}
.flag{display:inline-block;border:1px solid #666;border-radius:3px;padding:0 .3rem;font-size:.8rem;margin-right:.2rem}
blockquote{border-left:4px solid #999;margin:.5rem 0;padding:.1rem .8rem;color:#333}code{font-size:.9em}
.chart{width:100%;height:auto;max-width:45rem}.chart .label{font-size:12px;fill:#111}.chart .tick{font-size:11px;fill:#444}
.chart .asked{fill:#c9d7ea}.chart .funded{fill:#1f4e8c}.chart .axis{stroke:#333}.chart .cut{stroke:#b00;stroke-width:2;stroke-dasharray:6 4}
.chart .dot{fill:#fff;stroke:#1f4e8c;stroke-width:2}.chart .dot.funded{fill:#1f4e8c}
@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}table,figure,section.silo{break-inside:avoid}a{color:inherit}}";

/// Renders the whole brief.
pub fn render(b: &Brief) -> String {
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\" xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n<meta charset=\"utf-8\" />\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n<title>{} — plan brief</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n",
        escape(&b.title)
    );
    let _ = write!(
        o,
        "<h1>{} — plan brief</h1>\n<p class=\"meta\">Cycle {} · budget {} · phase {} · forum <code>{}</code>",
        escape(&b.title),
        escape(&b.cycle),
        escape(&money(b.budget, &b.currency)),
        b.phase,
        escape(&b.forum_id)
    );
    if let Some(c) = &b.commit {
        let _ = write!(o, " · commit <code>{}</code>", escape(c));
    }
    o.push_str("</p>\n");
    summary(&mut o, b);
    evidence(&mut o, b);
    priorities(&mut o, b);
    matrix(&mut o, b);
    allocation(&mut o, b);
    changed(&mut o, b);
    disagreement_and_cuts(&mut o, b);
    initiatives(&mut o, b);
    silos(&mut o, b);
    questions(&mut o, b);
    o.push_str("</body>\n</html>\n");
    o
}

fn summary(o: &mut String, b: &Brief) {
    o.push_str("<h2>In one minute</h2>\n<ul>\n");
    for item in wording::summary(&Html, b) {
        let _ = writeln!(o, "<li>{item}</li>");
    }
    o.push_str("</ul>\n");
}

fn evidence(o: &mut String, b: &Brief) {
    o.push_str("<h2>1. The customer's voice</h2>\n");
    for e in &b.evidence {
        let _ = writeln!(
            o,
            "<h3>{}</h3>\n<p class=\"meta\"><em>{}</em> · {} · <code>{}</code></p>\n{}",
            escape(&e.title),
            escape(&e.kind),
            escape(&e.period),
            escape(&e.id),
            paragraphs(&e.summary)
        );
        if !e.metrics.is_empty() {
            o.push_str("<ul>");
            for m in &e.metrics {
                let _ = write!(o, "<li>{}</li>", escape(m));
            }
            o.push_str("</ul>\n");
        }
        for (name, values) in &e.series {
            o.push_str(&crate::report::svg::series_line(name, values));
            o.push('\n');
        }
        for n in &e.notes {
            let _ = writeln!(o, "<p class=\"meta\">⚠ {}</p>", escape(n));
        }
        if !e.source.is_empty() {
            let _ = writeln!(o, "<p class=\"meta\">Source: {}</p>", escape(&e.source));
        }
    }
}

fn priorities(o: &mut String, b: &Brief) {
    let r = &b.ranking;
    o.push_str("<h2>2. The priorities, ranked</h2>\n");
    let (class, status) = if r.decided {
        (
            "status decided",
            format!("Decided by the forum ({})", r.method),
        )
    } else {
        (
            "status",
            format!("Not decided yet: computed from the ballots ({})", r.method),
        )
    };
    let _ = writeln!(
        o,
        "<p class=\"{class}\">{status}; {} ballots; agreement Kendall's W = <strong>{}</strong> (0 = none, 1 = identical ballots). Weights: {}.</p>",
        r.ballots,
        num(r.kendall_w, 3),
        escape(&r.weighting)
    );
    if !r.note.is_empty() {
        let _ = writeln!(o, "<p>The forum's note: {}</p>", escape(&r.note));
    }
    if r.cycle {
        o.push_str("<p>The ballots go round in a circle somewhere: the order breaks it by Borda points.</p>\n");
    }
    if r.borda_differs {
        o.push_str("<p>Borda's winner differs from Schulze's.</p>\n");
    }
    o.push_str("<table>\n<thead><tr><th>#</th><th>Priority and the customer's words</th><th>Goal</th><th>Weight</th><th>Evidence</th></tr></thead>\n<tbody>\n");
    for p in &b.priorities {
        let _ = writeln!(
            o,
            "<tr><td class=\"n\">{}</td><td><strong>{}</strong><br />\u{201c}{}\u{201d}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            p.rank,
            escape(&p.title),
            escape(&p.customer_problem),
            escape(&p.goal),
            num(p.weight, 4),
            escape(&p.evidence.join(", "))
                + &p.notes
                    .iter()
                    .map(|(id, n)| format!("<br />⚠ {}: {}", escape(id), escape(n)))
                    .collect::<String>()
        );
    }
    o.push_str("</tbody>\n</table>\n");
    if !r.agreement.is_empty() {
        let each: Vec<String> = r
            .agreement
            .iter()
            .map(|(m, a)| format!("{} {}", escape(m), percent(*a)))
            .collect();
        let _ = writeln!(
            o,
            "<p>Each ballot's agreement with the order (share of pairs in the same order): {}.</p>",
            each.join(", ")
        );
    }
}

/// Who serves which priority, with the money of the plan shown per silo.
fn matrix(o: &mut String, b: &Brief) {
    if b.matrix.priorities.is_empty() {
        return;
    }
    o.push_str("<h3>Who serves each priority</h3>\n<p>Money of the plan per silo; \u{b7} = the silo does not serve it.</p>\n<table>\n<thead><tr><th>Priority</th>");
    for s in &b.matrix.silos {
        let _ = write!(o, "<th>{}</th>", escape(s));
    }
    o.push_str("<th></th></tr></thead>\n<tbody>\n");
    for p in &b.matrix.priorities {
        let (title, cells, warn) = crate::report::wording::matrix_row(b, p);
        let _ = write!(o, "<tr><td>{}</td>", escape(&title));
        for c in cells {
            let _ = write!(o, "<td class=\"n\">{}</td>", escape(&c));
        }
        let _ = writeln!(
            o,
            "<td>{}</td></tr>",
            warn.map(|w| format!("\u{26a0} {w}")).unwrap_or_default()
        );
    }
    o.push_str("</tbody>\n</table>\n");
}

fn allocation(o: &mut String, b: &Brief) {
    let a = &b.allocation;
    o.push_str("<h2>3. The allocation</h2>\n");
    match a.source {
        AllocationSource::Decided => {
            let _ = writeln!(
                o,
                "<p class=\"status decided\"><strong>Decided by the forum</strong> (<code>allocation.ron</code>), rule run: {}.</p>",
                escape(&a.rule)
            );
        }
        AllocationSource::RuleResult => {
            let _ = writeln!(
                o,
                "<p class=\"status\"><strong>Not decided yet.</strong> This is the {} rule's result computed from the records; the forum has not allocated the budget.</p>",
                escape(&a.rule)
            );
        }
    }
    let _ = writeln!(o, "<p>{}</p>", escape(&a.rule_sentence));
    let _ = writeln!(
        o,
        "<figure>{}<figcaption>Budget by silo: allocated against asked for.</figcaption></figure>",
        svg::budget_by_silo(b)
    );
    o.push_str("<table>\n<thead><tr><th>Initiative</th><th>Silo</th><th>Amount</th><th>Reason</th><th>Margin</th></tr></thead>\n<tbody>\n");
    for l in &a.lines {
        let differs = if l.differs_from_rule {
            " <span class=\"flag\">differs from the rule</span>"
        } else {
            ""
        };
        let _ = writeln!(
            o,
            "<tr><td>{} <code>{}</code></td><td>{}</td><td class=\"n\">{}</td><td>{}{differs}</td><td class=\"n\">{}</td></tr>",
            escape(&l.title),
            escape(&l.initiative),
            escape(&l.silo),
            amount(l.amount),
            escape(&l.reason),
            margin(l.margin)
        );
    }
    let _ = writeln!(
        o,
        "</tbody>\n<tfoot><tr><th>Total</th><th></th><th class=\"n\">{}</th><th>{} unspent of {}</th><th></th></tr></tfoot>\n</table>",
        amount(a.total),
        amount(b.unspent()),
        escape(&money(a.budget, &b.currency))
    );
    if !a.note.is_empty() {
        let _ = writeln!(o, "<p>Note: {}</p>", escape(&a.note));
    }
    o.push_str("<p>The margin is how much an initiative's value could fall before it drops out (negative), or must rise before it gets in (positive); – when the rules fix the decision (a mandatory initiative).</p>\n");
}

/// What changed since the plan was agreed: the defence plan, the changes, the endorsements.
fn changed(o: &mut String, b: &Brief) {
    if b.changes.is_empty() && b.defence.is_none() && b.endorsements.is_empty() {
        return;
    }
    o.push_str("<h2>What changed since the plan was agreed</h2>\n");
    if let Some(d) = &b.defence {
        let _ = writeln!(o, "<p><strong>Defence plan.</strong> {}</p>", escape(d));
    }
    if !b.changes.is_empty() {
        o.push_str("<ul>\n");
        for c in &b.changes {
            let _ = write!(
                o,
                "<li><code>{}</code> {} <strong>{}</strong> — {}",
                escape(&c.commit),
                escape(&c.date),
                escape(&c.kind),
                escape(&c.summary)
            );
            if !c.why.is_empty() {
                let _ = write!(o, " (why: {})", escape(&c.why));
            }
            if !c.details.is_empty() {
                o.push_str("<ul>");
                for d in &c.details {
                    let _ = write!(o, "<li>{}</li>", escape(d));
                }
                o.push_str("</ul>");
            }
            o.push_str("</li>\n");
        }
        o.push_str("</ul>\n");
    }
    if !b.endorsements.is_empty() {
        o.push_str("<ul>\n");
        for e in &b.endorsements {
            let _ = writeln!(o, "<li>{}</li>", escape(e));
        }
        o.push_str("</ul>\n");
    }
}

fn disagreement_and_cuts(o: &mut String, b: &Brief) {
    o.push_str("<h2>4. Where the rule and greedy disagree</h2>\n");
    match wording::disagreement(&Html, b) {
        None => {
            let _ = writeln!(o, "<p>{}</p>", wording::AGREE);
        }
        Some((opening, items)) => {
            let _ = writeln!(o, "<p>{opening}</p>\n<ul>");
            for item in items {
                let _ = writeln!(o, "<li>{item}</li>");
            }
            o.push_str("</ul>\n");
        }
    }
    o.push_str("<h2>5. If the budget is cut</h2>\n<ul>\n");
    for c in &b.cuts {
        let (line, added) = wording::cut(&Html, b, c);
        let _ = write!(o, "<li>{line}");
        if !added.is_empty() {
            let _ = write!(
                o,
                " It also brings in {} (the best plan at a smaller budget is not a subset of today's).",
                added.join(", ")
            );
        }
        o.push_str("</li>\n");
    }
    o.push_str("</ul>\n");
}

fn silos(o: &mut String, b: &Brief) {
    o.push_str("<h2>7. The silos</h2>\n");
    for s in &b.silos {
        let _ = writeln!(
            o,
            "<section class=\"silo\">\n<h3>{} (<code>{}</code>), led by {}</h3>",
            escape(&s.name),
            escape(&s.id),
            escape(&s.lead)
        );
        if !s.commitment.is_empty() {
            let _ = writeln!(o, "<blockquote>{}</blockquote>", paragraphs(&s.commitment));
        }
        let _ = writeln!(
            o,
            "<p>{}</p>
<ul>",
            escape(&wording::asked(s, &b.currency))
        );
        for (id, title, alloc) in &s.initiatives {
            let _ = writeln!(
                o,
                "<li>{} <code>{}</code>: {}</li>",
                escape(title),
                escape(id),
                wording::funding(*alloc)
            );
        }
        o.push_str("</ul>\n</section>\n");
    }
}

fn questions(o: &mut String, b: &Brief) {
    o.push_str("<h2>8. Open questions</h2>\n");
    if b.questions.is_empty() {
        o.push_str("<p>None.</p>\n");
        return;
    }
    o.push_str("<ul>\n");
    for q in &b.questions {
        let _ = writeln!(o, "<li>{}</li>", wording::question(&Html, b, q));
    }
    o.push_str("</ul>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape("<img src=x onerror='a'>&\""),
            "&lt;img src=x onerror=&#39;a&#39;&gt;&amp;&quot;"
        );
    }
}
