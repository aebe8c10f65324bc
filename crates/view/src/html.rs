//! Markup as a string. The page's markup is built as one string and inserted with one `innerHTML`:
//! thousands of separate DOM calls (each crossing into JavaScript, each string decoded there) cost far
//! more than the browser's own HTML parser.
//!
//! Only our own text goes into the string (the ruleset, the catalogue's words, figures the engine worked
//! out), and every piece of it is escaped by `escape`, text and attribute values alike. Anything the
//! user typed (a locality name, a field's value, an error message quoting it) is never put into markup:
//! the page sets it afterwards as `value` or `textContent`.

/// Appends `text` with `& < > " '` escaped (safe as element text and as a double-quoted attribute).
pub fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// `text` escaped (see `escape`).
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape(&mut out, text);
    out
}

/// A string of markup under construction.
pub struct Html {
    pub out: String,
}

impl Html {
    pub fn with_capacity(n: usize) -> Self {
        Html { out: String::with_capacity(n) }
    }

    /// Our own markup (a fixed piece, or the chart's), as is.
    pub fn raw(&mut self, markup: &str) -> &mut Self {
        self.out.push_str(markup);
        self
    }

    /// Our own markup `template` with each `{}` replaced by the next of `args`, escaped (a `{}` with no
    /// argument left is dropped). Our templates have no other `{`.
    pub fn fill(&mut self, template: &str, args: &[&str]) -> &mut Self {
        let mut pieces = template.split('{');
        self.out.push_str(pieces.next().unwrap_or_default());
        let mut args = args.iter();
        for piece in pieces {
            if let Some(arg) = args.next() {
                escape(&mut self.out, arg);
            }
            self.out.push_str(piece.strip_prefix('}').unwrap_or(piece));
        }
        self
    }
}
