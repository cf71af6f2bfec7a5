//! `audit` as of the decision: after a silo merge and a score changed by hand since the
//! allocation, the steps are told with the records of the allocation decision, with a note for
//! each change; score rows are credited to the commit that set them; the allocation history
//! lists every allocation decision that touched the initiative, with amounts and reasons.

use crate::audit::history;

fn short(hash: &str) -> &str {
    &hash[..7]
}

#[test]
fn after_a_silo_merge_the_audit_tells_the_allocation_with_the_silos_of_its_time() {
    let h = history();
    let r = &h.repo;
    let (_, before, _) = r.rt(&["audit", "faq"]);
    assert!(!before.contains("Since the allocation"), "{before}");
    // Care merges into CX: dana (cx) would now be recused from faq, which was care's.
    r.decide(&[
        "silo",
        "merge",
        "care",
        "cx",
        "--by",
        "dana",
        "--reason",
        "One CX office",
    ]);
    let (code, out, err) = r.rt(&["audit", "faq"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&format!(
            "Steps 2 to 8 use the records of the allocation decision {}",
            short(&h.allocated)
        )),
        "{out}"
    );
    // Dana was counted when the forum allocated: not shown as recused, same value as then.
    let dana = out
        .lines()
        .find(|l| l.trim_start().starts_with("dana "))
        .unwrap();
    assert!(!dana.contains("recused"), "{dana}");
    assert!(out.contains("= 3.0000"), "the value at the decision: {out}");
    assert!(
        out.contains("Optimal rule, budget EUR 1,200,000: funded."),
        "{out}"
    );
    let since = out
        .split("9. Since the allocation decision")
        .nth(1)
        .unwrap();
    assert!(
        since.contains("it is in silo `cx` now (was `care`)"),
        "{since}"
    );
    assert!(
        since.contains("`dana` is recused now (was counted at the decision)"),
        "{since}"
    );
    assert!(
        since.contains("`sam` is in silo `cx` now (was `care` at the decision)"),
        "{since}"
    );
    assert!(
        since.contains("its value would be 2.5000 today (was 3.0000 at the decision)"),
        "{since}"
    );
    // The JSON keeps both: the chain today and the chain as decided.
    let v = r.audit_json(&["faq"]);
    assert_eq!(v["as_decided"]["commit"]["commit"], h.allocated.as_str());
    assert_eq!(v["chain"]["value"], 2.5);
    assert_eq!(v["as_decided"]["chain"]["value"], 3.0);
    assert_eq!(v["as_decided"]["chain"]["initiative"]["silo"], "care");
}

#[test]
fn a_score_changed_since_the_allocation_is_a_note_not_the_explanation() {
    let h = history();
    let r = &h.repo;
    // Lee's scorecard is rewritten by hand after the allocation (verify names it; the audit
    // must not explain the allocation with it).
    let card = std::fs::read_to_string(r.file("scores/lee.ron")).unwrap();
    assert!(card.contains("\"p1\": 3"), "{card}");
    r.write(
        "scores/lee.ron",
        &card.replacen("\"p1\": 3", "\"p1\": 0", 1),
    );
    r.git(&["commit", "-q", "-am", "Lee's second thoughts"]);
    let edited = r.head();
    let (_, out, _) = r.rt(&["audit", "faq"]);
    let lee = out
        .lines()
        .find(|l| l.trim_start().starts_with("lee "))
        .unwrap();
    assert!(lee.contains("p1=3  p2=1"), "the score then: {lee}");
    // Credited to the commit that set the row, as of the decision.
    assert!(
        out.contains(&format!("scored     {}", short(&h.scored_lee))),
        "{out}"
    );
    let since = out
        .split("9. Since the allocation decision")
        .nth(1)
        .unwrap();
    assert!(
        since.contains("`lee`'s scores are p1=0 p2=1 now (were p1=3 p2=1)"),
        "{since}"
    );
    let v = r.audit_json(&["faq"]);
    assert_eq!(v["trail"]["scores"]["lee"]["commit"], edited.as_str());
    assert_eq!(
        v["as_decided"]["trail"]["scores"]["lee"]["commit"],
        h.scored_lee.as_str()
    );
}

#[test]
fn the_allocation_history_lists_every_allocation_that_touched_it() {
    let h = history();
    let r = &h.repo;
    let trim = r.decide(&[
        "allocate",
        "--set",
        "faq=160000",
        "--line-reason",
        "faq=Without translations",
        "--by",
        "dana",
        "--reason",
        "Trim",
    ]);
    let cut = r.decide(&[
        "allocate",
        "--set",
        "faq=0",
        "--line-reason",
        "faq=Deferred to next year",
        "--by",
        "dana",
        "--reason",
        "The cut",
    ]);
    let (_, out, _) = r.rt(&["audit", "faq"]);
    let history = out.split("Its allocation history:").nth(1).unwrap();
    let at = |needle: &str| {
        history
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} in {history}"))
    };
    let steps = [
        at("EUR 250,000 — funded in full"),
        at(short(&h.allocated)),
        at("EUR 160,000 — Without translations"),
        at(&format!(
            "(had EUR 250,000 until the cut of {})",
            short(&trim)
        )),
        at("Deferred to next year"),
        at(&format!(
            "(had EUR 160,000 until the cut of {})",
            short(&cut)
        )),
    ];
    assert!(steps.windows(2).all(|w| w[0] < w[1]), "{history}");
    let v = r.audit_json(&["faq"]);
    let list = v["allocations"].as_array().unwrap();
    assert_eq!(list.len(), 3, "{list:?}");
    assert_eq!(list[0]["amount"], 250_000);
    assert_eq!(list[0]["commit"]["commit"], h.allocated.as_str());
    assert_eq!(list[1]["amount"], 160_000);
    assert_eq!(list[1]["reason"], "Without translations");
    assert_eq!(list[2]["commit"]["commit"], cut.as_str());
    assert_eq!(list[2]["amount"].as_u64().unwrap_or(0), 0, "{list:?}");
    // A reopen withdraws the allocation: that is in the history too.
    r.decide(&[
        "reopen", "--to", "Scoring", "--by", "dana", "--reason", "Redo",
    ]);
    let v = r.audit_json(&["faq"]);
    let list = v["allocations"].as_array().unwrap();
    assert_eq!(list.len(), 4, "{list:?}");
    assert_eq!(list[3]["withdrawn"], true);
}
