//! roundtable: the cross-silo planning forum — evidence, ranked customer priorities, then
//! budget, with every decision a git commit.
//!
//! Layers point inward: `tui`, `cli` and `report` use `store`, which uses `domain`.

pub mod cli;
pub mod domain;
pub mod report;
pub mod store;
pub mod tui;

/// The hand-written list of what must never be shown raw (an oracle independent of
/// `domain::text`), shared with the integration tests.
#[cfg(test)]
#[path = "../tests/common/invisible.rs"]
pub mod test_invisible;
/// The test kit the integration tests use too (sandboxed git, copying the bundled forums).
#[cfg(test)]
#[path = "../tests/common/kit.rs"]
pub mod test_kit;
