//! The one integration-test binary: every suite is a module here, so the crate links once.
//! `layout::every_test_file_is_reached` fails when a test file is not declared.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common {
    pub mod invisible;
    pub mod kit;
    pub mod sandbox;
}
mod layout;

mod adversarial;
mod app;
mod app_remote;
mod app_signals;
mod arith;
mod audit;
mod audit_since;
#[path = "check/main.rs"]
mod check;
mod cross;
mod demo;
mod demo_signed;
mod example_forum;
mod fuzz_corpus;
#[path = "history/main.rs"]
mod history;
mod kinds;
mod not_proven;
#[path = "proposals/main.rs"]
mod proposals;
#[path = "reports/main.rs"]
mod reports;
mod shell;
mod sync;
