//! The audit view's state: the initiative asked for and the worker's answer (see
//! `update::history` for opening, scrolling and closing it).

use crate::store::audit::Audit;

/// The audit shown on the History screen.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditView {
    /// The initiative asked for.
    pub initiative: String,
    /// The worker's answer; `None` while it works.
    pub audit: Option<Box<Audit>>,
    pub error: Option<String>,
    /// Lines scrolled.
    pub scroll: u16,
}

/// What the worker sends back for one initiative.
#[derive(Debug, Clone)]
pub struct AuditReply {
    pub initiative: String,
    pub result: Result<Box<Audit>, String>,
}
