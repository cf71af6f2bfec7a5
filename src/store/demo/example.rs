//! The bundled example forum `forums/fy2027-cx/`, compiled into the binary.
//!
//! The demo rebuilds this forum's history; keeping the files here (not read from disk) lets an
//! installed binary build the demo from any directory.

/// The example's forum id.
pub const FORUM: &str = "fy2027-cx";

macro_rules! bundled {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/forums/fy2027-cx/", $path)))),*]
    };
}

/// Every file of the example, by path inside the forum folder, with its exact text.
pub const FILES: &[(&str, &str)] = bundled![
    "ballots/aisha.ron",
    "ballots/dana.ron",
    "ballots/lee.ron",
    "ballots/marco.ron",
    "ballots/priya.ron",
    "ballots/sam.ron",
    "ballots/tom.ron",
    "evidence/agent-feedback-2026.ron",
    "evidence/bank-feed-ops-2026.ron",
    "evidence/complaints-2026-q3.ron",
    "evidence/contact-repeats-2026.ron",
    "evidence/customer-council-2026.ron",
    "evidence/customer-session-2026-10.ron",
    "evidence/einvoicing-mandates.ron",
    "evidence/loss-review-2026.ron",
    "evidence/nps-2026.ron",
    "evidence/segment-movement-2026.ron",
    "evidence/segment-profitability-2026.ron",
    "evidence/social-listening-2026.ron",
    "forum.ron",
    "initiatives/cx-office/closed-loop-feedback.ron",
    "initiatives/cx-office/journey-dashboard.ron",
    "initiatives/finance/billing-plan-cleanup.ron",
    "initiatives/finance/friendly-dunning.ron",
    "initiatives/finance/refund-in-one-step.ron",
    "initiatives/it/crm-consolidation.ron",
    "initiatives/it/status-page-automation.ron",
    "initiatives/marketing/accountant-partner-programme.ron",
    "initiatives/marketing/awareness-campaign.ron",
    "initiatives/marketing/lifecycle-onboarding.ron",
    "initiatives/marketing/price-change-playbook.ron",
    "initiatives/product/accountant-workspace.ron",
    "initiatives/product/bank-feed-resilience.ron",
    "initiatives/product/einvoicing-de-fr.ron",
    "initiatives/product/guided-setup.ron",
    "initiatives/product/invoice-explainer.ron",
    "initiatives/product/team-and-payroll.ron",
    "initiatives/sales/quote-matches-invoice.ron",
    "initiatives/sales/sales-handoff-notes.ron",
    "initiatives/sales/upgrade-path-advisors.ron",
    "initiatives/support/agent-desktop-extend.ron",
    "initiatives/support/callback-not-hold.ron",
    "initiatives/support/onboarding-concierge.ron",
    "initiatives/support/proactive-sync-outreach.ron",
    "priorities/accountant-partners.ron",
    "priorities/bank-feeds.ron",
    "priorities/billing-clarity.ron",
    "priorities/first-30-days.ron",
    "priorities/first-contact.ron",
    "priorities/grow-with-us.ron",
    "priorities/tell-me-first.ron",
    "ranking.ron",
    "scores/dana.ron",
    "scores/lee.ron",
    "scores/priya.ron",
    "scores/sam.ron",
    "scores/tom.ron",
    "silos/cx-office.ron",
    "silos/finance.ron",
    "silos/it.ron",
    "silos/marketing.ron",
    "silos/product.ron",
    "silos/sales.ron",
    "silos/support.ron",
];

/// The exact text of one bundled file (empty when the path is not bundled).
pub fn text(path: &str) -> &'static str {
    FILES
        .iter()
        .find(|(p, _)| *p == path)
        .map_or("", |(_, t)| t)
}

/// The ids (file stems) of the bundled files in one folder, in name order.
pub fn ids(folder: &str) -> Vec<&'static str> {
    FILES
        .iter()
        .filter_map(|(p, _)| {
            p.strip_prefix(folder)?
                .strip_prefix('/')?
                .strip_suffix(".ron")
        })
        .collect()
}

/// One bundled file read as a record.
pub fn record<T: serde::de::DeserializeOwned>(
    path: &str,
) -> Result<T, crate::store::error::StoreError> {
    crate::store::decode::parse(path, text(path).as_bytes())
        .map_err(|p| crate::store::error::StoreError::Refused(p.to_string()))
}
