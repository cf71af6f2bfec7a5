//! A small RON tokenizer that only needs to know where things are, never what they mean.
//!
//! It accepts any text: whatever it does not recognise becomes a one-character token, and an
//! unterminated string or comment simply ends the input. It never fails and never recurses.

/// What a token is, as far as locating needs to know.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A string or raw string, with its escapes resolved (for comparing map keys).
    Str(String),
    /// An identifier (`title`, `Some`, `true`).
    Ident(String),
    /// A number, char literal or anything else that is one value on its own.
    Atom,
    /// One of `( ) [ ] { } , :`.
    Punct(char),
}

/// A token and where it starts (1-based line, 1-based column in characters).
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub kind: Kind,
    pub line: usize,
    pub col: usize,
}

struct Cursor<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    line: usize,
    col: usize,
}

impl Cursor<'_> {
    fn peek(&mut self) -> Option<char> {
        self.chars.peek().copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }
}

/// Splits RON text into tokens; comments and whitespace are dropped.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut cur = Cursor {
        chars: text.chars().peekable(),
        line: 1,
        col: 1,
    };
    let mut out = Vec::new();
    while let Some(c) = cur.peek() {
        let (line, col) = (cur.line, cur.col);
        let kind = if c.is_whitespace() {
            cur.bump();
            continue;
        } else if c == '/' {
            cur.bump();
            match cur.peek() {
                Some('/') => {
                    while cur.peek().is_some_and(|c| c != '\n') {
                        cur.bump();
                    }
                    continue;
                }
                Some('*') => {
                    cur.bump();
                    block_comment(&mut cur);
                    continue;
                }
                _ => Kind::Atom,
            }
        } else if c == '"' {
            cur.bump();
            Kind::Str(string(&mut cur))
        } else if c == '\'' {
            cur.bump();
            char_literal(&mut cur);
            Kind::Atom
        } else if "()[]{},:".contains(c) {
            cur.bump();
            Kind::Punct(c)
        } else if c.is_alphabetic() || c == '_' {
            let word = word(&mut cur);
            if (word == "r" || word == "br") && matches!(cur.peek(), Some('"' | '#')) {
                Kind::Str(raw_string(&mut cur))
            } else if word == "b" && cur.peek() == Some('"') {
                cur.bump();
                Kind::Str(string(&mut cur))
            } else {
                Kind::Ident(word)
            }
        } else if c.is_ascii_digit() || c == '-' || c == '+' || c == '.' {
            cur.bump();
            while cur.peek().is_some_and(|c| {
                c.is_alphanumeric() || c == '_' || c == '.' || c == '+' || c == '-'
            }) {
                cur.bump();
            }
            Kind::Atom
        } else {
            cur.bump();
            Kind::Atom
        };
        out.push(Token { kind, line, col });
    }
    out
}

fn word(cur: &mut Cursor) -> String {
    let mut w = String::new();
    while let Some(c) = cur.peek().filter(|c| c.is_alphanumeric() || *c == '_') {
        w.push(c);
        cur.bump();
    }
    w
}

/// After `/*`: RON block comments nest.
fn block_comment(cur: &mut Cursor) {
    let mut depth = 1usize;
    while let Some(c) = cur.bump() {
        match (c, cur.peek()) {
            ('*', Some('/')) => {
                cur.bump();
                depth -= 1;
                if depth == 0 {
                    return;
                }
            }
            ('/', Some('*')) => {
                cur.bump();
                depth += 1;
            }
            _ => {}
        }
    }
}

/// After the opening `"`: the content with simple escapes resolved.
fn string(cur: &mut Cursor) -> String {
    let mut s = String::new();
    while let Some(c) = cur.bump() {
        match c {
            '"' => break,
            '\\' => match cur.bump() {
                Some('n') => s.push('\n'),
                Some('t') => s.push('\t'),
                Some('r') => s.push('\r'),
                Some('0') => s.push('\0'),
                Some('u') => {
                    let mut hex = String::new();
                    if cur.peek() == Some('{') {
                        cur.bump();
                        while let Some(h) = cur.bump() {
                            if h == '}' {
                                break;
                            }
                            hex.push(h);
                        }
                    } else {
                        for _ in 0..4 {
                            hex.extend(cur.bump());
                        }
                    }
                    let ch = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                    s.extend(ch);
                }
                Some(other) => s.push(other),
                None => break,
            },
            c => s.push(c),
        }
    }
    s
}

/// After `r`: `#`*n `"` … `"` `#`*n.
fn raw_string(cur: &mut Cursor) -> String {
    let mut hashes = 0usize;
    while cur.peek() == Some('#') {
        cur.bump();
        hashes += 1;
    }
    if cur.peek() != Some('"') {
        return String::new();
    }
    cur.bump();
    let mut s = String::new();
    while let Some(c) = cur.bump() {
        if c == '"' {
            let mut n = 0;
            while n < hashes && cur.peek() == Some('#') {
                cur.bump();
                n += 1;
            }
            if n == hashes {
                return s;
            }
            s.push('"');
            s.extend(std::iter::repeat_n('#', n));
        } else {
            s.push(c);
        }
    }
    s
}

/// After the opening `'`: up to and including the closing `'`.
fn char_literal(cur: &mut Cursor) {
    for _ in 0..12 {
        match cur.bump() {
            Some('\\') => {
                cur.bump();
            }
            Some('\'') | None => return,
            Some(_) => {}
        }
    }
}
