//! Where the user's figures live between visits: the URL fragment (a share link) and localStorage
//! (a reload). Both hold the same text, written by `fragment::write`.

use crate::text::Lang;
use minzheng_core::fragment;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::Window;

const STORE_KEY: &str = "minzheng-calc:v1";
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

/// The fragment's state, if the fragment holds anything.
pub fn from_hash(window: &Window) -> Option<Saved> {
    let hash = window.location().hash().ok()?;
    let pairs = fragment::parse(&hash);
    (!pairs.is_empty()).then(|| split(pairs))
}

fn storage(window: &Window) -> Option<web_sys::Storage> {
    window.local_storage().ok().flatten()
}

/// The state kept in localStorage, if any.
pub fn from_storage(window: &Window) -> Option<Saved> {
    let text = storage(window)?.get_item(STORE_KEY).ok().flatten()?;
    let pairs = fragment::parse(&text);
    (!pairs.is_empty()).then(|| split(pairs))
}

/// The fragment body for the current state.
pub fn encode(values: &[(String, String)], lang: Lang) -> String {
    let lang_pair = (lang == Lang::En).then_some(("lang", "en"));
    fragment::write(values.iter().map(|(k, v)| (k.as_str(), v.as_str())).chain(lang_pair))
}

thread_local! {
    /// The fragment body waiting to be written to the link (see `save`).
    static PENDING_LINK: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Writes the state to localStorage now and to the fragment (without a history entry) once the
/// current task's work is done (a microtask, so still before the next event or paint). Results come
/// first: `history.replaceState` costs about a millisecond in Chromium, and several updates in one
/// task (a paste, a script setting many fields) write the link once. Returns whether localStorage
/// took the state (it may be disabled or full).
pub fn save(window: &Window, body: &str) -> bool {
    let first = PENDING_LINK.with(|p| p.borrow_mut().replace(body.to_string()).is_none());
    if first {
        let w = window.clone();
        let write = super::once(Box::new(move || flush_link(&w)));
        window.queue_microtask(write.unchecked_ref());
    }
    match storage(window) {
        Some(s) => {
            if body.is_empty() {
                s.remove_item(STORE_KEY).is_ok()
            } else {
                s.set_item(STORE_KEY, body).is_ok()
            }
        }
        None => false,
    }
}

/// Writes a pending link now (before anything reads `location`).
pub fn flush_link(window: &Window) {
    let Some(body) = PENDING_LINK.with(|p| p.borrow_mut().take()) else {
        return;
    };
    let hash = if body.is_empty() { String::new() } else { format!("#{body}") };
    // Nothing to write when the link already holds the state (a page opened from its own link, or with
    // nothing typed): replaceState costs about a millisecond, and more while the page is starting.
    let location = window.location();
    if location.hash().is_ok_and(|h| h == hash) {
        return;
    }
    if let Ok(history) = window.history() {
        let url = match location.href() {
            Ok(href) => format!("{}{}", href.split('#').next().unwrap_or(""), hash),
            Err(_) => hash.clone(),
        };
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

pub fn elder_mode(window: &Window) -> bool {
    storage(window).and_then(|s| s.get_item(ELDER_KEY).ok().flatten()).as_deref() == Some("1")
}

pub fn save_elder_mode(window: &Window, on: bool) {
    if let Some(s) = storage(window) {
        let _ = if on { s.set_item(ELDER_KEY, "1") } else { s.remove_item(ELDER_KEY) };
    }
}
