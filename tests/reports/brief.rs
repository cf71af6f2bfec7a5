//! The plan brief on the bundled forum: snapshots of each format (what a new leader reads),
//! well-formed HTML, and hostile record text neutralised in every format.

use super::xml;
use roundtable::domain::analysis::analyse;
use roundtable::domain::snapshot::Snapshot;
use roundtable::report::build::build;
use roundtable::report::{Format, render};
use roundtable::store::repo::assemble;
use roundtable::store::source::read_worktree;
use std::path::PathBuf;

pub fn example() -> Snapshot {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let loaded = assemble("fy2027-cx", read_worktree(&root, "fy2027-cx")).unwrap();
    assert!(!loaded.has_errors(), "{:?}", loaded.problems);
    loaded.snapshot
}

fn brief_of(s: &Snapshot, format: Format) -> String {
    render(&build(s, &analyse(s), None), format)
}

/// Splits a document at each line starting with `marker` (a section heading): the part
/// before the first heading is `head`; each section is named by a slug of its heading.
fn sections(doc: &str, marker: &str, strip: &[&str]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = vec![("head".into(), String::new())];
    for line in doc.lines() {
        if line.starts_with(marker) {
            let mut title = line.to_string();
            for s in strip {
                title = title.replace(s, "");
            }
            let slug: String = title
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_lowercase()
                    } else {
                        '_'
                    }
                })
                .collect::<String>()
                .split('_')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join("_");
            out.push((slug, String::new()));
        }
        if let Some((_, text)) = out.last_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    out
}

/// One snapshot per section, so a change shows in the section it touches; the sections put
/// together are the whole document (nothing falls between them).
fn snapshot_by_section(name: &str, doc: &str, marker: &str, strip: &[&str]) {
    let parts = sections(doc, marker, strip);
    assert!(parts.len() >= 9, "{name}: {} sections", parts.len());
    let whole: String = parts.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        whole.trim_end(),
        doc.trim_end(),
        "{name}: the sections are the document"
    );
    for (slug, text) in parts {
        insta::assert_snapshot!(format!("{name}__{slug}"), text);
    }
}

#[test]
fn markdown_brief_of_the_bundled_forum() {
    let md = brief_of(&example(), Format::Markdown);
    snapshot_by_section("brief_md", &md, "## ", &["## "]);
}

#[test]
fn html_brief_of_the_bundled_forum() {
    let html = brief_of(&example(), Format::Html);
    snapshot_by_section("brief_html", &html, "<h2>", &["<h2>", "</h2>"]);
}

#[test]
fn csv_brief_of_the_bundled_forum() {
    insta::assert_snapshot!("brief_csv", brief_of(&example(), Format::Csv));
}

#[test]
fn the_html_brief_is_well_formed_and_self_contained() {
    let html = brief_of(&example(), Format::Html);
    let elements = xml::check(&html).unwrap();
    assert_eq!(elements.first().map(String::as_str), Some("html"));
    assert_eq!(elements.iter().filter(|e| *e == "svg").count(), 2);
    for external in [
        "<script",
        "<link",
        "src=\"http",
        "href=\"http",
        "@import",
        "url(",
    ] {
        assert!(!html.contains(external), "{external}");
    }
    assert!(html.contains("@media print"));
}

#[test]
fn the_csv_has_one_row_per_initiative_and_the_allocation_totals() {
    let s = example();
    let csv = brief_of(&s, Format::Csv);
    let rows = parse_csv(&csv);
    assert_eq!(rows.len(), 1 + s.initiatives.len());
    assert!(rows.iter().all(|r| r.len() == rows[0].len()));
    let a = analyse(&s);
    let col = rows[0].iter().position(|h| h == "allocated").unwrap();
    let total: u64 = rows[1..]
        .iter()
        .map(|r| r[col].parse::<u64>().unwrap())
        .sum();
    assert_eq!(total, a.portfolio().total_cost);
}

fn hostile() -> Snapshot {
    let mut s = example();
    let p = s.initiatives.get_mut("guided-setup").unwrap();
    p.initiative.title =
        "=HYPERLINK(\"http://x\")|<script>alert(1)</script>\u{1b}[31m\u{202e}".into();
    let silo = s.silos.get_mut("support").unwrap();
    silo.name = "Support & <b>Co</b> | [x](javascript:alert(1))".into();
    silo.commitment = "- not a list\n# not a heading\n<img src=x onerror=alert(1)>".into();
    s
}

#[test]
fn hostile_record_text_is_escaped_and_sanitised_in_every_format() {
    let s = hostile();
    let html = brief_of(&s, Format::Html);
    xml::check(&html).unwrap();
    assert!(!html.contains("<script"));
    assert!(!html.contains("<img"));
    assert!(!html.contains("<b>Co"));
    let md = brief_of(&s, Format::Markdown);
    assert!(md.contains("\\|\\<script\\>"));
    assert!(md.contains("\\[x\\](javascript:alert(1))"));
    assert!(md.contains("> \\- not a list"));
    let csv = brief_of(&s, Format::Csv);
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")"));
    for out in [&html, &md, &csv] {
        assert!(!out.contains('\u{1b}'));
        assert!(!out.contains('\u{202e}'));
    }
}

/// RFC 4180: fields split by `,`, records by CRLF; a quoted field may hold `,`, CRLF and `""`.
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && row.is_empty(),
        "the last record ends with CRLF"
    );
    rows
}

#[test]
fn a_decided_allocation_is_shown_as_decided_with_its_differences() {
    use roundtable::domain::records::{Allocation, AllocationRule, Line, Phase};
    let mut s = example();
    s.forum.phase = Phase::Allocation;
    let line = |id: &str, amount: u64, reason: &str| Line {
        initiative: id.into(),
        amount,
        reason: reason.into(),
    };
    s.allocation = Some(Allocation {
        rule: AllocationRule::Optimal,
        budget: 2_400_000,
        lines: vec![
            line("einvoicing-de-fr", 312_000, "Regulatory."),
            line("guided-setup", 265_000, "Highest value."),
            line(
                "onboarding-concierge",
                200_000,
                "Five specialists, not six.",
            ),
            line(
                "crm-consolidation",
                384_000,
                "The CIO's condition for the rest.",
            ),
        ],
        note: "A first tranche.".into(),
    });
    let b = build(&s, &analyse(&s), None);
    let differs: Vec<&str> = b
        .allocation
        .lines
        .iter()
        .filter(|l| l.differs_from_rule)
        .map(|l| l.initiative.as_str())
        .collect();
    assert_eq!(differs, ["onboarding-concierge", "crm-consolidation"]);
    assert_eq!(b.allocation.total, 1_161_000);
    // A 20% cut leaves 1,920,000: the decided plan still fits, but the rule's plan at that
    // budget differs, and the brief compares with the plan the forum decided.
    let cut = &b.cuts[1];
    assert!(cut.dropped.iter().any(|(id, _)| id == "crm-consolidation"));
    let md = render(&b, Format::Markdown);
    assert!(md.contains("**Decided by the forum** (`allocation.ron`)"));
    assert!(md.contains("Five specialists, not six. (differs from the rule)"));
    assert!(!md.contains("Not decided yet"));
    let html = render(&b, Format::Html);
    xml::check(&html).unwrap();
    assert!(html.contains("differs from the rule"));
}

#[test]
fn the_command_writes_each_format_from_a_revision() {
    let f = super::common::Forum::new();
    let first = f.git(&["rev-parse", "HEAD"]);
    f.commit_at(
        "2026-11-05T09:00:00+01:00",
        &["-q", "--allow-empty", "-m", "Later"],
    );
    for (format, name) in [
        ("md", "brief.md"),
        ("html", "brief.html"),
        ("csv", "brief.csv"),
    ] {
        let out = f.path().join(name);
        f.roundtable()
            .args(["report", "--format", format, "--rev", first.trim(), "--out"])
            .arg(&out)
            .assert()
            .success();
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.len() > 1000, "{name}");
        if format != "csv" {
            assert!(
                text.contains(&first.trim()[..10]),
                "{name} names the commit it was read from"
            );
        }
    }
    let md = f.roundtable().arg("report").assert().success();
    assert!(
        String::from_utf8_lossy(&md.get_output().stdout)
            .starts_with("# FY2027 Customer Experience Forum")
    );
    f.roundtable()
        .args(["report", "--rev", "no-such-rev"])
        .assert()
        .failure();
}

#[test]
fn an_empty_forum_still_gets_a_well_formed_brief() {
    let mut s = example();
    s.priorities.clear();
    s.ballots.clear();
    s.ranking = None;
    s.initiatives.clear();
    s.scorecards.clear();
    s.silos.clear();
    s.evidence.clear();
    let b = build(&s, &analyse(&s), None);
    assert!(b.allocation.lines.is_empty());
    for format in [Format::Markdown, Format::Html, Format::Csv] {
        let out = render(&b, format);
        assert!(!out.contains("NaN"), "{format:?}");
    }
    xml::check(&render(&b, Format::Html)).unwrap();
}

/// With Chromium on PATH (Debian's `chromium`), the HTML brief is loaded by a real browser:
/// its DOM has both charts and every section, and a screenshot is written.
#[test]
fn chromium_renders_the_html_brief_when_available() {
    let found = std::process::Command::new("chromium")
        .arg("--version")
        .output();
    if !found.is_ok_and(|o| o.status.success()) {
        eprintln!("chromium is not on PATH: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("brief.html");
    std::fs::write(&page, brief_of(&example(), Format::Html)).unwrap();
    let url = format!("file://{}", page.display());
    let chromium = |extra: &[&str]| {
        std::process::Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
            ])
            .args(extra)
            .arg(&url)
            .output()
            .unwrap()
    };
    let dom = String::from_utf8(chromium(&["--dump-dom"]).stdout).unwrap();
    assert_eq!(dom.matches("<svg").count(), 2);
    assert!(dom.contains("8. Open questions"));
    let png = dir.path().join("brief.png");
    chromium(&[
        "--window-size=1000,2000",
        &format!("--screenshot={}", png.display()),
    ]);
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000);
}

#[test]
fn the_ranking_says_whether_it_is_decided_and_shows_a_manual_note() {
    use roundtable::domain::records::RankingMethod;
    let mut s = example();
    let mut ranking = s.ranking.clone().unwrap();
    ranking.order.swap(0, 1);
    ranking.method = RankingMethod::Manual;
    ranking.note = "The CEO's | call: billing first".into();
    s.ranking = Some(ranking);
    let md = brief_of(&s, Format::Markdown);
    assert!(md.contains("Decided by the forum (Manual)"));
    assert!(md.contains("The forum's note: The CEO's \\| call: billing first"));
    assert!(md.contains("first: **No surprises on the bill**"));
    s.ranking = None;
    let md = brief_of(&s, Format::Markdown);
    assert!(md.contains("Not decided yet: computed from the ballots (Schulze)"));
    assert!(md.contains("The ranking is not decided yet"));
}
