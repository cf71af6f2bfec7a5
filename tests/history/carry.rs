//! `init NEW --from OLD`: the new cycle's title replaces the old cycle's label, and the
//! automatic note of what was carried over stays beside the facilitator's reason.

use super::Forum;

#[test]
fn init_from_writes_the_new_cycles_title_and_keeps_its_note_beside_the_reason() {
    let f = Forum::new("Ranking");
    let forum = std::fs::read_to_string(f.file("forum.ron"))
        .unwrap()
        .replace("title: \"Test Forum\"", "title: \"CX Forum FY27\"");
    f.write("forum.ron", &forum);
    f.commit_all("Short title");
    f.ok(&[
        "init",
        "next",
        "--from",
        "f",
        "--reason",
        "The board renewed the forum",
    ]);
    let new = std::fs::read_to_string(f.path().join("forums/next/forum.ron")).unwrap();
    assert!(new.contains("title: \"CX Forum FY28\""), "{new}");
    assert!(new.contains("cycle: \"FY2028\""), "{new}");
    let m = f.head_message();
    assert_eq!(
        m.summary, "Set up CX Forum FY28, carried over from f",
        "{m:?}"
    );
    assert!(m.reason.starts_with("The board renewed the forum"), "{m:?}");
    assert!(m.reason.contains("Carried over from f: 2 members"), "{m:?}");
}
