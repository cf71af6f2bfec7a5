//! Proposals by pull request: each silo's lead commits a proposal on its own branch, and a
//! facilitator merges it as an `accept` decision; two branches are left open at the end.

use super::{Book, at, example};
use crate::domain::money::money;
use crate::domain::records::{Forum, Initiative};
use crate::store::error::StoreError;
use crate::store::proposals::accept_decision;
use crate::store::propose::tree_with_file;
use git2::{Oid, Signature, Time};

type When = (u32, u32, u32, u32);

/// One proposal branch: its silo, its name, the initiative it adds or edits, and its story.
struct Arrival {
    silo: &'static str,
    /// The last part of `proposal/<silo>/<name>`.
    name: &'static str,
    initiative: &'static str,
    /// The text differs from the bundled file (the first version, before an edit).
    first_version: bool,
    proposed: When,
    accepted: When,
    /// The facilitator who merges it (never their own silo's proposal).
    by: &'static str,
    /// What the facilitator adds to the reason.
    note: &'static str,
}

const fn arrival(
    silo: &'static str,
    initiative: &'static str,
    proposed: When,
    accepted: When,
    by: &'static str,
) -> Arrival {
    Arrival {
        silo,
        name: initiative,
        initiative,
        first_version: false,
        proposed,
        accepted,
        by,
        note: "",
    }
}

/// The excludes line support adds once IT's CRM consolidation is on the table.
const DESKTOP_EXCLUDES: &str = "    excludes: [\"crm-consolidation\"],\n";

const ARRIVALS: &[Arrival] = &[
    arrival(
        "product",
        "guided-setup",
        (11, 3, 9, 30),
        (11, 3, 15, 30),
        "dana",
    ),
    arrival(
        "finance",
        "billing-plan-cleanup",
        (11, 3, 10, 20),
        (11, 3, 15, 35),
        "dana",
    ),
    arrival(
        "support",
        "callback-not-hold",
        (11, 3, 11, 5),
        (11, 3, 15, 40),
        "dana",
    ),
    arrival(
        "product",
        "invoice-explainer",
        (11, 4, 9, 15),
        (11, 4, 16, 0),
        "aisha",
    ),
    arrival(
        "marketing",
        "price-change-playbook",
        (11, 4, 10, 40),
        (11, 4, 16, 5),
        "aisha",
    ),
    arrival(
        "support",
        "onboarding-concierge",
        (11, 4, 13, 10),
        (11, 4, 16, 10),
        "aisha",
    ),
    arrival(
        "product",
        "bank-feed-resilience",
        (11, 4, 14, 25),
        (11, 4, 16, 15),
        "aisha",
    ),
    arrival(
        "support",
        "proactive-sync-outreach",
        (11, 5, 9, 50),
        (11, 5, 16, 30),
        "dana",
    ),
    arrival(
        "sales",
        "quote-matches-invoice",
        (11, 5, 11, 30),
        (11, 5, 16, 35),
        "dana",
    ),
    arrival(
        "cx-office",
        "closed-loop-feedback",
        (11, 5, 14, 0),
        (11, 5, 16, 40),
        "aisha",
    ),
    arrival(
        "finance",
        "refund-in-one-step",
        (11, 5, 15, 10),
        (11, 5, 16, 45),
        "dana",
    ),
    Arrival {
        first_version: true,
        ..arrival(
            "support",
            "agent-desktop-extend",
            (11, 6, 10, 0),
            (11, 6, 15, 45),
            "aisha",
        )
    },
    arrival(
        "marketing",
        "lifecycle-onboarding",
        (11, 6, 11, 20),
        (11, 6, 15, 50),
        "aisha",
    ),
    arrival(
        "it",
        "status-page-automation",
        (11, 6, 14, 30),
        (11, 6, 15, 55),
        "dana",
    ),
    Arrival {
        note: "It is the alternative to support's helpdesk panel: the forum funds one or the other.",
        ..arrival(
            "it",
            "crm-consolidation",
            (11, 9, 9, 40),
            (11, 9, 16, 20),
            "dana",
        )
    },
    arrival(
        "sales",
        "sales-handoff-notes",
        (11, 9, 10, 30),
        (11, 9, 16, 25),
        "aisha",
    ),
    arrival(
        "finance",
        "friendly-dunning",
        (11, 9, 13, 45),
        (11, 9, 16, 30),
        "aisha",
    ),
    Arrival {
        note: "Mandatory: the German and French mandates leave no choice.",
        ..arrival(
            "product",
            "einvoicing-de-fr",
            (11, 9, 15, 0),
            (11, 9, 16, 35),
            "aisha",
        )
    },
    Arrival {
        name: "desktop-or-crm",
        note: "Support marks its helpdesk panel as the alternative to IT's CRM consolidation.",
        ..arrival(
            "support",
            "agent-desktop-extend",
            (11, 10, 9, 20),
            (11, 10, 16, 0),
            "dana",
        )
    },
    arrival(
        "marketing",
        "accountant-partner-programme",
        (11, 10, 10, 50),
        (11, 10, 16, 5),
        "dana",
    ),
    arrival(
        "product",
        "accountant-workspace",
        (11, 10, 14, 10),
        (11, 10, 16, 10),
        "dana",
    ),
    arrival(
        "sales",
        "upgrade-path-advisors",
        (11, 11, 10, 15),
        (11, 11, 16, 0),
        "aisha",
    ),
    arrival(
        "product",
        "team-and-payroll",
        (11, 11, 11, 40),
        (11, 11, 16, 5),
        "aisha",
    ),
    arrival(
        "cx-office",
        "journey-dashboard",
        (11, 11, 14, 50),
        (11, 11, 16, 10),
        "aisha",
    ),
    arrival(
        "marketing",
        "awareness-campaign",
        (11, 12, 9, 30),
        (11, 12, 15, 0),
        "dana",
    ),
];

/// A proposal branch written by a silo's lead (not through the gates: it is not the forum's).
pub(super) struct Branch {
    pub name: String,
    pub tip: Oid,
}

impl Arrival {
    fn path(&self) -> String {
        format!("initiatives/{}/{}.ron", self.silo, self.initiative)
    }

    fn text(&self) -> String {
        let text = example::text(&self.path());
        if self.first_version {
            text.replace(DESKTOP_EXCLUDES, "")
        } else {
            text.to_string()
        }
    }

    /// The lead's commit message on the proposal branch.
    fn message(&self) -> Result<String, StoreError> {
        let text = self.text();
        let initiative: Initiative = crate::store::decode::parse(&self.path(), text.as_bytes())
            .map_err(|p| StoreError::Refused(p.to_string()))?;
        Ok(if self.name == self.initiative {
            format!(
                "Propose {}\n\n{}'s proposal for the FY2027 forum: {}.\n",
                initiative.title,
                self.silo,
                money(initiative.cost, "EUR")
            )
        } else {
            format!(
                "Mark {} as the alternative to crm-consolidation\n\n{}\n",
                self.initiative, self.note
            )
        })
    }
}

/// Proposals arrive on their branches and are accepted, in the order things happened.
pub(super) fn arrive_and_accept(book: &mut Book) -> Result<(), StoreError> {
    let mut events: Vec<(When, usize, bool)> = Vec::new();
    for (i, a) in ARRIVALS.iter().enumerate() {
        events.push((a.proposed, i, false));
        events.push((a.accepted, i, true));
    }
    events.sort();
    let mut open: Vec<Option<Branch>> = ARRIVALS.iter().map(|_| None).collect();
    for (_, i, accept) in events {
        let Some(a) = ARRIVALS.get(i) else { continue };
        let Some(slot) = open.get_mut(i) else {
            continue;
        };
        if accept {
            if let Some(branch) = slot.take() {
                accept_branch(book, a, &branch)?;
            }
        } else {
            let message = a.message()?;
            let branch = propose(
                book,
                a.silo,
                a.name,
                &a.path(),
                &a.text(),
                a.proposed,
                &message,
            )?;
            *slot = Some(branch);
        }
    }
    Ok(())
}

fn accept_branch(book: &mut Book, a: &Arrival, branch: &Branch) -> Result<(), StoreError> {
    let text = a.text();
    let initiative: Initiative = crate::store::decode::parse(&a.path(), text.as_bytes())
        .map_err(|p| StoreError::Refused(p.to_string()))?;
    let lead = lead_of(a.silo)?;
    let mut reason = format!(
        "Addresses {}; costs {}. `roundtable check` passes on the branch.",
        initiative.addresses.join(", "),
        money(initiative.cost, "EUR")
    );
    if !a.note.is_empty() {
        reason = format!("{} {reason}", a.note);
    }
    let mut present = vec![a.by.to_string(), lead];
    // A shared initiative: its contributing silos' leads approve it and are present.
    let mut approved_by = Vec::new();
    for c in &initiative.contributions {
        let approver = lead_of(&c.silo)?;
        if !present.contains(&approver) {
            present.push(approver.clone());
        }
        approved_by.push(approver);
    }
    let mut dec = accept_decision(
        book.repo,
        super::FORUM,
        &branch.name,
        a.by,
        &reason,
        &present,
    )?;
    if dec.merge != Some(branch.tip) {
        return Err(StoreError::Refused(format!(
            "{} moved while the demo was written",
            branch.name
        )));
    }
    dec.approved_by = approved_by;
    let (m, d, h, min) = a.accepted;
    dec.when = Some(at(m, d, h, min));
    book.record(&dec)?;
    book.accepted += 1;
    // As a git host does after a merge: the branch goes, its commit stays in the history.
    book.repo
        .repo
        .find_reference(&format!("refs/heads/{}", branch.name))?
        .delete()?;
    Ok(())
}

/// The lead of a silo, from the bundled silo record.
fn lead_of(silo: &str) -> Result<String, StoreError> {
    let record: crate::domain::records::Silo = example::record(&format!("silos/{silo}.ron"))?;
    Ok(record.lead)
}

/// Commits one initiative file on a new branch `proposal/<silo>/<name>` from the forum tip,
/// authored by the silo's lead.
pub(super) fn propose(
    book: &Book,
    silo: &str,
    name: &str,
    path: &str,
    text: &str,
    (m, d, h, min): When,
    message: &str,
) -> Result<Branch, StoreError> {
    let git = &book.repo.repo;
    let base = book
        .tip
        .ok_or_else(|| StoreError::Refused("proposals need a forum to propose to".into()))?;
    let parent = git.find_commit(base)?;
    let full = format!("forums/{}/{path}", super::FORUM);
    let parts: Vec<&str> = full.split('/').collect();
    let tree = git.find_tree(tree_with_file(
        git,
        Some(&parent.tree()?),
        &parts,
        text.as_bytes(),
    )?)?;
    let lead = lead_of(silo)?;
    let forum: Forum = example::record("forum.ron")?;
    let member = forum
        .members
        .iter()
        .find(|m| m.id == lead)
        .ok_or_else(|| StoreError::Refused(format!("no member `{lead}`")))?;
    let (secs, offset) = at(m, d, h, min);
    let sig = Signature::new(&member.name, &member.email, &Time::new(secs, offset))?;
    let tip = git.commit(None, &sig, &sig, message, &tree, &[&parent])?;
    let name = format!("proposal/{silo}/{name}");
    git.reference(
        &format!("refs/heads/{name}"),
        tip,
        false,
        "roundtable demo: proposal",
    )?;
    Ok(Branch { name, tip })
}

/// The two proposals still open at the end: one the room can accept, one CI rejects.
pub(super) fn leave_open(book: &mut Book) -> Result<Vec<(String, Option<String>)>, StoreError> {
    let mut out = Vec::new();
    for (silo, name, text, when, message) in super::open::OPEN {
        let path = format!("initiatives/{silo}/{name}.ron");
        let branch = propose(book, silo, name, &path, text, *when, message)?;
        let loaded = book.repo.load_at(super::FORUM, &branch.name)?;
        let problem = loaded
            .problems
            .iter()
            .find(|p| p.is_error())
            .map(ToString::to_string);
        out.push((branch.name, problem));
    }
    Ok(out)
}
