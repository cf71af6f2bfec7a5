//! The HTML brief's "every initiative" section: the value chart, the table, the score matrix.

use crate::domain::money::amount;
use crate::report::brief::Brief;
use crate::report::html::escape;
use crate::report::wording;
use crate::report::{margin, num, svg};
use std::fmt::Write;

/// Writes section 6.
pub fn initiatives(o: &mut String, b: &Brief) {
    o.push_str("<h2>6. Every initiative</h2>\n");
    let _ = writeln!(
        o,
        "<figure>{}<figcaption>Value against cost. Filled points are funded. The dashed line is the lowest value per money among the funded initiatives that are not mandatory.</figcaption></figure>",
        svg::value_vs_cost(b)
    );
    o.push_str("<p>Sorted by value. Value = Σ weight × score over the priorities.</p>\n");
    o.push_str("<table>\n<thead><tr><th>Initiative</th><th>Silo</th><th>Owner</th><th>Cost</th><th>Value</th><th>Per 100k</th><th>Plan</th><th>Margin</th></tr></thead>\n<tbody>\n");
    for i in &b.initiatives {
        let plan = wording::plan_cell(i.allocated);
        let mut flags = String::new();
        if i.mandatory {
            flags.push_str(" <span class=\"flag\">mandatory</span>");
        }
        for f in &i.flags {
            let _ = write!(flags, " <span class=\"flag\">{}</span>", escape(f));
        }
        let _ = writeln!(
            o,
            "<tr><td>{} <code>{}</code>{flags}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&i.title),
            escape(&i.id),
            escape(&i.silo_name),
            escape(&i.owner),
            amount(i.cost),
            num(i.value, 4),
            num(i.value_per_100k, 4),
            plan,
            margin(i.margin)
        );
    }
    o.push_str("</tbody>\n</table>\n");
    breakdown(o, b);
}

/// The score matrix: one row per initiative, one column per priority (rank and weight).
fn breakdown(o: &mut String, b: &Brief) {
    o.push_str("<h3>Score breakdown</h3>\n<p>The aggregated score (0 to the scale) of each initiative on each priority; the header gives each priority's rank and weight. An empty cell is a score of 0.</p>\n<table>\n<thead><tr><th>Initiative</th>");
    for p in &b.priorities {
        let _ = write!(
            o,
            "<th title=\"{}\">{}. {}<br />{}</th>",
            escape(&p.title),
            p.rank,
            escape(&p.id),
            num(p.weight, 3)
        );
    }
    o.push_str("<th>Value</th></tr></thead>\n<tbody>\n");
    for i in &b.initiatives {
        let _ = write!(o, "<tr><td><code>{}</code></td>", escape(&i.id));
        for c in &i.breakdown {
            let cell = if c.score > 0.0 {
                num(c.score, 2)
            } else {
                String::new()
            };
            let _ = write!(o, "<td class=\"n\">{cell}</td>");
        }
        let _ = writeln!(o, "<td class=\"n\">{}</td></tr>", num(i.value, 4));
    }
    o.push_str("</tbody>\n</table>\n");
}
