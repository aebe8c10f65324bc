//! The notice about the figures the page keeps (with its one button: 撤销, or open the user's own
//! entry), and the 本机保存的地区 list (each entry with open and delete). Locality names are the user's
//! text: the page sets them as text and attribute values, never as markup.
//!
//! Times (`MM-DD HH:MM`) are written by the caller's `time` (the browser knows the time zone).

use minzheng_core::inputs::FIELDS;
use minzheng_core::saved::Origin;
use minzheng_text::{page as t, Lang, Word};

/// A saved entry as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    /// The locality's name (empty when unnamed).
    pub name: String,
    pub origin: Origin,
    /// When last written (ms since 1970).
    pub saved: u64,
}

/// What the page tells the user about the figures it keeps: what happened, and the entry it concerns
/// (its locality's name and how it began, for its label; its id, for the notice's button).
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub kind: NoteKind,
    pub name: String,
    pub origin: Origin,
    pub entry: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NoteKind {
    /// A share link's locality was saved here with other figures: the link's figures are a new entry
    /// (`origin`: `Link`), the user's own stay in `entry`.
    LinkKeptApart,
    /// Another tab changed the entry `entry` since this tab last read it: this tab's figures went to a
    /// new one (`origin`: `Copy`).
    Forked,
    /// The form was cleared; these were its values (撤销 puts them back).
    Reset(Vec<(String, String)>),
    /// 撤销 put the values back.
    Restored,
    /// The figures on the page are not saved (storage failed): switching would lose them.
    CannotSwitch,
}

impl Note {
    pub fn new(kind: NoteKind) -> Note {
        Note { kind, name: String::new(), origin: Origin::Typed, entry: String::new() }
    }

    /// Whether the note is about the last action only, and goes at the next edit (撤销 with it).
    pub fn is_transient(&self) -> bool {
        matches!(self.kind, NoteKind::Reset(_) | NoteKind::Restored)
    }
}

/// An entry's name as listed: the locality's name (or 未命名地区), and how it began when not typed here.
pub fn label(name: &str, origin: Origin, lang: Lang, time: &dyn Fn(u64) -> String) -> String {
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

/// What the notice says, and its button if it has one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NoticeView {
    pub text: String,
    pub action: Option<NoticeAction>,
}

/// The notice's button: what it does (`data-action`), to which entry (`data-entry`), and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct NoticeAction {
    pub action: &'static str,
    pub entry: String,
    pub text: String,
}

impl NoticeView {
    /// The notice: storage refused (`storage_ok` false), link values too long to read (`too_long`, by
    /// key), and the note about the last action or arrival.
    pub fn new(
        lang: Lang,
        storage_ok: bool,
        too_long: &[String],
        note: Option<&Note>,
        time: &dyn Fn(u64) -> String,
    ) -> NoticeView {
        let mut sentences: Vec<String> = Vec::new();
        if !storage_ok {
            sentences.push(t::NO_STORAGE.get(lang).to_string());
        }
        if !too_long.is_empty() {
            let fields: Vec<String> =
                too_long.iter().map(|key| t::QUOTED.fill(lang, &[("name", field_label(key, lang))])).collect();
            sentences.push(t::TOO_LONG.fill(lang, &[("fields", &fields.join(lang.pick("、", ", ")))]));
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
            let label = label(name, note.origin, lang, time);
            let values = [("name", name), ("label", label.as_str())];
            sentences.push(template.fill(lang, &values));
            action = button.map(|(action, text)| NoticeAction {
                action,
                entry: note.entry.clone(),
                text: text.fill(lang, &values),
            });
        }
        NoticeView { text: sentences.join(" "), action }
    }
}

/// The 本机保存的地区 list.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedListView {
    /// Newest first.
    pub rows: Vec<SavedRow>,
    /// What the list says when it has no rows to show (or storage is refused), else empty.
    pub empty: &'static str,
    /// Whether 新建地区 is offered (not when this browser cannot save at all).
    pub can_add: bool,
    /// The delete buttons' text.
    pub delete: &'static str,
}

/// One saved entry's row.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedRow {
    pub id: String,
    pub label: String,
    /// When it was saved, or 正在编辑 for the entry on the page.
    pub when: String,
    /// The entry on the page (its label is not a button).
    pub current: bool,
    /// The open and delete buttons' names in full (`打开「某县」`).
    pub open_label: String,
    pub delete_label: String,
}

impl SavedListView {
    /// `entries` newest first, `current` the entry on the page; `available`: whether this browser lets
    /// the page save at all.
    pub fn new(
        lang: Lang,
        entries: &[Entry],
        current: &str,
        available: bool,
        time: &dyn Fn(u64) -> String,
    ) -> SavedListView {
        let rows = entries
            .iter()
            .map(|e| {
                let label = label(&e.name, e.origin, lang, time);
                let named = |template: Word| template.fill(lang, &[("label", &label)]);
                let current = e.id == current;
                SavedRow {
                    id: e.id.clone(),
                    when: if current { t::EDITING.get(lang).to_string() } else { time(e.saved) },
                    current,
                    open_label: named(t::OPEN_ENTRY),
                    delete_label: named(t::DELETE_ENTRY),
                    label,
                }
            })
            .collect();
        let empty = match (available, entries.is_empty()) {
            (false, _) => t::NO_STORAGE.get(lang),
            (true, true) => t::SAVED_EMPTY.get(lang),
            (true, false) => "",
        };
        SavedListView { rows, empty, can_add: available, delete: t::DELETE.get(lang) }
    }
}
