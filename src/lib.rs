//! roundtable: the cross-silo planning forum — evidence, ranked customer priorities, then
//! budget, with every decision a git commit.
//!
//! Layers point inward: `tui`, `cli` and `report` use `store`, which uses `domain`.

pub mod cli;
pub mod domain;
pub mod report;
pub mod store;
pub mod tui;
