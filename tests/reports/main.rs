//! Reports, minutes, exports and the proposal kit, on the bundled forum and temp repositories.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod brief;
mod common;
mod derail;
mod evidence;
mod hledger;
mod minutes;
mod people;
mod propose;
mod reorg;
mod reorg_decisions;
mod results_brief;
mod xml;
