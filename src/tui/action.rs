//! Every thing a facilitator can ask the app to do: one enum, dispatched by the keymap.

/// The screens of the meeting app, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    Overview,
    Evidence,
    Priorities,
    Initiatives,
    Scoring,
    Allocation,
    History,
    Proposals,
    Results,
}

impl Screen {
    /// Every screen, in tab order.
    pub const ALL: [Screen; 9] = [
        Screen::Overview,
        Screen::Evidence,
        Screen::Priorities,
        Screen::Initiatives,
        Screen::Scoring,
        Screen::Allocation,
        Screen::History,
        Screen::Proposals,
        Screen::Results,
    ];

    /// The tab label.
    pub fn title(self) -> &'static str {
        match self {
            Screen::Overview => "Overview",
            Screen::Evidence => "Evidence",
            Screen::Priorities => "Ranking",
            Screen::Initiatives => "Initiatives",
            Screen::Scoring => "Scoring",
            Screen::Allocation => "Allocation",
            Screen::History => "History",
            Screen::Proposals => "Proposals",
            Screen::Results => "Results",
        }
    }

    /// The tab label on narrow terminals.
    pub fn short(self) -> &'static str {
        match self {
            Screen::Initiatives => "Inits",
            Screen::Scoring => "Score",
            Screen::Allocation => "Alloc",
            Screen::History => "Log",
            Screen::Proposals => "Inbox",
            other => other.title(),
        }
    }

    /// Position in [`Screen::ALL`].
    pub fn index(self) -> usize {
        Screen::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

/// One thing the app can do; keys and clicks become actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    NextScreen,
    PrevScreen,
    Go(Screen),
    Up,
    Down,
    PageUp,
    PageDown,
    Left,
    Right,
    CycleTheme,
    Present,
    Reload,
    /// Ranking: move the selected priority up (manual order).
    MoveUp,
    /// Ranking: move the selected priority down (manual order).
    MoveDown,
    /// Advance the forum one phase (locks the ranking from Ranking).
    Advance,
    /// Initiatives: cycle the sort column.
    Sort,
    /// Initiatives: cycle the silo filter.
    FilterSilo,
    /// History: cycle the decision-kind filter.
    FilterKind,
    /// History: cycle the member filter (decided by or present).
    FilterMember,
    /// Ranking: start or stop editing a member's ballot.
    Ballot,
    /// Ranking, editing a ballot: the next member's ballot.
    NextMember,
    /// Initiatives: enlarge or shrink the detail pane.
    Detail,
    /// Initiatives: start incremental search.
    Search,
    /// Scoring: enter a score for the selected priority.
    Score(u8),
    /// Scoring: choose whose scores the number keys enter (consensus or a member).
    NextScorer,
    /// Scoring: hide or show individual scores.
    Reveal,
    /// Scoring: the next initiative the current scorer has not scored.
    NextUnscored,
    /// Allocation: what-if budget −5% / +5%.
    BudgetDown,
    BudgetUp,
    /// Allocation: type a what-if amount.
    BudgetType,
    /// Allocation: reset the what-if budget.
    BudgetReset,
    /// Evidence or Ranking: the form for a new piece of evidence or priority.
    NewRecord,
    /// Evidence or Ranking: the form for the selected piece of evidence or priority.
    EditRecord,
    /// Allocation, once an allocation stands: make the what-if budget the forum's, with the
    /// allocation re-made for it (a `rebudget` decision).
    Rebudget,
    /// Allocation: fund or unfund the selected line by hand (reason asked).
    ToggleLine,
    /// Allocation: commit the allocation as a decision.
    Commit,
    /// Initiatives/History: open the audit of the selected initiative.
    Audit,
    /// Proposals: accept the selected proposal as a decision (asks first).
    Accept,
    /// The glossary overlay: the forum's terms in plain words.
    Glossary,
    /// Reopen the forum one phase back (asks first).
    Reopen,
    /// Undo the last change not yet committed (a score entered, a line changed by hand).
    Undo,
    /// Scoring: start or stop score entry (digits score while it is on).
    ScoreMode,
    /// Dialog: Present becomes everyone on the forum.
    Everyone,
    /// Text input: delete the character under the cursor.
    Delete,
    /// Text input: cursor to the start / the end.
    Home,
    End,
    /// Text input: delete to the start / the word before the cursor.
    KillLine,
    KillWord,
    /// Text input: a typed character.
    Type(char),
    /// Text input: delete the last character.
    Erase,
    /// Dialog/input: next field.
    NextField,
    Confirm,
    Cancel,
}
