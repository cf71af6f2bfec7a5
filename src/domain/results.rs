//! Results after the plan: how far each goal has moved, on track or behind, and what the
//! forum should look at — computed once for `roundtable results`, the app's Results screen
//! and the results brief, so none of them can disagree.

mod board;
mod line;

pub use board::{Flag, Kind, Promise, ResultRow, board};
pub use line::{Reading, Track, expected, latest, progress, stale, track};
