//! The command line: one file per command; this file dispatches and maps errors to exit codes.

pub mod accept;
pub mod allocate;
pub mod app;
pub mod args;
pub mod arith;
pub mod audit;
pub mod bench_forum;
pub mod check;
pub mod codeowners;
pub mod context;
pub mod decide;
pub mod demo;
pub mod edit;
pub mod export;
pub mod forums;
pub mod hints;
pub mod init;
pub mod json;
pub mod log;
pub mod minutes;
pub mod proposals;
pub mod propose;
pub mod rank;
pub mod record;
pub mod recover;
pub mod reorg;
pub mod report;
pub mod sensitivity;
pub mod shell;
pub mod sync;
pub mod table;
pub mod trust;
pub mod values;
pub mod verify;
pub mod weights;
pub mod whatif;

use crate::cli::args::{Cli, Command};
use crate::cli::context::{CmdResult, Global, Refusal};
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
    let Some(command) = command else {
        return app::run(g);
    };
    match command {
        Command::BenchForum {
            dir,
            initiatives,
            commits,
            silos,
            seed,
        } => bench_forum::run(&dir, initiatives, commits, silos, seed),
        Command::Recover => recover::run(g),
        Command::Completions { shell: which } => shell::completions(which),
        Command::Man => shell::man(),
        Command::Check {
            rev,
            format,
            proposal,
            base,
        } => check::run(g, rev.as_deref(), format, proposal, base.as_deref()),
        Command::Verify {
            rev,
            format,
            shallow,
            against,
        } => verify::run(
            g,
            rev.as_deref(),
            format,
            &trust::Asked {
                shallow,
                against: against.as_deref(),
            },
        ),
        Command::Audit { initiative, read } => audit::run(g, &initiative, &read),
        Command::Log {
            decision,
            member,
            read,
        } => log::run(g, decision.as_deref(), member.as_deref(), &read),
        Command::Advance { decision } => decide::advance(g, &decision),
        Command::Reopen { to, decision } => decide::reopen(g, &to, &decision),
        Command::Budget { amount, decision } => decide::budget(g, amount, &decision),
        Command::Edit(args) => edit::run(g, &args),
        Command::Evidence { action } => {
            record::run(g, crate::domain::snapshot::RecordKind::Evidence, &action)
        }
        Command::Priority { action } => {
            record::run(g, crate::domain::snapshot::RecordKind::Priority, &action)
        }
        Command::Ballot {
            member,
            order,
            decision,
        } => decide::records::ballot(g, &member, &order, &decision),
        Command::Score {
            member,
            initiative,
            scores,
            decision,
        } => decide::records::score(g, &member, &initiative, &scores, &decision),
        Command::Rank {
            manual, decision, ..
        } if decision.by.is_some() || !manual.is_empty() => {
            decide::records::rank(g, &manual, &decision)
        }
        Command::Allocate {
            dry_run: false,
            rule,
            budget,
            set,
            line_reason,
            decision,
            ..
        } => decide::allocation::allocate(
            g,
            decide::allocation::Request {
                rule,
                budget,
                set: &set,
                line_reason: &line_reason,
                decision: &decision,
            },
        ),
        Command::Rank { read, .. } => rank::run(g, &read),
        Command::Weights { read } => weights::run(g, &read),
        Command::Values { read } => values::run(g, &read),
        Command::Allocate {
            set, line_reason, ..
        } if !set.is_empty() || !line_reason.is_empty() => Err(context::refuse(
            "--dry-run prints the rule's result; it does not apply --set or --line-reason",
            Some(
                "drop --set to see the rule's result, or drop --dry-run to decide the allocation with the overrides",
            ),
        )),
        Command::Allocate {
            read, rule, budget, ..
        } => allocate::run(
            g,
            allocate::Request {
                read: &read,
                rule,
                budget,
            },
        ),
        Command::Whatif { read, budget, cut } => whatif::run(g, &read, budget, cut),
        Command::Sensitivity { read } => sensitivity::run(g, &read),
        Command::Report { format, out, rev } => {
            report::run(g, format, out.as_deref(), rev.as_deref())
        }
        Command::Minutes { since, date } => minutes::run(g, since.as_deref(), date.as_deref()),
        Command::Export { what } => export::run(g, what),
        Command::Propose {
            silo,
            title,
            cost,
            id,
        } => propose::run(
            g,
            &propose::Request {
                silo: &silo,
                title: &title,
                cost,
                id: id.as_deref(),
            },
        ),
        Command::Codeowners { out } => codeowners::run(g, out.as_deref()),
        Command::Silo { action } => reorg::silo(g, &action),
        Command::Member { action } => reorg::member(g, &action),
        Command::Demo {
            dir,
            no_tui,
            signed,
        } => demo::run(g, dir.as_deref(), no_tui, signed),
        Command::Init {
            forum_id,
            from,
            title,
            cycle,
            budget,
            currency,
            decision,
        } => init::run(
            g,
            crate::store::init::Request {
                forum_id,
                title,
                cycle,
                budget,
                currency,
                by: decision.by,
                reason: decision.reason,
                present: decision.present,
            },
            from.as_deref(),
        ),
        Command::Accept { branch, decision } => accept::run(g, &branch, &decision),
        Command::Proposals { format } => proposals::list(g, format),
        Command::Sync { remote, format } => sync::run(g, remote, format),
    }
}
