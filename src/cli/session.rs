//! `roundtable session new ID`: a `CustomerSession` evidence record from a template, with
//! the forum's open questions pre-filled; recorded later with `roundtable evidence add`.

use crate::cli::context::{CmdResult, Global, refuse};
use crate::cli::report::write_out;
use crate::domain::analysis::analyse;
use crate::domain::text::sanitize;
use crate::domain::validate::is_valid_id;
use crate::store::decide::to_ron;
use std::process::ExitCode;

/// What to do with a customer session.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum SessionAction {
    /// Write a new session record from the template (standard output, or --out).
    New(SessionArgs),
}

/// The arguments of `roundtable session new`.
#[derive(Debug, Clone, clap::Args)]
pub struct SessionArgs {
    /// The evidence id the session will have.
    pub id: String,
    /// The customer's organisation (no personal data needed).
    #[arg(long)]
    pub organisation: String,
    /// The role of who comes, e.g. "finance lead".
    #[arg(long)]
    pub role: String,
    /// Write it here (default: standard output).
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
}

/// Writes the template for the forum at HEAD.
pub fn run(g: &Global, action: &SessionAction) -> CmdResult {
    let SessionAction::New(args) = action;
    if !is_valid_id(&args.id) {
        return Err(refuse(
            format!("`{}` is not a valid id", sanitize(&args.id)),
            Some("ids are lowercase letters, digits and dashes, e.g. `session-acme-2026-11`"),
        ));
    }
    let (_, loaded) = g.load_at(None)?;
    let s = &loaded.snapshot;
    if s.evidence.contains_key(&args.id) {
        return Err(refuse(
            format!("evidence `{}` already exists", args.id),
            Some("choose another id"),
        ));
    }
    let analysis = analyse(s);
    let record = crate::domain::session::template(s, &analysis, &args.organisation, &args.role);
    let bytes = to_ron(&record)?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    write_out(args.out.as_deref(), &text)?;
    let asked = record.session.as_ref().map_or(0, |x| x.questions.len());
    eprintln!(
        "{asked} open question(s) to ask. After the session, write the answers and record it: roundtable evidence add {} --file FILE --by MEMBER",
        args.id
    );
    Ok(ExitCode::SUCCESS)
}
