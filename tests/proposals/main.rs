//! Proposals by pull request on real temp repositories (sandboxed git config, fixed dates):
//! `check --proposal`, `proposals`, `accept`, and the whole kit end to end.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod accept;
mod check;
mod entries;
mod kit;
mod listing;
mod several;
mod shared;

use crate::common::sandbox;
pub use sandbox::Sandbox;

const FORUM: &str = r#"Forum(
    title: "Test Forum",
    cycle: "FY2027",
    currency: "EUR",
    budget: 600,
    phase: Ranking,
    members: [
        Member(id: "dana", name: "Dana Whitfield", email: "dana@example.com", silo: "cx", role: Facilitator),
        Member(id: "sam", name: "Sam Okafor", email: "sam@example.com", silo: "support", role: Member),
    ],
)
"#;

const FILES: &[(&str, &str)] = &[
    ("silos/cx.ron", r#"Silo(name: "CX Office", lead: "dana")"#),
    ("silos/support.ron", r#"Silo(name: "Support", lead: "sam")"#),
    (
        "evidence/loss.ron",
        r#"Evidence(kind: LossReview, title: "Loss review")"#,
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
        "initiatives/support/portal.ron",
        r#"Initiative(title: "Portal", owner: "sam", cost: 300, addresses: ["p1"])"#,
    ),
    (
        "initiatives/cx/journey.ron",
        r#"Initiative(title: "Journey", owner: "dana", cost: 400, addresses: ["p1", "p2"])"#,
    ),
    ("ballots/dana.ron", r#"Ballot(order: ["p1", "p2"])"#),
];

/// A valid new initiative of silo support.
pub const REFUNDS: &str = r#"Initiative(
    title: "Faster refunds",
    owner: "sam",
    cost: 150,
    addresses: ["p2"],
)
"#;

/// A sandboxed forum repository (see `tests/common/sandbox.rs`) with this crate's forum.
pub struct Forum(Sandbox);

impl std::ops::Deref for Forum {
    type Target = Sandbox;
    fn deref(&self) -> &Sandbox {
        &self.0
    }
}

impl Forum {
    /// A forum in phase Ranking with one hand-made first commit.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Forum {
        let forum = Forum(Sandbox::init());
        forum.write("forum.ron", FORUM);
        for (rel, text) in FILES {
            forum.write(rel, text);
        }
        forum.commit_all("Set up the forum");
        forum
    }

    /// A clone of `origin` (its own HOME), with `origin` as its remote.
    pub fn clone_of(origin: &Forum) -> Forum {
        Forum(Sandbox::clone_of(origin))
    }

    /// A branch from `main` with `files` written (relative to the forum) and committed;
    /// comes back to `main`.
    pub fn branch(&self, name: &str, files: &[(&str, &str)]) {
        self.git(&["switch", "-q", "-c", name, "main"]);
        for (rel, text) in files {
            self.write(rel, text);
        }
        self.commit_all(&format!("Work on {name}"));
        self.git(&["switch", "-q", "main"]);
    }
}
