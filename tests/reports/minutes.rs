//! `roundtable minutes` on decision commits made with the git CLI.

use super::common::Forum;

fn decide(f: &Forum, date: &str, summary: &str, reason: &str, trailers: &str) {
    let message = format!("{summary}\n\n{reason}\n\n{trailers}");
    f.commit_at(date, &["-q", "--allow-empty", "-m", &message]);
}

fn meeting() -> Forum {
    let f = Forum::new();
    decide(
        &f,
        "2026-11-19T16:00:00+01:00",
        "Take Tom's ballot",
        "Tom could not attend on Friday.",
        "Forum: fy2027-cx\nDecision: ballot\nDecided-By: tom\nPresent: tom",
    );
    decide(
        &f,
        "2026-11-20T10:02:00+01:00",
        "Lock the ranking of 7 priorities (Schulze)",
        "Two ballots disagreed on billing | first contact; Schulze resolves it.",
        "Forum: fy2027-cx\nDecision: advance\nDecided-By: dana\nPresent: dana, sam, lee, priya",
    );
    f.commit_at(
        "2026-11-20T10:30:00+01:00",
        &["-q", "--allow-empty", "-m", "Fix a typo by hand"],
    );
    decide(
        &f,
        "2026-11-20T11:15:00+01:00",
        "Score the guided setup together",
        "The room agreed a consensus score.\n\n- not a list",
        "Forum: fy2027-cx\nDecision: score\nDecided-By: dana\nPresent: dana, sam, lee",
    );
    decide(
        &f,
        "2026-11-20T11:20:00+01:00",
        "Another forum's decision",
        "Not ours.",
        "Forum: other-forum\nDecision: advance\nDecided-By: dana",
    );
    f
}

#[test]
fn the_minutes_of_the_last_meeting_day() {
    let f = meeting();
    let out = f.roundtable().arg("minutes").assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let text: String = text
        .lines()
        .map(|l| {
            if l.starts_with("Forum `") {
                "Forum line (hashes vary)"
            } else {
                l
            }
        })
        .map(|l| l.split(" · commit `").next().unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!("minutes_day", text);
}

#[test]
fn minutes_by_date_and_since() {
    let f = meeting();
    let out = f
        .roundtable()
        .args(["minutes", "--date", "2026-11-19"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("Take Tom's ballot"));
    assert!(!text.contains("Lock the ranking"));
    let first = f.git(&["rev-list", "--max-parents=0", "HEAD"]);
    let out = f
        .roundtable()
        .args(["minutes", "--since", first.trim()])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let order: Vec<usize> = ["Take Tom", "Lock the ranking", "Score the guided"]
        .iter()
        .map(|s| text.find(s).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert!(!text.contains("Fix a typo"));
    assert!(!text.contains("Another forum"));
    f.roundtable()
        .args(["minutes", "--date", "2026-12-01"])
        .assert()
        .code(1);
    f.roundtable()
        .args(["minutes", "--date", "yesterday"])
        .assert()
        .code(1);
}
