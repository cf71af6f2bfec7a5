use super::check::{initiative_id, silo_of};

#[test]
fn only_initiative_files_belong_to_a_proposal() {
    assert_eq!(
        silo_of("f", "forums/f/initiatives/support/x.ron"),
        Ok("support".to_string())
    );
    assert!(
        silo_of("f", "forums/f/ranking.ron")
            .unwrap_err()
            .contains("ranking.ron")
    );
    assert!(
        silo_of("f", "forums/f/silos/a.ron")
            .unwrap_err()
            .contains("`silos/`")
    );
    assert!(silo_of("f", "README.md").unwrap_err().contains("outside"));
    assert!(silo_of("f", "forums/g/initiatives/a/x.ron").is_err());
    assert!(silo_of("f", "forums/f/initiatives/a/b/x.ron").is_err());
    assert!(silo_of("f", "forums/f/initiatives/a/x.txt").is_err());
    assert_eq!(
        initiative_id("f", "forums/f/initiatives/a/x.ron").as_deref(),
        Some("x")
    );
}
