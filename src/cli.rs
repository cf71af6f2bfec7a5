//! The command line: one file per command; this file dispatches and maps errors to exit codes.

pub mod accept;
pub mod action;
pub mod agenda;
pub mod allocate;
pub mod app;
pub mod args;
pub mod arith;
pub mod audit;
pub mod bench_forum;
pub mod changes;
pub mod check;
pub mod codeowners;
pub mod context;
pub mod decide;
pub mod defence;
pub mod demo;
pub mod edit;
pub mod endorse;
pub mod export;
pub mod forums;
pub mod hints;
pub mod import;
pub mod init;
pub mod json;
pub mod log;
pub mod measure;
pub mod minutes;
pub mod proposals;
pub mod propose;
pub mod rank;
pub mod rebudget;
pub mod record;
pub mod recover;
pub mod reorg;
pub mod report;
pub mod results;
pub mod review;
pub mod sensitivity;
pub mod session;
pub mod shell;
pub mod status;
pub mod sync;
pub mod table;
pub mod trust;
pub mod values;
pub mod verify;
pub mod weights;
pub mod whatif;

use crate::cli::args::{Cli, Command};
use crate::cli::context::{CmdResult, Global, Refusal};
use crate::domain::snapshot::RecordKind;
use crate::domain::text::sanitize;
use crate::store::error::StoreError;
use std::process::ExitCode;

/// Runs a parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    if let Err(error) = work_limit_from_env() {
        return report(&error);
    }
    let global = Global {
        repo: cli.repo,
        forum: cli.forum,
        theme: cli.theme,
        present: cli.present,
        seat: cli.member,
    };
    match dispatch(&global, cli.command) {
        Ok(code) => code,
        Err(error) => report(&error),
    }
}

/// `ROUNDTABLE_WORK_LIMIT`: the exact allocation's work limit in search steps (a count, so
/// a result never depends on the machine's speed); unset, the default.
fn work_limit_from_env() -> anyhow::Result<()> {
    let Some(value) = std::env::var_os("ROUNDTABLE_WORK_LIMIT") else {
        return Ok(());
    };
    let limit = value
        .to_str()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            anyhow::anyhow!(
                "ROUNDTABLE_WORK_LIMIT is `{}`: it must be a whole number of search steps above 0",
                crate::domain::text::sanitize(&value.to_string_lossy())
            )
        })?;
    crate::domain::analysis::set_default_work_limit(limit);
    Ok(())
}

/// Prints an error for people, with its hint, and picks the exit code:
/// 1 for a refusal (a rule said no), 2 when the command could not run.
fn report(error: &anyhow::Error) -> ExitCode {
    if let Some(refusal) = error.downcast_ref::<Refusal>() {
        eprintln!("error: {}", sanitize(&refusal.message));
        if let Some(hint) = &refusal.hint {
            eprintln!("hint: {}", sanitize(hint));
        }
        return ExitCode::from(1);
    }
    let store = error.downcast_ref::<StoreError>();
    let hint = store.and_then(hints::for_store);
    let code = match store {
        Some(StoreError::Broken(violations)) => {
            for v in violations {
                eprintln!("error: {}", sanitize(&v.message));
            }
            if let Some(s) = store {
                eprintln!("rule: {}", s.rules().join(", "));
            }
            1
        }
        Some(StoreError::BrokenForum(_)) => {
            eprintln!("error: {error}");
            1
        }
        Some(s) if s.exit_code() == 1 => {
            eprintln!("error: {}", sanitize(&error.to_string()));
            1
        }
        _ => {
            for line in format!("{error:#}").lines() {
                eprintln!("error: {}", sanitize(line));
            }
            2
        }
    };
    let code = ExitCode::from(code);
    if let Some(hint) = hint {
        eprintln!("hint: {}", sanitize(&hint));
    }
    code
}

fn dispatch(g: &Global, command: Option<Command>) -> CmdResult {
    // Objects are read as git reads them, trusting the object store; `verify` alone has
    // libgit2 hash every object it reads as well.
    if !matches!(command, Some(Command::Verify(_))) {
        crate::store::repo::read_objects_as_git_does();
    }
    let Some(command) = command else {
        return app::run(g);
    };
    match &command {
        Command::BenchForum(args) => bench_forum::run(args),
        Command::Recover => recover::run(g),
        Command::Completions(args) => shell::completions(args),
        Command::Man => shell::man(),
        Command::Check(args) => check::run(g, args),
        Command::Verify(args) => verify::run(g, args),
        Command::Audit(args) => audit::run(g, args),
        Command::Log(args) => log::run(g, args),
        Command::Changes(args) => changes::run(g, args),
        Command::Advance(args) => decide::advance(g, args),
        Command::Reopen(args) => decide::reopen(g, args),
        Command::Budget(args) => decide::budget(g, args),
        Command::Rebudget(args) => rebudget::run(g, args),
        Command::Endorse(args) => endorse::run(g, args),
        Command::Defence(args) => defence::run(g, args),
        Command::Status(args) => status::run(g, args),
        Command::Measure(args) => measure::run(g, args),
        Command::Results(args) => results::run(g, args),
        Command::Import(args) => import::run(g, args),
        Command::Review(args) => review::run(g, args),
        Command::Edit(args) => edit::run(g, args),
        Command::Evidence(action) => record::run(g, RecordKind::Evidence, action),
        Command::Priority(action) => record::run(g, RecordKind::Priority, action),
        Command::Ballot(args) => decide::records::ballot(g, args),
        Command::Score(args) => decide::records::score(g, args),
        Command::Rank(args) => rank::run(g, args),
        Command::Allocate(args) => allocate::run(g, args),
        Command::Weights(args) => weights::run(g, args),
        Command::Values(args) => values::run(g, args),
        Command::Whatif(args) => whatif::run(g, args),
        Command::Sensitivity(args) => sensitivity::run(g, args),
        Command::Report(args) => report::run(g, args),
        Command::Minutes(args) => minutes::run(g, args),
        Command::Export(what) => export::run(g, what),
        Command::Propose(args) => propose::run(g, args),
        Command::Codeowners(args) => codeowners::run(g, args),
        Command::Session(action) => session::run(g, action),
        Command::Action(command) => action::run(g, command),
        Command::Agenda(args) => agenda::run(g, args),
        Command::Silo(action) => reorg::silo(g, action),
        Command::Member(action) => reorg::member(g, action),
        Command::Demo(args) => demo::run(g, args),
        Command::Init(args) => init::run(g, args),
        Command::Accept(args) => accept::run(g, args),
        Command::Proposals(args) => proposals::list(g, args),
        Command::Sync(args) => sync::run(g, args),
    }
}
