//! The page's markup is built here as one string and inserted with one `innerHTML`: thousands of
//! separate web-sys calls (each crossing into JavaScript, each string decoded there) cost far more
//! than the browser's own HTML parser.
//!
//! Only our own text goes into the string (the ruleset, the UI strings, figures the engine worked
//! out), and every piece of it is escaped by `escape`, text and attribute values alike. Anything
//! the user typed (a locality name, a field's value, an error message quoting it, the embed
//! snippets) is never put into markup: it is set afterwards as `value` or `textContent`.

use wasm_bindgen::JsCast;
use web_sys::Element;

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

/// The element under `root` for `selector`, found on first use and kept in `slot`.
pub fn find<'a>(slot: &'a mut Option<Element>, root: &Element, selector: &str) -> Option<&'a Element> {
    if slot.is_none() {
        *slot = root.query_selector(selector).ok().flatten();
    }
    slot.as_ref()
}

/// Sets the text of the element in `slot` (found by `selector` on first use).
pub fn set_text_in(slot: &mut Option<Element>, root: &Element, selector: &str, text: &str) {
    if let Some(e) = find(slot, root, selector) {
        e.set_text_content(Some(text));
    }
}

/// Sets or removes an attribute.
pub fn set_opt(e: &Element, name: &str, value: Option<&str>) {
    let _ = match value {
        Some(v) => e.set_attribute(name, v),
        None => e.remove_attribute(name),
    };
}

/// Sets an input's value (the element in `slot`, found by `selector` on first use).
pub fn set_value_in(slot: &mut Option<Element>, root: &Element, selector: &str, value: &str) {
    if let Some(input) = find(slot, root, selector).and_then(|e| e.dyn_ref::<web_sys::HtmlInputElement>()) {
        input.set_value(value);
    }
}
