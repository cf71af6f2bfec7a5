//! The sanitiser judged by an oracle of its own: `tests/common/invisible.rs` lists by hand the
//! code points that must never reach a terminal or a report raw (controls, format characters,
//! separators, private use, unassigned, fillers, the tag block, selectors without a base).
//! The code under test's `is_dangerous` is never the judge here.

use super::*;
use crate::common::invisible::{is_never_shown, never_shown, samples, selectors, writable_samples};
use roundtable::domain::text::{check_line, check_long, sanitize_multiline};
use roundtable::report::Format;

fn code(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

#[test]
fn every_listed_code_point_is_refused_in_a_field_and_never_shown() {
    let mut count = 0;
    for c in never_shown() {
        count += 1;
        let title = format!("Portal {c}x");
        assert!(check_line(&title).is_err(), "{} passes check_line", code(c));
        if c != '\n' && c != '\t' {
            assert!(check_long(&title).is_err(), "{} passes check_long", code(c));
        }
        assert!(!sanitize(&title).contains(c), "{} shown", code(c));
        assert!(!sanitize_multiline(&title).contains(c), "{} shown", code(c));
        let only: String = std::iter::repeat_n(c, 3).collect();
        assert!(check_line(&only).is_err(), "{} ×3 passes", code(c));
    }
    assert!(count > 7_000, "the list is read whole ({count})");
}

#[test]
fn a_variation_selector_is_shown_only_after_its_base() {
    for s in selectors() {
        for hostile in [
            format!("{s}Portal"),
            format!("Portal {s}"),
            format!("a{s}{s}"),
        ] {
            if hostile.starts_with('a') {
                // The second selector of a pair has no base of its own.
                assert!(check_line(&hostile).is_err(), "{} doubled", code(s));
            } else {
                assert!(check_line(&hostile).is_err(), "{} without a base", code(s));
            }
            assert!(!sanitize(&hostile).contains(s), "{} shown", code(s));
        }
        assert!(
            check_line(&format!("\u{2764}{s}")).is_ok(),
            "{} after ❤",
            code(s)
        );
    }
}

#[test]
fn fields_of_invisible_characters_only_are_refused() {
    for blank in [
        "\u{3164}",
        "\u{2800}\u{2800}",
        "\u{115f}\u{1160}",
        "  ",
        "\u{0301}\u{0301}",
    ] {
        assert!(check_line(blank).is_err(), "{blank:?}");
    }
}

/// A title carrying half of the samples, between letters so that each stands alone.
fn hostile_title(marker: &str, chars: &[char]) -> String {
    let mut t = format!("{marker} ");
    for c in chars {
        t.push(*c);
        t.push('o');
    }
    t
}

fn assert_never_shown(what: &str, out: &str) {
    let bad: Vec<String> = out
        .chars()
        .filter(|c| is_never_shown(*c) || selectors().any(|s| s == *c))
        .map(code)
        .collect();
    assert!(bad.is_empty(), "{what}: shown raw: {bad:?}");
}

#[test]
fn hostile_titles_never_reach_values_json_reports_or_audit_raw() {
    let repo = Repo::new();
    let chars = writable_samples();
    let (a, b) = chars.split_at(chars.len() / 2);
    let title_a = hostile_title("HostileA", a);
    let title_b = hostile_title("HostileB", b);
    repo.write(
        "initiatives/support/hostile-a.ron",
        &initiative(&title_a, &title_b),
    );
    repo.write(
        "initiatives/support/hostile-b.ron",
        &initiative(&title_b, &title_a),
    );
    repo.write(
        "scores/forum.ron",
        "Scorecard(scores: {\"portal\": {\"first-30-days\": 4}, \"hostile-a\": {\"first-30-days\": 3}, \"hostile-b\": {\"first-30-days\": 2}})\n",
    );
    repo.commit("hostile titles");

    // check names every sample's code point (the first per field), and refuses.
    let (code_check, out) = repo.run(&["check", "--rev", "HEAD"]);
    assert_eq!(code_check, 1, "{out}");
    assert!(
        out.contains("hostile-a.ron") && out.contains("hostile-b.ron"),
        "{out}"
    );
    assert_never_shown("check", &out);

    // `values` prints ids, not titles: it is judged, but cannot carry the marker.
    for args in [&["values"][..], &["values", "--format", "json"][..]] {
        let (_, out) = repo.run_any(args);
        assert_never_shown(&format!("{args:?}"), &out);
    }
    // The brief refuses a forum with errors; built anyway from the loaded records (kept as
    // written), every format still shows none of them raw.
    let (refused, out) = repo.run_any(&["report", "--format", "md"]);
    assert_eq!(refused, 1, "{out}");
    assert!(out.contains("the forum has errors"), "{out}");
    let loaded = ForumRepo::open(repo.path())
        .unwrap()
        .load_at("f", "HEAD")
        .unwrap();
    assert_eq!(
        loaded.snapshot.initiatives["hostile-a"].initiative.title,
        title_a
    );
    let analysis = roundtable::domain::analysis::analyse(&loaded.snapshot);
    let brief = roundtable::report::build::build(&loaded.snapshot, &analysis, None);
    for format in [Format::Markdown, Format::Html, Format::Csv] {
        // CSV ends its records with CRLF (RFC 4180): the format's own, not the data's.
        let text = roundtable::report::render(&brief, format).replace("\r\n", "\n");
        assert_never_shown(&format!("brief {format:?}"), &text);
        assert!(
            text.contains("HostileA"),
            "{format:?}: the title is in the brief"
        );
    }
    for (args, text) in [
        (&["audit", "hostile-a"][..], true),
        (&["audit", "hostile-b", "--format", "json"][..], false),
    ] {
        let (_, out) = repo.run_any(args);
        assert_never_shown(&format!("{args:?}"), &out);
        if text {
            assert!(
                out.contains("HostileA") || out.contains("HostileB"),
                "{args:?}: the hostile title is in the output, so the test can fail: {out}"
            );
        } else {
            // JSON keeps the data exact: escaped, it parses back to the title as written.
            let start = out.find('{').unwrap_or(0);
            let value: serde_json::Value = serde_json::from_str(&out[start..])
                .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {out}"));
            let text = value.to_string();
            let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
            let flat = parsed.to_string();
            assert!(
                flat.contains("HostileA") || flat.contains("HostileB"),
                "{args:?}"
            );
            assert!(
                json_strings(&value)
                    .iter()
                    .any(|s| s == &title_a || s == &title_b),
                "{args:?}: a title parses back exactly"
            );
        }
    }
    let sample = samples();
    assert!(sample.len() > 60, "{}", sample.len());
}

fn json_strings(v: &serde_json::Value) -> Vec<String> {
    match v {
        serde_json::Value::String(s) => vec![s.clone()],
        serde_json::Value::Array(a) => a.iter().flat_map(json_strings).collect(),
        serde_json::Value::Object(o) => o.values().flat_map(json_strings).collect(),
        _ => vec![],
    }
}
