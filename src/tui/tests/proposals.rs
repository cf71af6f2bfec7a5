//! The proposals inbox: receiving the list, the accept dialog, refusals, and its frames.

use super::*;
use crate::store::problem::Problem;
use crate::store::proposals::{Change, ChangedFile, FieldChange, OpenProposal, Pitch, Status};
use crate::tui::action::Action;
use crate::tui::app::DialogKind;
use crate::tui::keymap::{Context, lookup};
use crate::tui::msg::{Effect, Motion, Request};
use crate::tui::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use git2::Oid;

fn field(i: &str, f: &str, before: Option<&str>, after: Option<&str>) -> FieldChange {
    FieldChange {
        initiative: i.into(),
        field: f.into(),
        before: before.map(str::to_string),
        after: after.map(str::to_string),
    }
}

/// Three open proposals: a valid new one, an invalid remote one, a valid edit.
pub fn sample() -> Vec<OpenProposal> {
    let path = |silo: &str, id: &str| format!("forums/fy2027-cx/initiatives/{silo}/{id}.ron");
    let bad = path("marketing", "tv-ads");
    let errors = vec![
        Problem::error(&bad, "unknown priority `brand-love`")
            .at(5, 17)
            .with_hint("did you mean `billing-clarity`?"),
    ];
    vec![
        OpenProposal {
            branch: "proposal/support/refund-on-call".into(),
            refname: "refs/heads/proposal/support/refund-on-call".into(),
            remote: false,
            tip: Oid::from_str("1a2b3c4d5e6f1a2b3c4d5e6f1a2b3c4d5e6f1a2b").unwrap(),
            summary: "Propose refunds settled on the first call".into(),
            author: "Sam Okafor".into(),
            date: "2026-10-20".into(),
            silos: vec!["support".into()],
            changed: vec![ChangedFile {
                path: path("support", "refund-on-call"),
                change: Change::Added,
            }],
            status: Status::Valid,
            approvals: Vec::new(),
            problems: Vec::new(),
            fields: vec![
                field("refund-on-call", "cost", None, Some("EUR 60,000")),
                field(
                    "refund-on-call",
                    "addresses",
                    None,
                    Some("billing-clarity, first-contact"),
                ),
            ],
            pitches: vec![Pitch {
                initiative: "refund-on-call".into(),
                title: "Refunds settled on the first call".into(),
                owner: "sam".into(),
                summary: "Agents refund up to 200 euros without a supervisor.\nNo second call."
                    .into(),
            }],
        },
        OpenProposal {
            branch: "origin/proposal/marketing/tv-ads".into(),
            refname: "refs/remotes/origin/proposal/marketing/tv-ads".into(),
            remote: true,
            tip: Oid::from_str("9f8e7d6c5b4a9f8e7d6c5b4a9f8e7d6c5b4a9f8e").unwrap(),
            summary: "TV ads".into(),
            author: "Lee Marsh".into(),
            date: "2026-10-21".into(),
            silos: vec!["marketing".into()],
            changed: vec![ChangedFile {
                path: bad.clone(),
                change: Change::Added,
            }],
            status: Status::Invalid(errors.iter().map(ToString::to_string).collect()),
            approvals: Vec::new(),
            problems: errors,
            fields: vec![field("tv-ads", "cost", None, Some("EUR 900,000"))],
            pitches: Vec::new(),
        },
        OpenProposal {
            branch: "proposal/finance/dunning-cheaper".into(),
            refname: "refs/heads/proposal/finance/dunning-cheaper".into(),
            remote: false,
            tip: Oid::from_str("0123456789abcdef0123456789abcdef01234567").unwrap(),
            summary: "Friendly dunning costs less with the new vendor".into(),
            author: "Priya Nair".into(),
            date: "2026-10-22".into(),
            silos: vec!["finance".into()],
            changed: vec![ChangedFile {
                path: path("finance", "friendly-dunning"),
                change: Change::Modified,
            }],
            status: Status::Valid,
            approvals: Vec::new(),
            problems: vec![
                Problem::warning(path("finance", "friendly-dunning"), "the goal has no unit")
                    .at(9, 5),
            ],
            fields: vec![field(
                "friendly-dunning",
                "cost",
                Some("EUR 180,000"),
                Some("EUR 140,000"),
            )],
            pitches: Vec::new(),
        },
    ]
}

fn inbox(w: u16, h: u16) -> App {
    let mut a = app(w, h);
    update(&mut a, Msg::Proposals(Ok(sample())));
    a.screen = Screen::Proposals;
    a
}

fn act(app: &mut App, a: Action) -> Vec<Effect> {
    update(app, Msg::Action(a))
}

#[test]
fn the_list_arrives_and_the_cursor_stays_in_range() {
    let mut a = inbox(80, 24);
    assert_eq!(a.rows(Screen::Proposals), 3);
    act(&mut a, Action::PageDown);
    assert_eq!(a.sel(Screen::Proposals), 2);
    update(
        &mut a,
        Msg::Proposals(Ok(sample().into_iter().take(1).collect())),
    );
    assert_eq!(a.sel(Screen::Proposals), 0, "clamped to the shorter list");
    update(&mut a, Msg::Proposals(Err("HEAD is detached".into())));
    assert!(a.proposals.open.is_empty());
    assert_eq!(a.proposals.error.as_deref(), Some("HEAD is detached"));
    update(&mut a, Msg::Proposals(Ok(sample())));
    assert_eq!(a.proposals.error, None);
}

#[test]
fn a_accepts_a_valid_proposal_through_the_decision_dialog() {
    let mut a = inbox(100, 30);
    let key = KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE);
    assert_eq!(
        lookup(&a.keymap, Context::On(Screen::Proposals), key),
        Some(Action::Accept)
    );
    act(&mut a, Action::Accept);
    let d = a.dialog.clone().expect("the dialog opens");
    assert_eq!(
        d.kind,
        DialogKind::Decide(Motion::Accept {
            branch: "proposal/support/refund-on-call".into()
        })
    );
    assert_eq!(
        d.title,
        "Accept the proposal proposal/support/refund-on-call"
    );
    assert!(
        d.lines
            .iter()
            .any(|l| l.contains("refund-on-call.cost: — → EUR 60,000"))
    );
    // A reason is required, then the worker is asked.
    assert!(act(&mut a, Action::Confirm).is_empty());
    assert!(a.dialog.as_ref().unwrap().error.is_some());
    for c in "Fits billing clarity".chars() {
        act(&mut a, Action::Type(c));
    }
    let fx = act(&mut a, Action::Confirm);
    let [Effect::Send(Request::Decide(req))] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    assert_eq!(
        req.decision,
        Motion::Accept {
            branch: "proposal/support/refund-on-call".into()
        }
    );
    assert_eq!(req.reason, "Fits billing clarity");
    assert!(!req.by.is_empty());
    // The worker's answer closes the dialog and reloads (the list comes back without it).
    let fx = update(
        &mut a,
        Msg::Decided {
            commit: "abc1234".into(),
            summary: "Accept the proposal".into(),
        },
    );
    assert!(a.dialog.is_none());
    assert_eq!(fx, vec![Effect::Send(Request::Load)]);
}

#[test]
fn an_invalid_proposal_is_not_offered_for_acceptance() {
    let mut a = inbox(80, 24);
    act(&mut a, Action::Down);
    act(&mut a, Action::Accept);
    assert!(a.dialog.is_none());
    assert!(
        a.status
            .starts_with("Cannot accept origin/proposal/marketing/tv-ads: 1 problem(s)"),
        "{}",
        a.status
    );
    let mut empty = app(80, 24);
    empty.screen = Screen::Proposals;
    act(&mut empty, Action::Accept);
    assert_eq!(empty.status, "No open proposal to accept.");
    // A refusal from the store (say, the branch moved) lands in the dialog.
    let mut a = inbox(80, 24);
    act(&mut a, Action::Accept);
    update(&mut a, Msg::Refused("the forum changed".into()));
    assert_eq!(
        a.dialog.as_ref().unwrap().error.as_deref(),
        Some("the forum changed")
    );
}

#[test]
fn clicks_pick_proposal_rows() {
    for (w, h) in [(80u16, 24u16), (160, 45)] {
        let mut a = inbox(w, h);
        update(&mut a, Msg::Click { x: 3, y: 4 });
        assert_eq!(a.sel(Screen::Proposals), 1, "{w}x{h}");
    }
}

#[test]
fn inbox_frames() {
    for (w, h) in [(80u16, 24u16), (160, 45)] {
        let mut a = inbox(w, h);
        let term = render(&a, &Theme::dark());
        insta::assert_snapshot!(format!("proposals_inbox_{w}x{h}"), term.backend());
        act(&mut a, Action::Down);
        let term = render(&a, &Theme::dark());
        insta::assert_snapshot!(format!("proposals_invalid_{w}x{h}"), term.backend());
    }
}

/// The worker, on a real repository of the bundled forum: it lists the proposal branch after
/// a load, and an accept from the dialog becomes one merge commit.
#[test]
fn the_worker_lists_and_accepts_a_proposal_branch() {
    use crate::tui::msg::DecideRequest;
    use std::time::Duration;
    let repo = BundledRepo::new();
    let dir = &repo.dir;
    let git = |args: &[&str]| repo.git(args);
    git(&["switch", "-q", "-c", "proposal/support/refund-on-call"]);
    std::fs::write(
        dir.path()
            .join("forums/fy2027-cx/initiatives/support/refund-on-call.ron"),
        "Initiative(title: \"Refund on the call\", owner: \"sam\", cost: 60000, addresses: [\"billing-clarity\"])\n",
    )
    .unwrap();
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "Propose refunds on the call"]);
    git(&["switch", "-q", "main"]);

    let (tx, rx) = crate::tui::worker::spawn(dir.path().to_path_buf(), "fy2027-cx".into());
    let wait = |want: &dyn Fn(&Msg) -> bool| loop {
        let m = rx.recv_timeout(Duration::from_secs(60)).unwrap();
        if want(&m) {
            return m;
        }
    };
    tx.send(Request::Load).unwrap();
    let head = git(&["rev-parse", "HEAD"]).trim().to_string();
    let Msg::Proposals(Ok(list)) = wait(&|m| matches!(m, Msg::Proposals(_))) else {
        panic!("no list")
    };
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].branch, "proposal/support/refund-on-call");
    assert!(list[0].status.is_valid(), "{:?}", list[0].problems);
    let pitch = &list[0].pitches[..];
    assert_eq!(pitch.len(), 1, "{pitch:?}");
    assert_eq!(
        (
            pitch[0].initiative.as_str(),
            pitch[0].title.as_str(),
            pitch[0].owner.as_str()
        ),
        ("refund-on-call", "Refund on the call", "sam")
    );
    tx.send(Request::Decide(DecideRequest {
        decision: Motion::Accept {
            branch: "proposal/support/refund-on-call".into(),
        },
        by: "dana".into(),
        reason: "Fits billing clarity".into(),
        present: vec!["dana".into(), "sam".into()],
        seen: Some(head),
    }))
    .unwrap();
    let m = wait(&|m| matches!(m, Msg::Decided { .. } | Msg::Refused(_)));
    assert!(matches!(m, Msg::Decided { .. }), "{m:?}");
    let log = git(&["log", "-1", "--format=%P%n%B"]);
    assert_eq!(log.lines().next().unwrap().split(' ').count(), 2, "{log}");
    assert!(log.contains("Decision: accept"), "{log}");
    assert!(log.contains("Present: dana, sam"), "{log}");
    tx.send(Request::Load).unwrap();
    let Msg::Proposals(Ok(list)) = wait(&|m| matches!(m, Msg::Proposals(_))) else {
        panic!("no list")
    };
    assert!(list.is_empty(), "the accepted branch is merged");
}

/// Branch names, commit summaries, authors and problems come from other departments: none
/// of their control characters reaches a cell.
#[test]
fn hostile_proposals_draw_no_control_character() {
    use crate::domain::text::is_dangerous;
    let evil = |tag: &str| {
        let zalgo: String = std::iter::repeat_n('\u{0301}', 2_000).collect();
        format!("{tag}\x1b[31mred\x1b]52;c;aGk=\x07\u{202e}drow{zalgo}\r\n\t\u{9b}end")
    };
    let mut list = sample();
    for (i, p) in list.iter_mut().enumerate() {
        p.branch = evil("branch");
        p.summary = evil("summary");
        p.author = evil("author");
        p.date = evil("date");
        p.silos = vec![evil("silo")];
        for c in &mut p.changed {
            c.path = evil("path");
        }
        for f in &mut p.fields {
            f.initiative = evil("ini");
            f.before = Some(evil("before"));
            f.after = Some(evil("after"));
        }
        if i > 0 {
            p.problems
                .push(Problem::error(evil("p"), evil("message")).with_hint(evil("hint")));
        }
    }
    for (w, h) in [(80u16, 24u16), (160, 45)] {
        for row in 0..3 {
            let mut a = app(w, h);
            update(&mut a, Msg::Proposals(Ok(list.clone())));
            a.screen = Screen::Proposals;
            a.cursor.insert(Screen::Proposals.title(), row);
            act(&mut a, Action::Accept);
            assert_eq!(a.dialog.is_some(), row != 1, "a valid one opens the dialog");
            let term = render(&a, &Theme::dark());
            for cell in term.backend().buffer().content() {
                assert!(
                    !cell.symbol().chars().any(is_dangerous),
                    "{w}x{h} row {row}: {:?}",
                    cell.symbol()
                );
            }
        }
    }
}
