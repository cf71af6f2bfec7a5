//! `report --results`: the results brief for the C-team, markdown and HTML, on a forum the
//! test takes into delivery itself (statuses and readings through their decisions).

use super::common::{Forum, ok, refused};
use super::derail::allocated;

fn in_delivery() -> Forum {
    let (f, _) = allocated();
    let path = "forums/fy2027-cx/priorities/first-30-days.ron";
    assert!(
        std::fs::read_to_string(f.path().join(path))
            .unwrap()
            .contains("by: Some(\"2027-12\")")
    );
    for (value, day) in [("9.3", "2027-02-01"), ("8.1", "2027-05-01")] {
        ok(
            &f,
            &[
                "measure",
                "first-30-days",
                value,
                "--date",
                day,
                "--by",
                "sam",
            ],
        );
    }
    ok(
        &f,
        &[
            "measure",
            "billing-clarity",
            "37.4",
            "--date",
            "2027-05-01",
            "--by",
            "sam",
        ],
    );
    ok(
        &f,
        &[
            "status",
            "guided-setup",
            "delivered",
            "--note",
            "Live <b>for all</b>",
            "--on",
            "2027-04-20",
            "--by",
            "dana",
        ],
    );
    ok(
        &f,
        &[
            "status",
            "callback-not-hold",
            "at-risk",
            "--note",
            "Telephony vendor late",
            "--on",
            "2027-03-01",
            "--by",
            "dana",
        ],
    );
    f
}

#[test]
fn the_results_brief_says_what_was_promised_delivered_moved_and_what_to_discuss() {
    let f = in_delivery();
    let md = ok(&f, &["report", "--results", "--today", "2027-05-15"]);
    for part in [
        "— results brief",
        "## In one minute",
        "## What was promised",
        "## What was delivered",
        "## What moved and what did not",
        "## What the forum should discuss",
        "**Make the first 30 days effortless** (`first-30-days`)",
        "9.8 → 6.5 by 2027-12",
        "delivered on 2027-04-20",
        "at-risk on 2027-03-01 — Telephony vendor late",
    ] {
        assert!(md.contains(part), "{part}:\n{md}");
    }
    // 8.1 from 9.8 towards 6.5 is 52 % of the way by May: ahead of its line.
    let moved = md.split("## What moved").nth(1).unwrap();
    let row = moved.lines().find(|l| l.contains("first-30-days")).unwrap();
    assert!(
        row.contains("8.1 (2027-05-01)") && row.contains("52 %") && row.contains("on track"),
        "{row}"
    );
    // 37.4 from 38 towards 18 is 3 %: behind, and named for discussion.
    let discuss = md.split("## What the forum should discuss").nth(1).unwrap();
    assert!(
        discuss.contains("(`billing-clarity`) is behind its line: 3 % of the way."),
        "{discuss}"
    );
    assert!(
        discuss.contains("(`callback-not-hold`) is at-risk."),
        "{discuss}"
    );
    assert!(
        discuss.contains("is funded and has not started."),
        "{discuss}"
    );
    // Record text is escaped in markdown.
    assert!(md.contains("Live \\<b\\>for all\\</b\\>"), "{md}");
}

#[test]
fn the_html_results_brief_escapes_the_records_and_csv_is_refused() {
    let f = in_delivery();
    let path = "forums/fy2027-cx/initiatives/product/guided-setup.ron";
    let text = std::fs::read_to_string(f.path().join(path)).unwrap();
    let title = text
        .lines()
        .find(|l| l.trim_start().starts_with("title:"))
        .unwrap()
        .to_string();
    f.write(
        path,
        &text.replace(&title, "    title: \"Setup <script>alert(1)</script>\","),
    );
    f.git(&["commit", "-qam", "A hostile title (by hand)"]);
    let html = ok(
        &f,
        &[
            "report",
            "--results",
            "--format",
            "html",
            "--today",
            "2027-05-15",
        ],
    );
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(!html.contains("<script>"), "{html}");
    assert!(
        html.contains("Setup &lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(
        html.contains("<h2>What the forum should discuss</h2>"),
        "{html}"
    );
    let err = refused(&f, &["report", "--results", "--format", "csv"]);
    assert!(
        err.contains("the results brief is markdown or HTML"),
        "{err}"
    );
    let err = refused(&f, &["report", "--results", "--today", "May"]);
    assert!(err.contains("`May` is not a day"), "{err}");
}

/// An executive's commitments: `check` warns about an executive with none and names a
/// commitment to an unknown priority at its line; results and the brief show who promised
/// what beside the priority it serves.
#[test]
fn executives_commitments_are_checked_and_shown_beside_their_priorities() {
    let f = in_delivery();
    let forum = "forums/fy2027-cx/forum.ron";
    let text = std::fs::read_to_string(f.path().join(forum)).unwrap();
    let marco = "            silo: \"sales\",\n            role: Member,\n";
    assert!(text.contains(marco), "{text}");
    let bare = text.replace(
        marco,
        "            silo: \"sales\",\n            role: Executive,\n",
    );
    f.write(forum, &bare);
    let (code, out, err) = super::common::run(&f, &["check"]);
    let all = format!("{out}{err}");
    assert!(
        all.contains("`marco` is an executive with no commitment"),
        "{code} {all}"
    );
    assert!(all.contains("warning"), "{all}");

    let promised = "            silo: \"sales\",\n            role: Executive,\n            commitments: [Commitment(priority: \"billing-clarty\", metric: \"billing contacts per 1,000 accounts a month\", target: 25.0, by: \"2027-09\")],\n";
    f.write(forum, &text.replace(marco, promised));
    let (code, out, err) = super::common::run(&f, &["check"]);
    let all = format!("{out}{err}");
    assert_ne!(code, 0, "{all}");
    let line = bare
        .lines()
        .position(|l| l.contains("role: Executive"))
        .unwrap()
        + 2;
    assert!(
        all.contains(&format!("forums/fy2027-cx/forum.ron:{line}:"))
            && all.contains("which is not a priority of the forum")
            && all.contains("did you mean `billing-clarity`?"),
        "{all}"
    );

    f.write(
        forum,
        &text.replace(
            marco,
            &promised.replace("billing-clarty", "billing-clarity"),
        ),
    );
    f.git(&["commit", "-qam", "Marco commits (by hand, for the test)"]);
    let json: serde_json::Value = serde_json::from_str(&ok(
        &f,
        &["results", "--format", "json", "--today", "2027-05-15"],
    ))
    .unwrap();
    let row = json["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "billing-clarity")
        .unwrap();
    assert_eq!(row["commitments"][0]["member"], "marco", "{row}");
    assert_eq!(row["commitments"][0]["target"], 25.0, "{row}");
    let md = ok(&f, &["report", "--results", "--today", "2027-05-15"]);
    assert!(
        md.contains("**Marco Bellini** (`marco`) promised **No surprises on the bill** (`billing-clarity`): billing contacts per 1,000 accounts a month 25 by 2027-09."),
        "{md}"
    );
}

/// `import hledger` reads back the journal `export hledger` wrote, plus the actual postings
/// finance added: one `actuals` decision, spend beside allocation in the results, refused in
/// the wrong phase and to a member, and a hand-made spend record named by `verify`.
#[test]
fn import_hledger_reads_back_the_export_plus_actuals() {
    let early = Forum::new();
    let journal = early.path().join("../books.journal");
    std::fs::write(
        &journal,
        "2027-01-31 x\n    budget:product:guided-setup  100 EUR\n    assets:bank\n",
    )
    .unwrap();
    let path = journal.to_str().unwrap();
    let err = refused(&early, &["import", "hledger", path, "--by", "dana"]);
    assert!(
        err.contains("an actuals decision is taken in Allocation or Closed"),
        "{err}"
    );

    let f = in_delivery();
    let export = ok(&f, &["export", "hledger"]);
    assert!(export.contains("budget:product:guided-setup"), "{export}");
    let books = format!(
        "{export}\n2027-02-28 * Agency, invoice 17\n    budget:product:guided-setup      120,000.40 EUR\n    assets:bank\n\n2027-04-30 Contractors\n    budget:product:guided-setup      EUR 180000\n    budget:support:callback-not-hold  9000 EUR\n    budget:it:sso-for-accountants    500 EUR\n    assets:bank\n"
    );
    let journal = f.path().join("../actuals.journal");
    std::fs::write(&journal, &books).unwrap();
    let path = journal.to_str().unwrap();
    let err = refused(&f, &["import", "hledger", path, "--by", "sam"]);
    assert!(err.contains("facilitator"), "{err}");
    let (code, out, err) = super::common::run(&f, &["import", "hledger", path, "--by", "dana"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("`sso-for-accountants`, which the allocation does not fund"),
        "{err}"
    );
    let message = f.git(&["log", "-1", "--format=%B"]);
    assert!(message.contains("Decision: actuals"), "{message}");
    assert!(
        message.starts_with(
            "Actual spend of 2 funded initiative(s) from actuals.journal: 309,000 in total"
        ),
        "{message}"
    );

    let json: serde_json::Value = serde_json::from_str(&ok(
        &f,
        &["results", "--format", "json", "--today", "2027-05-15"],
    ))
    .unwrap();
    let row = |id: &str| {
        json["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()
            .clone()
    };
    let setup = row("guided-setup");
    assert_eq!(setup["spent"], 300_000, "{setup}");
    assert_eq!(setup["spent_as_of"], "2027-04-30", "{setup}");
    assert!(
        setup["flags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x == "spent more than allocated"),
        "{setup}"
    );
    assert_eq!(row("callback-not-hold")["spent"], 9000);
    let md = ok(&f, &["report", "--results", "--today", "2027-05-15"]);
    assert!(
        md.contains("spent EUR 300,000 of EUR 265,000 (books to 2027-04-30)")
            || md.contains("spent 300,000 EUR of"),
        "{md}"
    );
    assert!(ok(&f, &["verify"]).contains("every gate holds"));

    // The same books again change nothing, and say so.
    let err = refused(&f, &["import", "hledger", path, "--by", "dana"]);
    assert!(
        err.contains("changes no funded initiative's spend"),
        "{err}"
    );
    // A bad amount is named by its line, and nothing is recorded.
    std::fs::write(
        &journal,
        format!(
            "{books}\n2027-05-01 y\n    budget:product:guided-setup  12.345 EUR\n    assets:bank\n"
        ),
    )
    .unwrap();
    let (code, _, err) = super::common::run(&f, &["import", "hledger", path, "--by", "dana"]);
    assert_eq!(code, 1, "{err}");
    let line = books.lines().count() + 3;
    assert!(
        err.contains(&format!(
            "actuals.journal:{line}: error: cannot read the amount `12.345 EUR`"
        )),
        "{err}"
    );

    // Spend written by hand for an initiative the allocation does not fund is named.
    f.write(
        "forums/fy2027-cx/spend/sso-for-accountants.ron",
        "Spend(as_of: \"2027-04-30\", amount: 500)\n",
    );
    f.git(&["add", "-A"]);
    f.git(&[
        "commit",
        "-q",
        "-m",
        "Spend\n\nx\n\nForum: fy2027-cx\nDecision: actuals\nDecided-By: dana\nPresent: dana\n",
    ]);
    let (code, out, _) = super::common::run(&f, &["verify"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("is not funded by the allocation"), "{out}");
}

/// The next cycle starts from the last one: `init --from` carries every funded initiative for
/// review with its status and results; the new forum cannot advance to Priorities until the
/// forum decided continue, scale back or stop for each (a facilitator, in Evidence, with a
/// reason); `verify` replays it and names a verdict changed by hand.
#[test]
fn the_review_step_blocks_advance_until_every_carried_initiative_has_a_verdict() {
    let f = in_delivery();
    ok(
        &f,
        &["init", "fy2028-cx", "--from", "fy2027-cx", "--by", "dana"],
    );
    let reviews = f.path().join("forums/fy2028-cx/reviews");
    let mut carried: Vec<String> = std::fs::read_dir(&reviews)
        .unwrap()
        .map(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .trim_end_matches(".ron")
                .to_string()
        })
        .collect();
    carried.sort();
    let allocation =
        std::fs::read_to_string(f.path().join("forums/fy2027-cx/allocation.ron")).unwrap();
    assert_eq!(
        carried.len(),
        allocation.matches("Line(").count(),
        "{carried:?}"
    );
    let setup = std::fs::read_to_string(reviews.join("guided-setup.ron")).unwrap();
    assert!(
        setup.contains("status: \"delivered\"") && setup.contains("from: \"FY2027\""),
        "{setup}"
    );

    let forum = ["--forum", "fy2028-cx"];
    let advance = |by: &'static str| {
        let mut a = vec![
            "advance",
            "--by",
            by,
            "--reason",
            "Evidence in",
            "--present",
            "dana,sam,lee,priya,tom,aisha",
        ];
        a.extend(forum);
        a
    };
    let err = refused(&f, &advance("dana"));
    assert!(
        err.contains(&format!("{} still open", carried.len())),
        "{err}"
    );
    assert!(err.contains("roundtable review"), "{err}");

    let review = |id: &str, verdict: &str, by: &str| {
        let mut a = vec![
            "review",
            id,
            verdict,
            "--by",
            by,
            "--reason",
            "As the results say",
        ];
        a.extend(forum);
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let args = review(&carried[0], "continue", "sam");
    let err = refused(&f, &args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(err.contains("facilitator"), "{err}");
    let args = review(&carried[0], "pause", "dana");
    let err = refused(&f, &args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(err.contains("continue, scale-back or stop"), "{err}");
    for (k, id) in carried.iter().enumerate() {
        let verdict = ["continue", "scale-back", "stop"][k % 3];
        let args = review(id, verdict, "dana");
        ok(&f, &args.iter().map(String::as_str).collect::<Vec<_>>());
    }
    let message = f.git(&["log", "-1", "--format=%B"]);
    assert!(message.contains("Decision: review"), "{message}");
    let args = review(&carried[0], "stop", "dana");
    let err = refused(&f, &args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(err.contains("already decided"), "{err}");
    let mut v = vec!["verify"];
    v.extend(forum);
    assert!(ok(&f, &v).contains("every gate holds"));

    // A verdict turned round by hand is named.
    let path = format!("forums/fy2028-cx/reviews/{}.ron", carried[0]);
    let text = std::fs::read_to_string(f.path().join(&path)).unwrap();
    f.write(&path, &text.replace("decision: Continue", "decision: Stop"));
    f.git(&["add", "-A"]);
    f.git(&[
        "commit",
        "-q",
        "-m",
        "Turn\n\nx\n\nForum: fy2028-cx\nDecision: review\nDecided-By: dana\nPresent: dana\n",
    ]);
    let (code, out, _) = super::common::run(&f, &v);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("a verdict stays"), "{out}");
}

/// A priority that persists into the next cycle keeps its goal's history: the new forum
/// reads the earlier forum's readings for it, oldest first, labelled by cycle, and the
/// Results screen draws them as one line across cycles.
#[test]
fn a_persisting_priority_keeps_its_readings_across_cycles() {
    let f = in_delivery();
    ok(
        &f,
        &["init", "fy2028-cx", "--from", "fy2027-cx", "--by", "dana"],
    );
    let repo = roundtable::store::repo::ForumRepo::open(f.path()).unwrap();
    let now = repo.load_at("fy2028-cx", "HEAD").unwrap().snapshot;
    let earlier = roundtable::store::earlier::earlier_readings(&repo, "HEAD", &now);
    let line = &earlier["first-30-days"];
    let got: Vec<(String, f64)> = line
        .iter()
        .map(|(c, r)| (format!("{c} {}", r.date), r.value))
        .collect();
    assert_eq!(
        got,
        vec![
            ("FY2027 2027-02-01".to_string(), 9.3),
            ("FY2027 2027-05-01".to_string(), 8.1)
        ]
    );
    assert!(
        !earlier.contains_key("grow-with-us"),
        "no readings, no line"
    );
    let order = roundtable::domain::analysis::analyse_ranking(&now).order;
    let today = chrono::NaiveDate::from_ymd_opt(2027, 11, 5).unwrap();
    let rows = roundtable::domain::results::board(&now, &order, today);
    let row = rows.iter().find(|r| r.id == "first-30-days").unwrap();
    let drawn = roundtable::tui::views::results::across_cycles(row, line);
    assert!(drawn.starts_with("across cycles: FY2027 "), "{drawn}");
    assert!(drawn.ends_with(" │ now –"), "{drawn}");
}

/// An advance forged by hand past open reviews, with every trailer in place, is named by
/// `verify`: the review gate is replayed, not only asked by the CLI.
#[test]
fn a_forged_advance_past_open_reviews_is_named() {
    let f = in_delivery();
    ok(
        &f,
        &["init", "fy2028-cx", "--from", "fy2027-cx", "--by", "dana"],
    );
    let path = "forums/fy2028-cx/forum.ron";
    let text = std::fs::read_to_string(f.path().join(path)).unwrap();
    assert!(text.contains("phase: Evidence"), "{text}");
    f.write(path, &text.replace("phase: Evidence", "phase: Priorities"));
    f.git(&["add", "-A"]);
    f.git(&[
        "commit",
        "-q",
        "-m",
        "Advance from Evidence to Priorities\n\nx\n\nForum: fy2028-cx\nDecision: advance\nDecided-By: dana\nPresent: dana, sam, lee, priya, tom, aisha\n",
    ]);
    let (code, out, _) = super::common::run(&f, &["verify", "--forum", "fy2028-cx"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("the forum decides continue, scale back or stop for every initiative the last cycle funded"),
        "{out}"
    );
}
