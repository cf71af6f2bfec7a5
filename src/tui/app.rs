//! The app's state: what the room sees, with no I/O and no drawing (see `update`).

use crate::domain::records::{Phase, Role};
use crate::tui::action::Screen;
use crate::tui::keymap::{Binding, Context, When, bindings};
use crate::tui::msg::{Fresh, Motion};
pub use crate::tui::orders::Sort;
pub use crate::tui::state::{
    AllocationState, BallotEdit, HistoryState, InitiativesState, Kept, ProposalsState,
    RankingState, ScoringState,
};
use std::collections::BTreeMap;

/// What a dialog is for.
#[derive(Debug, Clone, PartialEq)]
pub enum DialogKind {
    /// A decision: asks reason, decider and who is present.
    Decide(Motion),
    /// The reason for funding or unfunding one line by hand.
    LineReason { initiative: String, fund: bool },
    /// A what-if budget typed in.
    Budget,
    /// The form for a piece of evidence or a priority (`editing`: the id being changed).
    RecordForm {
        kind: crate::domain::snapshot::RecordKind,
        editing: Option<String>,
    },
    /// Work entered in the room is not committed: drop it and go on (quit, reload), or not.
    DropPending(PendingThen),
}

/// What the room asked for while work was pending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PendingThen {
    Quit,
    Reload,
}

/// One text field of a dialog.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub label: &'static str,
    pub text: crate::tui::edit::TextField,
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

/// The whole state of the app.
pub struct App {
    pub forum_id: String,
    pub keymap: Vec<Binding>,
    pub screen: Screen,
    pub fresh: Option<Fresh>,
    /// Selected row per screen.
    pub cursor: BTreeMap<&'static str, usize>,
    pub ranking: RankingState,
    pub initiatives: InitiativesState,
    pub scoring: ScoringState,
    pub allocation: AllocationState,
    pub history: HistoryState,
    pub proposals: ProposalsState,
    pub present: bool,
    /// Who is in the room, remembered for the meeting (offered in every decision dialog).
    pub present_ids: Option<String>,
    pub help: bool,
    /// Rows the help is scrolled down by (it scrolls when taller than the terminal).
    pub help_scroll: u16,
    /// The glossary overlay is open.
    pub glossary: bool,
    pub dialog: Option<Dialog>,
    /// Changes entered and not committed, the last one last (`u` undoes it).
    pub undo: Vec<crate::tui::state::Undo>,
    /// Decisions waiting for their dialog: `c` on Scoring offers every pending card in turn.
    pub queue: Vec<(Motion, Vec<String>)>,
    /// The reason typed for the pass `c` started, carried to its next card.
    pub pass_reason: Option<String>,
    pub theme_index: usize,
    pub theme_count: usize,
    /// The status line, and the screen it belongs to (`None`: every screen).
    pub status: String,
    pub status_screen: Option<Screen>,
    pub loading: bool,
    pub quit: bool,
    pub width: u16,
    pub height: u16,
    /// The initiatives' sorted orders for the analysis loaded (set by `update` on each load).
    pub orders: crate::tui::orders::Orders,
    /// Loads replaced on screen, waiting to be freed off the UI thread (see the event loop).
    pub retired: Vec<Fresh>,
    /// The selection before a load whose values have not arrived yet (restored with them).
    pub kept: Option<Kept>,
    /// A reload read but not valued yet, held back while the forum on screen has its values.
    pub incoming: Option<Fresh>,
    /// Where the clone stands against the forum's remote (`None`: no remote synced).
    pub remote: Option<crate::tui::remote::RemoteStatus>,
    /// A member's own seat (`--member ID`): only their ballot and scorecard are edited.
    pub seat: Option<String>,
    /// The meeting's day (`YYYY-MM-DD`), set when the app starts: action items due before it
    /// are late on the Overview.
    pub today: String,
}

impl App {
    /// A fresh app for a forum, waiting for its first load.
    pub fn new(forum_id: &str, theme_count: usize) -> App {
        App {
            today: chrono::Local::now().format("%Y-%m-%d").to_string(),
            forum_id: forum_id.to_string(),
            keymap: bindings(),
            screen: Screen::Overview,
            fresh: None,
            cursor: BTreeMap::new(),
            ranking: RankingState::default(),
            initiatives: InitiativesState::default(),
            scoring: ScoringState::default(),
            allocation: AllocationState::default(),
            history: HistoryState::default(),
            proposals: ProposalsState::default(),
            present: false,
            present_ids: None,
            help: false,
            help_scroll: 0,
            glossary: false,
            dialog: None,
            queue: Vec::new(),
            pass_reason: None,
            undo: Vec::new(),
            theme_index: 0,
            theme_count: theme_count.max(1),
            status: "Loading the forum…".into(),
            status_screen: None,
            loading: true,
            quit: false,
            width: 80,
            height: 24,
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
        if self.dialog.is_some() || self.initiatives.searching {
            Context::Input
        } else if self.present {
            Context::Present
        } else if self.screen == Screen::Scoring && self.scoring.entering {
            Context::ScoreEntry
        } else {
            Context::On(self.screen)
        }
    }

    /// The context help describes: where keys go, a dialog aside (it shows its own keys).
    pub fn help_context(&self) -> Context {
        match self.context() {
            Context::Input => Context::On(self.screen),
            other => other,
        }
    }

    /// Whether a binding's condition holds now (help and the status bar show only those).
    pub fn applies(&self, when: When) -> bool {
        let phase = self.fresh.as_ref().map(|f| f.snapshot.forum.phase);
        match when {
            When::Always => true,
            When::Ranking => phase == Some(Phase::Ranking),
            When::Open => phase.is_some_and(|p| p.next().is_some()),
            When::Reopenable => phase.is_some_and(|p| p > Phase::Evidence),
            When::Pending => !self.pending_work().is_empty(),
            When::Allocating => matches!(phase, Some(Phase::Scoring | Phase::Allocation)),
            When::Gathering => matches!(phase, Some(Phase::Evidence | Phase::Priorities)),
            When::Allocated => self
                .fresh
                .as_ref()
                .is_some_and(|f| f.snapshot.allocation.is_some()),
        }
    }

    /// What was entered in the room and is not committed yet, in words (empty: nothing).
    pub fn pending_work(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut per: BTreeMap<&str, usize> = BTreeMap::new();
        for (m, _, _) in self.scoring.pending.keys() {
            *per.entry(m.as_str()).or_default() += 1;
        }
        for (m, n) in per {
            out.push(format!(
                "{n} score(s) on the {} scorecard",
                crate::domain::text::sanitize(m)
            ));
        }
        if !self.allocation.manual_lines.is_empty() {
            out.push(format!(
                "{} allocation line(s) changed by hand",
                self.allocation.manual_lines.len()
            ));
        }
        if self.ranking.manual_order.is_some() {
            out.push("the room's own order of priorities".into());
        }
        if let Some(b) = &self.ranking.ballot {
            out.push(format!(
                "{}'s ballot being edited",
                crate::domain::text::sanitize(&b.member)
            ));
        }
        out
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
        if let Some(o) = &self.ranking.manual_order {
            return o.clone();
        }
        self.fresh
            .as_ref()
            .map(|f| f.analysis.order.clone())
            .unwrap_or_default()
    }

    /// The list on the Ranking screen: the ballot being edited, else [`App::order`].
    pub fn ranking_list(&self) -> Vec<String> {
        match &self.ranking.ballot {
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
        let needle = self.initiatives.search.to_lowercase();
        let keep = |v: &crate::domain::analysis::valuation::Valuation| {
            self.initiatives
                .silo_filter
                .as_ref()
                .is_none_or(|s| &v.silo == s)
                && (needle.is_empty()
                    || v.title.to_lowercase().contains(&needle)
                    || v.id.contains(&needle))
        };
        let all = &f.analysis.initiatives;
        if self.orders.fits(&f.analysis) {
            // Sorted once per load: a frame only filters.
            return self
                .orders
                .by(self.initiatives.sort)
                .iter()
                .filter_map(|i| all.get(*i))
                .filter(|v| keep(v))
                .map(|v| v.id.clone())
                .collect();
        }
        let mut rows: Vec<&crate::domain::analysis::valuation::Valuation> =
            all.iter().filter(|v| keep(v)).collect();
        match self.initiatives.sort {
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

    /// Whether an initiative is funded in the plan on screen: the recorded allocation once
    /// there is one, else the rule's result, with the room's hand changes on top.
    pub fn funded(&self, id: &str) -> bool {
        if let Some((fund, _)) = self.allocation.manual_lines.get(id) {
            return *fund;
        }
        // What the forum recorded, once it has; the rule's result before that. Every screen
        // reads this one answer, so the Overview's bar and its silos agree.
        self.fresh
            .as_ref()
            .is_some_and(|f| match &f.snapshot.allocation {
                Some(recorded) => recorded
                    .lines
                    .iter()
                    .any(|l| l.initiative == id && l.amount > 0),
                None => f.analysis.portfolio().funds(id),
            })
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
            Screen::Proposals => self.proposals.open.len(),
            Screen::Results => crate::tui::views::results::rows(self, f).len(),
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
            .filter(|(_, e)| {
                self.history
                    .kind_filter
                    .as_ref()
                    .is_none_or(|k| &e.kind == k)
            })
            .filter(|(_, e)| {
                self.history
                    .member_filter
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
        if let Some(s) = self.scoring.pending.get(&key) {
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
