//! Small helpers over web-sys for building elements. Text is always set as text, never as HTML,
//! so a locality name or a spreadsheet cell can never become markup.

use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

pub const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// Creates `<tag class="…">` (no class when `class` is empty).
pub fn el(doc: &Document, tag: &str, class: &str) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    Ok(e)
}

/// Creates an element holding only `text`.
pub fn text_el(doc: &Document, tag: &str, class: &str, text: &str) -> Result<Element, JsValue> {
    let e = el(doc, tag, class)?;
    e.set_text_content(Some(text));
    Ok(e)
}

/// Creates an SVG element.
pub fn svg(doc: &Document, tag: &str) -> Result<Element, JsValue> {
    doc.create_element_ns(Some(SVG_NS), tag)
}

/// Sets several attributes at once.
pub fn attrs(e: &Element, pairs: &[(&str, &str)]) -> Result<(), JsValue> {
    for (k, v) in pairs {
        e.set_attribute(k, v)?;
    }
    Ok(())
}

/// Appends children in order.
pub fn append(parent: &Element, children: &[&Element]) -> Result<(), JsValue> {
    for c in children {
        parent.append_child(c)?;
    }
    Ok(())
}

/// Sets or removes an attribute, touching the DOM only when the value changes.
pub fn set_opt(e: &Element, name: &str, value: Option<&str>) {
    match value {
        Some(v) => {
            if e.get_attribute(name).as_deref() != Some(v) {
                let _ = e.set_attribute(name, v);
            }
        }
        None => {
            if e.has_attribute(name) {
                let _ = e.remove_attribute(name);
            }
        }
    }
}

/// Sets text only when it changes (keeps screen readers from re-announcing the same words).
pub fn set_text(e: &Element, text: &str) {
    if e.text_content().as_deref() != Some(text) {
        e.set_text_content(Some(text));
    }
}
