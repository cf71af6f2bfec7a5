//! The markdown brief's closing sections: every initiative, the silos, the open questions.

use crate::domain::money::amount;
use crate::report::brief::Brief;
use crate::report::markdown::{Md, inline, start};
use crate::report::wording;
use crate::report::{margin, num};
use std::fmt::Write;

pub fn initiatives(o: &mut String, b: &Brief) {
    o.push_str("## 6. Every initiative\n\n");
    o.push_str("Sorted by value. Value = Σ weight × score over the priorities.\n\n");
    o.push_str("| Initiative | Silo | Owner | Cost | Value | per 100k | Plan | Margin | Flags |\n|---|---|---|---:|---:|---:|---:|---:|---|\n");
    for i in &b.initiatives {
        let plan = wording::plan_cell(i.allocated);
        let mut flags = i.flags.clone();
        if i.mandatory {
            flags.insert(0, "mandatory".into());
        }
        let _ = writeln!(
            o,
            "| {} `{}` | {} | {} | {} | {} | {} | {} | {} | {} |",
            inline(&i.title),
            i.id,
            inline(&i.silo_name),
            inline(&i.owner),
            amount(i.cost),
            num(i.value, 4),
            num(i.value_per_100k, 4),
            plan,
            margin(i.margin),
            flags.join(", ")
        );
    }
    for i in b.initiatives.iter().filter(|i| !i.shares.is_empty()) {
        let _ = writeln!(
            o,
            "\nShared: `{}` — {}.",
            i.id,
            inline(&wording::split_text(&i.shares))
        );
    }
    o.push_str("\nScore breakdown (aggregated scores; the header gives each priority's weight):\n\n| Initiative |");
    for p in &b.priorities {
        let _ = write!(
            o,
            " {}. {} ({}) |",
            p.rank,
            inline(&p.title),
            num(p.weight, 3)
        );
    }
    o.push_str("\n|---|");
    o.push_str(&"---:|".repeat(b.priorities.len()));
    o.push('\n');
    for i in &b.initiatives {
        let _ = write!(o, "| `{}` |", i.id);
        for c in &i.breakdown {
            let _ = write!(o, " {} |", num(c.score, 2));
        }
        o.push('\n');
    }
    o.push('\n');
}

pub fn silos(o: &mut String, b: &Brief) {
    o.push_str("## 7. The silos\n\n");
    for s in &b.silos {
        let _ = writeln!(
            o,
            "### {} (`{}`), led by {}\n",
            inline(&s.name),
            s.id,
            inline(&s.lead)
        );
        if !s.commitment.is_empty() {
            let _ = writeln!(o, "> {}\n", start(&s.commitment));
        }
        let _ = writeln!(
            o,
            "{}
",
            inline(&wording::asked(s, &b.currency))
        );
        for (id, title, alloc) in &s.initiatives {
            let _ = writeln!(o, "- {} `{id}`: {}", start(title), wording::funding(*alloc));
        }
        o.push('\n');
    }
}

pub fn questions(o: &mut String, b: &Brief) {
    o.push_str("## 8. Open questions\n\n");
    if b.questions.is_empty() {
        o.push_str("None.\n");
    }
    for q in &b.questions {
        let _ = writeln!(o, "- {}", wording::question(&Md, b, q));
    }
}
