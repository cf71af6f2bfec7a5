//! `roundtable sync`: the forum branch and its remote brought together, said for people.

use crate::cli::args::Format;
use crate::cli::context::{CmdResult, Global};
use crate::domain::text::sanitize;
use crate::store::sync::{Options, Prompt, Synced, sync};
use std::process::ExitCode;

/// The arguments of `roundtable sync`.
#[derive(Debug, Clone, clap::Args)]
pub struct SyncArgs {
    /// The remote (default: the branch's upstream remote, else origin).
    #[arg(long, value_name = "NAME")]
    pub remote: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Syncs with the remote; exit 1 when a local decision no longer holds and was kept aside.
pub fn run(g: &Global, args: &SyncArgs) -> CmdResult {
    let (remote, format) = (args.remote.clone(), args.format);
    let repo = g.open()?;
    let synced = sync(
        &repo,
        &Options {
            remote,
            prompt: Prompt::Terminal,
            create: true,
        },
    )?;
    if format == Format::Json {
        crate::cli::json::print(&serde_json::to_value(&synced)?);
    } else {
        for line in lines(&synced) {
            println!("{line}");
        }
    }
    Ok(if synced.held.is_some() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// What a sync did, line by line.
pub fn lines(s: &Synced) -> Vec<String> {
    let with = format!("{} with {}", sanitize(&s.branch), sanitize(&s.remote));
    let mut out = Vec::new();
    let mut did = Vec::new();
    if s.arrived > 0 {
        did.push(format!("{} commit(s) came in", s.arrived));
    }
    if s.replayed > 0 {
        did.push(format!(
            "{} local decision(s) judged again on the remote's tip and kept",
            s.replayed
        ));
    }
    if s.pushed > 0 {
        did.push(format!("{} commit(s) pushed", s.pushed));
    }
    if s.anchors > 0 {
        did.push(format!("{} anchor(s) pushed", s.anchors));
    }
    if did.is_empty() && s.held.is_none() {
        out.push(format!("synced {with}: already the same"));
    } else if !did.is_empty() {
        out.push(format!("synced {with}: {}", did.join(", ")));
    }
    if s.races > 0 {
        out.push(format!(
            "another clone pushed first {} time(s): fetched and judged again each time",
            s.races
        ));
    }
    if let Some(h) = &s.held {
        let short = h.commit.get(..7).unwrap_or(&h.commit);
        out.push(format!(
            "held: decision {short} \"{}\" no longer holds: {}",
            sanitize(&h.summary),
            sanitize(&h.why)
        ));
        out.push(format!(
            "  it and the {} local decision(s) after it are kept on {} (`git log {}`); \
             nothing was lost. Decide again what still stands.",
            h.kept.saturating_sub(1),
            h.reference,
            h.reference
        ));
    }
    out
}
