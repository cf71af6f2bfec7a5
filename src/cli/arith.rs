//! What the arithmetic commands share: load and analyse a forum, refuse before the ranking,
//! print JSON.

use crate::cli::args::{Format, ReadArgs};
use crate::cli::context::{CmdResult, Global, refuse};
use crate::domain::analysis::{Analysis, analyse};
use crate::domain::money::money;
use crate::domain::records::Money;
use crate::domain::snapshot::Snapshot;
use crate::domain::text::sanitize;
use std::process::ExitCode;

/// A forum read at a revision, and its analysis.
pub struct Forum {
    pub snapshot: Snapshot,
    pub analysis: Analysis,
    /// True when printing for people.
    pub text: bool,
}

impl Forum {
    /// Money in the forum's currency, for people.
    pub fn money(&self, m: Money) -> String {
        money(m, &sanitize(&self.analysis.currency))
    }

    /// A column header for money: `cost (EUR)`.
    pub fn cost_header(&self) -> String {
        format!("cost ({})", sanitize(&self.analysis.currency))
    }

    /// The title of the forum, for people.
    pub fn title(&self) -> String {
        sanitize(&self.snapshot.forum.title)
    }

    /// A priority's title, for people (empty when unknown).
    pub fn priority_title(&self, id: &str) -> String {
        self.snapshot
            .priorities
            .get(id)
            .map(|p| sanitize(&p.title))
            .unwrap_or_default()
    }
}

/// Reads the forum at `--rev` (default HEAD) and analyses it; warns when it has errors.
pub fn load(g: &Global, read: &ReadArgs) -> anyhow::Result<Forum> {
    let (_repo, loaded) = g.load_at(read.rev.as_deref())?;
    if loaded.has_errors() {
        let n = loaded.problems.iter().filter(|p| p.is_error()).count();
        eprintln!(
            "warning: the forum has {n} error(s) in its records; the figures leave the broken records out (run `roundtable check`)"
        );
    }
    let analysis = analyse(&loaded.snapshot);
    Ok(Forum {
        snapshot: loaded.snapshot,
        analysis,
        text: read.format != Format::Json,
    })
}

/// Refuses (exit 1) when the forum has not decided its ranking yet.
pub fn require_ranking(forum: &Forum) -> anyhow::Result<()> {
    if forum.analysis.decided {
        return Ok(());
    }
    Err(refuse(
        "budget is allocated only after the priorities are ranked: this forum has no ranking.ron yet",
        Some(
            "see the computed order with `roundtable rank`; the facilitator records it with `roundtable rank --by MEMBER --reason TEXT`",
        ),
    ))
}

/// Loads the forum's arithmetic and prints it as text or as JSON: the whole of a read-only
/// command such as `values`, `weights` or `rank`.
pub fn show(
    g: &Global,
    read: &ReadArgs,
    text: fn(&Forum),
    json: fn(&Forum) -> serde_json::Value,
) -> CmdResult {
    let forum = load(g, read)?;
    if forum.text {
        text(&forum);
    } else {
        print_json(&json(&forum));
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints a JSON value, pretty.
pub fn print_json(value: &serde_json::Value) {
    crate::cli::json::print(value);
}
