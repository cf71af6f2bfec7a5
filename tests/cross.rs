//! Cross-company work on forums the tests build: the one-silo warning, customer sessions,
//! action items as decisions (refusals and tampering caught by `verify`), minutes and agenda.

use crate::history::Forum;

#[test]
fn a_ranked_priority_served_by_one_silo_is_warned_about() {
    let f = Forum::new("Ranking");
    f.ok(&[
        "rank",
        "--by",
        "dana",
        "--reason",
        "the room",
        "--present",
        "dana,sam",
    ]);
    let out = f.ok(&["check"]);
    // p1 is served by cx and support; p2 only by support (chatbot); none serve nothing.
    assert!(
        out.contains("priorities/p2.ron:1:1: warning: this ranked priority is served by one silo only, `support`"),
        "{out}"
    );
    assert!(
        !out.contains("priorities/p1.ron:1:1: warning: this ranked"),
        "{out}"
    );
    // support contributing to cx's journey, which addresses p3 and p1, does not serve p2;
    // a cx contribution to the chatbot does.
    f.write(
        "initiatives/support/chatbot.ron",
        r#"Initiative(title: "Chatbot", owner: "sam", cost: 200, addresses: ["p2", "p3"], contributions: [Contribution(silo: "cx", cost: 50)])"#,
    );
    let out = f.ok(&["check"]);
    assert!(!out.contains("served by one silo"), "{out}");
}

#[test]
fn contributions_are_checked() {
    let f = Forum::new("Scoring");
    f.write(
        "initiatives/support/chatbot.ron",
        r#"Initiative(title: "Chatbot", owner: "sam", cost: 200, contributions: [Contribution(silo: "support", cost: 50), Contribution(silo: "biling", cost: 500)])"#,
    );
    let out = f.fails(&["check"]);
    assert!(
        out.contains("`support` leads this initiative and cannot also contribute to it"),
        "{out}"
    );
    assert!(out.contains("unknown silo `biling`"), "{out}");
    assert!(
        out.contains("the contributions add up to 550, more than the cost of 200"),
        "{out}"
    );
}

const SESSION: &str = r#"Evidence(
    kind: CustomerSession,
    title: "Planning session with a 40-person accounting firm",
    session: Some(Session(
        organisation: "40-person accounting firm",
        role: "finance lead",
        agenda: ["Their last hard moment with us", "Our open questions"],
        questions: [
            Question(question: "Does billing surprise you?", answer: "Every quarter."),
        ],
        informs: ["p2"],
    )),
)
"#;

#[test]
fn session_new_writes_a_template_with_the_open_questions() {
    let f = Forum::new("Priorities");
    let out = f.ok(&[
        "session",
        "new",
        "acme-session",
        "--organisation",
        "A 40-person accounting firm",
        "--role",
        "finance lead",
    ]);
    let e: roundtable::domain::records::Evidence = ron::from_str(&out).unwrap();
    assert_eq!(
        e.kind,
        roundtable::domain::records::EvidenceKind::CustomerSession
    );
    let session = e.session.unwrap();
    assert_eq!(session.organisation, "A 40-person accounting firm");
    // Every priority cites one piece of evidence: all three are weak and asked about.
    assert_eq!(session.informs.len(), 3, "{out}");
    assert!(
        session
            .questions
            .iter()
            .any(|q| q.question.contains("\"Billing\"") && q.answer.is_empty()),
        "{out}"
    );
    // Unanswered questions are warnings; a session with its answers is clean.
    f.write("evidence/acme-session.ron", &out);
    let check = f.ok(&["check"]);
    assert!(check.contains("warning: no answer yet to"), "{check}");
    f.write("evidence/acme-session.ron", SESSION);
    let check = f.ok(&["check"]);
    assert!(!check.contains("acme-session"), "{check}");
}

#[test]
fn a_customer_session_validates_and_is_recorded_as_evidence() {
    let f = Forum::new("Priorities");
    let path = f.path().join("session.ron");
    std::fs::write(&path, SESSION).unwrap();
    f.ok(&[
        "evidence",
        "add",
        "acme-session",
        "--file",
        path.to_str().unwrap(),
        "--by",
        "sam",
    ]);
    std::fs::remove_file(&path).unwrap();
    f.ok(&["verify"]);
    // A session missing who came, informing an unknown priority, and a session on the
    // wrong kind, are errors at their place.
    f.write(
        "evidence/acme-session.ron",
        &SESSION
            .replace("\"finance lead\"", "\"\"")
            .replace("[\"p2\"]", "[\"p9\"]"),
    );
    f.write(
        "evidence/loss.ron",
        r#"Evidence(kind: LossReview, title: "Loss review", session: Some(Session(organisation: "x", role: "y")))"#,
    );
    let out = f.fails(&["check"]);
    assert!(
        out.contains("evidence/acme-session.ron:6:15: error: the session names no role"),
        "{out}"
    );
    assert!(out.contains("unknown priority `p9`"), "{out}");
    assert!(
        out.contains("`session` belongs to a CustomerSession, not to LossReview"),
        "{out}"
    );
}

#[test]
fn a_customer_member_observes() {
    let f = Forum::new("Priorities");
    let forum = std::fs::read_to_string(f.file("forum.ron")).unwrap().replace(
        "    ],\n)",
        "        Member(id: \"cora\", name: \"Cora\", email: \"cora@client.example\", silo: \"cx\", role: Member, customer: true),\n    ],\n)",
    );
    f.write("forum.ron", &forum);
    let out = f.fails(&["check"]);
    assert!(
        out.contains("`cora` is a customer and must be an Observer"),
        "{out}"
    );
    f.write(
        "forum.ron",
        &forum.replace("role: Member, customer", "role: Observer, customer"),
    );
    f.ok(&["check"]);
}

#[test]
fn action_items_open_and_close_as_decisions_and_appear_in_the_minutes() {
    let f = Forum::new("Ranking");
    f.ok(&[
        "action",
        "add",
        "crm-cost",
        "--owner",
        "sam",
        "--due",
        "2026-01-20",
        "--text",
        "The revised CRM cost",
        "--by",
        "dana",
        "--present",
        "dana,sam",
    ]);
    let m = f.head_message();
    assert_eq!(m.trailers.decision.as_deref(), Some("action"));
    assert_eq!(
        m.summary,
        "Action for sam by 2026-01-20: The revised CRM cost"
    );
    let minutes = f.ok(&["minutes"]);
    assert!(
        minutes.contains(
            "- [ ] Sam Okafor brings The revised CRM cost by 2026-01-20 · **past due** (`crm-cost`)"
        ),
        "{minutes}"
    );
    // The agenda of a later day names it as late.
    let agenda = f.ok(&["agenda", "--date", "2026-02-03"]);
    assert!(agenda.contains("Actions past their date:"), "{agenda}");
    assert!(
        agenda.contains("sam brings The revised CRM cost (due 2026-01-20"),
        "{agenda}"
    );
    assert!(agenda.contains("Advance to Scoring"), "{agenda}");
    assert!(agenda.contains("Rank the priorities"), "{agenda}");
    // Closing: not by another member, but by its owner.
    f.write(
        "forum.ron",
        &std::fs::read_to_string(f.file("forum.ron")).unwrap().replace(
            "    ],\n)",
            "        Member(id: \"lee\", name: \"Lee\", email: \"lee@example.com\", silo: \"cx\"),\n    ],\n)",
        ),
    );
    f.ok(&["edit", "--by", "dana", "--reason", "Lee joins"]);
    let out = f.fails(&[
        "action",
        "close",
        "crm-cost",
        "--by",
        "lee",
        "--on",
        "2026-01-19",
    ]);
    assert!(out.contains("`lee` may not close `crm-cost`"), "{out}");
    f.ok(&[
        "action",
        "close",
        "crm-cost",
        "--note",
        "Down ten percent",
        "--on",
        "2026-01-19",
        "--by",
        "sam",
    ]);
    assert_eq!(
        f.head_message().trailers.decision.as_deref(),
        Some("close-action")
    );
    let minutes = f.ok(&["minutes"]);
    assert!(
        minutes.contains("- [x] Sam Okafor brought The revised CRM cost (closed 2026-01-19: Down ten percent) (`crm-cost`)"),
        "{minutes}"
    );
    let agenda = f.ok(&["agenda", "--date", "2026-02-03"]);
    assert!(!agenda.contains("past their date"), "{agenda}");
    f.ok(&["verify"]);
    let out = f.fails(&["action", "close", "crm-cost", "--by", "sam"]);
    assert!(out.contains("is closed already"), "{out}");
}

#[test]
fn verify_refuses_tampered_action_decisions() {
    // An `action` commit that records the item already closed.
    let f = Forum::new("Ranking");
    f.write(
        "actions/crm-cost.ron",
        r#"ActionItem(owner: "sam", due: "2026-01-20", text: "CRM cost", closed: Some(Closing(on: "2026-01-19")))"#,
    );
    f.hand_commit("Action\n\nForum: f\nDecision: action\nDecided-By: dana\nPresent: dana\n");
    let out = f.fails(&["verify"]);
    assert!(out.contains("is recorded closed"), "{out}");

    // A `close-action` that also rewrites the text.
    let f = Forum::new("Ranking");
    f.ok(&[
        "action",
        "add",
        "crm-cost",
        "--owner",
        "sam",
        "--due",
        "2026-01-20",
        "--text",
        "CRM cost",
        "--by",
        "dana",
    ]);
    f.write(
        "actions/crm-cost.ron",
        r#"ActionItem(owner: "sam", due: "2026-01-20", text: "Something easier", closed: Some(Closing(on: "2026-01-19")))"#,
    );
    f.hand_commit("Close\n\nForum: f\nDecision: close-action\nDecided-By: sam\nPresent: sam\n");
    let out = f.fails(&["verify"]);
    assert!(
        out.contains("closing `crm-cost` may not change its owner, date or text"),
        "{out}"
    );

    // A bad date is refused before anything is written.
    let f = Forum::new("Ranking");
    let out = f.fails(&[
        "action", "add", "x", "--owner", "sam", "--due", "3 Dec", "--text", "t", "--by", "dana",
    ]);
    assert!(out.contains("`3 Dec` is not a date"), "{out}");
}

#[test]
fn audit_and_brief_show_a_shared_initiatives_split() {
    let f = Forum::new("Ranking");
    f.write(
        "initiatives/support/chatbot.ron",
        r#"Initiative(title: "Chatbot", owner: "sam", cost: 200, addresses: ["p2", "p3"], contributions: [Contribution(silo: "cx", cost: 50)])"#,
    );
    f.commit_all("A shared chatbot, set up by hand");
    let audit = f.ok(&["audit", "chatbot"]);
    assert!(
        audit.contains("Shared: support EUR 150 · cx EUR 50"),
        "{audit}"
    );
    let brief = f.ok(&["report", "--format", "md"]);
    assert!(
        brief.contains("Shared: `chatbot` — support 150 · cx 50."),
        "{brief}"
    );
    assert!(
        brief.contains("of the allocation (EUR ")
            && brief.contains("goes to initiatives that two or more silos share"),
        "{brief}"
    );
    assert!(brief.contains("### Who serves each priority"), "{brief}");
    // p2 is served by the chatbot alone, now shared by support and cx: two silos.
    let row = brief
        .lines()
        .find(|l| l.starts_with("| Billing |"))
        .unwrap_or_default()
        .to_string();
    assert!(!row.contains("⚠"), "{row}");
    assert!(!row.contains("·"), "{row}");
}

#[test]
fn a_customer_is_present_in_the_minutes_but_not_part_of_the_quorum() {
    let f = Forum::new("Ranking");
    let forum = std::fs::read_to_string(f.file("forum.ron"))
        .unwrap()
        .replace(
            "    ],\n)",
            "        Member(id: \"cora\", name: \"Cora Lind\", email: \"cora@client.example\", silo: \"cx\", role: Observer, customer: true),\n    ],\n    quorum: Some(2),\n)",
        );
    f.write("forum.ron", &forum);
    f.ok(&[
        "edit",
        "--by",
        "dana",
        "--reason",
        "Cora from a client firm sits in; quorum of two",
    ]);
    let out = f.fails(&[
        "rank",
        "--by",
        "dana",
        "--reason",
        "the room",
        "--present",
        "dana,cora",
    ]);
    assert!(
        out.contains("needs a quorum of 2 members present; 1 was present"),
        "{out}"
    );
    f.ok(&[
        "rank",
        "--by",
        "dana",
        "--reason",
        "the room",
        "--present",
        "dana,sam,cora",
    ]);
    let minutes = f.ok(&["minutes"]);
    assert!(
        minutes.contains("- Cora Lind (`cora`), customer (observer)"),
        "{minutes}"
    );
    f.ok(&["verify"]);
}
