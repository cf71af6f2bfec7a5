//! Hints reach every output: money written in exponent form, leftover merge-conflict markers,
//! and GitHub annotations that keep the hint.

use super::sandbox::base_forum;

const JOURNEY: &str = "forums/t/initiatives/cx/journey-map.ron";

fn output(cmd: &mut assert_cmd::Command, code: i32) -> String {
    let out = cmd.assert().code(code).get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn money_in_exponent_form_says_how_to_write_money() {
    let s = base_forum();
    s.write(
        JOURNEY,
        b"Initiative(\n    title: \"Billing journey map\",\n    owner: \"dana\",\n    cost: 1e309,\n    addresses: [\"billing-clarity\"],\n)\n",
    );
    let out = output(&mut s.check(&[]), 1);
    assert!(
        out.contains("forums/t/initiatives/cx/journey-map.ron:4:")
            && out.contains("error: `cost`: money is a whole non-negative number of the forum's currency unit (hint: write e.g. `cost: 350000`)"),
        "{out}"
    );
    assert!(!out.contains("Invalid digit"), "{out}");
    let gh = output(&mut s.check(&["--format", "github"]), 1);
    assert!(
        gh.contains("::error file=forums/t/initiatives/cx/journey-map.ron,line=4,")
            && gh.contains("::`cost`: money is a whole non-negative number of the forum's currency unit (hint: write e.g. `cost: 350000`)"),
        "{gh}"
    );
}

#[test]
fn leftover_conflict_markers_are_called_a_merge_conflict() {
    let s = base_forum();
    s.write(
        JOURNEY,
        b"Initiative(\n    title: \"Billing journey map\",\n    owner: \"dana\",\n<<<<<<< HEAD\n    cost: 300,\n=======\n    cost: 250,\n>>>>>>> proposal/cx/cheaper\n    addresses: [\"billing-clarity\"],\n)\n",
    );
    let out = output(&mut s.check(&[]), 1);
    assert!(
        out.contains("forums/t/initiatives/cx/journey-map.ron:4:1: error: unresolved merge conflict: the file still has git's conflict markers (hint: keep the lines you want between `<<<<<<<` and `>>>>>>>`, delete the three marker lines, then commit)"),
        "{out}"
    );
    assert!(!out.contains("Expected identifier"), "{out}");
    let gh = output(&mut s.check(&["--format", "github"]), 1);
    assert!(
        gh.contains("::error file=forums/t/initiatives/cx/journey-map.ron,line=4,col=1::unresolved merge conflict: the file still has git's conflict markers (hint: keep the lines you want"),
        "{gh}"
    );
}

#[test]
fn github_annotations_escape_their_data() {
    let s = base_forum();
    // A percent sign in a message must not be read as an escape by the runner.
    s.write(
        JOURNEY,
        b"Initiative(\n    title: \"Billing journey map\",\n    owner: \"dana\",\n    cost: 300,\n    addresses: [\"billing-clarity\"],\n    cots%: 1,\n)\n",
    );
    let gh = output(&mut s.check(&["--format", "github"]), 1);
    let line = gh
        .lines()
        .find(|l| l.contains("journey-map.ron"))
        .unwrap_or_default();
    assert!(line.starts_with("::error file="), "{gh}");
    assert!(!line.contains("%:") && !line.contains("% "), "{gh}");
    assert!(line.contains("(hint: "), "{gh}");
}
