//! Decisions as commits, races on the branch, locks, dirty files, and `verify` catching hand
//! edits — on real temp git repositories with a sandboxed git config and fixed dates.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod authority;
mod branch;
mod carry;
mod decisions;
mod funded;
mod packing;
mod properties;
mod races;
mod records;
mod refusals;
mod trust;
mod verify;

use crate::common::sandbox;
pub use sandbox::{FORUM_ID, Sandbox};

pub fn forum_ron(phase: &str, budget: u64) -> String {
    format!(
        r#"Forum(
    title: "Test Forum",
    cycle: "FY2027",
    currency: "EUR",
    budget: {budget},
    phase: {phase},
    members: [
        Member(id: "dana", name: "Dana Whitfield", email: "dana@example.com", silo: "cx", role: Facilitator),
        Member(id: "sam", name: "Sam Okafor", email: "sam@example.com", silo: "support", role: Member),
    ],
)
"#
    )
}

const FILES: &[(&str, &str)] = &[
    ("silos/cx.ron", r#"Silo(name: "CX Office", lead: "dana")"#),
    ("silos/support.ron", r#"Silo(name: "Support", lead: "sam")"#),
    (
        "evidence/loss.ron",
        r#"Evidence(kind: LossReview, title: "Loss review")"#,
    ),
    (
        "evidence/complaints.ron",
        r#"Evidence(kind: ComplaintTrend, title: "Complaints")"#,
    ),
    (
        "evidence/segments.ron",
        r#"Evidence(kind: SegmentMovement, title: "Segments")"#,
    ),
    (
        "priorities/p1.ron",
        r#"Priority(title: "First days", evidence: ["loss"], goal: Goal(metric: "churn", baseline: 6.0, target: 4.0))"#,
    ),
    (
        "priorities/p2.ron",
        r#"Priority(title: "Billing", evidence: ["loss"], goal: Goal(metric: "calls", baseline: 3.0, target: 1.0))"#,
    ),
    (
        "priorities/p3.ron",
        r#"Priority(title: "First contact", evidence: ["loss"], goal: Goal(metric: "fcr", baseline: 60.0, target: 80.0))"#,
    ),
    (
        "initiatives/support/portal.ron",
        r#"Initiative(title: "Portal", owner: "sam", cost: 300, addresses: ["p1"])"#,
    ),
    (
        "initiatives/support/chatbot.ron",
        r#"Initiative(title: "Chatbot", owner: "sam", cost: 200, addresses: ["p2", "p3"])"#,
    ),
    (
        "initiatives/cx/journey.ron",
        r#"Initiative(title: "Journey", owner: "dana", cost: 400, addresses: ["p1", "p3"])"#,
    ),
    ("ballots/dana.ron", r#"Ballot(order: ["p1", "p2", "p3"])"#),
    ("ballots/sam.ron", r#"Ballot(order: ["p1", "p3", "p2"])"#),
];

/// A sandboxed forum repository (see `tests/common/sandbox.rs`) with this crate's forum.
pub struct Forum(Sandbox);

impl std::ops::Deref for Forum {
    type Target = Sandbox;
    fn deref(&self) -> &Sandbox {
        &self.0
    }
}

impl Forum {
    /// A forum in `phase` with one hand-made first commit.
    pub fn new(phase: &str) -> Forum {
        let forum = Forum(Sandbox::init());
        forum.write("forum.ron", &forum_ron(phase, 600));
        for (rel, text) in FILES {
            forum.write(rel, text);
        }
        forum.commit_all("Set up the forum");
        forum
    }

    /// Commits everything by hand with `message`; returns the short hash.
    /// Commits the work tree with `message` as is. A message naming a decider
    /// (`Decided-By: dana`) is authored as that member, like a decision made by hand with
    /// git; any other is authored by the sandbox's committer (a clerk, not a member).
    pub fn hand_commit(&self, message: &str) -> String {
        let decider = message
            .lines()
            .find_map(|l| l.strip_prefix("Decided-By: "))
            .map(str::trim);
        match decider {
            Some("dana") => self.commit_as("Dana Whitfield", "dana@example.com", message),
            Some("sam") => self.commit_as("Sam Okafor", "sam@example.com", message),
            _ => self.commit_all(message),
        }
        self.head_short()
    }

    /// Commits the work tree authored by `name <email>`.
    pub fn commit_as(&self, name: &str, email: &str, message: &str) {
        self.git(&["add", "-A"]);
        let author = format!("{name} <{email}>");
        self.git(&["commit", "-q", "--author", &author, "-m", message]);
    }

    pub fn head_short(&self) -> String {
        self.git(&["rev-parse", "--short=7", "HEAD"])
            .trim()
            .to_string()
    }
}
