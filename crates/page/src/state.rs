//! Where the user's figures live between visits: the URL fragment (a share link, written by
//! `fragment::write`) and, on this computer, one localStorage entry per locality (`minzheng_core::saved` has
//! the keys and the record format), listed on the page as 本机保存的地区.
//!
//! Which entry a tab edits: the tab's history entry holds a mark (`saved::TabMark`: the entry's id, its
//! version as the tab last read or wrote it, and a checksum of the link written with it) in
//! `history.state`, set together with the link by `replaceState`. A reload, Back and Forward bring the
//! mark back with its link; a new tab, or a link typed or pasted into the address bar, has none. (Not
//! sessionStorage: its first read costs 1–40 ms of the start-up, measured; `history.state` 0.1 ms.)
//!
//! The two-tab rule: every write of an entry first reads its version (`rev`, and `by`, the tab that wrote
//! it). If it is still the one this tab last read or wrote, the write follows it (`rev + 1`, `by` this
//! tab); if another tab wrote the entry meanwhile, this tab does not overwrite it: its figures go to a
//! new entry (`Origin::Copy`), the tab edits that one from then on, and the page says so. So a write
//! continues the version its writer was shown, and no tab's figures replace figures it never saw. (Tabs
//! see each other's writes a few milliseconds late: two writes within that time may both follow the same
//! version, and the later replaces the earlier in storage; `by` makes the earlier tab's next write see
//! that, so it keeps its figures apart then. Until then they are in its link.) A tab that starts with a link it did not write itself
//! never takes over an entry either: a link's figures open the entry that holds exactly them, or become
//! a new entry (kept apart, `Origin::Link`, when the locality's name is already saved with other figures).

use minzheng_core::fragment;
use minzheng_core::saved::{self, Origin, Record, TabMark};
use minzheng_text::Lang;
use minzheng_view::link_body;
use minzheng_view::{Entry, Note, NoteKind};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::{Storage, Window};

const ELDER_KEY: &str = "minzheng-calc:elder";

/// What the user typed, as typed, plus the language.
#[derive(Debug, Clone, Default)]
pub struct Saved {
    pub values: Vec<(String, String)>,
    pub lang: Option<Lang>,
}

fn split(pairs: Vec<(String, String)>) -> Saved {
    let mut saved = Saved::default();
    for (k, v) in pairs {
        if k == "lang" {
            saved.lang = Some(if v == "en" { Lang::En } else { Lang::Zh });
        } else {
            saved.values.push((k, v));
        }
    }
    saved
}

/// The fragment's state, and the keys whose values were too long to read.
pub fn from_hash(window: &Window) -> (Saved, Vec<String>) {
    let hash = window.location().hash().unwrap_or_default();
    let parsed = fragment::parse_checked(&hash);
    (split(parsed.pairs), parsed.too_long)
}

fn storage(window: &Window) -> Option<Storage> {
    window.local_storage().ok().flatten()
}

fn now() -> u64 {
    js_sys::Date::now() as u64
}

fn new_id() -> String {
    saved::new_id(now(), (js_sys::Math::random() * f64::from(u32::MAX)) as u32)
}

/// The page's way in: the figures to show, the entry they belong to, and what to tell the user.
pub struct Arrival {
    pub saved: Saved,
    pub note: Option<Note>,
    /// Keys whose values were too long to read from the link.
    pub too_long: Vec<String>,
}

/// The entries saved on this computer, and the one this tab edits.
pub struct Book {
    local: Option<Storage>,
    /// The entry this tab edits (it has no record until it has figures).
    id: String,
    /// Its version as this tab last read or wrote it: `rev` (0: never written) and `by`.
    rev: u64,
    by: String,
    /// This tab's name in the records it writes.
    token: String,
    origin: Origin,
    /// The fragment body last read or written for it: nothing is written while it stays the same.
    body: String,
    /// Every entry, newest first (once `rescan` has run).
    entries: Vec<Entry>,
    scanned: bool,
    /// Counts the readings of `entries` (the list is drawn again after each).
    pub version: u32,
    /// In an iframe (`?embed=1`): the host page's figures go on with the entry begun from them (`prefill_key`).
    embedded: bool,
}

impl Book {
    /// Opens the book (moving the first version's state in, once) and works out what the page shows:
    /// the link and this tab's mark decide (see the module's comment).
    pub fn start(window: &Window, embedded: bool) -> (Book, Arrival) {
        let mut book = Book {
            local: storage(window),
            id: String::new(),
            rev: 0,
            by: String::new(),
            token: new_id(),
            origin: Origin::Typed,
            body: String::new(),
            entries: Vec::new(),
            scanned: false,
            version: 0,
            embedded,
        };
        book.migrate_v1();
        let arrival = book.arrive(window);
        (book, arrival)
    }

    /// Whether localStorage can be read at all.
    pub fn available(&self) -> bool {
        self.local.is_some()
    }

    pub fn current(&self) -> &str {
        &self.id
    }

    /// How this tab's entry began.
    pub fn origin(&self) -> Origin {
        self.origin
    }

    /// Every entry, newest first, read from storage when first needed and again after a change to the
    /// list (`rescan`).
    pub fn entries(&mut self) -> &[Entry] {
        if !self.scanned {
            self.rescan();
        }
        &self.entries
    }

    fn read(&self, id: &str) -> Option<Record> {
        self.read_key(&saved::key(id))
    }

    fn read_key(&self, key: &str) -> Option<Record> {
        Record::parse(&self.local.as_ref()?.get_item(key).ok().flatten()?)
    }

    /// Reads the list again (another tab may have written).
    pub fn rescan(&mut self) {
        self.entries.clear();
        self.scanned = true;
        self.version += 1;
        let Some(local) = &self.local else {
            return;
        };
        for i in 0..local.length().unwrap_or(0) {
            let Some(key) = local.key(i).ok().flatten() else {
                continue;
            };
            let (Some(id), Some(r)) = (saved::id_of(&key), self.read_key(&key)) else {
                continue;
            };
            let name = saved::name_of(&r.figures().pairs).to_string();
            self.entries.push(Entry { id: id.to_string(), name, origin: r.origin, saved: r.saved });
            // Newest first, by insertion (a few dozen entries; a sort would add kilobytes to the module).
            let mut at = self.entries.len() - 1;
            while at > 0 && self.entries.get(at - 1).is_some_and(|e| e.saved < r.saved) {
                self.entries.swap(at - 1, at);
                at -= 1;
            }
        }
    }

    /// The first version kept one state under `minzheng-calc:v1`: it becomes the entry `v1` (once: the
    /// old key goes when the entry is written).
    fn migrate_v1(&mut self) {
        let Some(local) = &self.local else {
            return;
        };
        let Some(text) = local.get_item(saved::V1_KEY).ok().flatten() else {
            return;
        };
        let key = saved::key(saved::V1_ID);
        let has_figures = !saved::figures(&text).pairs.is_empty();
        let moved = !has_figures
            || local.get_item(&key).ok().flatten().is_some()
            || local
                .set_item(
                    &key,
                    &Record { rev: 1, by: String::new(), saved: now(), origin: Origin::Typed, body: text }.to_text(),
                )
                .is_ok();
        if moved {
            let _ = local.remove_item(saved::V1_KEY);
        }
    }

    /// What the page shows for the link and mark it has now (at start-up, and when the fragment changes).
    pub fn arrive(&mut self, window: &Window) -> Arrival {
        let (link, too_long) = from_hash(window);
        let body = link_body(&link.values, link.lang.unwrap_or(Lang::Zh));
        let mark = window
            .history()
            .ok()
            .and_then(|h| h.state().ok())
            .and_then(|s| s.as_string())
            .and_then(|s| TabMark::parse(&s))
            .filter(|m| m.sum == saved::checksum(&body));
        let (saved, note) = match mark {
            // This tab's own link, as it left it (a reload, Back or Forward).
            Some(mark) => self.resume(mark, link, body),
            None if link.values.is_empty() => (self.open_latest(link.lang), None),
            None if self.embedded => {
                // The host page's figures (its iframe's src), again after the host page was reloaded: the entry
                // begun from them, with what the user typed since. (sessionStorage: read in an iframe only.)
                let session = window.session_storage().ok().flatten();
                let key = saved::prefill_key(saved::checksum(&body));
                let begun = session.as_ref().and_then(|s| s.get_item(&key).ok().flatten());
                match begun.and_then(|id| self.open(&id)) {
                    Some(saved) => (Saved { values: saved.values, lang: saved.lang.or(link.lang) }, None),
                    None => {
                        let arrival = self.take_link(link, body);
                        if let Some(s) = &session {
                            let _ = s.set_item(&key, &self.id);
                        }
                        arrival
                    }
                }
            }
            None => self.take_link(link, body),
        };
        Arrival { saved, note, too_long }
    }

    fn resume(&mut self, mark: TabMark, link: Saved, body: String) -> (Saved, Option<Note>) {
        self.id = mark.id;
        (self.rev, self.by, self.origin, self.body) = (mark.rev, mark.by, Origin::Typed, body);
        // Deleted since: the link's figures, saved again at the next edit.
        let Some(record) = self.read(&self.id) else {
            return (link, None);
        };
        self.origin = record.origin;
        let figures = record.figures().pairs;
        if saved::same_figures(&figures, &link.values) {
            (self.rev, self.by) = (record.rev, record.by);
            return (link, None);
        }
        // Emptied by 清空重填, the entry still holding what was there (see `app::finish`): the empty page,
        // with 撤销 still on offer.
        if link.values.is_empty() && record.rev == self.rev && record.by == self.by {
            let body = std::mem::take(&mut self.body);
            self.follow(record);
            self.body = body;
            return (link, Some(Note::new(NoteKind::Reset(figures))));
        }
        // Written since by this page itself, from another of its history entries (a link pasted, then this
        // entry opened and edited, then Back): its latest figures, not this history entry's older ones.
        if record.by == self.token {
            let lang = link.lang;
            let saved = split(fragment::parse(&record.body));
            self.follow(record);
            return (Saved { values: saved.values, lang: saved.lang.or(lang) }, None);
        }
        // If another tab wrote it since, this tab goes on from the version it had: its next edit is kept
        // apart (the two-tab rule), and the other tab's figures stay as they are.
        (link, None)
    }

    /// No link: the entry saved last, or a new one.
    fn open_latest(&mut self, lang: Option<Lang>) -> Saved {
        self.rescan();
        let latest = self.entries.first().map(|e| e.id.clone());
        match latest.and_then(|id| self.open(&id)) {
            Some(saved) => Saved { values: saved.values, lang: lang.or(saved.lang) },
            None => {
                self.start_new();
                Saved { values: Vec::new(), lang }
            }
        }
    }

    /// A link this tab did not write: the entry with exactly its figures, or a new entry for them.
    fn take_link(&mut self, link: Saved, body: String) -> (Saved, Option<Note>) {
        self.rescan();
        let same = self.entries.iter().find_map(|e| {
            let record = self.read(&e.id)?;
            saved::same_figures(&record.figures().pairs, &link.values).then(|| (e.id.clone(), record))
        });
        if let Some((id, record)) = same {
            self.id = id;
            self.follow(record);
            self.body = body;
            return (link, None);
        }
        let name = saved::name_of(&link.values).to_string();
        let own = self.entries.iter().find(|e| e.name == name).map(|e| e.id.clone());
        self.start_new();
        if own.is_some() {
            self.origin = Origin::Link(now());
        }
        self.write(&link.values, &body);
        let origin = self.origin;
        let note = own.map(|entry| Note { kind: NoteKind::LinkKeptApart, name, origin, entry });
        (link, note)
    }

    /// Makes `id` this tab's entry; its figures, or `None` if it is gone.
    pub fn open(&mut self, id: &str) -> Option<Saved> {
        let record = self.read(id)?;
        self.id = id.to_string();
        let saved = split(fragment::parse(&record.body));
        self.follow(record);
        Some(saved)
    }

    /// This tab's entry is now at `record`'s version.
    fn follow(&mut self, record: Record) {
        (self.rev, self.by, self.origin, self.body) = (record.rev, record.by, record.origin, record.body);
    }

    /// This tab edits a new entry from now on (written at its first figure).
    pub fn start_new(&mut self) {
        self.id = new_id();
        self.follow(Record { rev: 0, by: String::new(), saved: 0, origin: Origin::Typed, body: String::new() });
    }

    /// Keeps the figures (`body`, their link) in this tab's entry, by the two-tab rule. Returns whether
    /// storage took them, and the entry left alone if another tab had changed it (this tab's figures
    /// then went to a new entry).
    pub fn save(&mut self, values: &[(String, String)], body: &str) -> (bool, Option<String>) {
        if body == self.body {
            return (true, None);
        }
        let Some(local) = &self.local else {
            return (false, None);
        };
        let key = saved::key(&self.id);
        let Ok(stored) = local.get_item(&key) else {
            return (false, None);
        };
        let moved_on = stored.as_deref().and_then(Record::parse).is_some_and(|r| r.rev != self.rev || r.by != self.by);
        let mut forked = None;
        if moved_on {
            forked = Some(self.id.clone());
            self.start_new();
            self.origin = Origin::Copy(now());
        } else if values.is_empty() {
            // Nothing typed any more: an empty entry is not kept (the emptied one goes).
            if stored.is_some() && local.remove_item(&key).is_err() {
                return (false, None);
            }
            if stored.is_some() && self.scanned {
                self.rescan();
            }
            self.body = body.to_string();
            return (true, None);
        }
        if values.is_empty() {
            // Nothing to keep apart: the other tab's version stays, this tab goes on with a new entry.
            self.body = body.to_string();
            return (true, None);
        }
        (self.write(values, body), forked)
    }

    /// Writes this tab's entry (`rev + 1`) and notes it in the list.
    fn write(&mut self, values: &[(String, String)], body: &str) -> bool {
        let Some(local) = &self.local else {
            return false;
        };
        let (rev, by) = (self.rev + 1, self.token.clone());
        let record = Record { rev, by, saved: now(), origin: self.origin, body: body.to_string() };
        if local.set_item(&saved::key(&self.id), &record.to_text()).is_err() {
            return false;
        }
        self.follow(record);
        // The list changes when this entry is new, renamed, or newly the newest (its time is not shown).
        let name = saved::name_of(values);
        if self.scanned && self.entries.first().is_none_or(|e| e.id != self.id || e.name != name) {
            self.rescan();
        }
        true
    }

    /// Deletes an entry (the page has asked first).
    pub fn delete(&mut self, id: &str) {
        if let Some(local) = &self.local {
            let _ = local.remove_item(&saved::key(id));
        }
        self.rescan();
    }

    /// The mark that goes into `history.state` with the link `body`.
    pub fn mark(&self, body: &str) -> String {
        TabMark { id: self.id.clone(), rev: self.rev, sum: saved::checksum(body), by: self.by.clone() }.to_text()
    }
}

thread_local! {
    /// The fragment body and tab mark waiting to be written to the link (see `write_link`).
    static PENDING_LINK: RefCell<Option<(String, Option<String>)>> = const { RefCell::new(None) };
}

/// Writes the state to the fragment (without a history entry), with this tab's mark as the history
/// entry's state, once the current task's work is done (a microtask, so still before the next event or
/// paint). Results come first: `history.replaceState` costs about a millisecond in Chromium, and
/// several updates in one task (a paste, a script setting many fields) write the link once.
pub fn write_link(window: &Window, body: &str, mark: Option<String>) {
    let first = PENDING_LINK.with(|p| p.borrow_mut().replace((body.to_string(), mark)).is_none());
    if first {
        let w = window.clone();
        let write = crate::once(Box::new(move || flush_link(&w)));
        window.queue_microtask(write.unchecked_ref());
    }
}

/// Writes a pending link now (before anything reads `location`).
pub fn flush_link(window: &Window) {
    let Some((body, mark)) = PENDING_LINK.with(|p| p.borrow_mut().take()) else {
        return;
    };
    let hash = if body.is_empty() { String::new() } else { format!("#{body}") };
    let Ok(history) = window.history() else {
        return;
    };
    // Nothing to write when the link and the mark are already there (a page opened from its own link, or
    // with nothing typed): replaceState costs about a millisecond, and more while the page is starting.
    let location = window.location();
    if location.hash().is_ok_and(|h| h == hash) && history.state().ok().and_then(|s| s.as_string()) == mark {
        return;
    }
    let state = mark.as_deref().map_or(JsValue::NULL, JsValue::from_str);
    let url = match location.href() {
        Ok(href) => format!("{}{}", href.split('#').next().unwrap_or(""), hash),
        Err(_) => hash.clone(),
    };
    let _ = history.replace_state_with_url(&state, "", Some(&url));
}

pub fn elder_mode(window: &Window) -> bool {
    storage(window).and_then(|s| s.get_item(ELDER_KEY).ok().flatten()).as_deref() == Some("1")
}

pub fn save_elder_mode(window: &Window, on: bool) {
    if let Some(s) = storage(window) {
        let _ = if on { s.set_item(ELDER_KEY, "1") } else { s.remove_item(ELDER_KEY) };
    }
}
