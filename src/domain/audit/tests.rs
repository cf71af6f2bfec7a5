use super::*;
use crate::domain::analysis::analyse;
use crate::domain::maps::UniqueMap;
use crate::domain::records::{
    Allocation, Evidence, EvidenceKind, Forum, Goal, Initiative, Line, Member, Priority, Ranking,
    RankingMethod, Role, Scorecard,
};
use crate::domain::snapshot::Proposal;

fn member(id: &str, silo: &str) -> Member {
    Member {
        id: id.into(),
        name: id.to_uppercase(),
        email: format!("{id}@example.com"),
        silo: silo.into(),
        role: Role::Member,
        handle: None,
        signing_key: None,
        customer: false,
        left: None,
        commitments: Vec::new(),
    }
}

fn initiative(cost: Money, addresses: &[&str]) -> Initiative {
    Initiative {
        title: "T".into(),
        summary: String::new(),
        owner: "sam".into(),
        cost,
        addresses: addresses.iter().map(|s| s.to_string()).collect(),
        goal: None,
        depends_on: Vec::new(),
        excludes: Vec::new(),
        mandatory: false,
        contributions: Vec::new(),
    }
}

fn card(rows: &[(&str, &[(&str, u8)])]) -> Scorecard {
    Scorecard {
        scores: rows
            .iter()
            .map(|(i, r)| {
                (
                    i.to_string(),
                    r.iter().map(|(p, s)| (p.to_string(), *s)).collect(),
                )
            })
            .collect(),
        notes: UniqueMap::new(),
    }
}

/// Two priorities (p1 > p2, ROC weights .75/.25), three initiatives, budget 600.
fn forum() -> Snapshot {
    let mut s = Snapshot::new(
        "f",
        Forum {
            title: "F".into(),
            cycle: "FY".into(),
            currency: "EUR".into(),
            budget: 600,
            phase: Phase::Allocation,
            scale: 4,
            ranking_method: RankingMethod::Schulze,
            weighting: Default::default(),
            allocation_rule: AllocationRule::Optimal,
            recusal: true,
            signing: Default::default(),
            required_evidence: None,
            evidence_max_age_months: None,
            planning_date: None,
            quorum: None,
            defence: None,
            members: vec![
                member("dana", "cx"),
                member("sam", "support"),
                member("lee", "it"),
            ],
        },
    );
    s.evidence.insert(
        "loss".into(),
        Evidence {
            kind: EvidenceKind::LossReview,
            title: "Loss review".into(),
            period: "2026".into(),
            source: "CRM".into(),
            summary: String::new(),
            metrics: Vec::new(),
            invited: None,
            responded: None,
            segments: Vec::new(),
            carried_from: None,
            session: None,
        },
    );
    for (id, title) in [("p1", "First days"), ("p2", "Billing")] {
        s.priorities.insert(
            id.into(),
            Priority {
                title: title.into(),
                customer_problem: "It hurts".into(),
                evidence: vec!["loss".into(), "ghost".into()],
                goal: Goal {
                    metric: "churn".into(),
                    unit: "%".into(),
                    baseline: 6.0,
                    target: 4.0,
                    by: None,
                },
            },
        );
    }
    s.ranking = Some(Ranking {
        order: vec!["p1".into(), "p2".into()],
        method: RankingMethod::Schulze,
        note: String::new(),
        computed: Vec::new(),
    });
    for (id, silo, cost, addr) in [
        ("portal", "support", 300, &["p1"][..]),
        ("chatbot", "support", 200, &["p2"][..]),
        ("journey", "cx", 400, &["p1", "p2"][..]),
    ] {
        s.initiatives.insert(
            id.into(),
            Proposal {
                silo: silo.into(),
                initiative: initiative(cost, addr),
            },
        );
    }
    s.scorecards.insert(
        "sam".into(),
        card(&[("portal", &[("p1", 4)]), ("journey", &[("p1", 1)])]),
    );
    s.scorecards.insert(
        "dana".into(),
        card(&[
            ("portal", &[("p1", 3), ("p2", 1)]),
            ("chatbot", &[("p2", 2)]),
        ]),
    );
    s.scorecards
        .insert("lee".into(), card(&[("portal", &[("p1", 2)])]));
    s.allocation = Some(Allocation {
        rule: AllocationRule::Optimal,
        budget: 600,
        lines: vec![Line {
            initiative: "portal".into(),
            amount: 300,
            reason: "Optimal rule".into(),
        }],
        note: "Agreed in the room".into(),
    });
    s
}

#[test]
fn the_chain_follows_the_analysis() {
    let s = forum();
    let a = analyse(&s);
    let c = chain(&s, &a, "portal").unwrap();
    assert_eq!(c.initiative.silo, "support");
    assert_eq!(c.initiative.cost, 300);
    // p1 is addressed; p2 is scored by dana, so it appears too (not addressed).
    assert_eq!(c.priorities.len(), 2);
    let p1 = &c.priorities[0];
    assert_eq!(
        (p1.id.as_str(), p1.rank, p1.addressed),
        ("p1", Some(1), true)
    );
    assert!((p1.weight - 0.75).abs() < 1e-9);
    assert_eq!(p1.evidence.len(), 2);
    assert!(p1.evidence[0].known && !p1.evidence[1].known);
    assert_eq!(p1.evidence[0].kind, "Loss review");
    let p2 = &c.priorities[1];
    assert_eq!((p2.rank, p2.addressed), (Some(2), false));
    // sam is recused (support proposed it): dana 3 and lee 2 count, mean 2.5 on p1.
    let sam = c
        .scoring
        .scorers
        .iter()
        .find(|s| s.member == "sam")
        .unwrap();
    assert!(sam.recused);
    assert!((c.scoring.aggregate["p1"] - 2.5).abs() < 1e-9);
    assert!((c.scoring.aggregate["p2"] - 0.5).abs() < 1e-9);
    let v = a.valuation("portal").unwrap().value;
    assert!((c.value - v).abs() < 1e-12);
    assert!((c.value - (0.75 * 2.5 + 0.25 * 0.5)).abs() < 1e-9);
    assert!(c.ranking.decided && c.ranking.locked);
    assert_eq!(c.ranking.method, "Schulze");
    let d = c.decision.unwrap();
    assert_eq!(d.amount, Some(300));
    assert_eq!(d.reason, "Optimal rule");
    assert_eq!(d.differs_from_rule, !a.portfolio().funds("portal"));
}

#[test]
fn the_rule_step_explains_funding_and_margin() {
    let s = forum();
    let a = analyse(&s);
    for id in ["portal", "chatbot", "journey"] {
        let c = chain(&s, &a, id).unwrap();
        let r = &c.rule;
        assert_eq!(r.funded, a.optimal.funds(id), "{id}");
        assert_eq!(r.funded_by_other, a.greedy.funds(id), "{id}");
        let sens = crate::domain::sensitivity::sensitivity(&s, &a);
        assert_eq!(
            r.margin, sens.margins[id],
            "{id}: the same margin as sensitivity"
        );
        assert_eq!(r.margin_priority, sens.margin_priority[id]);
        assert_eq!(r.of, 3);
        assert!(r.position >= 1 && r.position <= 3);
        assert!(r.cut_line.is_some());
        assert!(!r.why.is_empty());
    }
    // journey is not in allocation.ron: the forum gave it no line.
    let c = chain(&s, &a, "journey").unwrap();
    assert_eq!(c.decision.as_ref().unwrap().amount, None);
}

#[test]
fn an_unknown_initiative_has_no_chain_and_no_allocation_means_no_decision() {
    let mut s = forum();
    let a = analyse(&s);
    assert!(chain(&s, &a, "nope").is_none());
    s.allocation = None;
    let a = analyse(&s);
    assert!(chain(&s, &a, "portal").unwrap().decision.is_none());
}

#[test]
fn since_names_each_change_the_audit_rests_on() {
    let then = forum();
    let then_chain = chain(&then, &analyse(&then), "portal").unwrap();
    assert!(since::since(&then, &then_chain, &then, &then_chain).is_empty());
    // Dana moves into support (the portal's silo), Lee rescores it, the budget is cut.
    let mut now = forum();
    now.forum.members[0].silo = "support".into();
    now.scorecards
        .insert("lee".into(), card(&[("portal", &[("p1", 4)])]));
    now.forum.budget = 500;
    let now_chain = chain(&now, &analyse(&now), "portal").unwrap();
    let notes = since::since(&then, &then_chain, &now, &now_chain);
    let has = |s: &str| notes.iter().any(|n| n.contains(s));
    assert!(
        has("`dana` is in silo `support` now (was `cx` at the decision)"),
        "{notes:?}"
    );
    assert!(
        has("`dana` is recused now (was counted at the decision)"),
        "{notes:?}"
    );
    assert!(has("`lee`'s scores are p1=4 now (were p1=2)"), "{notes:?}");
    assert!(has("the budget is 500 now (was 600)"), "{notes:?}");
    assert!(has("its value would be"), "{notes:?}");
    assert!(!has("`sam`"), "sam did not change: {notes:?}");
}
