//! Who may change what: every record a commit changes is checked against the decision's
//! definition — its kind, its decider and role, the phase, `Present`, the quorum and the
//! commit's author. The same check runs when a decision is made and when `verify` replays.

use super::definition::{Who, definition};
use crate::domain::money::amount as separated;
use crate::domain::phase::{DecisionKind, Gate, Violation};
use crate::domain::records::{CONSENSUS, Forum, Member, Phase, Role};
use crate::domain::snapshot::{RecordKind, RecordRef, Snapshot};

/// The commit being judged: its decision (none for a hand edit), who decided, who was
/// there, why, and (when known) who wrote the commit.
#[derive(Debug, Clone, Copy)]
pub struct Deed<'a> {
    pub kind: Option<DecisionKind>,
    pub decided_by: &'a str,
    /// Member ids present; empty means the decider alone.
    pub present: &'a [String],
    pub reason: &'a str,
    /// For an `accept`: the contributing silos' leads who approved (`Approved-By:`).
    pub approved_by: &'a [String],
    /// The commit's author (name, email); `None` where the author is not known yet (a
    /// decision being made is authored by its decider).
    pub author: Option<(&'a str, &'a str)>,
    /// The members as the last commit that kept the rules left them (`verify` passes them
    /// once a broken commit changed the members): a role or a seat a commit took against the
    /// rules gives no authority to the decisions after it. `None`: the members of `before`.
    pub trusted: Option<&'a [Member]>,
}

/// Every authority rule `changed` breaks on the way `before` → `after`. No `before` is the
/// commit that founds the forum: it sets the rules, so only its decision's author is checked.
pub fn authority(
    before: Option<&Snapshot>,
    after: &Snapshot,
    changed: &[RecordRef],
    deed: &Deed,
) -> Vec<Violation> {
    let mut out = Vec::new();
    if changed.is_empty() {
        return out;
    }
    let member = |id: &str| -> Option<&Member> {
        if let Some(trusted) = deed.trusted {
            return trusted.iter().find(|m| m.id == id);
        }
        before
            .and_then(|b| b.member(id))
            .or_else(|| after.member(id))
    };
    let Some(kind) = deed.kind else {
        if before.is_some() {
            let paths: Vec<String> = changed.iter().map(RecordRef::relative_path).collect();
            out.push(Violation::new(
                Gate::HandEdit,
                format!(
                    "{} changed without a decision: a forum record changes only through \
                     the decision that may change it",
                    list(&paths)
                ),
            ));
            if let Some((name, email)) = deed.author
                && !is_member_email(before, after, email)
            {
                out.push(Violation::new(
                    Gate::Author,
                    format!("the commit's author {name} <{email}> is not a member of the forum"),
                ));
            }
        }
        return out;
    };
    let def = definition(kind);
    let Some(decider) = member(deed.decided_by) else {
        out.push(Violation::new(
            Gate::Authority,
            format!(
                "{} names `{}` as its decider, who is not a member of the forum",
                article(kind),
                deed.decided_by
            ),
        ));
        return out;
    };
    author(decider, deed, &mut out);
    let Some(before) = before else {
        return out;
    };
    if let Some(day) = &decider.left {
        out.push(Violation::new(
            Gate::Authority,
            format!(
                "`{}` left the forum on {day}: a member who has left decides nothing",
                decider.id
            ),
        ));
    }
    for id in deed.present {
        if let Some(day) = member(id).and_then(|m| m.left.as_ref()) {
            out.push(Violation::new(
                Gate::Authority,
                format!("`{id}` (in Present) left the forum on {day}"),
            ));
        }
    }
    let facilitator = decider.role == Role::Facilitator;
    let present = |id: &str| {
        deed.present.iter().any(|p| p == id) || (deed.present.is_empty() && id == decider.id)
    };
    if def.who == Who::Facilitator && !facilitator {
        out.push(Violation::new(
            Gate::Authority,
            format!(
                "{} is a facilitator's decision; `{}` is not a facilitator",
                article(kind),
                decider.id
            ),
        ));
    }
    let phase = before.forum.phase;
    if let Some(refusal) = out_of_phase(kind, phase) {
        out.push(Violation::new(Gate::Authority, refusal));
    } else if kind == DecisionKind::Score
        && phase == Phase::Allocation
        && before.allocation.is_some()
    {
        out.push(Violation::new(
            Gate::Authority,
            "scorecards are frozen once the budget is allocated: reopen the forum to Scoring \
             to change a score"
                .to_string(),
        ));
    }
    if def.reason && deed.reason.trim().is_empty() {
        out.push(Violation::new(
            Gate::Authority,
            format!("{} needs a reason", article(kind)),
        ));
    }
    for record in changed {
        if !def.records.contains(&record.kind) {
            out.push(Violation::new(
                Gate::Authority,
                format!(
                    "{} may not change {}",
                    article(kind),
                    record.relative_path()
                ),
            ));
            continue;
        }
        match record.kind {
            RecordKind::Ballot | RecordKind::Scorecard => {
                owner(record, decider, facilitator, &present, kind, &mut out)
            }
            RecordKind::Initiative => {
                initiative(before, after, record, decider, facilitator, deed, &mut out)
            }
            RecordKind::Forum => forum_fields(&before.forum, &after.forum, kind, &mut out),
            RecordKind::Evidence
                if kind == DecisionKind::Accept
                    && !matches!(before.forum.phase, Phase::Evidence | Phase::Priorities) =>
            {
                out.push(Violation::new(
                    Gate::Authority,
                    format!(
                        "an accept brings {} while the forum is in {}: evidence comes in Evidence and Priorities",
                        record.relative_path(),
                        before.forum.phase
                    ),
                ));
            }
            RecordKind::Action => {
                action(before, after, record, decider, facilitator, kind, &mut out)
            }
            RecordKind::Endorsement => {
                endorsement(before, after, record, decider, facilitator, &mut out)
            }
            RecordKind::Delivery => delivery(before, after, record, decider, facilitator, &mut out),
            RecordKind::Readings => readings(before, after, record, &mut out),
            RecordKind::Spend => spend(after, record, &mut out),
            RecordKind::Review if kind == DecisionKind::Review => {
                review(before, after, record, &mut out)
            }
            _ => {}
        }
    }
    quorum(before, deed, def.quorum, kind, &mut out);
    out
}

/// The author of a decision commit is the deciding member, name and email as in forum.ron.
fn author(decider: &Member, deed: &Deed, out: &mut Vec<Violation>) {
    let Some((name, email)) = deed.author else {
        return;
    };
    if !email.eq_ignore_ascii_case(&decider.email) || name != decider.name {
        out.push(Violation::new(
            Gate::Author,
            format!(
                "the commit's author {name} <{email}> is not `{}` ({} <{}>), who it says decided",
                decider.id, decider.name, decider.email
            ),
        ));
    }
}

fn is_member_email(before: Option<&Snapshot>, after: &Snapshot, email: &str) -> bool {
    let known = |s: &Snapshot| {
        s.forum
            .members
            .iter()
            .any(|m| m.email.eq_ignore_ascii_case(email))
    };
    known(after) || before.is_some_and(known)
}

/// A ballot or scorecard is changed by its member, or by a facilitator recording it for a
/// member who is present; the forum's consensus card by a facilitator.
fn owner(
    record: &RecordRef,
    decider: &Member,
    facilitator: bool,
    present: &dyn Fn(&str) -> bool,
    kind: DecisionKind,
    out: &mut Vec<Violation>,
) {
    let id = record.id.as_str();
    let allowed = if id == CONSENSUS {
        facilitator
    } else {
        id == decider.id || (facilitator && present(id))
    };
    if !allowed {
        let whose = if record.kind == RecordKind::Ballot {
            "ballot"
        } else {
            "scorecard"
        };
        let hint = if facilitator {
            format!(": a facilitator records it only with `{id}` in Present")
        } else {
            String::new()
        };
        out.push(Violation::new(
            Gate::Authority,
            format!(
                "`{}` may not change `{id}`'s {whose} ({kind} decision){hint}",
                decider.id
            ),
        ));
    }
}

/// An initiative changes through its own silo's proposal or a forum decision; `mandatory`
/// is set or cleared only by a facilitator, with a reason.
fn initiative(
    before: &Snapshot,
    after: &Snapshot,
    record: &RecordRef,
    decider: &Member,
    facilitator: bool,
    deed: &Deed,
    out: &mut Vec<Violation>,
) {
    let old = before.initiatives.get(&record.id);
    let new = after.initiatives.get(&record.id);
    let silo = record
        .silo
        .as_deref()
        .or(new.or(old).map(|p| p.silo.as_str()))
        .unwrap_or_default();
    let by_silo = matches!(
        deed.kind,
        Some(DecisionKind::Propose | DecisionKind::Accept)
    );
    if by_silo && deed.kind == Some(DecisionKind::Propose) && !facilitator && decider.silo != silo {
        out.push(Violation::new(
            Gate::Authority,
            format!(
                "`{}` of silo `{}` may not propose for silo `{silo}` ({})",
                decider.id,
                decider.silo,
                record.relative_path()
            ),
        ));
    }
    if deed.kind == Some(DecisionKind::Accept) {
        approvals([before, after], old, new, record, facilitator, deed, out);
    }
    let was = old.is_some_and(|p| p.initiative.mandatory);
    let is = new.is_some_and(|p| p.initiative.mandatory);
    if was != is && (!facilitator || deed.reason.trim().is_empty()) {
        out.push(Violation::new(
            Gate::Authority,
            format!(
                "`{}` {} mandatory: only a facilitator's decision with a reason may {} it",
                record.id,
                if is { "is made" } else { "is no longer" },
                if is { "set" } else { "clear" }
            ),
        ));
    }
}

/// forum.ron: the phase moves by `advance`/`reopen`, the budget by `budget` or `rebudget`,
/// members by a
/// reorganisation or an edit, every other setting by an `edit` (all a facilitator's).
fn forum_fields(before: &Forum, after: &Forum, kind: DecisionKind, out: &mut Vec<Violation>) {
    let mut settings_before = before.clone();
    settings_before.phase = after.phase;
    settings_before.budget = after.budget;
    settings_before.members = after.members.clone();
    settings_before.defence = after.defence.clone();
    let changed = [
        (
            "the phase",
            before.phase != after.phase,
            &[DecisionKind::Advance, DecisionKind::Reopen][..],
        ),
        (
            "the budget",
            before.budget != after.budget,
            &[DecisionKind::Budget, DecisionKind::Rebudget][..],
        ),
        (
            "the members",
            before.members != after.members,
            &[DecisionKind::Reorg, DecisionKind::Edit][..],
        ),
        (
            "the defence plan",
            before.defence != after.defence,
            &[DecisionKind::Defence][..],
        ),
        (
            "the forum's settings",
            settings_before != *after,
            &[DecisionKind::Edit][..],
        ),
    ];
    for (what, moved, kinds) in changed {
        if moved && kind != DecisionKind::Init && !kinds.contains(&kind) {
            let names: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
            let extra = if what == "the budget" {
                format!(
                    " (from {} to {})",
                    separated(before.budget),
                    separated(after.budget)
                )
            } else {
                String::new()
            };
            out.push(Violation::new(
                Gate::Authority,
                format!(
                    "{} may not change {what}{extra}: that takes {}",
                    article(kind),
                    alternatives(&names)
                ),
            ));
        }
    }
}

fn quorum(
    before: &Snapshot,
    deed: &Deed,
    applies: bool,
    kind: DecisionKind,
    out: &mut Vec<Violation>,
) {
    let Some(n) = before.forum.quorum.filter(|_| applies) else {
        return;
    };
    // A customer sitting in is recorded as present but is not part of the quorum.
    let customers = deed
        .present
        .iter()
        .filter(|p| before.member(p).is_some_and(|m| m.customer))
        .count();
    let present = (deed.present.len() - customers).max(1);
    if present < n as usize {
        out.push(Violation::new(
            Gate::Quorum,
            format!(
                "{} needs a quorum of {n} members present; {present} {} present",
                article(kind),
                if present == 1 { "was" } else { "were" }
            ),
        ));
    }
    if kind == DecisionKind::Rank && before.ballots.len() < n as usize {
        out.push(Violation::new(
            Gate::Quorum,
            format!(
                "the ranking needs at least {n} ballots (the quorum); {} cast",
                before.ballots.len()
            ),
        ));
    }
}

/// "a score decision", "an advance decision".
pub fn article(kind: DecisionKind) -> String {
    let name = kind.name();
    let an = name.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {name} decision", if an { "an" } else { "a" })
}

fn phases(list: &[Phase]) -> String {
    let names: Vec<&str> = list.iter().map(|p| p.name()).collect();
    alternatives(&names)
}

fn alternatives(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

fn frozen_hint(kind: DecisionKind) -> &'static str {
    match kind {
        DecisionKind::Ballot => {
            ": ballots are frozen by the ranking lock (reopen to Ranking to change one)"
        }
        DecisionKind::Score => {
            ": scorecards are frozen by the allocation (reopen to Scoring to change one)"
        }
        DecisionKind::Evidence | DecisionKind::Priority => {
            ": evidence and priorities are frozen by the ranking (reopen to Priorities to change them)"
        }
        _ => "",
    }
}

fn list(paths: &[String]) -> String {
    match paths {
        [] => String::new(),
        [one] => one.clone(),
        _ if paths.len() <= 3 => paths.join(", "),
        _ => format!("{} and {} more", paths[..3].join(", "), paths.len() - 3),
    }
}

/// The contributing silos whose lead approves an accepted change to a shared initiative:
/// every silo that contributes before or after it.
pub fn approving_silos<'a>(
    old: Option<&'a crate::domain::snapshot::Proposal>,
    new: Option<&'a crate::domain::snapshot::Proposal>,
) -> Vec<&'a str> {
    let mut silos: Vec<&str> = Vec::new();
    for p in [new, old].into_iter().flatten() {
        for s in p.initiative.contributing_silos() {
            if s != p.silo && !silos.contains(&s) {
                silos.push(s);
            }
        }
    }
    silos
}

/// An accepted shared initiative: each `Approved-By:` id is the lead of a contributing
/// silo; a missing approval is allowed only to a facilitator's decision with a reason.
fn approvals(
    sides: [&Snapshot; 2],
    old: Option<&crate::domain::snapshot::Proposal>,
    new: Option<&crate::domain::snapshot::Proposal>,
    record: &RecordRef,
    facilitator: bool,
    deed: &Deed,
    out: &mut Vec<Violation>,
) {
    let silos = approving_silos(old, new);
    // The silos as the forum has them (a decision being made may hold only part of before).
    let lead_of = |s: &str| {
        sides
            .iter()
            .find_map(|side| side.silos.get(s))
            .map(|x| x.lead.as_str())
    };
    for who in deed.approved_by {
        if !silos.iter().any(|s| lead_of(s) == Some(who.as_str())) {
            out.push(Violation::new(
                Gate::Authority,
                format!(
                    "`{who}` is recorded as approving `{}` but leads none of its contributing silos",
                    record.id
                ),
            ));
        }
    }
    let missing: Vec<&str> = silos
        .iter()
        .copied()
        .filter(|s| lead_of(s).is_none_or(|l| !deed.approved_by.iter().any(|a| a == l)))
        .collect();
    if !missing.is_empty() && (!facilitator || deed.reason.trim().is_empty()) {
        out.push(Violation::new(
            Gate::Authority,
            format!(
                "`{}` is shared with {}: their leads approve it, or a facilitator accepts it with a reason",
                record.id,
                list(&missing.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            ),
        ));
    }
}

/// An `action` decision records a new, open action item and changes no other; a
/// `close-action` closes an open one and changes nothing else in it, by its owner or a
/// facilitator.
fn action(
    before: &Snapshot,
    after: &Snapshot,
    record: &RecordRef,
    decider: &Member,
    facilitator: bool,
    kind: DecisionKind,
    out: &mut Vec<Violation>,
) {
    let id = &record.id;
    let old = before.actions.get(id);
    let new = after.actions.get(id);
    let mut refuse = |message: String| out.push(Violation::new(Gate::Authority, message));
    match kind {
        DecisionKind::Action => match (old, new) {
            (None, Some(n)) if n.is_open() => {}
            (None, Some(_)) => refuse(format!(
                "the action item `{id}` is recorded closed: an `action` decision records it open, a `close-action` closes it"
            )),
            _ => refuse(format!(
                "an `action` decision records a new action item; `{id}` already existed or is removed"
            )),
        },
        DecisionKind::CloseAction => match (old, new) {
            (Some(o), Some(n)) if o.is_open() && n.closed.is_some() => {
                let mut same = n.clone();
                same.closed = None;
                if same != *o {
                    refuse(format!(
                        "closing `{id}` may not change its owner, date or text"
                    ));
                }
                if !facilitator && decider.id != o.owner {
                    refuse(format!(
                        "`{}` may not close `{id}`: its owner `{}` or a facilitator closes it",
                        decider.id, o.owner
                    ));
                }
            }
            _ => refuse(format!(
                "a `close-action` decision closes an open action item; `{id}` was not open or is not closed by it"
            )),
        },
        _ => {}
    }
}

/// `endorsements/<id>.ron`: a member records their own endorsement or challenge (new, with no
/// answer); a facilitator answers an open challenge, filling only `answer`. Nothing else.
fn endorsement(
    before: &Snapshot,
    after: &Snapshot,
    record: &RecordRef,
    decider: &Member,
    facilitator: bool,
    out: &mut Vec<Violation>,
) {
    let id = &record.id;
    let mut refuse = |message: String| out.push(Violation::new(Gate::Authority, message));
    match (before.endorsements.get(id), after.endorsements.get(id)) {
        (None, Some(n)) => {
            if n.member != decider.id {
                refuse(format!(
                    "`{}` may not record `{}`'s endorsement: each member speaks for themself",
                    decider.id, n.member
                ));
            }
            if n.answer.is_some() {
                refuse(format!(
                    "the endorsement `{id}` is recorded answered: the forum answers a challenge by a decision of its own"
                ));
            }
        }
        (Some(o), Some(n)) if o.is_open_question() && n.answer.is_some() => {
            let mut same = n.clone();
            same.answer = None;
            if same != *o {
                refuse(format!(
                    "answering `{id}` may not change who said what, or when"
                ));
            }
            if !facilitator {
                refuse(format!(
                    "`{}` may not answer the challenge `{id}`: a facilitator answers for the forum",
                    decider.id
                ));
            }
        }
        _ => refuse(format!(
            "an endorsement is recorded once and a challenge answered once; `{id}` may not change otherwise"
        )),
    }
}

/// `delivery/<initiative>.ron`: a status of an initiative the standing allocation funds, added
/// after the ones before it (never rewritten), by its silo's lead or a facilitator.
fn delivery(
    before: &Snapshot,
    after: &Snapshot,
    record: &RecordRef,
    decider: &Member,
    facilitator: bool,
    out: &mut Vec<Violation>,
) {
    let id = &record.id;
    let mut refuse = |message: String| out.push(Violation::new(Gate::Authority, message));
    let funded = before
        .allocation
        .as_ref()
        .is_some_and(|a| a.lines.iter().any(|l| l.initiative == *id && l.amount > 0));
    if !funded {
        refuse(format!(
            "`{id}` is not funded by the standing allocation: only funded initiatives have a delivery status"
        ));
    }
    // A progress decision changes neither initiatives nor silos: read them after it.
    let lead = after
        .initiatives
        .get(id)
        .and_then(|p| after.silos.get(&p.silo))
        .map(|s| s.lead.as_str());
    if !facilitator && lead != Some(decider.id.as_str()) {
        refuse(format!(
            "`{}` may not set `{id}`'s status: its silo's lead{} or a facilitator does",
            decider.id,
            lead.map(|l| format!(" `{l}`")).unwrap_or_default()
        ));
    }
    let entries = |s: &Snapshot| s.delivery.get(id).map(|d| d.entries.clone());
    if !one_appended(entries(before), entries(after)) {
        refuse(format!(
            "a progress decision adds one status to `{id}`; the ones before it stay as they were"
        ));
    }
}

/// `readings/<target>.ron`: one reading added to a priority's goal or an initiative's goal,
/// the earlier readings as they were.
fn readings(before: &Snapshot, after: &Snapshot, record: &RecordRef, out: &mut Vec<Violation>) {
    let id = &record.id;
    let mut refuse = |message: String| out.push(Violation::new(Gate::Authority, message));
    let has_goal =
        after.priorities.contains_key(id) || after.initiative(id).is_some_and(|i| i.goal.is_some());
    if !has_goal {
        refuse(format!(
            "`{id}` is neither a priority nor an initiative with a goal: a reading measures a goal"
        ));
    }
    let entries = |s: &Snapshot| s.readings.get(id).map(|r| r.entries.clone());
    if !one_appended(entries(before), entries(after)) {
        refuse(format!(
            "a measure decision adds one reading to `{id}`; the ones before it stay as they were"
        ));
    }
}

/// A review decision only adds the forum's verdict to a carried initiative: the record was
/// there, nothing else of it changes, and a verdict once given stays.
fn review(before: &Snapshot, after: &Snapshot, record: &RecordRef, out: &mut Vec<Violation>) {
    let id = &record.id;
    let (old, new) = (before.reviews.get(id), after.reviews.get(id));
    let ok = match (old, new) {
        (Some(o), Some(n)) => {
            o.verdict.is_none()
                && n.verdict.is_some()
                && crate::domain::records::Review {
                    verdict: None,
                    ..n.clone()
                } == *o
        }
        _ => false,
    };
    if !ok {
        out.push(Violation::new(
            Gate::Authority,
            format!("a review decision adds the forum's verdict to `{id}`, carried over by `init --from`; nothing else of it changes, and a verdict stays"),
        ));
    }
}

/// Actual spend is brought back only for an initiative the standing allocation funds.
fn spend(after: &Snapshot, record: &RecordRef, out: &mut Vec<Violation>) {
    let id = &record.id;
    let funded = after
        .allocation
        .as_ref()
        .is_some_and(|a| a.lines.iter().any(|l| &l.initiative == id && l.amount > 0));
    if !funded && after.spend.contains_key(id) {
        out.push(Violation::new(
            Gate::Authority,
            format!("`{id}` is not funded by the allocation: actual spend is brought back for funded initiatives"),
        ));
    }
}

/// Why a decision of `kind` cannot be taken while the forum is in `phase`, if it cannot (a
/// command may ask before it does any work).
pub fn out_of_phase(kind: DecisionKind, phase: Phase) -> Option<String> {
    let def = super::definition(kind);
    (!def.phases.contains(&phase)).then(|| {
        format!(
            "{} is taken in {}; the forum is in {phase}{}",
            article(kind),
            phases(def.phases),
            frozen_hint(kind)
        )
    })
}

/// True when `after` is `before` with exactly one entry added at the end (a dated log that is
/// only ever appended to).
fn one_appended<T: PartialEq>(before: Option<Vec<T>>, after: Option<Vec<T>>) -> bool {
    let (old, new) = (before.unwrap_or_default(), after.unwrap_or_default());
    new.len() == old.len() + 1 && new[..old.len()] == old[..]
}
