//! Keys → actions as a data table; the help overlay and the status-bar hints read the same table.

use crate::tui::action::{Action, Screen};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Every screen (unless a dialog or a text field has the keyboard).
    Global,
    /// One screen.
    On(Screen),
    /// Score entry on Scoring: digits score, Esc leaves (see `Action::ScoreMode`).
    ScoreEntry,
    /// Room-sized present mode.
    Present,
    /// A dialog or a text field is open.
    Input,
}

/// When a binding applies, beyond its context: help and the status bar show only those that do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Always,
    /// The forum is in Ranking (the order can still change).
    Ranking,
    /// The forum is not closed (there is a phase to advance to).
    Open,
    /// The forum is past Evidence (there is a phase to reopen to).
    Reopenable,
    /// Something entered in the room is not committed yet.
    Pending,
    /// The forum is in Scoring or Allocation.
    Allocating,
    /// An allocation stands (Allocation or Closed).
    Allocated,
    /// The forum gathers evidence and priorities (Evidence or Priorities).
    Gathering,
}

/// One row of the keymap.
#[derive(Debug, Clone)]
pub struct Binding {
    pub key: KeyCode,
    /// The modifiers the key is pressed with (Shift is implied by upper-case letters).
    pub mods: KeyModifiers,
    pub context: Context,
    pub action: Action,
    /// Shown in help and hints.
    pub label: &'static str,
    pub description: &'static str,
    /// The word or two shown in the status bar; empty: not shown there.
    pub word: &'static str,
    pub when: When,
}

impl Binding {
    /// The same binding, only when `when` holds.
    fn when(mut self, when: When) -> Binding {
        self.when = when;
        self
    }

    /// The same binding, pressed with `mods`.
    fn with(mut self, mods: KeyModifiers) -> Binding {
        self.mods = mods;
        self
    }

    /// Whether a key event is this binding's key.
    pub fn matches(&self, key: &KeyEvent) -> bool {
        // Shift comes with upper-case letters and BackTab on some terminals, not on others.
        let mods = key.modifiers - KeyModifiers::SHIFT;
        self.key == key.code && mods == self.mods - KeyModifiers::SHIFT
    }
}

const fn b(
    key: KeyCode,
    context: Context,
    action: Action,
    label: &'static str,
    description: &'static str,
    word: &'static str,
) -> Binding {
    Binding {
        key,
        mods: KeyModifiers::NONE,
        context,
        action,
        label,
        description,
        word,
        when: When::Always,
    }
}

use Context::{Global, Input, On, ScoreEntry};
use KeyCode::{
    BackTab, Backspace, Char, Delete, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp,
    Right, Tab, Up,
};
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

/// The whole keymap, in the order help shows it.
#[rustfmt::skip]
pub fn bindings() -> Vec<Binding> {
    let s = Screen::ALL;
    let mut v = vec![
        b(Char('?'), Global, Action::Help, "?", "show or hide this help", "help"),
        b(Char('g'), Global, Action::Glossary, "g", "glossary: the terms in plain words", ""),
        b(Char('q'), Global, Action::Quit, "q", "quit (asks first if work is pending)", "quit"),
        b(Char('c'), Global, Action::Quit, "C-c", "quit (asks first if work is pending)", "").with(CTRL),
        b(Tab, Global, Action::NextScreen, "Tab", "next screen", "screens"),
        b(BackTab, Global, Action::PrevScreen, "S-Tab", "previous screen", ""),
        b(Up, Global, Action::Up, "↑/k", "select previous row", ""),
        b(Char('k'), Global, Action::Up, "k", "select previous row", ""),
        b(Down, Global, Action::Down, "↓/j", "select next row", ""),
        b(Char('j'), Global, Action::Down, "j", "select next row", ""),
        b(PageUp, Global, Action::PageUp, "PgUp", "page up", ""),
        b(PageDown, Global, Action::PageDown, "PgDn", "page down", ""),
        b(Char('t'), Global, Action::CycleTheme, "t", "next colour theme", ""),
        b(Char('F'), Global, Action::Present, "F", "room-sized present mode", "present"),
        b(F(5), Global, Action::Reload, "F5", "reload the forum from git (asks first if work is pending)", ""),
        b(Char('A'), Global, Action::Advance, "A", "advance one phase (asks first)", "").when(When::Open),
        b(Char('R'), Global, Action::Reopen, "R", "reopen the forum one phase back (asks first)", "").when(When::Reopenable),
        b(Char('u'), Global, Action::Undo, "u", "undo the last change not yet committed", "undo").when(When::Pending),
    ];
    for (i, screen) in s.iter().enumerate() {
        let digit = char::from(b'1' + u8::try_from(i).unwrap_or(0));
        v.push(b(F(u8::try_from(i + 1).unwrap_or(1)), Global, Action::Go(*screen), "F1…F9", "go to a screen", ""));
        v.push(b(Char(digit), Global, Action::Go(*screen), "1…9", "go to a screen (F1…F9 too)", ""));
    }
    v.extend([
        b(Char('K'), On(Screen::Priorities), Action::MoveUp, "K", "move the priority up (manual order)", "up").when(When::Ranking),
        b(Char('J'), On(Screen::Priorities), Action::MoveDown, "J", "move the priority down (manual order)", "down").when(When::Ranking),
        b(Char('L'), On(Screen::Priorities), Action::Advance, "L", "lock the ranking (advance to Scoring)", "lock").when(When::Ranking),
        b(Char('b'), On(Screen::Priorities), Action::Ballot, "b", "cast or edit a member's ballot", "ballot").when(When::Ranking),
        b(Char('m'), On(Screen::Priorities), Action::NextMember, "m", "ballot: the next member's", "").when(When::Ranking),
        b(Char('c'), On(Screen::Priorities), Action::Commit, "c", "commit the ballot or manual order as a decision", "commit").when(When::Ranking),
        b(Esc, On(Screen::Priorities), Action::Cancel, "Esc", "drop the ballot or manual order being edited", "").when(When::Ranking),
        b(Char('s'), On(Screen::Initiatives), Action::Sort, "s", "sort by the next column", "sort"),
        b(Char('f'), On(Screen::Initiatives), Action::FilterSilo, "f", "filter by silo", "silo"),
        b(Char('f'), On(Screen::History), Action::FilterKind, "f", "filter by decision kind", "kind"),
        b(Char('m'), On(Screen::History), Action::FilterMember, "m", "filter by member (decided or present)", "member"),
        b(Enter, On(Screen::Initiatives), Action::Detail, "Enter", "enlarge or shrink the detail pane", "detail"),
        b(Char('/'), On(Screen::Initiatives), Action::Search, "/", "search titles", "search"),
        b(Left, On(Screen::Scoring), Action::Left, "←", "previous initiative", "prev"),
        b(Right, On(Screen::Scoring), Action::Right, "→", "next initiative", "next"),
        b(Char('e'), On(Screen::Scoring), Action::ScoreMode, "e", "enter scores (digits score until Esc)", "enter scores").when(When::Allocating),
        b(Char('m'), On(Screen::Scoring), Action::NextScorer, "m", "score as: consensus or a member", "scorer"),
        b(Char('r'), On(Screen::Scoring), Action::Reveal, "r", "reveal or hide individual scores", "reveal"),
        b(Char('n'), On(Screen::Scoring), Action::NextUnscored, "n", "next initiative not yet scored (by this scorer)", ""),
        b(Char('c'), On(Screen::Scoring), Action::Commit, "c", "commit every scorer's entered scores (one decision each)", "commit").when(When::Pending),
    ]);
    for d in 0..=9u8 {
        v.push(b(Char(char::from(b'0' + d)), ScoreEntry, Action::Score(d), "0…9", "score the selected priority (up to the scale)", if d == 0 { "score" } else { "" }));
    }
    v.extend([
        b(Backspace, ScoreEntry, Action::Erase, "Bksp", "clear the score entered for the selected priority", "clear"),
        b(Delete, ScoreEntry, Action::Erase, "Del", "clear the score entered for the selected priority", ""),
        b(Esc, ScoreEntry, Action::ScoreMode, "Esc", "stop entering scores (digits change screen again)", "done"),
        b(Char('e'), ScoreEntry, Action::ScoreMode, "e", "stop entering scores (digits change screen again)", ""),
        b(Left, ScoreEntry, Action::Left, "←", "previous initiative", "prev"),
        b(Right, ScoreEntry, Action::Right, "→", "next initiative", "next"),
        b(Char('m'), ScoreEntry, Action::NextScorer, "m", "score as: consensus or a member", "scorer"),
        b(Char('n'), ScoreEntry, Action::NextUnscored, "n", "next initiative not yet scored (by this scorer)", ""),
        b(Char('c'), ScoreEntry, Action::Commit, "c", "commit every scorer's entered scores (one decision each)", "commit").when(When::Pending),
        b(Left, On(Screen::Allocation), Action::BudgetDown, "←", "what-if budget −5%", "−5%"),
        b(Right, On(Screen::Allocation), Action::BudgetUp, "→", "what-if budget +5%", "+5%"),
        b(Char('b'), On(Screen::Allocation), Action::BudgetType, "b", "type a what-if budget (2.5m, 2,500,000)", "budget"),
        b(Char('n'), On(Screen::Evidence), Action::NewRecord, "n", "add a piece of evidence (a form, then a decision)", "new").when(When::Gathering),
        b(Char('E'), On(Screen::Evidence), Action::EditRecord, "E", "change the selected evidence (a form, then a decision)", "edit").when(When::Gathering),
        b(Char('n'), On(Screen::Priorities), Action::NewRecord, "n", "add a priority (a form, then a decision)", "new").when(When::Gathering),
        b(Char('E'), On(Screen::Priorities), Action::EditRecord, "E", "change the selected priority (a form, then a decision)", "edit").when(When::Gathering),
        b(Char('B'), On(Screen::Allocation), Action::Rebudget, "B", "make the what-if budget the forum's and re-allocate (rebudget)", "rebudget").when(When::Allocated),
        b(Char('0'), On(Screen::Allocation), Action::BudgetReset, "0", "back to the forum's budget", ""),
        b(Char(' '), On(Screen::Allocation), Action::ToggleLine, "Space", "fund/unfund a line by hand (reason asked; undoing one is free)", "by hand"),
        b(Char('c'), On(Screen::Allocation), Action::Commit, "c", "commit the allocation as a decision", "commit").when(When::Allocating),
        b(Char('a'), On(Screen::Proposals), Action::Accept, "a", "accept the selected proposal (asks first)", "accept"),
        b(Left, Context::Present, Action::Left, "←", "previous initiative or row", "prev"),
        b(Right, Context::Present, Action::Right, "→", "next initiative or row", "next"),
        b(Char('F'), Context::Present, Action::Present, "F", "leave present mode", "leave"),
        b(Esc, Context::Present, Action::Present, "Esc", "leave present mode", ""),
        b(Enter, Input, Action::Confirm, "Enter", "confirm", "confirm"),
        b(Esc, Input, Action::Cancel, "Esc", "cancel", "cancel"),
        b(Tab, Input, Action::NextField, "Tab", "next field", "next field"),
        b(F(2), Input, Action::Everyone, "F2", "Present: everyone on the forum", "everyone"),
        b(Backspace, Input, Action::Erase, "Bksp", "delete the character before the cursor", ""),
        b(Delete, Input, Action::Delete, "Del", "delete the character under the cursor", ""),
        b(Left, Input, Action::Left, "←", "cursor left (one letter)", ""),
        b(Right, Input, Action::Right, "→", "cursor right (one letter)", ""),
        b(Home, Input, Action::Home, "Home", "cursor to the start", ""),
        b(Char('a'), Input, Action::Home, "C-a", "cursor to the start", "").with(CTRL),
        b(End, Input, Action::End, "End", "cursor to the end", ""),
        b(Char('e'), Input, Action::End, "C-e", "cursor to the end", "").with(CTRL),
        b(Char('u'), Input, Action::KillLine, "C-u", "delete to the start", "").with(CTRL),
        b(Char('w'), Input, Action::KillWord, "C-w", "delete the word before the cursor", "").with(CTRL),
        b(Char('c'), Input, Action::Cancel, "C-c", "cancel", "").with(CTRL),
    ]);
    v.extend([
        b(Char('a'), On(Screen::Initiatives), Action::Audit, "a", "audit the selected initiative", ""),
        b(Char('a'), On(Screen::History), Action::Audit, "a", "audit the initiative selected on Initiatives", ""),
        b(Char('a'), On(Screen::Scoring), Action::Audit, "a", "audit the initiative being scored", ""),
        b(Char('a'), On(Screen::Allocation), Action::Audit, "a", "audit the line: why (not) funded", ""),
        b(Left, On(Screen::History), Action::Left, "←", "audit the previous initiative", ""),
        b(Right, On(Screen::History), Action::Right, "→", "audit the next initiative", ""),
        b(Esc, On(Screen::History), Action::Cancel, "Esc", "close the audit", ""),
    ]);
    v
}

/// The action for a key in a context: the context's bindings first, then global ones (a
/// dialog or text field takes every other printable key as typing).
pub fn lookup(table: &[Binding], context: Context, key: KeyEvent) -> Option<Action> {
    let here = table
        .iter()
        .find(|x| x.context == context && x.matches(&key));
    if let Some(found) = here {
        return Some(found.action.clone());
    }
    if context == Input {
        let plain = (key.modifiers - KeyModifiers::SHIFT).is_empty();
        return match key.code {
            Char(c) if plain => Some(Action::Type(c)),
            _ => None,
        };
    }
    if context == ScoreEntry {
        // Score entry keeps the Scoring screen's own keys (r, a, …) below its own.
        if let Some(found) = table
            .iter()
            .find(|x| x.context == On(Screen::Scoring) && x.matches(&key))
        {
            return Some(found.action.clone());
        }
    }
    table
        .iter()
        .find(|x| x.context == Global && x.matches(&key))
        .map(|x| x.action.clone())
}

/// Help rows for a context: (label, description), one per distinct description, only the
/// bindings that apply now (`applies`).
pub fn help_rows(
    table: &[Binding],
    context: Context,
    applies: &dyn Fn(When) -> bool,
) -> Vec<(&'static str, &'static str)> {
    let mut rows: Vec<(&'static str, &'static str)> = Vec::new();
    for x in table
        .iter()
        .filter(|x| x.context == context && applies(x.when))
    {
        if !rows.iter().any(|(_, d)| *d == x.description) {
            rows.push((x.label, x.description));
        }
    }
    rows
}

/// Status-bar hints for a context: the context's hinted keys that apply now, then the global
/// ones (none in a dialog).
pub fn hints(
    table: &[Binding],
    context: Context,
    applies: &dyn Fn(When) -> bool,
) -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&'static str, &'static str)> = Vec::new();
    let shown = |x: &&Binding| !x.word.is_empty() && applies(x.when);
    let screen = table.iter().filter(|x| x.context == context).filter(shown);
    let global = table
        .iter()
        .filter(|x| x.context == Global && context != Input)
        .filter(shown);
    for x in screen.chain(global) {
        if !out.iter().any(|(l, _)| *l == x.label) {
            out.push((x.label, x.word));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn screen_keys_win_over_global_ones() {
        let t = bindings();
        assert_eq!(
            lookup(&t, ScoreEntry, key(Char('3'))),
            Some(Action::Score(3))
        );
        // Outside score entry, digits change screen on Scoring too.
        assert_eq!(
            lookup(&t, On(Screen::Scoring), key(Char('1'))),
            Some(Action::Go(Screen::Overview))
        );
        assert_eq!(
            lookup(&t, On(Screen::Overview), key(Char('3'))),
            Some(Action::Go(Screen::Priorities))
        );
        assert_eq!(
            lookup(&t, On(Screen::Allocation), key(Left)),
            Some(Action::BudgetDown)
        );
        assert_eq!(lookup(&t, Input, key(Char('q'))), Some(Action::Type('q')));
        assert_eq!(
            lookup(&t, On(Screen::Overview), key(Char('q'))),
            Some(Action::Quit)
        );
    }

    #[test]
    fn every_binding_has_a_description_and_help_lists_it() {
        let t = bindings();
        assert!(t.iter().all(|x| !x.description.is_empty()));
        let all = |_: When| true;
        assert!(help_rows(&t, Global, &all).iter().any(|(l, _)| *l == "?"));
        assert!(
            hints(&t, On(Screen::Allocation), &all)
                .iter()
                .any(|(l, w)| *l == "c" && *w == "commit")
        );
        let none = |w: When| w == When::Always;
        assert!(
            !hints(&t, On(Screen::Allocation), &none)
                .iter()
                .any(|(l, _)| *l == "c")
        );
    }

    #[test]
    fn keys_compare_modifiers() {
        let t = bindings();
        let ctrl = |c| KeyEvent::new(Char(c), KeyModifiers::CONTROL);
        assert_eq!(lookup(&t, Input, ctrl('u')), Some(Action::KillLine));
        assert_eq!(lookup(&t, Input, key(Char('u'))), Some(Action::Type('u')));
        assert_eq!(lookup(&t, On(Screen::Overview), ctrl('u')), None);
        assert_eq!(
            lookup(&t, On(Screen::Overview), ctrl('c')),
            Some(Action::Quit)
        );
        let alt_q = KeyEvent::new(Char('q'), KeyModifiers::ALT);
        assert_eq!(lookup(&t, On(Screen::Overview), alt_q), None);
        let shifted = KeyEvent::new(Char('A'), KeyModifiers::SHIFT);
        assert_eq!(
            lookup(&t, On(Screen::Overview), shifted),
            Some(Action::Advance)
        );
    }
}
