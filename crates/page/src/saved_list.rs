//! The notice and the 本机保存的地区 list on the page (their views: `minzheng_view::notice`). Locality
//! names are the user's text: set as text and attribute values, never as markup.

use crate::dom::{find, set_opt};
use minzheng_text::Lang;
use minzheng_view::{NoticeView, SavedListView, SavedRow};
use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

/// `MM-DD HH:MM` in local time (the ISO form of the time moved by the time zone's offset).
pub fn time(ms: u64) -> String {
    let offset = js_sys::Date::new_0().get_timezone_offset() * 60_000.0;
    let iso = js_sys::Date::new(&JsValue::from_f64(ms as f64 - offset)).to_iso_string().as_string().unwrap_or_default();
    // YYYY-MM-DDTHH:MM:SS.sssZ
    format!("{} {}", iso.get(5..10).unwrap_or_default(), iso.get(11..16).unwrap_or_default())
}

/// The notice as the page shows it now (`None`: not known, written next time), and its elements.
#[derive(Default)]
pub struct NoticeShown {
    shown: Option<NoticeView>,
    text: Option<Element>,
    button: Option<Element>,
}

impl NoticeShown {
    /// The notice of freshly written markup: empty, its button hidden.
    pub fn written() -> NoticeShown {
        NoticeShown { shown: Some(NoticeView::default()), text: None, button: None }
    }

    pub fn apply(&mut self, root: &Element, now: NoticeView) {
        let before = self.shown.as_ref();
        if before.is_none_or(|b| b.text != now.text) {
            if let Some(p) = find(&mut self.text, root, ".notice") {
                p.set_text_content(Some(&now.text));
            }
        }
        if before.is_none_or(|b| b.action != now.action) {
            if let Some(button) = find(&mut self.button, root, ".notice-action") {
                let (action, entry, text) = match &now.action {
                    Some(a) => (a.action, a.entry.as_str(), a.text.as_str()),
                    None => ("notice", "", ""),
                };
                button.set_text_content(Some(text));
                let _ = button.set_attribute("data-action", action);
                let _ = button.set_attribute("data-entry", entry);
                set_opt(button, "hidden", now.action.is_none().then_some(""));
            }
        }
        self.shown = Some(now);
    }

    /// The notice's text element, and forgets what it shows (the caller writes it later, e.g. from a promise).
    pub fn take_over(&mut self, root: &Element) -> Option<Element> {
        self.shown = None;
        find(&mut self.text, root, ".notice").cloned()
    }
}

/// What the list shows now: for which language, storage, version of the entries (`Book::version`) and
/// entry on the page. Rows are rebuilt only when one of these changes.
#[derive(Default)]
pub struct ListShown {
    shown: Option<(Lang, bool, u32, String)>,
}

impl ListShown {
    /// Whether the list must be drawn for this state.
    pub fn stale(&self, lang: Lang, available: bool, version: u32, current: &str) -> bool {
        self.shown.as_ref().is_none_or(|(l, a, v, c)| (*l, *a, *v, c.as_str()) != (lang, available, version, current))
    }

    /// Draws the list under `root` (its state given as for `stale`).
    pub fn apply(&mut self, doc: &Document, root: &Element, view: &SavedListView, state: (Lang, bool, u32, String)) {
        let Ok(Some(list)) = root.query_selector(".saved-list") else {
            return;
        };
        list.set_text_content(None);
        for row in &view.rows {
            let _ = add_row(doc, &list, row, view.delete);
        }
        if let Ok(Some(p)) = root.query_selector(".saved-empty") {
            p.set_text_content(Some(view.empty));
        }
        if let Ok(Some(new)) = root.query_selector("[data-action=new]") {
            set_opt(&new, "hidden", (!view.can_add).then_some(""));
        }
        self.shown = Some(state);
    }
}

/// Appends a `tag` element of `class` with `text` to `parent`.
fn child(doc: &Document, parent: &Element, tag: &str, class: &str, text: &str) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    e.set_class_name(class);
    e.set_text_content(Some(text));
    parent.append_with_node_1(&e)?;
    Ok(e)
}

/// A button of `class` showing `text` that does `action` to the entry `id`; `aria` names it in full.
fn button(
    doc: &Document,
    li: &Element,
    class: &str,
    text: &str,
    action: &str,
    id: &str,
    aria: &str,
) -> Result<(), JsValue> {
    let b = child(doc, li, "button", class, text)?;
    for (name, value) in [("type", "button"), ("data-action", action), ("data-entry", id), ("aria-label", aria)] {
        b.set_attribute(name, value)?;
    }
    Ok(())
}

/// A row: the entry's label (a button that opens it, but for the entry on the page), when it was saved,
/// and 删除.
fn add_row(doc: &Document, list: &Element, row: &SavedRow, delete: &str) -> Result<(), JsValue> {
    let li = child(doc, list, "li", "saved-entry", "")?;
    if row.current {
        li.set_attribute("aria-current", "true")?;
        child(doc, &li, "span", "saved-name", &row.label)?;
    } else {
        button(doc, &li, "tool saved-name", &row.label, "open", &row.id, &row.open_label)?;
    }
    child(doc, &li, "span", "saved-time", &row.when)?;
    button(doc, &li, "tool", delete, "delete", &row.id, &row.delete_label)
}
