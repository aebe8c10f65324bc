//! The 本机保存的地区 list (each entry with open and delete, and 新建地区) and the notice about the
//! figures the page keeps, with its one button (撤销, or open the user's own entry). Locality names are
//! the user's text: they are set as text and attribute values, never as markup.

use super::dom::set_opt;
use super::state::{Entry, Note, NoteKind};
use super::text::{self as t, Lang, Word};
use minzheng_core::inputs::FIELDS;
use minzheng_core::saved::Origin;
use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

/// `MM-DD HH:MM` in local time (the ISO form of the time moved by the time zone's offset: two JavaScript
/// imports, where reading month, day, hour and minute takes five).
pub fn time(ms: u64) -> String {
    let offset = js_sys::Date::new_0().get_timezone_offset() * 60_000.0;
    let iso = js_sys::Date::new(&JsValue::from_f64(ms as f64 - offset)).to_iso_string().as_string().unwrap_or_default();
    // YYYY-MM-DDTHH:MM:SS.sssZ
    let (date, hour) = (iso.get(5..10).unwrap_or_default(), iso.get(11..16).unwrap_or_default());
    let mut out = String::with_capacity(11);
    out.push_str(date);
    out.push(' ');
    out.push_str(hour);
    out
}

/// An entry's name as listed: the locality's name (or 未命名地区), and how it began when not typed here.
pub fn label(name: &str, origin: Origin, lang: Lang) -> String {
    let name = if name.is_empty() { t::UNNAMED.get(lang) } else { name };
    let (template, at) = match origin {
        Origin::Typed => return name.to_string(),
        Origin::Link(at) => (t::LINK_LABEL, at),
        Origin::Copy(at) => (t::COPY_LABEL, at),
    };
    template.fill(lang, &[("name", name), ("time", &time(at))])
}

/// A field's label as the form shows it; other keys (`current.…`, `param.…`) as they are in the link.
fn field_label(key: &str, lang: Lang) -> &str {
    FIELDS.iter().find(|f| f.id == key).map_or(key, |f| lang.pick(f.label_zh, f.label_en))
}

/// What the notice says, and its button (`data-action`, `data-entry`, text) if it has one.
#[derive(Debug, Default, PartialEq)]
pub struct NoticeView {
    pub text: String,
    pub action: Option<(&'static str, String, String)>,
}

pub fn notice(lang: Lang, storage_ok: bool, too_long: &[String], note: Option<&Note>) -> NoticeView {
    let mut text = String::new();
    let mut say = |sentence: &str| {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(sentence);
    };
    if !storage_ok {
        say(t::NO_STORAGE.get(lang));
    }
    if !too_long.is_empty() {
        let mut fields = String::new();
        for key in too_long {
            if !fields.is_empty() {
                fields.push_str(lang.pick("、", ", "));
            }
            fields.push_str(&t::QUOTED.fill(lang, &[("name", field_label(key, lang))]));
        }
        say(&t::TOO_LONG.fill(lang, &[("fields", &fields)]));
    }
    let mut action = None;
    if let Some(note) = note {
        let (template, button) = match note.kind {
            NoteKind::LinkKeptApart => (t::LINK_KEPT_APART, Some(("open", t::OPEN_OWN))),
            NoteKind::Forked => (t::FORKED, Some(("open", t::OPEN_OTHER))),
            NoteKind::Reset(_) => (t::RESET_DONE, Some(("undo", t::UNDO))),
            NoteKind::Restored => (t::RESTORED, None),
            NoteKind::CannotSwitch => (t::CANNOT_SWITCH, None),
        };
        let name = if note.name.is_empty() { t::UNNAMED.get(lang) } else { &note.name };
        let label = label(name, note.origin, lang);
        let values = [("name", name), ("label", label.as_str())];
        say(&template.fill(lang, &values));
        action = button.map(|(name, text)| (name, note.entry.clone(), text.fill(lang, &values)));
    }
    NoticeView { text, action }
}

/// Shows the notice's button (or hides it).
pub fn show_action(button: &Element, action: &Option<(&'static str, String, String)>) {
    let (name, entry, text) = match action {
        Some((name, entry, text)) => (*name, entry.as_str(), text.as_str()),
        None => ("notice", "", ""),
    };
    button.set_text_content(Some(text));
    let _ = button.set_attribute("data-action", name);
    let _ = button.set_attribute("data-entry", entry);
    set_opt(button, "hidden", action.is_none().then_some(""));
}

/// What the list shows now: for which language, storage, version of the entries (`Book::version`) and
/// entry on the page.
#[derive(Default)]
pub struct ListView {
    shown: Option<(Lang, bool, u32, String)>,
}

impl ListView {
    /// Brings the list under `root` up to date: `entries` newest first, `current` the one on the page;
    /// `available`: whether this browser lets the page save at all. Rows are rebuilt only on a change.
    #[allow(clippy::too_many_arguments)]
    pub fn show(
        &mut self,
        doc: &Document,
        root: &Element,
        lang: Lang,
        entries: &[Entry],
        version: u32,
        current: &str,
        available: bool,
    ) {
        let now = Some((lang, available, version, current.to_string()));
        if now == self.shown {
            return;
        }
        let Ok(Some(list)) = root.query_selector(".saved-list") else {
            return;
        };
        list.set_text_content(None);
        for e in entries {
            let _ = row(doc, &list, lang, e, e.id == current);
        }
        let empty = match (available, entries.is_empty()) {
            (false, _) => t::NO_STORAGE.get(lang),
            (true, true) => t::SAVED_EMPTY.get(lang),
            (true, false) => "",
        };
        if let Ok(Some(p)) = root.query_selector(".saved-empty") {
            p.set_text_content(Some(empty));
        }
        if let Ok(Some(new)) = root.query_selector("[data-action=new]") {
            set_opt(&new, "hidden", (!available).then_some(""));
        }
        self.shown = now;
    }

    /// The list must be drawn again (its markup was rebuilt).
    pub fn forget(&mut self) {
        self.shown = None;
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
fn row(doc: &Document, list: &Element, lang: Lang, e: &Entry, current: bool) -> Result<(), JsValue> {
    let label = label(&e.name, e.origin, lang);
    let named = |template: Word| template.fill(lang, &[("label", &label)]);
    let li = child(doc, list, "li", "saved-entry", "")?;
    if current {
        li.set_attribute("aria-current", "true")?;
        child(doc, &li, "span", "saved-name", &label)?;
        child(doc, &li, "span", "saved-time", t::EDITING.get(lang))?;
    } else {
        button(doc, &li, "tool saved-name", &label, "open", &e.id, &named(t::OPEN_ENTRY))?;
        child(doc, &li, "span", "saved-time", &time(e.saved))?;
    }
    button(doc, &li, "tool", t::DELETE.get(lang), "delete", &e.id, &named(t::DELETE_ENTRY))
}
