//! The filter language of RFC 7644 §3.4.2.2 (Figure 1's ABNF): parsing into a tree.

mod eval;
#[cfg(test)]
mod tests;

pub(crate) use eval::{check, get_ci, get_ci_key, matches, values_at, Scope};

use super::error::{ScimError, ScimResult};

/// Filters longer than this are refused rather than parsed.
pub(crate) const MAX_FILTER_LEN: usize = 4096;
/// Nesting deeper than this (parentheses, `not`) is refused: it only ever comes from a bug.
const MAX_DEPTH: usize = 32;

/// An attribute path: `[URI ":"] ATTRNAME *1subAttr` (RFC 7644 §3.10).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct AttrPath {
    pub(crate) urn: Option<String>,
    pub(crate) name: String,
    pub(crate) sub: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CompareOp {
    Eq,
    Ne,
    Co,
    Sw,
    Ew,
    Gt,
    Ge,
    Lt,
    Le,
}

impl CompareOp {
    fn parse(word: &str) -> Option<CompareOp> {
        let ops = [
            ("eq", CompareOp::Eq),
            ("ne", CompareOp::Ne),
            ("co", CompareOp::Co),
            ("sw", CompareOp::Sw),
            ("ew", CompareOp::Ew),
            ("gt", CompareOp::Gt),
            ("ge", CompareOp::Ge),
            ("lt", CompareOp::Lt),
            ("le", CompareOp::Le),
        ];
        // Operators are case-insensitive (§3.4.2.2).
        ops.iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(word))
            .map(|(_, op)| *op)
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            CompareOp::Eq => "eq",
            CompareOp::Ne => "ne",
            CompareOp::Co => "co",
            CompareOp::Sw => "sw",
            CompareOp::Ew => "ew",
            CompareOp::Gt => "gt",
            CompareOp::Ge => "ge",
            CompareOp::Lt => "lt",
            CompareOp::Le => "le",
        }
    }
}

/// `compValue = false / null / true / number / string` (JSON literals, so case-sensitive).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum CompValue {
    Str(String),
    Num(f64),
    Bool(bool),
    Null,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Filter {
    And(Box<Filter>, Box<Filter>),
    Or(Box<Filter>, Box<Filter>),
    Not(Box<Filter>),
    Present(AttrPath),
    Compare(AttrPath, CompareOp, CompValue),
    /// `emails[type eq "work"]`: the inner filter speaks of the attribute's sub-attributes.
    ValuePath(AttrPath, Box<Filter>),
}

/// Parse a whole filter (the `filter` query parameter).
pub(crate) fn parse(text: &str) -> ScimResult<Filter> {
    parse_with(text, false)
}

/// Parse the inside of a value path (`type eq "work"` in `emails[type eq "work"]`), as PATCH
/// paths carry it.
pub(crate) fn parse_value_filter(text: &str) -> ScimResult<Filter> {
    parse_with(text, true)
}

fn parse_with(text: &str, inside_value_path: bool) -> ScimResult<Filter> {
    if text.len() > MAX_FILTER_LEN {
        return Err(ScimError::invalid_filter(format!(
            "the filter is longer than {MAX_FILTER_LEN} characters"
        )));
    }
    let tokens = tokenize(text)?;
    let mut parser = Parser {
        tokens,
        at: 0,
        depth: 0,
        inside_value_path,
    };
    let filter = parser.or()?;
    match parser.peek() {
        None => Ok(filter),
        Some(t) => Err(parser.error(t, "expected `and`, `or` or the end of the filter")),
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Open,
    Close,
    OpenBracket,
    CloseBracket,
    Str(String),
    Word(String),
}

#[derive(Clone, Debug)]
struct Token {
    tok: Tok,
    /// 1-based column, for messages.
    column: usize,
}

fn tokenize(text: &str) -> ScimResult<Vec<Token>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let column = i + 1;
        let single = match c {
            '(' => Some(Tok::Open),
            ')' => Some(Tok::Close),
            '[' => Some(Tok::OpenBracket),
            ']' => Some(Tok::CloseBracket),
            _ => None,
        };
        if let Some(tok) = single {
            tokens.push(Token { tok, column });
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '"' {
            // A JSON string: find the closing quote that no backslash escapes.
            let mut j = i + 1;
            let mut escaped = false;
            while j < chars.len() && (escaped || chars[j].1 != '"') {
                escaped = !escaped && chars[j].1 == '\\';
                j += 1;
            }
            if j >= chars.len() {
                return Err(ScimError::invalid_filter(format!(
                    "the string starting at column {column} has no closing quote"
                )));
            }
            let end = chars[j].0 + 1;
            let value: String = serde_json::from_str(&text[start..end]).map_err(|_| {
                ScimError::invalid_filter(format!(
                    "the string at column {column} is not a valid JSON string"
                ))
            })?;
            tokens.push(Token {
                tok: Tok::Str(value),
                column,
            });
            i = j + 1;
        } else {
            let mut j = i;
            while j < chars.len() && !matches!(chars[j].1, '(' | ')' | '[' | ']' | '"') {
                if chars[j].1.is_whitespace() {
                    break;
                }
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |(at, _)| *at);
            tokens.push(Token {
                tok: Tok::Word(text[start..end].to_string()),
                column,
            });
            i = j;
        }
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
    depth: usize,
    inside_value_path: bool,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }

    fn error(&self, token: &Token, expected: &str) -> ScimError {
        let found = match &token.tok {
            Tok::Open => "`(`".to_string(),
            Tok::Close => "`)`".to_string(),
            Tok::OpenBracket => "`[`".to_string(),
            Tok::CloseBracket => "`]`".to_string(),
            Tok::Str(s) => format!("the string {s:?}"),
            Tok::Word(w) => format!("`{w}`"),
        };
        ScimError::invalid_filter(format!(
            "{expected}, found {found} at column {}",
            token.column
        ))
    }

    fn end_error(&self, expected: &str) -> ScimError {
        ScimError::invalid_filter(format!("{expected}, but the filter ends there"))
    }

    fn peek_keyword(&self, keyword: &str) -> bool {
        matches!(self.peek(), Some(Token { tok: Tok::Word(w), .. }) if w.eq_ignore_ascii_case(keyword))
    }

    fn expect(&mut self, tok: Tok, what: &str) -> ScimResult<()> {
        match self.next() {
            Some(t) if t.tok == tok => Ok(()),
            Some(t) => Err(self.error(&t, &format!("expected {what}"))),
            None => Err(self.end_error(&format!("expected {what}"))),
        }
    }

    /// `or` binds loosest, then `and`, then `not` and grouping (§3.4.2.2 "precedence").
    fn or(&mut self) -> ScimResult<Filter> {
        let mut left = self.and()?;
        while self.peek_keyword("or") {
            self.at += 1;
            let right = self.and()?;
            left = Filter::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and(&mut self) -> ScimResult<Filter> {
        let mut left = self.unary()?;
        while self.peek_keyword("and") {
            self.at += 1;
            let right = self.unary()?;
            left = Filter::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> ScimResult<Filter> {
        if self.depth >= MAX_DEPTH {
            return Err(ScimError::invalid_filter(format!(
                "the filter nests deeper than {MAX_DEPTH} levels"
            )));
        }
        if self.peek_keyword("not") {
            self.at += 1;
            self.expect(Tok::Open, "`(` after `not`")?;
            let inner = self.grouped()?;
            return Ok(Filter::Not(Box::new(inner)));
        }
        if matches!(self.peek(), Some(Token { tok: Tok::Open, .. })) {
            self.at += 1;
            return self.grouped();
        }
        self.attribute_expression()
    }

    /// The rest of `( FILTER )` once `(` is consumed.
    fn grouped(&mut self) -> ScimResult<Filter> {
        self.depth += 1;
        let inner = self.or()?;
        self.depth -= 1;
        self.expect(Tok::Close, "`)`")?;
        Ok(inner)
    }

    fn attribute_expression(&mut self) -> ScimResult<Filter> {
        let token = match self.next() {
            Some(t) => t,
            None => return Err(self.end_error("expected an attribute name")),
        };
        let Tok::Word(word) = &token.tok else {
            return Err(self.error(&token, "expected an attribute name"));
        };
        let path = parse_attr_path(word).ok_or_else(|| {
            ScimError::invalid_filter(format!(
                "`{word}` at column {} is not an attribute path",
                token.column
            ))
        })?;
        if self.inside_value_path && (path.urn.is_some() || path.sub.is_some()) {
            return Err(ScimError::invalid_filter(format!(
                "inside [...] name a sub-attribute alone, not `{word}` (column {})",
                token.column
            )));
        }
        if matches!(
            self.peek(),
            Some(Token {
                tok: Tok::OpenBracket,
                ..
            })
        ) {
            if self.inside_value_path {
                let t = self.peek().cloned();
                return Err(t.map_or_else(
                    || self.end_error("value paths cannot nest"),
                    |t| self.error(&t, "value paths cannot nest"),
                ));
            }
            if path.sub.is_some() {
                return Err(ScimError::invalid_filter(format!(
                    "`{word}[...]`: a value path filters an attribute, not a sub-attribute"
                )));
            }
            self.at += 1;
            self.inside_value_path = true;
            self.depth += 1;
            let inner = self.or();
            self.inside_value_path = false;
            self.depth -= 1;
            let inner = inner?;
            self.expect(Tok::CloseBracket, "`]`")?;
            return Ok(Filter::ValuePath(path, Box::new(inner)));
        }
        let op_token = match self.next() {
            Some(t) => t,
            None => return Err(self.end_error(&format!("expected an operator after `{word}`"))),
        };
        let Tok::Word(op_word) = &op_token.tok else {
            return Err(self.error(
                &op_token,
                "expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr)",
            ));
        };
        if op_word.eq_ignore_ascii_case("pr") {
            return Ok(Filter::Present(path));
        }
        let Some(op) = CompareOp::parse(op_word) else {
            return Err(self.error(
                &op_token,
                "expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr)",
            ));
        };
        let value_token = match self.next() {
            Some(t) => t,
            None => return Err(self.end_error(&format!("expected a value after `{op_word}`"))),
        };
        let value = match &value_token.tok {
            Tok::Str(s) => CompValue::Str(s.clone()),
            Tok::Word(w) => match w.as_str() {
                "true" => CompValue::Bool(true),
                "false" => CompValue::Bool(false),
                "null" => CompValue::Null,
                number => match serde_json::from_str::<serde_json::Number>(number) {
                    Ok(n) => CompValue::Num(n.as_f64().unwrap_or(f64::NAN)),
                    Err(_) => {
                        return Err(self.error(
                            &value_token,
                            "expected a value: a quoted string, a number, true, false or null",
                        ))
                    }
                },
            },
            _ => {
                return Err(self.error(
                    &value_token,
                    "expected a value: a quoted string, a number, true, false or null",
                ))
            }
        };
        Ok(Filter::Compare(path, op, value))
    }
}

/// `urn:...:User:name.givenName`, `emails.value`, `userName`; `None` when malformed.
pub(crate) fn parse_attr_path(text: &str) -> Option<AttrPath> {
    let (urn, rest) = if text.len() > 4
        && text
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("urn:"))
    {
        let colon = text.rfind(':')?;
        (Some(text[..colon].to_string()), &text[colon + 1..])
    } else {
        (None, text)
    };
    let (name, sub) = match rest.split_once('.') {
        Some((name, sub)) => (name, Some(sub)),
        None => (rest, None),
    };
    let valid = |n: &str| {
        // ATTRNAME = ALPHA *(nameChar); "$ref" is the one sub-attribute that breaks the rule.
        let mut chars = n.chars();
        n == "$ref"
            || (chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    };
    if !valid(name) || sub.is_some_and(|s| !valid(s)) {
        return None;
    }
    Some(AttrPath {
        urn,
        name: name.to_string(),
        sub: sub.map(str::to_string),
    })
}
