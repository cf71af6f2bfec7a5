//! The two proposals still open when the demo stops: one valid, one that CI rejects.

/// A month, day, hour and minute in 2026.
type When = (u32, u32, u32, u32);

/// (silo, initiative id, record text, when, the lead's message).
pub(super) const OPEN: &[(&str, &str, &str, When, &str)] = &[
    (
        "it",
        "sso-for-accountants",
        SSO,
        (11, 19, 15, 30),
        "Propose single sign-on for accounting firms\n\n\
         IT's late proposal: it builds on the accountant workspace the forum already has.\n",
    ),
    (
        "sales",
        "renewal-reminders",
        RENEWALS,
        (11, 20, 9, 45),
        "Propose renewal reminders with the new price\n\n\
         Sales' late proposal, written by hand.\n",
    ),
];

/// Valid: addresses known priorities and depends on an accepted initiative.
const SSO: &str = r#"Initiative(
    title: "Single sign-on for accounting firms",
    summary: "Accountants log in once with their firm's identity provider and see every client who invited them.
Builds on the accountant workspace; nothing changes for other customers.",
    owner: "aisha",
    cost: 48000,
    addresses: ["accountant-partners", "first-30-days"],
    goal: Some(Goal(metric: "accountant password resets a quarter", unit: "resets", baseline: 1900.0, target: 400.0)),
    depends_on: ["accountant-workspace"],
)
"#;

/// Invalid: a misspelt priority id (`tell-me-frist`), which `check` answers with a did-you-mean.
const RENEWALS: &str = r#"Initiative(
    title: "Renewal reminders with the new price, 60 days ahead",
    summary: "Every annual customer hears the renewal price, in plain words, 60 days before it is charged.",
    owner: "marco",
    cost: 36000,
    addresses: ["billing-clarity", "tell-me-frist"],
    goal: Some(Goal(metric: "billing disputes after renewal", unit: "disputes a quarter", baseline: 540.0, target: 200.0)),
)
"#;
