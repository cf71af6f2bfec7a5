//! The forum's records, exactly as FORMAT.md names them: one RON file each.
//!
//! Records never repeat their own id: the id is the file stem (or folder name) and is carried
//! beside the record by [`crate::domain::snapshot::Snapshot`]. Optional fields that FORMAT.md
//! does not name are documented in `docs/format.md`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::domain::maps::UniqueMap;

/// Money is a whole number of the forum's currency unit; never negative.
pub type Money = u64;

/// The phases of a forum, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Phase {
    Evidence,
    Priorities,
    Ranking,
    Scoring,
    Allocation,
    Closed,
}

impl Phase {
    /// Every phase, in the order the forum walks them.
    pub const ALL: [Phase; 6] = [
        Phase::Evidence,
        Phase::Priorities,
        Phase::Ranking,
        Phase::Scoring,
        Phase::Allocation,
        Phase::Closed,
    ];

    /// The phase after this one, if any.
    pub fn next(self) -> Option<Phase> {
        let i = self.index();
        Phase::ALL.get(i + 1).copied()
    }

    /// Position in [`Phase::ALL`].
    pub fn index(self) -> usize {
        Phase::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    /// The name as written in records and on screen.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Evidence => "Evidence",
            Phase::Priorities => "Priorities",
            Phase::Ranking => "Ranking",
            Phase::Scoring => "Scoring",
            Phase::Allocation => "Allocation",
            Phase::Closed => "Closed",
        }
    }

    /// Parses a phase name, case-insensitively.
    pub fn parse(s: &str) -> Option<Phase> {
        Phase::ALL
            .iter()
            .copied()
            .find(|p| p.name().eq_ignore_ascii_case(s.trim()))
    }
}

impl std::fmt::Display for Phase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// How ballots become the forum's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum RankingMethod {
    #[default]
    Schulze,
    Borda,
    Manual,
}

impl RankingMethod {
    /// The name as written in records.
    pub fn name(self) -> &'static str {
        match self {
            RankingMethod::Schulze => "Schulze",
            RankingMethod::Borda => "Borda",
            RankingMethod::Manual => "Manual",
        }
    }
}

/// How the decided order becomes weights.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub enum Weighting {
    #[default]
    RankOrderCentroid,
    RankSum,
    RankReciprocal,
    /// Swing weights given by the forum per priority id, normalised to sum 1.
    Explicit(UniqueMap<f64>),
}

impl Weighting {
    /// The name as written in records.
    pub fn name(&self) -> &'static str {
        match self {
            Weighting::RankOrderCentroid => "RankOrderCentroid",
            Weighting::RankSum => "RankSum",
            Weighting::RankReciprocal => "RankReciprocal",
            Weighting::Explicit(_) => "Explicit",
        }
    }
}

/// Which allocation rule is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum AllocationRule {
    #[default]
    Optimal,
    Greedy,
}

impl AllocationRule {
    /// The name as written in records.
    pub fn name(self) -> &'static str {
        match self {
            AllocationRule::Optimal => "Optimal",
            AllocationRule::Greedy => "Greedy",
        }
    }
}

/// A member's role in the forum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Role {
    Facilitator,
    #[default]
    Member,
    Observer,
    /// A member of the C-team: sits, votes and scores as a member does, and holds
    /// `commitments` of their own that the results show beside the priorities they serve.
    Executive,
}

/// An executive's own promise towards a priority: a metric they answer for, its target and
/// the month to reach it by (`Commitment(priority: "…", metric: "…", target: 12.0, by: "2027-09")`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    pub priority: String,
    pub metric: String,
    pub target: f64,
    /// `YYYY-MM`.
    pub by: String,
}

/// A person who sits in the forum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub id: String,
    pub name: String,
    pub email: String,
    pub silo: String,
    #[serde(default)]
    pub role: Role,
    /// Optional git host handle (e.g. `@sam-okafor`) used for CODEOWNERS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    /// Optional public SSH key (`ssh-ed25519 AAAA…`) the member signs decisions with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing_key: Option<String>,
    /// Optional: a customer sitting in (role `Observer`); their presence is recorded in
    /// `Present` like anyone's.
    #[serde(default, skip_serializing_if = "is_false")]
    pub customer: bool,
    /// Optional: the day (YYYY-MM-DD) the member left the forum (`roundtable member leave`).
    /// They stay listed so their ballots and scorecards stay theirs; they decide nothing more
    /// and are no longer counted as expected at the table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left: Option<String>,
    /// Optional, for an `Executive`: what they promise towards the priorities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commitments: Vec<Commitment>,
}

impl Member {
    /// Whether the member still sits at the forum's table.
    pub fn active(&self) -> bool {
        self.left.is_none()
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Whether the forum asks for every decision commit to be signed by its member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Signing {
    /// Decisions are not signed (the default).
    #[default]
    Off,
    /// Every decision commit carries its member's SSH signature.
    Required,
}

impl Signing {
    /// True for the default, which forum.ron leaves out.
    pub fn is_off(&self) -> bool {
        *self == Signing::Off
    }
}

fn default_scale() -> u8 {
    4
}

fn default_true() -> bool {
    true
}

/// `forum.ron`: the forum's settings and state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Forum {
    pub title: String,
    pub cycle: String,
    pub currency: String,
    pub budget: Money,
    pub phase: Phase,
    #[serde(default = "default_scale")]
    pub scale: u8,
    #[serde(default)]
    pub ranking_method: RankingMethod,
    #[serde(default)]
    pub weighting: Weighting,
    #[serde(default)]
    pub allocation_rule: AllocationRule,
    #[serde(default = "default_true")]
    pub recusal: bool,
    #[serde(default)]
    pub members: Vec<Member>,
    #[serde(default, skip_serializing_if = "Signing::is_off")]
    pub signing: Signing,
    /// Optional: the evidence kinds that must be on record before Priorities; each entry is
    /// met by any one of its kinds. `None` means [`crate::domain::evidence::DEFAULT_REQUIRED`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_evidence: Option<Vec<Vec<EvidenceKind>>>,
    /// Optional: evidence whose period ended more than this many months before the planning
    /// date is old (12 when left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence_max_age_months: Option<u32>,
    /// Optional: the month the forum plans in (`"2026-11"`); when left out, January of the
    /// first four-digit year in `cycle`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planning_date: Option<String>,
    /// Optional quorum: at least this many members present for `rank`, `advance` and
    /// `allocate`, and at least this many ballots before `rank`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quorum: Option<u32>,
    /// Optional defence plan, ratified before a cut comes (`roundtable defence`): the
    /// initiatives a cut never takes, and the order lines are cut in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub defence: Option<Defence>,
}

/// How the forum defends its plan against a budget cut.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Defence {
    /// Funded initiatives a cut never drops.
    #[serde(default)]
    pub protected: Vec<String>,
    /// The order the other funded lines are cut in.
    #[serde(default)]
    pub cut_order: CutOrder,
}

/// The order of a cut.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub enum CutOrder {
    /// The lines worth least per unit of money first (the cut that loses the least value).
    #[default]
    ByMargin,
    /// These lines first, in this order; then by margin.
    Explicit(Vec<String>),
}

/// `silos/<silo-id>.ron`: one part of the company.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Silo {
    pub name: String,
    pub lead: String,
    #[serde(default)]
    pub commitment: String,
    /// Optional cap on the total the silo's initiatives may be allocated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<Money>,
}

/// The kinds of customer evidence the forum looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EvidenceKind {
    LossReview,
    ComplaintTrend,
    SegmentProfitability,
    SegmentMovement,
    Survey,
    ContactCenter,
    SocialListening,
    EmployeeFeedback,
    CustomerCouncil,
    /// A customer at the table: a short planning session with an agenda and questions.
    CustomerSession,
    Operations,
    /// The last cycle's results: a priority's goal and its readings, carried by `init --from`.
    Results,
    Other,
}

impl EvidenceKind {
    /// A short human label.
    pub fn label(self) -> &'static str {
        match self {
            EvidenceKind::LossReview => "Loss review",
            EvidenceKind::ComplaintTrend => "Complaint trend",
            EvidenceKind::SegmentProfitability => "Segment profitability",
            EvidenceKind::SegmentMovement => "Segment movement",
            EvidenceKind::Survey => "Survey",
            EvidenceKind::ContactCenter => "Contact centre",
            EvidenceKind::SocialListening => "Social listening",
            EvidenceKind::EmployeeFeedback => "Employee feedback",
            EvidenceKind::CustomerCouncil => "Customer council",
            EvidenceKind::CustomerSession => "Customer session",
            EvidenceKind::Operations => "Operations",
            EvidenceKind::Results => "Results of the last cycle",
            EvidenceKind::Other => "Other",
        }
    }
}

/// One measured figure inside a piece of evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    pub name: String,
    pub value: f64,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub baseline: Option<f64>,
    /// Optional dated readings, oldest first: `[("2026-01", 5.1), ("2026-02", 5.4)]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub series: Vec<(String, f64)>,
}

/// How many of one segment a survey invited, and how many answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentResponse {
    pub name: String,
    pub invited: u64,
    pub responded: u64,
}

/// `evidence/<evidence-id>.ron`: the customer's voice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub kind: EvidenceKind,
    pub title: String,
    #[serde(default)]
    pub period: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub metrics: Vec<Metric>,
    /// Optional, for surveys: how many customers were invited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invited: Option<u64>,
    /// Optional, for surveys: how many answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responded: Option<u64>,
    /// Optional, for surveys: who was invited and who answered, per segment.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<SegmentResponse>,
    /// Optional: the cycle this record was carried over from by `init --from`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<String>,
    /// For a `CustomerSession` (and only for one): who came, the agenda, the questions and
    /// the priorities it informs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<Session>,
}

/// A planning session with a customer at the table. No personal data is needed: the
/// organisation and the role say who spoke.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// The customer's organisation (or a segment, e.g. "a 40-person accounting firm").
    pub organisation: String,
    /// The role of who came, e.g. "finance lead".
    pub role: String,
    /// The agenda, item by item.
    #[serde(default)]
    pub agenda: Vec<String>,
    /// The questions asked and what the customer answered.
    #[serde(default)]
    pub questions: Vec<Question>,
    /// Priority ids this session informs.
    #[serde(default)]
    pub informs: Vec<String>,
}

/// One question put to the customer and their answer (empty until the session).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub question: String,
    #[serde(default)]
    pub answer: String,
}

/// A measurable customer-centred goal: baseline → target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub metric: String,
    #[serde(default)]
    pub unit: String,
    pub baseline: f64,
    pub target: f64,
    /// When the target should be reached, `"YYYY-MM"` (optional; results draw the straight
    /// line from the planning date to it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

/// `priorities/<priority-id>.ron`: a shared customer-experience priority.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Priority {
    pub title: String,
    #[serde(default)]
    pub customer_problem: String,
    #[serde(default)]
    pub evidence: Vec<String>,
    pub goal: Goal,
}

/// `ballots/<member-id>.ron`: one member's ranking of the priorities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ballot {
    pub order: Vec<String>,
}

/// `ranking.ron`: the forum's decided order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ranking {
    pub order: Vec<String>,
    #[serde(default)]
    pub method: RankingMethod,
    /// Required when `method` is Manual.
    #[serde(default)]
    pub note: String,
    /// Optional: the computed (Schulze) order recorded beside a Manual one, for the audit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub computed: Vec<String>,
}

/// `initiatives/<silo-id>/<initiative-id>.ron`: a silo's proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Initiative {
    pub title: String,
    #[serde(default)]
    pub summary: String,
    pub owner: String,
    pub cost: Money,
    #[serde(default)]
    pub addresses: Vec<String>,
    #[serde(default)]
    pub goal: Option<Goal>,
    #[serde(default)]
    pub depends_on: Vec<String>,
    #[serde(default)]
    pub excludes: Vec<String>,
    #[serde(default)]
    pub mandatory: bool,
    /// Optional: other silos' shares of `cost` (a shared initiative); the lead silo, whose
    /// folder holds the file, carries the rest. Each share counts against its silo's cap.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contributions: Vec<Contribution>,
}

/// One contributing silo's share of a shared initiative's cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contribution {
    pub silo: String,
    pub cost: Money,
}

impl Initiative {
    /// The silos that contribute besides the lead silo, in the file's order.
    pub fn contributing_silos(&self) -> Vec<&str> {
        self.contributions.iter().map(|c| c.silo.as_str()).collect()
    }

    /// The lead silo's share: the cost less the contributions (never below zero).
    pub fn lead_share(&self) -> Money {
        let given: Money = self
            .contributions
            .iter()
            .fold(0, |a: Money, c| a.saturating_add(c.cost));
        self.cost.saturating_sub(given)
    }

    /// Each silo's part of `amount` given to this initiative, the lead silo first: a
    /// contribution gets its share of the cost in proportion (rounded down), the lead the rest.
    pub fn split<'a>(&'a self, lead: &'a str, amount: Money) -> Vec<(&'a str, Money)> {
        let mut out = vec![(lead, 0)];
        let mut given: u128 = 0;
        for c in &self.contributions {
            let part = if self.cost == 0 {
                0
            } else {
                (u128::from(c.cost.min(self.cost)) * u128::from(amount) / u128::from(self.cost))
                    .min(u128::from(amount) - given.min(u128::from(amount)))
            };
            given += part;
            out.push((c.silo.as_str(), Money::try_from(part).unwrap_or(Money::MAX)));
        }
        out[0].1 = Money::try_from(u128::from(amount).saturating_sub(given)).unwrap_or(0);
        out
    }

    /// True when two or more silos carry the cost.
    pub fn is_shared(&self) -> bool {
        !self.contributions.is_empty()
    }
}

/// `scores/<member-id>.ron`: one member's scores; the member id `forum` is the consensus.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scorecard {
    /// initiative id → priority id → score in `0..=scale`.
    #[serde(default)]
    pub scores: UniqueMap<UniqueMap<u8>>,
    /// initiative id → the scorer's note.
    #[serde(default)]
    pub notes: UniqueMap<String>,
}

/// One funded line of an allocation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    pub initiative: String,
    pub amount: Money,
    #[serde(default)]
    pub reason: String,
}

/// `allocation.ron`: the budget as the forum allocated it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allocation {
    pub rule: AllocationRule,
    pub budget: Money,
    #[serde(default)]
    pub lines: Vec<Line>,
    #[serde(default)]
    pub note: String,
}

/// `actions/<action-id>.ron`: an action item the forum agreed, with who brings it and by
/// when. Closing it is a decision of its own, which fills `closed`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionItem {
    /// The member who brings it.
    pub owner: String,
    /// The date it is due, `YYYY-MM-DD`.
    pub due: String,
    pub text: String,
    /// Filled when the forum closes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<Closing>,
}

/// How an action item was closed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Closing {
    /// The date it was closed, `YYYY-MM-DD`.
    pub on: String,
    /// What came of it.
    #[serde(default)]
    pub note: String,
}

impl ActionItem {
    /// True while it is not closed.
    pub fn is_open(&self) -> bool {
        self.closed.is_none()
    }

    /// True when open and due before `today` (both `YYYY-MM-DD`, which sort as dates).
    pub fn is_overdue(&self, today: &str) -> bool {
        self.is_open() && self.due.as_str() < today
    }
}

/// `readings/<target>.ron`: readings of a priority's or an initiative's goal metric, oldest
/// first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Readings {
    pub entries: Vec<Reading>,
}

/// One reading of a goal's metric, on a day, from a source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    /// The day, `YYYY-MM-DD`.
    pub on: String,
    pub value: f64,
    #[serde(default)]
    pub source: String,
}

/// `reviews/<initiative-id>.ron`: an initiative the last cycle funded, carried into the next by
/// `init --from`, with what became of it; the forum's verdict is added by a `review` decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// The cycle it was funded in.
    pub from: String,
    pub title: String,
    pub silo: String,
    pub allocated: Money,
    /// Its last delivery status then (`planned` when none was recorded).
    pub status: String,
    /// Its results in one line (goal, latest reading, how far, on track or behind).
    #[serde(default)]
    pub results: String,
    /// The forum's decision, once taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
}

/// The forum's decision on a carried initiative.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Verdict {
    pub decision: Continuation,
    pub reason: String,
    /// The day, `YYYY-MM-DD`.
    pub on: String,
}

/// Continue, scale back or stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Continuation {
    Continue,
    ScaleBack,
    Stop,
}

impl Continuation {
    pub const ALL: [Continuation; 3] = [
        Continuation::Continue,
        Continuation::ScaleBack,
        Continuation::Stop,
    ];

    /// The word on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Continuation::Continue => "continue",
            Continuation::ScaleBack => "scale-back",
            Continuation::Stop => "stop",
        }
    }
}

/// `spend/<initiative-id>.ron`: what a funded initiative has actually spent, as the books say
/// (`roundtable import hledger`): the total of its postings up to `as_of`, and the journal read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spend {
    /// The day of the latest posting counted, `YYYY-MM-DD`.
    pub as_of: String,
    pub amount: Money,
    /// Where it was read from (the journal's file name).
    #[serde(default)]
    pub source: String,
}

/// `delivery/<initiative-id>.ron`: how a funded initiative is getting on, dated, newest last.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Delivery {
    pub entries: Vec<Progress>,
}

/// One status of a funded initiative, on a day, with a note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// The day, `YYYY-MM-DD`.
    pub on: String,
    pub status: DeliveryStatus,
    #[serde(default)]
    pub note: String,
}

/// Where a funded initiative stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeliveryStatus {
    Planned,
    Started,
    AtRisk,
    Delivered,
    Stopped,
}

impl DeliveryStatus {
    /// Every status, in the order work goes.
    pub const ALL: [DeliveryStatus; 5] = [
        DeliveryStatus::Planned,
        DeliveryStatus::Started,
        DeliveryStatus::AtRisk,
        DeliveryStatus::Delivered,
        DeliveryStatus::Stopped,
    ];

    /// As typed on the command line: `planned`, `started`, `at-risk`, `delivered`, `stopped`.
    pub fn name(self) -> &'static str {
        match self {
            DeliveryStatus::Planned => "planned",
            DeliveryStatus::Started => "started",
            DeliveryStatus::AtRisk => "at-risk",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Stopped => "stopped",
        }
    }
}

/// `endorsements/<id>.ron`: a member (often a new leader) was briefed on the plan and
/// endorses it or challenges it. A challenge is an open question until the forum answers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Endorsement {
    /// The member who was briefed.
    pub member: String,
    /// The day, `YYYY-MM-DD`.
    pub on: String,
    /// True for a challenge (an open question), false for an endorsement.
    #[serde(default)]
    pub challenge: bool,
    /// What they said.
    pub text: String,
    /// The forum's answer to a challenge, filled by its own decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<Closing>,
}

impl Endorsement {
    /// A challenge the forum has not answered yet.
    pub fn is_open_question(&self) -> bool {
        self.challenge && self.answer.is_none()
    }
}

/// The member id of the consensus scorecard entered live in the meeting.
pub const CONSENSUS: &str = "forum";

/// Plain map alias used where duplicates are impossible by construction.
pub type IdMap<T> = BTreeMap<String, T>;
