//! `roundtable check` end to end: invalid fixtures, exit codes, JSON, `--rev`, hostile input,
//! record round-trips, and the purity of the domain.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod fixtures;
mod hardening;
mod hints;
mod purity;
mod records;
mod sandbox;
