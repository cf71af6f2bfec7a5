//! roundtable: the cross-silo planning forum — evidence, ranked customer priorities, then
//! budget, with every decision a git commit.
//!
//! Layers point inward: `tui`, `cli` and `report` use `store`, which uses `domain`.

pub mod cli;
pub mod domain;
pub mod report;
pub mod store;
pub mod tui;

/// The test kit the integration tests use too (sandboxed git, copying the bundled forums).
#[cfg(test)]
#[path = "../tests/common/kit.rs"]
pub mod test_kit;
