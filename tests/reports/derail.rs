//! A budget cut after the allocation (derailments): `whatif` against what the forum agreed,
//! `rebudget` as one decision that `verify` accepts with the mandatory initiative intact, the
//! audit of a dropped initiative naming the allocation that funded it, and the refusals.

use super::common::{Forum, ok, refused, run};
use serde_json::Value;

/// The bundled forum advanced to Allocation with the rule's allocation recorded, and the
/// allocation commit's short hash.
pub(super) fn allocated() -> (Forum, String) {
    let f = Forum::new();
    ok(
        &f,
        &[
            "advance",
            "--by",
            "dana",
            "--reason",
            "Scored",
            "--present",
            "dana,sam",
        ],
    );
    ok(
        &f,
        &["allocate", "--by", "dana", "--reason", "As the rule says"],
    );
    let commit = f
        .git(&["rev-parse", "--short=7", "HEAD"])
        .trim()
        .to_string();
    (f, commit)
}

fn allocation(f: &Forum) -> String {
    std::fs::read_to_string(f.path().join("forums/fy2027-cx/allocation.ron")).unwrap()
}

#[test]
fn whatif_compares_with_the_standing_allocation_and_rebudget_is_one_verified_decision() {
    let (f, allocate) = allocated();
    let before = allocation(&f);

    // whatif: the drops are lines the forum funded, the additions lines it did not.
    let json: Value =
        serde_json::from_str(&ok(&f, &["whatif", "--cut", "15", "--format", "json"])).unwrap();
    assert_eq!(json["against"], "standing allocation", "{json}");
    let dropped: Vec<&str> = json["dropped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(!dropped.is_empty(), "{json}");
    for id in &dropped {
        assert!(
            before.contains(&format!("initiative: \"{id}\"")),
            "{id} was funded"
        );
    }
    for id in json["added"].as_array().unwrap() {
        let id = id.as_str().unwrap();
        assert!(
            !before.contains(&format!("initiative: \"{id}\"")),
            "{id} was not funded"
        );
    }
    assert!(json["base_cost"].as_u64().unwrap() > json["total_cost"].as_u64().unwrap());

    // budget alone is refused while an allocation stands, pointing to rebudget.
    let err = refused(
        &f,
        &["budget", "2040000", "--by", "dana", "--reason", "cut"],
    );
    assert!(err.contains("the standing allocation totals EUR"), "{err}");
    assert!(err.contains("roundtable rebudget 2040000"), "{err}");
    // Only a facilitator rebudgets.
    let err = refused(
        &f,
        &["rebudget", "2040000", "--by", "sam", "--reason", "cut"],
    );
    assert!(err.contains("facilitator"), "{err}");

    let out = ok(
        &f,
        &[
            "rebudget",
            "2040000",
            "--by",
            "dana",
            "--reason",
            "Finance cut 15% in March",
        ],
    );
    assert!(
        out.contains("Rebudget from EUR 2,400,000 to EUR 2,040,000"),
        "{out}"
    );
    let message = f.git(&["log", "-1", "--format=%B"]);
    assert!(message.contains("Decision: rebudget"), "{message}");
    for id in &dropped {
        assert!(
            message.contains(&format!("({id}, ")),
            "{id} listed as dropped: {message}"
        );
    }
    assert_eq!(
        f.git(&["show", "--format=", "--name-only", "HEAD"])
            .lines()
            .count(),
        2,
        "forum.ron and allocation.ron in one commit"
    );
    let after = allocation(&f);
    assert!(after.contains("budget: 2040000"), "{after}");
    // The mandatory initiative is still funded.
    assert!(
        after.contains("initiative: \"einvoicing-de-fr\""),
        "{after}"
    );
    let verified = ok(&f, &["verify"]);
    assert!(verified.contains("every gate holds"), "{verified}");
    ok(&f, &["check"]);

    // The audit of a dropped initiative names the allocation that had funded it.
    let audit = ok(&f, &["audit", dropped[0]]);
    assert!(audit.contains(&allocate), "{audit}");
    assert!(audit.contains("rebudget"), "{audit}");

    // Closed: rebudget still works; a plain allocate does not.
    ok(
        &f,
        &[
            "advance",
            "--by",
            "dana",
            "--reason",
            "Plan agreed",
            "--present",
            "dana,sam",
        ],
    );
    let err = refused(&f, &["allocate", "--by", "dana", "--reason", "again"]);
    assert!(err.contains("Closed") || err.contains("closed"), "{err}");
    ok(
        &f,
        &[
            "rebudget",
            "2400000",
            "--by",
            "dana",
            "--reason",
            "The cut is reversed",
        ],
    );
    let verified = ok(&f, &["verify"]);
    assert!(verified.contains("every gate holds"), "{verified}");
}

#[test]
fn rebudget_before_the_allocation_is_refused_with_the_way_forward() {
    let f = Forum::new();
    let err = refused(
        &f,
        &["rebudget", "2000000", "--by", "dana", "--reason", "cut"],
    );
    assert!(err.contains("there is no allocation yet"), "{err}");
    assert!(err.contains("roundtable budget"), "{err}");
}

#[test]
fn an_allocation_changed_in_closed_under_another_kind_is_named_by_verify() {
    let (f, _) = allocated();
    ok(
        &f,
        &[
            "advance",
            "--by",
            "dana",
            "--reason",
            "Plan agreed",
            "--present",
            "dana,sam",
        ],
    );
    let text = allocation(&f);
    let lines = text.replacen("amount: 312000", "amount: 300000", 1);
    assert_ne!(lines, text, "the test changes a line");
    f.write("forums/fy2027-cx/allocation.ron", &lines);
    f.git(&["add", "-A"]);
    f.git(&[
        "commit", "-q", "-m",
        "Trim e-invoicing\n\nQuietly.\n\nForum: fy2027-cx\nDecision: allocate\nDecided-By: dana\nPresent: dana\n",
    ]);
    let (code, out, err) = run(&f, &["verify"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("[authority]") || out.contains("[allocation-phase]"),
        "{out}"
    );
}

#[test]
fn changes_lists_the_cut_its_drops_and_the_people_since_the_plan_was_agreed() {
    let (f, allocate) = allocated();
    assert!(ok(&f, &["changes", "--since", "HEAD"]).contains("No changes"));
    ok(
        &f,
        &[
            "rebudget",
            "2040000",
            "--by",
            "dana",
            "--reason",
            "Finance cut 15%",
        ],
    );
    ok(
        &f,
        &[
            "member",
            "add",
            "ana",
            "--name",
            "Ana Silva",
            "--email",
            "ana@example.com",
            "--silo",
            "sales",
            "--by",
            "dana",
            "--reason",
            "A new sales lead",
        ],
    );
    let out = ok(&f, &["changes"]);
    assert!(
        out.starts_with(&allocate),
        "from the plan's allocation: {out}"
    );
    assert!(
        out.contains("budget: EUR 2,400,000 → EUR 2,040,000"),
        "{out}"
    );
    assert!(out.contains("why: Finance cut 15%"), "{out}");
    assert!(out.contains("    dropped: "), "{out}");
    assert!(out.contains("joined: Ana Silva (ana, sales)"), "{out}");
    let err = refused(&f, &["changes", "--since", "nowhere"]);
    assert!(err.contains("neither a revision nor a day"), "{err}");
}

#[test]
fn a_new_leader_endorses_or_challenges_and_the_forum_answers() {
    let (f, _) = allocated();
    ok(
        &f,
        &[
            "member",
            "add",
            "nina",
            "--name",
            "Nina Berg",
            "--email",
            "nina@example.com",
            "--silo",
            "finance",
            "--by",
            "dana",
            "--reason",
            "The new CFO joins",
        ],
    );
    let out = ok(
        &f,
        &[
            "endorse",
            "--challenge",
            "--by",
            "nina",
            "--reason",
            "Why does IT get nothing while churn is an onboarding problem?",
        ],
    );
    assert!(out.contains("Open question on the Overview"), "{out}");
    let message = f.git(&["log", "-1", "--format=%B"]);
    assert!(
        message.starts_with("Nina Berg challenges the plan"),
        "{message}"
    );
    assert!(message.contains("Decision: endorse"), "{message}");
    let file = f.git(&["show", "--format=", "--name-only", "HEAD"]);
    let id = file
        .trim()
        .rsplit('/')
        .next()
        .unwrap()
        .trim_end_matches(".ron")
        .to_string();
    assert!(id.starts_with("nina-"), "{file}");

    // Nobody speaks for someone else; only a facilitator answers for the forum.
    let err = refused(
        &f,
        &["endorse", "--answer", &id, "--by", "sam", "--reason", "no"],
    );
    assert!(err.contains("a facilitator answers for the forum"), "{err}");
    let err = refused(
        &f,
        &[
            "endorse", "--answer", "nobody", "--by", "dana", "--reason", "x",
        ],
    );
    assert!(err.contains(&format!("open challenges: {id}")), "{err}");
    ok(
        &f,
        &[
            "endorse",
            "--answer",
            &id,
            "--by",
            "dana",
            "--reason",
            "IT's consolidation is next year's first line; the onboarding work is what churn needs now",
        ],
    );
    let answered = f.git(&["log", "-1", "--format=%s"]);
    assert!(
        answered.contains("Answer nina's challenge of the plan"),
        "{answered}"
    );
    ok(
        &f,
        &[
            "endorse",
            "--by",
            "sam",
            "--reason",
            "Briefed; I endorse the plan",
        ],
    );
    ok(&f, &["check"]);
    assert!(ok(&f, &["verify"]).contains("every gate holds"));

    // A hand-written endorsement in someone else's name is named by verify.
    f.write(
        "forums/fy2027-cx/endorsements/tom-forged.ron",
        "Endorsement(member: \"tom\", on: \"2027-04-01\", text: \"All good\")",
    );
    f.git(&["add", "-A"]);
    f.git(&["commit", "-q", "-m",
        "Tom endorses\n\nOK.\n\nForum: fy2027-cx\nDecision: endorse\nDecided-By: sam\nPresent: sam\n"]);
    let (code, out, _) = run(&f, &["verify"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("each member speaks for themself"), "{out}");
}

#[test]
fn a_ratified_defence_plan_is_followed_by_whatif_and_rebudget_and_each_departure_explained() {
    let (f, _) = allocated();
    // The rule drops bank-feed-resilience at a 15% cut (see the whatif above); the forum
    // protects it and cuts the dashboard first.
    let rule: Value =
        serde_json::from_str(&ok(&f, &["whatif", "--cut", "15", "--format", "json"])).unwrap();
    assert!(
        rule["dropped"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v == "bank-feed-resilience"),
        "{rule}"
    );
    let err = refused(
        &f,
        &[
            "defence",
            "--protect",
            "bank-feed-resilience",
            "--by",
            "sam",
            "--reason",
            "x",
        ],
    );
    assert!(err.contains("facilitator"), "{err}");
    let err = refused(
        &f,
        &[
            "defence",
            "--protect",
            "bank-feed-resilence",
            "--by",
            "dana",
            "--reason",
            "x",
        ],
    );
    assert!(
        err.contains("did you mean `bank-feed-resilience`?"),
        "{err}"
    );
    ok(
        &f,
        &[
            "defence",
            "--protect",
            "bank-feed-resilience",
            "--cut-order",
            "journey-dashboard",
            "--by",
            "dana",
            "--reason",
            "Agreed before the cut",
            "--present",
            "dana,sam",
        ],
    );
    assert!(
        f.git(&["log", "-1", "--format=%B"])
            .contains("Decision: defence")
    );

    let json: Value =
        serde_json::from_str(&ok(&f, &["whatif", "--cut", "15", "--format", "json"])).unwrap();
    let plan = &json["defence"];
    let dropped: Vec<&str> = plan["dropped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        dropped.first(),
        Some(&"journey-dashboard"),
        "cut order first: {json}"
    );
    assert!(
        !dropped.contains(&"bank-feed-resilience"),
        "protected: {json}"
    );
    assert!(plan["fits"].as_bool().unwrap());

    ok(
        &f,
        &[
            "rebudget",
            "2040000",
            "--by",
            "dana",
            "--reason",
            "The cut came",
            "--present",
            "dana,sam",
        ],
    );
    let message = f.git(&["log", "-1", "--format=%B"]);
    assert!(message.contains("following the defence plan"), "{message}");
    assert!(
        message.contains("Departs from the rule: bank-feed-resilience — defence plan: protected"),
        "{message}"
    );
    let allocation = allocation(&f);
    assert!(
        allocation.contains("initiative: \"bank-feed-resilience\""),
        "{allocation}"
    );
    assert!(
        allocation.contains("defence plan: protected"),
        "{allocation}"
    );
    assert!(ok(&f, &["verify"]).contains("every gate holds"));
    ok(&f, &["check"]);
}

#[test]
fn the_defence_plan_changes_only_by_its_own_decision() {
    let (f, _) = allocated();
    let path = "forums/fy2027-cx/forum.ron";
    let text = std::fs::read_to_string(f.path().join(path)).unwrap();
    let edited = text.trim_end().trim_end_matches(')').to_string()
        + "    defence: Some(Defence(protected: [\"guided-setup\"])),\n)\n";
    f.write(path, &edited);
    f.git(&["add", "-A"]);
    f.git(&[
        "commit",
        "-q",
        "-m",
        "Settings\n\nTidy.\n\nForum: fy2027-cx\nDecision: edit\nDecided-By: dana\nPresent: dana\n",
    ]);
    let (code, out, _) = run(&f, &["verify"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("may not change the defence plan: that takes defence"),
        "{out}"
    );
}

#[test]
fn a_silo_brings_evidence_by_pull_request_while_the_forum_gathers_it() {
    let f = Forum::new();
    f.git(&["switch", "-q", "-c", "proposal/marketing/review-sites"]);
    f.write(
        "forums/fy2027-cx/evidence/review-sites-2026.ron",
        "Evidence(kind: SocialListening, title: \"Review sites, autumn\", period: \"2026-10\", source: \"Trustpilot export\", summary: \"Setup is the top complaint.\", metrics: [])",
    );
    f.git(&["add", "-A"]);
    f.git(&["commit", "-q", "-m", "Bring evidence: review sites"]);
    f.git(&["switch", "-q", "main"]);
    let rev = "proposal/marketing/review-sites";
    // In Scoring the evidence is closed: check --proposal says so at the file.
    let (code, out, err) = run(&f, &["check", "--proposal", "--base", "main", "--rev", rev]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        (out.clone() + &err).contains(
            "evidence is brought while the forum is in Evidence or Priorities; it is in Scoring"
        ),
        "{out}{err}"
    );
    // Reopened to Priorities, it is a valid proposal and accepted as a decision.
    ok(
        &f,
        &[
            "reopen",
            "--to",
            "Priorities",
            "--by",
            "dana",
            "--reason",
            "New evidence came in",
            "--present",
            "dana,sam",
        ],
    );
    ok(&f, &["check", "--proposal", "--base", "main", "--rev", rev]);
    let listed = ok(&f, &["proposals"]);
    assert!(listed.contains(rev), "{listed}");
    ok(
        &f,
        &[
            "accept",
            rev,
            "--by",
            "dana",
            "--reason",
            "Marketing's review-site data",
        ],
    );
    let subject = f.git(&["log", "-1", "--format=%s"]);
    assert!(
        subject.contains("Accept evidence: Review sites, autumn from marketing"),
        "{subject}"
    );
    assert!(
        f.path()
            .join("forums/fy2027-cx/evidence/review-sites-2026.ron")
            .exists()
    );
    assert!(ok(&f, &["verify"]).contains("every gate holds"));
}

/// After the plan (delivery): a funded initiative's status is one `progress` decision by its
/// silo's lead or a facilitator; refused before the allocation, for an unfunded initiative,
/// or by someone else; a hand edit of the file is named by verify.
#[test]
fn a_funded_initiatives_status_is_a_progress_decision_by_its_silos_lead() {
    let f = Forum::new();
    let err = refused(
        &f,
        &[
            "status",
            "guided-setup",
            "started",
            "--by",
            "lee",
            "--note",
            "Kick-off",
        ],
    );
    assert!(
        err.contains("a progress decision is taken in Allocation or Closed"),
        "{err}"
    );
    let (f, _) = allocated();
    let allocation = allocation(&f);
    assert!(
        allocation.contains("initiative: \"guided-setup\""),
        "{allocation}"
    );
    // lee leads product, the silo of guided-setup; sam does not.
    let err = refused(
        &f,
        &[
            "status",
            "guided-setup",
            "started",
            "--by",
            "sam",
            "--note",
            "x",
        ],
    );
    assert!(
        err.contains("its silo's lead `lee` or a facilitator does"),
        "{err}"
    );
    let err = refused(&f, &["status", "guided-setup", "half-done", "--by", "lee"]);
    assert!(
        err.contains("one of planned, started, at-risk, delivered, stopped"),
        "{err}"
    );
    ok(
        &f,
        &[
            "status",
            "guided-setup",
            "started",
            "--on",
            "2027-01-15",
            "--by",
            "lee",
            "--note",
            "Team staffed",
        ],
    );
    ok(
        &f,
        &[
            "status",
            "guided-setup",
            "at-risk",
            "--on",
            "2027-03-01",
            "--by",
            "dana",
            "--note",
            "Import partner late",
        ],
    );
    let message = f.git(&["log", "-1", "--format=%B"]);
    assert!(message.contains("Decision: progress"), "{message}");
    assert!(
        message.starts_with("Guided setup: first invoice in 20 minutes: at-risk (2027-03-01)"),
        "{message}"
    );
    let file = std::fs::read_to_string(f.path().join("forums/fy2027-cx/delivery/guided-setup.ron"))
        .unwrap();
    assert!(
        file.contains("status: Started") && file.contains("status: AtRisk"),
        "{file}"
    );
    // Not funded: no status.
    let unfunded = [
        "crm-consolidation",
        "team-and-payroll",
        "status-page-automation",
    ]
    .into_iter()
    .find(|id| !allocation.contains(&format!("initiative: \"{id}\"")))
    .unwrap();
    let err = refused(&f, &["status", unfunded, "started", "--by", "dana"]);
    assert!(
        err.contains("is not funded by the standing allocation"),
        "{err}"
    );
    assert!(ok(&f, &["verify"]).contains("every gate holds"));
    ok(&f, &["check"]);

    // Rewriting the history of a status by hand is named.
    let path = "forums/fy2027-cx/delivery/guided-setup.ron";
    let text = std::fs::read_to_string(f.path().join(path)).unwrap();
    f.write(path, &text.replace("Import partner late", "All fine"));
    f.git(&["add", "-A"]);
    f.git(&[
        "commit",
        "-q",
        "-m",
        "Tidy\n\nx\n\nForum: fy2027-cx\nDecision: progress\nDecided-By: dana\nPresent: dana\n",
    ]);
    let (code, out, _) = run(&f, &["verify"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("the ones before it stay as they were"),
        "{out}"
    );
}

/// After the plan: a reading of a priority's goal is one `measure` decision; a target without
/// a goal, or before the allocation, is refused; rewriting an earlier reading is named.
#[test]
fn a_reading_of_a_goal_is_a_measure_decision() {
    let f = Forum::new();
    let err = refused(
        &f,
        &[
            "measure",
            "first-30-days",
            "9.1",
            "--date",
            "2027-02-01",
            "--by",
            "sam",
        ],
    );
    assert!(
        err.contains("a measure decision is taken in Allocation or Closed"),
        "{err}"
    );
    let (f, _) = allocated();
    ok(
        &f,
        &[
            "measure",
            "first-30-days",
            "9.1",
            "--date",
            "2027-02-01",
            "--by",
            "sam",
            "--source",
            "CRM export",
        ],
    );
    ok(
        &f,
        &[
            "measure",
            "first-30-days",
            "8.4",
            "--date",
            "2027-04-01",
            "--by",
            "dana",
        ],
    );
    let message = f.git(&["log", "-1", "--format=%B"]);
    assert!(message.contains("Decision: measure"), "{message}");
    assert!(
        message.starts_with("Measure first-30-days: 8.4 % on 2027-04-01 (goal 9.8 → 6.5)"),
        "{message}"
    );
    let err = refused(
        &f,
        &[
            "measure",
            "first-30-dayz",
            "1",
            "--date",
            "2027-04-01",
            "--by",
            "dana",
        ],
    );
    assert!(err.contains("did you mean `first-30-days`?"), "{err}");
    let err = refused(
        &f,
        &[
            "measure",
            "first-30-days",
            "1",
            "--date",
            "April",
            "--by",
            "dana",
        ],
    );
    assert!(err.contains("`April` is not a day"), "{err}");
    assert!(ok(&f, &["verify"]).contains("every gate holds"));
    ok(&f, &["check"]);
    let path = "forums/fy2027-cx/readings/first-30-days.ron";
    let text = std::fs::read_to_string(f.path().join(path)).unwrap();
    f.write(path, &text.replace("9.1", "7.0"));
    f.git(&["add", "-A"]);
    f.git(&[
        "commit",
        "-q",
        "-m",
        "Fix\n\nx\n\nForum: fy2027-cx\nDecision: measure\nDecided-By: dana\nPresent: dana\n",
    ]);
    let (code, out, _) = run(&f, &["verify"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("the ones before it stay as they were"),
        "{out}"
    );
}

#[test]
fn results_show_each_goal_from_baseline_to_target_with_status_and_flags() {
    let (f, _) = allocated();
    ok(
        &f,
        &[
            "measure",
            "first-30-days",
            "8.15",
            "--date",
            "2027-04-01",
            "--by",
            "dana",
        ],
    );
    ok(
        &f,
        &[
            "status",
            "guided-setup",
            "delivered",
            "--on",
            "2027-03-01",
            "--by",
            "lee",
            "--note",
            "Shipped",
        ],
    );
    let json: Value = serde_json::from_str(&ok(
        &f,
        &["results", "--format", "json", "--today", "2027-05-01"],
    ))
    .unwrap();
    let rows = json["results"].as_array().unwrap();
    let p = rows.iter().find(|r| r["id"] == "first-30-days").unwrap();
    assert_eq!(p["baseline"], 9.8);
    assert_eq!(p["latest"], 8.15);
    assert_eq!(p["target"], 6.5);
    assert!((p["progress"].as_f64().unwrap() - 0.5).abs() < 1e-9, "{p}");
    // Every funded initiative is there, with its status and flags.
    let allocation = allocation(&f);
    let funded = allocation.matches("amount: ").count();
    assert_eq!(
        rows.iter().filter(|r| r["kind"] == "initiative").count(),
        funded,
        "{json}"
    );
    let g = rows.iter().find(|r| r["id"] == "guided-setup").unwrap();
    assert_eq!(g["status"], "delivered");
    let others = rows
        .iter()
        .find(|r| r["kind"] == "initiative" && r["id"] != "guided-setup")
        .unwrap();
    assert!(
        others["flags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x == "funded, not started"),
        "{others}"
    );
    let text = ok(&f, &["results", "--today", "2027-05-01"]);
    assert!(
        text.contains("priority first-30-days: 9.8 → 8.15 → 6.5 % · 50 % of the way"),
        "{text}"
    );
}
