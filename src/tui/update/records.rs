//! The Evidence and Ranking screens' form: add or edit a piece of evidence or a priority,
//! checked as `check` checks it (errors shown at the field), then decided through the one
//! decision dialog as an `evidence` or `priority` decision.

use crate::domain::finding::{Severity, Step};
use crate::domain::records::{Evidence, EvidenceKind, Goal, Metric, Priority};
use crate::domain::snapshot::{RecordKind, Snapshot};
use crate::domain::text::sanitize;
use crate::domain::validate::{Scope, is_valid_id, validate_scoped};
use crate::tui::action::Screen;
use crate::tui::app::{App, DialogKind};
use crate::tui::msg::Motion;
use crate::tui::update::dialogs::{ask_decision, open};

/// Every kind of evidence, as written in a record.
const KINDS: [EvidenceKind; 12] = [
    EvidenceKind::LossReview,
    EvidenceKind::ComplaintTrend,
    EvidenceKind::SegmentProfitability,
    EvidenceKind::SegmentMovement,
    EvidenceKind::Survey,
    EvidenceKind::ContactCenter,
    EvidenceKind::SocialListening,
    EvidenceKind::EmployeeFeedback,
    EvidenceKind::CustomerCouncil,
    EvidenceKind::CustomerSession,
    EvidenceKind::Operations,
    EvidenceKind::Other,
];

/// The form's fields for a piece of evidence, in order.
const EVIDENCE_FIELDS: [&str; 7] = [
    "Id", "Kind", "Title", "Period", "Source", "Summary", "Metrics",
];
/// The form's fields for a priority, in order.
const PRIORITY_FIELDS: [&str; 5] = ["Id", "Title", "Customer problem", "Evidence", "Goal"];

fn kind_name(k: EvidenceKind) -> String {
    format!("{k:?}")
}

/// `n` on Evidence or Ranking: a new record's form; `E`: the selected record's.
pub fn form(app: &mut App, edit: bool) {
    let Some(f) = &app.fresh else { return };
    let s = &f.snapshot;
    match app.screen {
        Screen::Evidence => {
            let ids = crate::domain::evidence::display_order(s);
            let selected = ids.get(app.sel(Screen::Evidence)).cloned();
            let (editing, e) = match (edit, &selected) {
                (true, Some(id)) => (Some(id.clone()), s.evidence.get(id).cloned()),
                _ => (None, None),
            };
            let values = match &e {
                Some(e) => vec![
                    editing.clone().unwrap_or_default(),
                    kind_name(e.kind),
                    e.title.clone(),
                    e.period.clone(),
                    e.source.clone(),
                    e.summary.clone(),
                    metrics_text(&e.metrics),
                ],
                None => vec![
                    String::new(),
                    "Survey".into(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ],
            };
            let kinds: Vec<String> = KINDS.iter().map(|k| kind_name(*k)).collect();
            open(
                app,
                DialogKind::RecordForm { kind: RecordKind::Evidence, editing: editing.clone() },
                if editing.is_some() { "Change evidence" } else { "Add evidence" },
                vec![
                    format!("Kind: {}", kinds.join(", ")),
                    "Metrics: name = value unit (was baseline); … e.g. accounts lost = 412 accounts (was 301)".into(),
                ],
                EVIDENCE_FIELDS.iter().copied().zip(values).collect(),
            );
        }
        Screen::Priorities => {
            let order = app.order();
            let selected = order.get(app.sel(Screen::Priorities)).cloned();
            let (editing, p) = match (edit, &selected) {
                (true, Some(id)) => (Some(id.clone()), s.priorities.get(id).cloned()),
                _ => (None, None),
            };
            let values = match &p {
                Some(p) => vec![
                    editing.clone().unwrap_or_default(),
                    p.title.clone(),
                    p.customer_problem.clone(),
                    p.evidence.join(", "),
                    format!(
                        "{} | {} | {} | {}",
                        p.goal.metric, p.goal.unit, p.goal.baseline, p.goal.target
                    ),
                ],
                None => vec![String::new(); 5],
            };
            open(
                app,
                DialogKind::RecordForm { kind: RecordKind::Priority, editing: editing.clone() },
                if editing.is_some() { "Change priority" } else { "Add priority" },
                vec![
                    format!("Evidence: ids, comma-separated ({})", s.evidence.keys().cloned().collect::<Vec<_>>().join(", ")),
                    "Goal: metric | unit | baseline | target, e.g. first-contact resolution | % | 61 | 75".into(),
                ],
                PRIORITY_FIELDS.iter().copied().zip(values).collect(),
            );
        }
        _ => {}
    }
}

fn metrics_text(metrics: &[Metric]) -> String {
    metrics
        .iter()
        .map(|m| {
            let was = m
                .baseline
                .map(|b| format!(" (was {b})"))
                .unwrap_or_default();
            format!("{} = {} {}{was}", m.name, m.value, m.unit).replace("  ", " ")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// `name = value unit (was baseline)`, `;`-separated; an error names the metric.
fn parse_metrics(text: &str) -> Result<Vec<Metric>, String> {
    let mut out = Vec::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, rest) = part
            .split_once('=')
            .ok_or_else(|| format!("`{part}`: write name = value unit"))?;
        let (rest, baseline) = match rest.split_once("(was") {
            Some((r, b)) => {
                let b = b.trim().trim_end_matches(')').trim();
                let b: f64 = b.parse().map_err(|_| format!("`{b}` is not a number"))?;
                (r, Some(b))
            }
            None => (rest, None),
        };
        let mut words = rest.split_whitespace();
        let value = words.next().unwrap_or("");
        let value: f64 = value
            .parse()
            .map_err(|_| format!("`{}`: `{value}` is not a number", name.trim()))?;
        out.push(Metric {
            name: name.trim().to_string(),
            value,
            unit: words.collect::<Vec<_>>().join(" "),
            baseline,
            series: Vec::new(),
        });
    }
    Ok(out)
}

/// The field a finding points at (its first step), for the form.
fn field_of(at: &[Step]) -> Option<&'static str> {
    let name = at.iter().find_map(|s| match s {
        Step::Field(f) => Some(f.as_str()),
        _ => None,
    })?;
    Some(match name {
        "kind" => "Kind",
        "title" => "Title",
        "period" => "Period",
        "source" => "Source",
        "summary" => "Summary",
        "metrics" => "Metrics",
        "customer_problem" => "Customer problem",
        "evidence" => "Evidence",
        "goal" => "Goal",
        _ => return None,
    })
}

/// Enter on the form: the record built from the fields, checked; the decision dialog next.
pub fn submit(app: &mut App, kind: RecordKind, editing: Option<String>) {
    let Some(d) = &app.dialog else { return };
    let value = |label: &str| {
        d.fields
            .iter()
            .find(|f| f.label == label)
            .map(|f| f.text.value.trim().to_string())
            .unwrap_or_default()
    };
    let Some(f) = &app.fresh else { return };
    let s: &Snapshot = &f.snapshot;
    let id = value("Id");
    let adding = editing.is_none();
    let exists = match kind {
        RecordKind::Evidence => s.evidence.contains_key(&id),
        _ => s.priorities.contains_key(&id),
    };
    let refuse = |app: &mut App, label: &str, message: String| {
        if let Some(d) = app.dialog.as_mut() {
            d.focus = d.fields.iter().position(|f| f.label == label).unwrap_or(0);
            d.error = Some(format!("{label}: {}", sanitize(&message)));
        }
    };
    if !is_valid_id(&id) {
        return refuse(
            app,
            "Id",
            "lower-case letters, digits and `-`, e.g. nps-2027".into(),
        );
    }
    if adding && exists {
        return refuse(
            app,
            "Id",
            format!("`{id}` exists already: E on its row changes it"),
        );
    }
    let mut after = s.clone();
    let motion = match kind {
        RecordKind::Evidence => {
            let Some(k) = KINDS
                .iter()
                .copied()
                .find(|k| kind_name(*k).eq_ignore_ascii_case(&value("Kind")))
            else {
                return refuse(
                    app,
                    "Kind",
                    "not a kind of evidence (the kinds are listed above)".into(),
                );
            };
            let metrics = match parse_metrics(&value("Metrics")) {
                Ok(m) => m,
                Err(e) => return refuse(app, "Metrics", e),
            };
            let mut e = editing
                .as_ref()
                .and_then(|i| s.evidence.get(i).cloned())
                .unwrap_or(Evidence {
                    kind: k,
                    title: String::new(),
                    period: String::new(),
                    source: String::new(),
                    summary: String::new(),
                    metrics: Vec::new(),
                    invited: None,
                    responded: None,
                    segments: Vec::new(),
                    carried_from: None,
                    session: None,
                });
            e.kind = k;
            e.title = value("Title");
            e.period = value("Period");
            e.source = value("Source");
            e.summary = value("Summary");
            // Series typed elsewhere stay with their metric.
            let old = std::mem::take(&mut e.metrics);
            e.metrics = metrics
                .into_iter()
                .map(|mut m| {
                    if let Some(o) = old.iter().find(|o| o.name == m.name) {
                        m.series.clone_from(&o.series);
                    }
                    m
                })
                .collect();
            after.evidence.insert(id.clone(), e.clone());
            Motion::Evidence {
                id: id.clone(),
                record: Box::new(e),
                adding,
            }
        }
        _ => {
            let goal: Vec<String> = value("Goal")
                .split('|')
                .map(|g| g.trim().to_string())
                .collect();
            let num = |i: usize| goal.get(i).and_then(|g| g.parse::<f64>().ok());
            let (Some(baseline), Some(target)) = (num(2), num(3)) else {
                return refuse(
                    app,
                    "Goal",
                    "metric | unit | baseline | target, with numbers for the last two".into(),
                );
            };
            let p = Priority {
                title: value("Title"),
                customer_problem: value("Customer problem"),
                evidence: value("Evidence")
                    .split(',')
                    .map(str::trim)
                    .filter(|e| !e.is_empty())
                    .map(str::to_string)
                    .collect(),
                goal: Goal {
                    metric: goal.first().cloned().unwrap_or_default(),
                    unit: goal.get(1).cloned().unwrap_or_default(),
                    baseline,
                    target,
                    // The goal's date stays as it was (the form does not show it).
                    by: editing
                        .as_ref()
                        .and_then(|i| s.priorities.get(i))
                        .and_then(|p| p.goal.by.clone()),
                },
            };
            after.priorities.insert(id.clone(), p.clone());
            Motion::Priority {
                id: id.clone(),
                record: Box::new(p),
                adding,
            }
        }
    };
    let mut scope = Scope::none();
    scope.add(kind, &id);
    let findings = validate_scoped(&after, &[], &scope);
    if let Some(err) = findings.iter().find(|f| f.severity == Severity::Error) {
        let label = field_of(&err.at).unwrap_or("Id");
        return refuse(app, label, err.message.clone());
    }
    let warnings: Vec<String> = findings
        .iter()
        .filter(|f| f.severity != Severity::Error)
        .map(|f| format!("⚠ {}", sanitize(&f.message)))
        .collect();
    let mut lines = vec![format!(
        "{} {} `{id}`",
        if adding { "Add" } else { "Change" },
        if kind == RecordKind::Evidence {
            "evidence"
        } else {
            "priority"
        }
    )];
    lines.extend(warnings);
    ask_decision(app, motion, lines);
}
