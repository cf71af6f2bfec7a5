//! What the forum reads out of its evidence: survey response, trends, age and coverage.

mod age;
mod coverage;
mod survey;
#[cfg(test)]
mod tests;
mod trend;

pub use age::{Age, Month, age, period_end, planning_month};
pub use coverage::{Coverage, DEFAULT_REQUIRED, coverage, requirement_label};
pub use survey::{Hearing, Quiet, hearing, percent};
pub use trend::{Direction, Trend, trend};
