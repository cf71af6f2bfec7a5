//! `roundtable evidence|priority add|edit|retire ID`: one record of the customer's evidence or
//! of the forum's priorities as one decision, from a file, standard input or `$EDITOR`.

use crate::cli::args::DecisionArgs;
use crate::cli::context::{CmdResult, Global, refuse};
use crate::cli::decide::Desk;
use crate::domain::finding::Severity;
use crate::domain::phase::DecisionKind;
use crate::domain::records::{Evidence, Priority};
use crate::domain::snapshot::{RecordKind, RecordRef, Snapshot};
use crate::domain::text::sanitize;
use crate::domain::validate::{Scope, is_valid_id, validate_scoped};
use crate::store::decode::parse;
use crate::store::locate::position;
use std::io::Read;

/// What to do with the record.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum RecordAction {
    /// Add a new record ID (from --file PATH, `-` for standard input, or $EDITOR).
    Add(RecordArgs),
    /// Replace record ID with a new version.
    Edit(RecordArgs),
    /// Retire record ID: it leaves the forum and stays in the history.
    Retire {
        id: String,
        #[command(flatten)]
        decision: DecisionArgs,
    },
}

/// The record's id, where its text comes from, and the decision's arguments.
#[derive(Debug, Clone, clap::Args)]
pub struct RecordArgs {
    pub id: String,
    /// A file holding the one record; `-` reads standard input; left out, $EDITOR opens.
    #[arg(long, value_name = "PATH")]
    pub file: Option<String>,
    #[command(flatten)]
    pub decision: DecisionArgs,
}

/// Runs an evidence (`kind` Evidence) or priority (`kind` Priority) command.
pub fn run(g: &Global, kind: RecordKind, action: &RecordAction) -> CmdResult {
    let desk = Desk::open(g)?;
    let decision_kind = if kind == RecordKind::Evidence {
        DecisionKind::Evidence
    } else {
        DecisionKind::Priority
    };
    let noun = if kind == RecordKind::Evidence {
        "evidence"
    } else {
        "priority"
    };
    let (id, args) = match action {
        RecordAction::Add(a) | RecordAction::Edit(a) => (&a.id, &a.decision),
        RecordAction::Retire { id, decision } => (id, decision),
    };
    if !is_valid_id(id) {
        return Err(refuse(
            format!("`{}` is not a valid {noun} id", sanitize(id)),
            Some("ids are lower-case letters, digits and `-`, starting with a letter or digit"),
        ));
    }
    let record = RecordRef::new(kind, id.as_str());
    let path = record.repo_path(&desk.snapshot().id);
    let exists = match kind {
        RecordKind::Evidence => desk.snapshot().evidence.contains_key(id),
        _ => desk.snapshot().priorities.contains_key(id),
    };
    let mut after = desk.snapshot().clone();
    let (verb, bytes) = match action {
        RecordAction::Add(a) | RecordAction::Edit(a) => {
            let adding = matches!(action, RecordAction::Add(_));
            if adding && exists {
                return Err(refuse(
                    format!("{noun} `{id}` exists already"),
                    Some(&format!("change it with `roundtable {noun} edit {id}`")),
                ));
            }
            if !adding && !exists {
                return Err(refuse(
                    format!("there is no {noun} `{id}` to edit"),
                    Some(&format!("add it with `roundtable {noun} add {id}`")),
                ));
            }
            let (source, bytes) = read_record(a.file.as_deref(), kind, &path)?;
            match kind {
                RecordKind::Evidence => {
                    let e: Evidence =
                        parse(&source, &bytes).map_err(|p| refuse(p.to_string(), None))?;
                    after.evidence.insert(id.clone(), e);
                }
                _ => {
                    let p: Priority =
                        parse(&source, &bytes).map_err(|p| refuse(p.to_string(), None))?;
                    after.priorities.insert(id.clone(), p);
                }
            }
            let mut scope = Scope::none();
            scope.add(kind, id);
            let text = String::from_utf8_lossy(&bytes);
            for f in validate_scoped(&after, &[], &scope) {
                let (line, col) = position(&text, &f.at);
                let at = format!("{}:{line}:{col}", sanitize(&source));
                let hint = f.hint.map(|h| format!(" (hint: {h})")).unwrap_or_default();
                let message = format!("{at}: {}{hint}", sanitize(&f.message));
                if f.severity == Severity::Error {
                    return Err(refuse(message, None));
                }
                eprintln!("warning: {message}");
            }
            (if adding { "Add" } else { "Change" }, Some(bytes))
        }
        RecordAction::Retire { .. } => {
            if !exists {
                return Err(refuse(format!("there is no {noun} `{id}` to retire"), None));
            }
            if kind == RecordKind::Evidence {
                warn_citing(desk.snapshot(), id);
            }
            ("Retire", None)
        }
    };
    let title = match kind {
        RecordKind::Evidence => after.evidence.get(id).map(|e| e.title.clone()),
        _ => after.priorities.get(id).map(|p| p.title.clone()),
    }
    .unwrap_or_else(|| id.clone());
    let mut d = desk.decision(
        args,
        decision_kind,
        format!("{verb} {noun} {id}: {}", sanitize(&title)),
    )?;
    d.changes.insert(path, bytes);
    desk.commit(&d)
}

/// Warns about the priorities that cite evidence about to be retired.
fn warn_citing(s: &Snapshot, id: &str) {
    for (p, priority) in &s.priorities {
        if priority.evidence.iter().any(|e| e == id) {
            eprintln!(
                "warning: priority `{p}` cites `{id}`; retired, the citation no longer resolves (hint: edit the priority with `roundtable priority edit {p}`)"
            );
        }
    }
}

/// The record's text and the name it is reported under: a file, standard input, or a
/// template opened in `$EDITOR`.
fn read_record(
    file: Option<&str>,
    kind: RecordKind,
    path: &str,
) -> anyhow::Result<(String, Vec<u8>)> {
    match file {
        Some("-") => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes)?;
            Ok(("<stdin>".into(), bytes))
        }
        Some(f) => Ok((f.to_string(), std::fs::read(f)?)),
        None => {
            let editor = std::env::var("VISUAL")
                .or_else(|_| std::env::var("EDITOR"))
                .map_err(|_| {
                    refuse(
                        "no --file and no $EDITOR to write the record in",
                        Some("give --file PATH (or `-` for standard input), or set $EDITOR"),
                    )
                })?;
            let name = path.rsplit('/').next().unwrap_or("record.ron");
            let file =
                std::env::temp_dir().join(format!("roundtable-{}-{name}", std::process::id()));
            std::fs::write(&file, template(kind))?;
            let status = std::process::Command::new("sh")
                .arg("-c")
                .arg(format!("{editor} \"$1\""))
                .arg("sh")
                .arg(&file)
                .status()?;
            if !status.success() {
                return Err(refuse(
                    "the editor did not finish; nothing was decided",
                    None,
                ));
            }
            let bytes = std::fs::read(&file);
            let _ = std::fs::remove_file(&file);
            Ok((path.to_string(), bytes?))
        }
    }
}

/// The record a new file starts from.
fn template(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Evidence => {
            "Evidence(\n    kind: ComplaintTrend,\n    title: \"\",\n    period: \"2026-01..2026-09\",\n    source: \"\",\n    summary: \"\",\n    metrics: [],\n)\n"
        }
        _ => {
            "Priority(\n    title: \"\",\n    customer_problem: \"\",\n    evidence: [],\n    goal: Goal(metric: \"\", unit: \"\", baseline: 0.0, target: 0.0),\n)\n"
        }
    }
}
