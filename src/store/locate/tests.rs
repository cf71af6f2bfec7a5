use super::*;
use crate::domain::finding::field;

const ALLOCATION: &str = r#"// The forum's allocation.
Allocation(
    rule: Optimal,
    budget: 1000,
    lines: [
        Line(initiative: "a", amount: 10, reason: "first"),
        Line(
            initiative: "b", /* nested /* comment */ here */
            amount: 20,
        ),
    ],
)
"#;

#[test]
fn fields_and_indices() {
    let at = |steps: &[Step]| position(ALLOCATION, steps);
    assert_eq!(at(&[]), (2, 1));
    assert_eq!(at(&[field("budget")]), (4, 13));
    assert_eq!(
        at(&[field("lines"), Step::Index(0), field("reason")]),
        (6, 51)
    );
    assert_eq!(
        at(&[field("lines"), Step::Index(1), field("amount")]),
        (9, 21)
    );
    // `reason` is missing from the second line: the line itself.
    assert_eq!(
        at(&[field("lines"), Step::Index(1), field("reason")]),
        (7, 9)
    );
    assert_eq!(at(&[field("lines"), Step::Index(5)]), (5, 12));
}

#[test]
fn map_keys_values_and_wrappers() {
    let src = "Scorecard(\n  scores: {\n    \"a\": {\"p\": 1},\n    \"b\\u{2d}x\": {\"p\": 9, \"q\": 2},\n  },\n)";
    assert_eq!(
        position(src, &[field("scores"), Step::Key("b-x".into())]),
        (4, 5)
    );
    assert_eq!(
        position(
            src,
            &[
                field("scores"),
                Step::Value("b-x".into()),
                Step::Value("q".into())
            ]
        ),
        (4, 31)
    );
    let forum = "Forum(weighting: Explicit({\"x\": 1.0, \"y\": 2.0}), goal: Some(Goal(metric: r#\"a\"b\"#, unit: \"%\")))";
    assert_eq!(
        position(forum, &[field("weighting"), Step::Value("y".into())]),
        (1, 43)
    );
    assert_eq!(position(forum, &[field("goal"), field("unit")]), (1, 90));
}

#[test]
fn any_input_is_survived() {
    for text in [
        "",
        "(",
        ")))",
        "[[[[",
        "\"unterminated",
        "/* open",
        "r###\"x",
        "Forum(a: ,,, : )",
        "'\\",
    ] {
        let _ = position(text, &[field("a"), Step::Index(3), Step::Key("k".into())]);
    }
    let bomb = "[".repeat(100_000);
    assert_eq!(position(&bomb, &[Step::Index(0), Step::Index(0)]), (1, 3));
}
