//! The brief's sentences, written once for every format that renders them.
//!
//! Markdown and HTML say the same things in different markup. A [`Markup`] gives the few
//! things that differ — escaping a record's text, emphasis, code — and the sentences here
//! are built from it, so a sentence is changed in one place and both briefs follow.

use crate::domain::money::{amount, money};
use crate::report::brief::{AllocationSource, Brief, Cut, Question, SiloItem};
use crate::report::num;

/// What a format needs to write a sentence: escaped text, emphasis, code.
pub trait Markup {
    /// A record's text, escaped for inline use.
    fn text(&self, s: &str) -> String;
    /// A record's text, escaped and emphasised.
    fn strong(&self, s: &str) -> String;
    /// An id or a file name, as code.
    fn code(&self, s: &str) -> String;
}

/// An initiative by its title and id, or by id alone when it is not in the brief.
pub fn name(m: &dyn Markup, b: &Brief, id: &str) -> String {
    b.initiative(id).map_or_else(
        || m.code(id),
        |i| format!("{} ({})", m.strong(&i.title), m.code(id)),
    )
}

/// The "In one minute" list, one sentence per item.
pub fn summary(m: &dyn Markup, b: &Brief) -> Vec<String> {
    let mut items = Vec::new();
    let top = b
        .priorities
        .first()
        .map(|p| p.title.as_str())
        .unwrap_or("–");
    items.push(format!(
        "{} pieces of customer evidence led to {} ranked priorities; first: {}.",
        b.evidence.len(),
        b.priorities.len(),
        m.strong(top)
    ));
    let label = match b.allocation.source {
        AllocationSource::Decided => "The forum allocated",
        AllocationSource::RuleResult => "Not decided yet: the rule's result would allocate",
    };
    items.push(format!(
        "{label} {} of {} to {} of {} initiatives ({} unspent).",
        m.text(&money(b.allocation.total, &b.currency)),
        amount(b.allocation.budget),
        b.allocation.funded(),
        b.initiatives.len(),
        amount(b.unspent())
    ));
    items.push(shared_sentence(m, b));
    if let Some(c) = b.cuts.first() {
        let names: Vec<String> = c.dropped.iter().map(|(_, t)| m.text(t)).collect();
        items.push(format!(
            "If the budget is cut {}%, this drops first: {}.",
            c.percent,
            or_nothing(names)
        ));
    }
    items.push(format!("Open questions: {}.", b.questions.len()));
    for n in &b.notes {
        items.push(format!("Note: {}", m.text(n)));
    }
    items
}

/// Greedy against the exact optimum: the opening sentence and one item per difference, or
/// `None` when they fund the same list.
pub fn disagreement(m: &dyn Markup, b: &Brief) -> Option<(String, Vec<String>)> {
    let d = &b.disagreement;
    if d.only_optimal.is_empty() && d.only_greedy.is_empty() {
        return None;
    }
    let opening = format!(
        "Greedy (by value per money) would leave {} unspent; the exact optimum {} and gains {} value.",
        amount(d.greedy_unspent),
        amount(d.optimal_unspent),
        num(d.value_gain, 4)
    );
    let optimal = d
        .only_optimal
        .iter()
        .map(|(id, why)| format!("Only the optimum funds {}: {}", name(m, b, id), m.text(why)));
    let greedy = d
        .only_greedy
        .iter()
        .map(|(id, why)| format!("Only greedy funds {}: {}", name(m, b, id), m.text(why)));
    Some((opening, optimal.chain(greedy).collect()))
}

/// When greedy and the optimum agree.
pub const AGREE: &str = "They agree: funding by value per money gives the same list.";

/// One budget cut: what it drops; then, if any, the names of what it brings in.
pub fn cut(m: &dyn Markup, b: &Brief, c: &Cut) -> (String, Vec<String>) {
    let dropped: Vec<String> = c.dropped.iter().map(|(id, _)| name(m, b, id)).collect();
    let line = format!(
        "{} (budget {}): drops {}.",
        m.strong(&format!("{}% cut", c.percent)),
        amount(c.budget),
        or_nothing(dropped)
    );
    let added = c.added.iter().map(|(id, _)| name(m, b, id)).collect();
    (line, added)
}

/// What a silo asked for and was given.
pub fn asked(s: &SiloItem, currency: &str) -> String {
    format!(
        "Asked {}, allocated {}.",
        money(s.requested, currency),
        money(s.allocated, currency)
    )
}

/// An amount allocated, or `unfunded`.
pub fn funding(allocated: u64) -> String {
    if allocated > 0 {
        amount(allocated)
    } else {
        "unfunded".into()
    }
}

/// An amount allocated, or `–` (a table cell).
pub fn plan_cell(allocated: u64) -> String {
    if allocated > 0 {
        amount(allocated)
    } else {
        "–".into()
    }
}

/// One open question.
pub fn question(m: &dyn Markup, b: &Brief, q: &Question) -> String {
    format!("{}: {}", name(m, b, &q.initiative), m.text(&q.text))
}

fn or_nothing(names: Vec<String>) -> String {
    if names.is_empty() {
        "nothing".into()
    } else {
        names.join(", ")
    }
}

/// The share of the plan that goes to work two or more silos share.
pub fn shared_sentence(m: &dyn Markup, b: &Brief) -> String {
    let total = b.allocation.total;
    let pct = if total == 0 {
        0.0
    } else {
        b.shared as f64 / total as f64 * 100.0
    };
    format!(
        "{}% of the allocation ({}) goes to initiatives that two or more silos share.",
        num(pct, 0),
        m.text(&money(b.shared, &b.currency))
    )
}

/// One row of the priorities × silos matrix: the priority's title, then per silo of
/// `b.matrix.silos` the money (`·` when the silo does not serve it), then a warning when one
/// silo serves it, or none.
pub fn matrix_row(b: &Brief, priority: &str) -> (String, Vec<String>, Option<&'static str>) {
    let title = b
        .priorities
        .iter()
        .find(|p| p.id == priority)
        .map_or_else(|| priority.to_string(), |p| p.title.clone());
    let cells = b
        .matrix
        .silos
        .iter()
        .map(|s| b.matrix.cell(priority, s).map_or("·".to_string(), amount))
        .collect();
    let warn = match b.matrix.serving(priority).len() {
        0 => Some("no silo serves it"),
        1 => Some("one silo only"),
        _ => None,
    };
    (title, cells, warn)
}

/// `cx 60,000 · support 40,000`: a shared initiative's split.
pub fn split_text(shares: &[(String, crate::domain::records::Money)]) -> String {
    shares
        .iter()
        .map(|(s, v)| format!("{s} {}", amount(*v)))
        .collect::<Vec<_>>()
        .join(" · ")
}
