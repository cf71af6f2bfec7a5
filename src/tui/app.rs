//! The app's state: what the room sees, with no I/O and no drawing (see `update`).

use crate::domain::records::{CONSENSUS, Money, Role};
use crate::domain::sensitivity::WhatIf;
use crate::tui::action::Screen;
use crate::tui::keymap::{Binding, Context, bindings};
use crate::tui::msg::{Fresh, Motion};
use std::collections::BTreeMap;

/// How the initiatives table is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Value,
    ValuePer100k,
    Cost,
    Silo,
    Title,
}

impl Sort {
    /// The next sort column.
    pub fn next(self) -> Sort {
        match self {
            Sort::Value => Sort::ValuePer100k,
            Sort::ValuePer100k => Sort::Cost,
            Sort::Cost => Sort::Silo,
            Sort::Silo => Sort::Title,
            Sort::Title => Sort::Value,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Sort::Value => "value",
            Sort::ValuePer100k => "value per 100k",
            Sort::Cost => "cost",
            Sort::Silo => "silo",
            Sort::Title => "title",
        }
    }
}

/// What a dialog is for.
#[derive(Debug, Clone, PartialEq)]
pub enum DialogKind {
    /// A decision: asks reason, decider and who is present.
    Decide(Motion),
    /// The reason for funding or unfunding one line by hand.
    LineReason { initiative: String, fund: bool },
    /// A what-if budget typed in.
    Budget,
}

/// One text field of a dialog.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub label: &'static str,
    pub value: String,
}

/// The one dialog: a title, what will happen, fields, and an error if the last try failed.
#[derive(Debug, Clone, PartialEq)]
pub struct Dialog {
    pub kind: DialogKind,
    pub title: String,
    pub lines: Vec<String>,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub error: Option<String>,
    /// Waiting for the worker's answer.
    pub pending: bool,
    /// A muted line under the fields (e.g. the member ids to type).
    pub hint: Option<String>,
    /// The commit of the forum on screen when the dialog's content was computed.
    pub seen: Option<String>,
}

/// A member's ballot being cast or edited on the Ranking screen.
#[derive(Debug, Clone, PartialEq)]
pub struct BallotEdit {
    pub member: String,
    pub order: Vec<String>,
    /// The member had a ballot before (replace) or not (cast).
    pub existing: bool,
}

/// The whole state of the app.
pub struct App {
    pub forum_id: String,
    pub keymap: Vec<Binding>,
    pub screen: Screen,
    pub fresh: Option<Fresh>,
    pub whatif: Option<WhatIf>,
    /// The what-if budget, when it differs from the forum's.
    pub whatif_budget: Option<Money>,
    /// Selected row per screen.
    pub cursor: BTreeMap<&'static str, usize>,
    pub manual_order: Option<Vec<String>>,
    pub sort: Sort,
    pub silo_filter: Option<String>,
    /// History: show only this decision kind.
    pub kind_filter: Option<String>,
    /// History: show only decisions this member took or was present for.
    pub member_filter: Option<String>,
    /// Ranking: the ballot being cast or edited.
    pub ballot: Option<BallotEdit>,
    /// Allocation: each initiative's value margin (METHODS.md §5), once the worker has it.
    pub margins: BTreeMap<String, Option<f64>>,
    pub search: String,
    pub searching: bool,
    /// Whose scores the number keys enter (consensus by default).
    pub scorer: String,
    pub revealed: bool,
    /// Initiatives: the detail pane takes most of the screen.
    pub detail: bool,
    /// Scores entered in the room, not yet committed: (member, initiative, priority) → score.
    pub pending_scores: BTreeMap<(String, String, String), u8>,
    /// Lines changed by hand: initiative → (funded, reason).
    pub manual_lines: BTreeMap<String, (bool, String)>,
    pub present: bool,
    pub help: bool,
    /// Rows the help is scrolled down by (it scrolls when taller than the terminal).
    pub help_scroll: u16,
    pub dialog: Option<Dialog>,
    pub theme_index: usize,
    pub theme_count: usize,
    pub status: String,
    pub loading: bool,
    pub quit: bool,
    pub width: u16,
    pub height: u16,
    /// The audit open on the History screen, if any.
    pub audit: Option<crate::tui::audit::AuditView>,
    /// Open proposal branches, as the worker last read them.
    pub proposals: Vec<crate::store::proposals::OpenProposal>,
    /// Why the proposals could not be read, if they could not.
    pub proposals_error: Option<String>,
    /// The initiatives' sorted orders for the analysis loaded (set by `update` on each load).
    pub orders: crate::tui::orders::Orders,
    /// Loads replaced on screen, waiting to be freed off the UI thread (see the event loop).
    pub retired: Vec<Fresh>,
    /// The selection before a load whose values have not arrived yet (restored with them).
    pub kept: Option<crate::tui::selection::Kept>,
    /// A reload read but not valued yet, held back while the forum on screen has its values.
    pub incoming: Option<Fresh>,
    /// Where the clone stands against the forum's remote (`None`: no remote synced).
    pub remote: Option<crate::tui::remote::RemoteStatus>,
    /// A member's own seat (`--member ID`): only their ballot and scorecard are edited.
    pub seat: Option<String>,
}

impl App {
    /// A fresh app for a forum, waiting for its first load.
    pub fn new(forum_id: &str, theme_count: usize) -> App {
        App {
            forum_id: forum_id.to_string(),
            keymap: bindings(),
            screen: Screen::Overview,
            fresh: None,
            whatif: None,
            whatif_budget: None,
            cursor: BTreeMap::new(),
            manual_order: None,
            sort: Sort::Value,
            silo_filter: None,
            kind_filter: None,
            member_filter: None,
            ballot: None,
            margins: BTreeMap::new(),
            search: String::new(),
            searching: false,
            scorer: CONSENSUS.to_string(),
            revealed: false,
            detail: false,
            pending_scores: BTreeMap::new(),
            manual_lines: BTreeMap::new(),
            present: false,
            help: false,
            help_scroll: 0,
            dialog: None,
            theme_index: 0,
            theme_count: theme_count.max(1),
            status: "Loading the forum…".into(),
            loading: true,
            quit: false,
            width: 80,
            height: 24,
            audit: None,
            proposals: Vec::new(),
            proposals_error: None,
            remote: None,
            seat: None,
            orders: crate::tui::orders::Orders::default(),
            retired: Vec::new(),
            kept: None,
            incoming: None,
        }
    }

    /// Where keys go now.
    pub fn context(&self) -> Context {
        if self.dialog.is_some() || self.searching {
            Context::Input
        } else {
            Context::On(self.screen)
        }
    }

    /// The selected row of a screen.
    pub fn sel(&self, screen: Screen) -> usize {
        self.cursor.get(screen.title()).copied().unwrap_or(0)
    }

    /// The forum's member ids, in forum.ron's order (none before the first load).
    pub fn member_ids(&self) -> Vec<String> {
        self.fresh
            .as_ref()
            .map(|f| {
                f.snapshot
                    .forum
                    .members
                    .iter()
                    .map(|m| m.id.clone())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The facilitator's member id (first facilitator, else the first member).
    pub fn facilitator(&self) -> String {
        if let Some(member) = &self.seat {
            return member.clone();
        }
        let Some(f) = &self.fresh else {
            return String::new();
        };
        let members = &f.snapshot.forum.members;
        members
            .iter()
            .find(|m| m.role == Role::Facilitator)
            .or(members.first())
            .map(|m| m.id.clone())
            .unwrap_or_default()
    }

    /// The priority order shown: the manual one being edited, else the analysis's.
    pub fn order(&self) -> Vec<String> {
        if let Some(o) = &self.manual_order {
            return o.clone();
        }
        self.fresh
            .as_ref()
            .map(|f| f.analysis.order.clone())
            .unwrap_or_default()
    }

    /// The list on the Ranking screen: the ballot being edited, else [`App::order`].
    pub fn ranking_list(&self) -> Vec<String> {
        match &self.ballot {
            Some(b) => b.order.clone(),
            None => self.order(),
        }
    }

    /// A member's ballot as recorded, else the order in force (a starting point to edit).
    pub fn ballot_of(&self, member: &str) -> BallotEdit {
        let recorded = self
            .fresh
            .as_ref()
            .and_then(|f| f.snapshot.ballots.get(member))
            .map(|b| b.order.clone());
        BallotEdit {
            member: member.to_string(),
            existing: recorded.is_some(),
            order: recorded.unwrap_or_else(|| self.order()),
        }
    }

    /// Initiative ids as the table shows them: filtered, searched, sorted.
    pub fn initiative_rows(&self) -> Vec<String> {
        let Some(f) = &self.fresh else {
            return Vec::new();
        };
        let needle = self.search.to_lowercase();
        let keep = |v: &crate::domain::analysis::valuation::Valuation| {
            self.silo_filter.as_ref().is_none_or(|s| &v.silo == s)
                && (needle.is_empty()
                    || v.title.to_lowercase().contains(&needle)
                    || v.id.contains(&needle))
        };
        let all = &f.analysis.initiatives;
        if self.orders.fits(&f.analysis) {
            // Sorted once per load: a frame only filters.
            return self
                .orders
                .by(self.sort)
                .iter()
                .filter_map(|i| all.get(*i))
                .filter(|v| keep(v))
                .map(|v| v.id.clone())
                .collect();
        }
        let mut rows: Vec<&crate::domain::analysis::valuation::Valuation> =
            all.iter().filter(|v| keep(v)).collect();
        match self.sort {
            Sort::Value => rows.sort_by(|a, b| b.value.total_cmp(&a.value)),
            Sort::ValuePer100k => {
                rows.sort_by(|a, b| b.value_per_100k.total_cmp(&a.value_per_100k))
            }
            Sort::Cost => rows.sort_by_key(|v| std::cmp::Reverse(v.cost)),
            Sort::Silo => rows.sort_by(|a, b| (&a.silo, &a.id).cmp(&(&b.silo, &b.id))),
            Sort::Title => rows.sort_by(|a, b| a.title.cmp(&b.title)),
        }
        rows.into_iter().map(|v| v.id.clone()).collect()
    }

    /// The valuation of an initiative, found through the per-load index when it fits.
    pub fn valuation<'f>(
        &self,
        fresh: &'f crate::tui::msg::Fresh,
        id: &str,
    ) -> Option<&'f crate::domain::analysis::valuation::Valuation> {
        if self.orders.fits(&fresh.analysis) {
            let v = fresh.analysis.initiatives.get(self.orders.position(id)?)?;
            if v.id == id {
                return Some(v);
            }
        }
        fresh.analysis.valuation(id)
    }

    /// The initiative selected on the Initiatives screen (shared with Scoring and present mode).
    pub fn selected_initiative(&self) -> Option<String> {
        let rows = self.initiative_rows();
        rows.get(
            self.sel(Screen::Initiatives)
                .min(rows.len().saturating_sub(1)),
        )
        .cloned()
    }

    /// Whether an initiative is funded in the plan on screen (rule result + hand changes).
    pub fn funded(&self, id: &str) -> bool {
        if let Some((fund, _)) = self.manual_lines.get(id) {
            return *fund;
        }
        self.fresh
            .as_ref()
            .is_some_and(|f| f.analysis.portfolio().funds(id))
    }

    /// The number of rows the selectable list of a screen has.
    pub fn rows(&self, screen: Screen) -> usize {
        let Some(f) = &self.fresh else { return 0 };
        match screen {
            Screen::Evidence => f.snapshot.evidence.len(),
            Screen::Priorities => self.ranking_list().len(),
            Screen::Initiatives => self.initiative_rows().len(),
            Screen::Scoring => f.analysis.order.len(),
            Screen::Allocation => f.analysis.initiatives.len(),
            Screen::History => self.history_rows().len(),
            Screen::Proposals => self.proposals.len(),
            Screen::Overview => 0,
        }
    }

    /// Indexes of the decision log entries shown (filtered by kind and member).
    pub fn history_rows(&self) -> Vec<usize> {
        let Some(f) = &self.fresh else {
            return Vec::new();
        };
        f.log
            .iter()
            .enumerate()
            .filter(|(_, e)| self.kind_filter.as_ref().is_none_or(|k| &e.kind == k))
            .filter(|(_, e)| {
                self.member_filter
                    .as_ref()
                    .is_none_or(|m| &e.by == m || e.present.contains(m))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Initiatives in allocation order: funded first (by value), then the rest.
    pub fn allocation_rows(&self) -> Vec<String> {
        let Some(f) = &self.fresh else {
            return Vec::new();
        };
        if self.orders.fits(&f.analysis) {
            // Funded first, each part by value: a stable split of the cached value order.
            let all = &f.analysis.initiatives;
            let by_value = self.orders.by(Sort::Value);
            let (mut funded, unfunded): (Vec<String>, Vec<String>) = by_value
                .iter()
                .filter_map(|i| all.get(*i))
                .map(|v| v.id.clone())
                .partition(|id| self.funded(id));
            funded.extend(unfunded);
            return funded;
        }
        let mut v: Vec<(bool, f64, &String)> = f
            .analysis
            .initiatives
            .iter()
            .map(|x| (self.funded(&x.id), x.value, &x.id))
            .collect();
        v.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)));
        v.into_iter().map(|x| x.2.clone()).collect()
    }

    /// The score shown for a scorer: pending entry first, then the recorded scorecard.
    pub fn score_of(&self, member: &str, initiative: &str, priority: &str) -> Option<(u8, bool)> {
        let key = (
            member.to_string(),
            initiative.to_string(),
            priority.to_string(),
        );
        if let Some(s) = self.pending_scores.get(&key) {
            return Some((*s, true));
        }
        let f = self.fresh.as_ref()?;
        let card = f.snapshot.scorecards.get(member)?;
        card.scores
            .0
            .get(initiative)?
            .0
            .get(priority)
            .map(|s| (*s, false))
    }
}
