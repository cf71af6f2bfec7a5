//! The plan brief as plain data: what a new leader reads, before any format is chosen.
//!
//! Every string taken from a record is already sanitised here (no control or bidi characters);
//! each renderer still escapes it for its own format.

use crate::domain::records::Money;

/// The whole brief of one forum at one revision.
#[derive(Debug, Clone, PartialEq)]
pub struct Brief {
    pub forum_id: String,
    pub title: String,
    pub cycle: String,
    pub currency: String,
    pub budget: Money,
    pub phase: String,
    /// The commit the brief was read from (short hash), if any.
    pub commit: Option<String>,
    pub evidence: Vec<EvidenceItem>,
    pub ranking: RankingSummary,
    pub priorities: Vec<PriorityItem>,
    pub initiatives: Vec<InitiativeItem>,
    pub allocation: AllocationView,
    pub disagreement: Disagreement,
    pub cuts: Vec<Cut>,
    pub silos: Vec<SiloItem>,
    pub questions: Vec<Question>,
    /// Priorities × silos: who serves which priority, with the money of the plan shown.
    pub matrix: crate::domain::cross::Matrix,
    /// Money of the plan shown that goes to initiatives two or more silos share.
    pub shared: Money,
    /// Things people should know about the numbers.
    pub notes: Vec<String>,
    /// What changed since the plan was agreed, oldest first (filled from the history).
    pub changes: Vec<PlanChange>,
    /// The defence plan against a cut, in words, when the forum ratified one.
    pub defence: Option<String>,
    /// Endorsements and challenges of the plan, in words, open questions first.
    pub endorsements: Vec<String>,
}

/// One change of the plan after it was agreed: a decision and what it changed.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanChange {
    pub commit: String,
    pub date: String,
    pub kind: String,
    pub summary: String,
    pub why: String,
    /// `budget: EUR 2,400,000 → EUR 2,040,000`, `dropped: …, had 138,000`, `joined: …`.
    pub details: Vec<String>,
}

/// One piece of customer evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceItem {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub period: String,
    pub source: String,
    pub summary: String,
    /// `accounts lost: 412 accounts (was 301)`, then the trend of a series.
    pub metrics: Vec<String>,
    /// The series of readings by metric name, for a small line.
    pub series: Vec<(String, Vec<f64>)>,
    /// Response rate, the segment heard least from, old or carried evidence.
    pub notes: Vec<String>,
}

/// How the order of the priorities came about and how much the ballots agree.
#[derive(Debug, Clone, PartialEq)]
pub struct RankingSummary {
    /// True when ranking.ron exists (the order is the forum's decision).
    pub decided: bool,
    /// The method in force (`Schulze`, `Borda`, `Manual`).
    pub method: String,
    /// The forum's note on a manual order.
    pub note: String,
    pub ballots: usize,
    /// Kendall's W, 0 (no agreement) to 1 (identical ballots).
    pub kendall_w: f64,
    /// Member name → share of priority pairs ordered as the group order.
    pub agreement: Vec<(String, f64)>,
    pub borda_differs: bool,
    pub cycle: bool,
    pub weighting: String,
}

/// A priority in the order in force.
#[derive(Debug, Clone, PartialEq)]
pub struct PriorityItem {
    pub rank: usize,
    pub id: String,
    pub title: String,
    pub customer_problem: String,
    /// `30-day churn: 6.1 % → 4 %`.
    pub goal: String,
    pub weight: f64,
    /// Evidence ids it rests on.
    pub evidence: Vec<String>,
    /// Warnings about that evidence, by evidence id (a cited survey that heard least from a
    /// segment).
    pub notes: Vec<(String, String)>,
}

/// One priority's part in an initiative's value.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    pub priority: String,
    /// The aggregated score s̄.
    pub score: f64,
    pub weight: f64,
    /// w · s̄.
    pub value: f64,
}

/// An initiative with its value, its breakdown and what the plan does with it.
#[derive(Debug, Clone, PartialEq)]
pub struct InitiativeItem {
    pub id: String,
    pub title: String,
    pub silo: String,
    pub silo_name: String,
    pub owner: String,
    pub cost: Money,
    pub value: f64,
    pub value_per_100k: f64,
    pub mandatory: bool,
    /// For a shared initiative: each silo's share of the cost (silo id, money), lead first;
    /// empty when one silo carries it.
    pub shares: Vec<(String, Money)>,
    /// Every priority of the order in force, in rank order.
    pub breakdown: Vec<Contribution>,
    /// The amount the plan gives it (0 when unfunded).
    pub allocated: Money,
    /// Funded by the forum's rule (whatever the decided allocation says).
    pub rule_funds: bool,
    /// Value margin: negative for funded (how far it may fall), positive for unfunded.
    pub margin: Option<f64>,
    /// The margin as score points on `margin_priority`.
    pub margin_points: Option<f64>,
    pub margin_priority: Option<String>,
    /// Flag names for discussion (`polarised`, `low-consensus`, …).
    pub flags: Vec<String>,
}

/// Where the allocation shown comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum AllocationSource {
    /// `allocation.ron`: the forum decided it.
    Decided,
    /// Not decided yet: the rule's result, computed from the records.
    RuleResult,
}

/// The allocation the brief presents.
#[derive(Debug, Clone, PartialEq)]
pub struct AllocationView {
    pub source: AllocationSource,
    /// The rule that was (or would be) run.
    pub rule: String,
    /// The rule's one-sentence explanation.
    pub rule_sentence: String,
    pub budget: Money,
    pub lines: Vec<LineItem>,
    pub total: Money,
    pub note: String,
}

impl AllocationView {
    /// How many initiatives the lines fund (lines of 0 say "not funded" and do not count).
    pub fn funded(&self) -> usize {
        self.lines.iter().filter(|l| l.funded).count()
    }
}

/// One funded line with its reason and margin.
#[derive(Debug, Clone, PartialEq)]
pub struct LineItem {
    pub initiative: String,
    pub title: String,
    pub silo: String,
    pub amount: Money,
    pub reason: String,
    pub margin: Option<f64>,
    /// True when the line funds its initiative (an amount above 0); a line of 0 says why not.
    pub funded: bool,
    /// True when the line differs from the rule's result (decided allocations only).
    pub differs_from_rule: bool,
}

/// What the exact rule and greedy-by-value-per-money disagree on.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    /// (initiative, why) funded only by the exact optimum.
    pub only_optimal: Vec<(String, String)>,
    /// (initiative, why) funded only by greedy.
    pub only_greedy: Vec<(String, String)>,
    pub value_gain: f64,
    pub optimal_unspent: Money,
    pub greedy_unspent: Money,
}

/// A budget cut what-if.
#[derive(Debug, Clone, PartialEq)]
pub struct Cut {
    pub percent: u8,
    pub budget: Money,
    /// Funded now, not after the cut (with titles).
    pub dropped: Vec<(String, String)>,
    /// Not funded now, funded after the cut (a non-nested answer).
    pub added: Vec<(String, String)>,
    pub total_cost: Money,
}

/// A silo's commitment and its initiatives.
#[derive(Debug, Clone, PartialEq)]
pub struct SiloItem {
    pub id: String,
    pub name: String,
    pub lead: String,
    pub commitment: String,
    /// (initiative id, title, allocated)
    pub initiatives: Vec<(String, String, Money)>,
    pub requested: Money,
    pub allocated: Money,
}

/// Something the forum should still discuss.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub initiative: String,
    pub text: String,
}

impl Brief {
    /// The initiative with this id.
    pub fn initiative(&self, id: &str) -> Option<&InitiativeItem> {
        self.initiatives.iter().find(|i| i.id == id)
    }

    /// Money unallocated by the allocation shown.
    pub fn unspent(&self) -> Money {
        self.allocation.budget.saturating_sub(self.allocation.total)
    }
}
