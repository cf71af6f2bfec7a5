//! The generated forum's people and records: members, silos, evidence, priorities, initiatives.
//!
//! Everything is drawn from word lists with the seeded [`Rng`], so a seed names one forum.

use crate::domain::records::{
    Ballot, Evidence, EvidenceKind, Forum, Goal, Initiative, Member, Metric, Phase, Priority, Role,
    Silo,
};
use crate::store::generate::prng::Rng;

const FIRST: [&str; 24] = [
    "Dana", "Sam", "Lee", "Priya", "Noor", "Jonas", "Ines", "Mateo", "Aiko", "Femi", "Olga",
    "Ravi", "Chloe", "Tomas", "Amara", "Yusuf", "Greta", "Kenji", "Lucia", "Omar", "Hana", "Pavel",
    "Zoe", "Idris",
];
const LAST: [&str; 20] = [
    "Whitfield",
    "Okafor",
    "Nakamura",
    "Raman",
    "Haddad",
    "Berg",
    "Costa",
    "Silva",
    "Tanaka",
    "Adeyemi",
    "Ivanova",
    "Menon",
    "Dubois",
    "Novak",
    "Mensah",
    "Kaya",
    "Lind",
    "Mori",
    "Rossi",
    "Kowalski",
];
const DEPARTMENTS: [&str; 25] = [
    "cx-office",
    "support",
    "product",
    "billing",
    "sales",
    "onboarding",
    "platform",
    "mobile",
    "payments",
    "risk",
    "marketing",
    "logistics",
    "partners",
    "data",
    "security",
    "field-ops",
    "retention",
    "legal",
    "finance",
    "people",
    "identity",
    "search",
    "checkout",
    "catalog",
    "insights",
];
const VERBS: [&str; 16] = [
    "simplify",
    "automate",
    "rebuild",
    "unify",
    "localise",
    "speed-up",
    "redesign",
    "retire",
    "migrate",
    "explain",
    "personalise",
    "monitor",
    "shorten",
    "clarify",
    "secure",
    "connect",
];
const NOUNS: [&str; 20] = [
    "invoices",
    "onboarding",
    "refunds",
    "checkout",
    "statements",
    "returns",
    "login",
    "contracts",
    "alerts",
    "search",
    "pricing",
    "renewals",
    "tickets",
    "exports",
    "reminders",
    "payouts",
    "disputes",
    "setup",
    "reports",
    "surveys",
];
const PROBLEMS: [&str; 8] = [
    "I waited on hold for forty minutes to ask a simple question.",
    "My invoice did not match what I was told when I signed up.",
    "Setting up my account took a week and three calls.",
    "I could not find out why my payment failed.",
    "Every agent asked me to explain the problem again.",
    "The renewal price surprised me and nobody warned me.",
    "I gave up on the mobile app and phoned instead.",
    "Getting a refund took longer than the original order.",
];
const KINDS: [EvidenceKind; 10] = [
    EvidenceKind::LossReview,
    EvidenceKind::ComplaintTrend,
    EvidenceKind::SegmentProfitability,
    EvidenceKind::SegmentMovement,
    EvidenceKind::Survey,
    EvidenceKind::ContactCenter,
    EvidenceKind::SocialListening,
    EvidenceKind::EmployeeFeedback,
    EvidenceKind::CustomerCouncil,
    EvidenceKind::Operations,
];

/// How big the generated forum is.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub silos: usize,
    pub initiatives: usize,
    pub priorities: usize,
    pub evidence: usize,
    /// Members who hold a ballot and a scorecard (the consensus card is added to these).
    pub scorers: usize,
}

/// One generated initiative and the silo it belongs to.
#[derive(Debug, Clone)]
pub struct Proposed {
    pub silo: usize,
    pub id: String,
    pub record: Initiative,
}

/// The whole cast of the generated forum.
#[derive(Debug, Clone)]
pub struct Cast {
    pub forum: Forum,
    pub silos: Vec<(String, Silo)>,
    pub evidence: Vec<(String, Evidence)>,
    pub priorities: Vec<(String, Priority)>,
    pub initiatives: Vec<Proposed>,
    /// Indexes into `forum.members` of the members who vote and score.
    pub scorers: Vec<usize>,
}

/// A unique id from words: the plain form first, then `-2`, `-3`….
fn unique(base: String, taken: &mut std::collections::BTreeSet<String>) -> String {
    let mut id = base.clone();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

fn goal(rng: &mut Rng, metric: &str) -> Goal {
    let baseline = rng.between(20, 90) as f64 / 10.0;
    Goal {
        metric: metric.to_string(),
        unit: "%".into(),
        baseline,
        target: (baseline * 0.6 * 10.0).round() / 10.0,
        by: None,
    }
}

impl Cast {
    /// Draws a forum of `size` from `rng`.
    pub fn new(rng: &mut Rng, size: Size) -> Cast {
        let mut taken = std::collections::BTreeSet::new();
        let silo_ids: Vec<String> = (0..size.silos.max(1))
            .map(|i| {
                let dept = DEPARTMENTS[i % DEPARTMENTS.len()];
                unique(dept.to_string(), &mut taken)
            })
            .collect();
        let member_count = silo_ids.len().max(size.scorers).max(1);
        let mut member_ids = std::collections::BTreeSet::new();
        let members: Vec<Member> = (0..member_count)
            .map(|i| {
                let first = FIRST[(i + rng.below(3)) % FIRST.len()];
                let last = LAST[rng.below(LAST.len())];
                let id = unique(first.to_lowercase(), &mut member_ids);
                Member {
                    email: format!("{id}@example.com"),
                    name: format!("{first} {last}"),
                    silo: silo_ids[i % silo_ids.len()].clone(),
                    role: if i == 0 {
                        Role::Facilitator
                    } else {
                        Role::Member
                    },
                    handle: None,
                    signing_key: None,
                    customer: false,
                    left: None,
                    commitments: Vec::new(),
                    id,
                }
            })
            .collect();
        let silos = silo_ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let silo = Silo {
                    name: id.replace('-', " ").to_uppercase(),
                    lead: members[i % members.len()].id.clone(),
                    commitment: format!("{} halves repeat contacts by Q3.", id),
                    cap: None,
                };
                (id.clone(), silo)
            })
            .collect();
        let evidence = (0..size.evidence)
            .map(|i| {
                let kind = KINDS[i % KINDS.len()];
                let noun = NOUNS[rng.below(NOUNS.len())];
                let id = unique(
                    format!("{}-{noun}", kind.label().to_lowercase().replace(' ', "-")),
                    &mut taken,
                );
                let value = rng.between(50, 900) as f64;
                let record = Evidence {
                    kind,
                    title: format!("{} on {noun}", kind.label()),
                    period: "2026-01..2026-09".into(),
                    source: "CRM export; interviews".into(),
                    summary: format!(
                        "{} {}",
                        PROBLEMS[rng.below(PROBLEMS.len())],
                        PROBLEMS[rng.below(PROBLEMS.len())]
                    ),
                    metrics: vec![Metric {
                        name: format!("{noun} contacts"),
                        value,
                        unit: "contacts".into(),
                        baseline: Some(value * 0.8),
                        series: Vec::new(),
                    }],
                    invited: None,
                    responded: None,
                    segments: Vec::new(),
                    carried_from: None,
                    session: None,
                };
                (id, record)
            })
            .collect::<Vec<_>>();
        let priorities = (0..size.priorities)
            .map(|i| {
                let noun = NOUNS[i % NOUNS.len()];
                let id = unique(format!("effortless-{noun}"), &mut taken);
                let cited = (0..rng.between(1, 3))
                    .filter_map(|_| rng.pick(&evidence).map(|(id, _)| id.clone()))
                    .collect::<std::collections::BTreeSet<_>>();
                let record = Priority {
                    title: format!("Make {noun} effortless"),
                    customer_problem: PROBLEMS[rng.below(PROBLEMS.len())].into(),
                    evidence: cited.into_iter().collect(),
                    goal: goal(rng, &format!("{noun} complaints")),
                };
                (id, record)
            })
            .collect::<Vec<_>>();
        let mut initiatives: Vec<Proposed> = Vec::with_capacity(size.initiatives);
        for i in 0..size.initiatives {
            let silo = rng.below(silo_ids.len());
            let (verb, noun) = (VERBS[rng.below(VERBS.len())], NOUNS[rng.below(NOUNS.len())]);
            let id = unique(format!("{verb}-{noun}"), &mut taken);
            let addresses = (0..rng.between(1, 3))
                .filter_map(|_| rng.pick(&priorities).map(|(id, _)| id.clone()))
                .collect::<std::collections::BTreeSet<_>>();
            let same_silo = initiatives
                .iter()
                .rev()
                .find(|p| p.silo == silo)
                .map(|p| p.id.clone());
            let depends_on = match same_silo {
                Some(dep) if rng.chance(5) => vec![dep],
                _ => Vec::new(),
            };
            let record = Initiative {
                title: format!("{} {noun}", verb.replace('-', " ")),
                summary: format!(
                    "Initiative {i} of {}: {} We will {verb} {noun} and measure it monthly.",
                    silo_ids[silo],
                    PROBLEMS[rng.below(PROBLEMS.len())]
                ),
                owner: members[silo % members.len()].id.clone(),
                cost: rng.between(10, 300) * 5_000,
                addresses: addresses.into_iter().collect(),
                goal: Some(goal(rng, &format!("{noun} contacts"))),
                depends_on,
                excludes: Vec::new(),
                mandatory: rng.chance(1),
                contributions: Vec::new(),
            };
            initiatives.push(Proposed { silo, id, record });
        }
        let total: u64 = initiatives.iter().map(|p| p.record.cost).sum();
        let forum = Forum {
            title: "Generated Customer Experience Forum".into(),
            cycle: "FY2027".into(),
            currency: "EUR".into(),
            budget: (total / 3).max(100_000) / 1000 * 1000,
            phase: Phase::Evidence,
            scale: 4,
            ranking_method: Default::default(),
            weighting: Default::default(),
            allocation_rule: Default::default(),
            recusal: true,
            signing: Default::default(),
            quorum: None,
            defence: None,
            members,
            required_evidence: None,
            evidence_max_age_months: None,
            planning_date: None,
        };
        let scorers = (0..size.scorers.min(forum.members.len())).collect();
        Cast {
            forum,
            silos,
            evidence,
            priorities,
            initiatives,
            scorers,
        }
    }

    /// A member's ballot: the priorities in an order near the forum's own (index order),
    /// with a few neighbours swapped so ballots disagree.
    pub fn ballot(&self, rng: &mut Rng) -> Ballot {
        let mut order: Vec<String> = self.priorities.iter().map(|(id, _)| id.clone()).collect();
        for _ in 0..order.len() / 3 {
            let i = rng.below(order.len().saturating_sub(1));
            order.swap(i, i + 1);
        }
        Ballot { order }
    }
}
