//! The chain of why on the bundled forum (read through the store, as the app reads it).

use super::*;
use crate::domain::snapshot::Snapshot;
use crate::store::repo::assemble;
use crate::store::source::read_worktree;
use std::path::Path;

fn bundled() -> Snapshot {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assemble("fy2027-cx", read_worktree(root, "fy2027-cx"))
        .unwrap()
        .snapshot
}

#[test]
fn every_initiative_of_the_bundled_forum_has_a_chain_that_matches_the_analysis() {
    let s = bundled();
    let a = analyse(&s);
    for (id, p) in &s.initiatives {
        let c = chain(&s, &a, id).unwrap();
        let v = a.valuation(id).unwrap();
        assert_eq!(c.initiative.silo, p.silo);
        assert_eq!(c.value, v.value, "{id}");
        assert_eq!(c.rule.funded, a.portfolio().funds(id), "{id}");
        for addressed in &p.initiative.addresses {
            let link = c.priorities.iter().find(|l| &l.id == addressed).unwrap();
            let ranked = a.priorities.iter().find(|r| &r.id == addressed).unwrap();
            assert_eq!(link.rank, Some(ranked.rank));
            assert_eq!(link.weight, ranked.weight);
            assert!(
                link.evidence.iter().all(|e| e.known),
                "{id}: evidence resolves"
            );
        }
        let sum: f64 = c.priorities.iter().map(|l| l.contribution).sum();
        assert!((sum - c.value).abs() < 1e-9, "{id}: contributions add up");
        assert!(c.ranking.decided && c.ranking.locked);
        assert!(
            c.decision.is_none(),
            "the bundled forum has no allocation yet"
        );
    }
}

#[test]
fn the_bundled_invoice_explainer_chain() {
    let s = bundled();
    let a = analyse(&s);
    let c = chain(&s, &a, "invoice-explainer").unwrap();
    assert_eq!(c.initiative.silo, "product");
    assert_eq!(c.initiative.depends_on, vec!["billing-plan-cleanup"]);
    let ids: Vec<&str> = c.priorities.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["billing-clarity", "first-contact"]);
    assert_eq!(c.priorities[0].rank, Some(2));
    // lee (product) proposed it and is recused when scoring it, if lee scored it at all.
    for sc in &c.scoring.scorers {
        let silo = &s.member(&sc.member).unwrap().silo;
        assert_eq!(sc.recused, silo == "product", "{}", sc.member);
    }
    assert!(c.scoring.flags.iter().any(|f| f.contains("first-contact")));
    let f = follow(&c);
    assert_eq!(f.initiative, "invoice-explainer");
    assert!(f.evidence.contains(&"complaints-2026-q3".to_string()));
    assert_eq!(f.cards.len(), c.scoring.scorers.len());
}
