//! Small helpers for writing to elements. Elements are looked up by name when first needed and kept.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

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
    let Some(e) = find(slot, root, selector) else {
        return;
    };
    if let Some(input) = e.dyn_ref::<HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(select) = e.dyn_ref::<HtmlSelectElement>() {
        // A level as linked or typed (`县`): the option of the level it names, or none.
        let level = minzheng_core::level::Level::parse(value).ok().flatten();
        select.set_value(level.map_or("", |l| l.spec().value));
    }
}

/// Text the page shows in one element (found on first use), and what it shows now.
#[derive(Default)]
pub struct Slot {
    pub shown: String,
    pub element: Option<Element>,
}

impl Slot {
    pub fn set(&mut self, root: &Element, selector: &str, text: &str) {
        if self.shown != text {
            self.shown = text.to_string();
            set_text_in(&mut self.element, root, selector, text);
        }
    }
}

/// Moves the keyboard focus to the element for `selector`, if there is one.
pub fn focus(root: &Element, selector: &str) {
    if let Ok(Some(e)) = root.query_selector(selector) {
        if let Ok(h) = e.dyn_into::<HtmlElement>() {
            let _ = h.focus();
        }
    }
}
