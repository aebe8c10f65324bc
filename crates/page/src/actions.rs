//! What the user does: typing (one delegated `input` listener), the tools' buttons (one delegated
//! `click` listener, by `data-action`), a link pasted into the address bar, another tab's writes,
//! printing; and the actions behind the buttons.

use crate::app::{compute, refresh, render, set_value, show_saved, App};
use crate::dom::focus;
use crate::live;
use crate::state;
use minzheng_core::inputs::FIELDS;
use minzheng_core::rules::NORMS;
use minzheng_core::saved;
use minzheng_text::{page as t, Lang};
use minzheng_view::notice::label;
use minzheng_view::SummaryTable;
use minzheng_view::{Note, NoteKind};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventTarget, HtmlElement, HtmlInputElement, HtmlSelectElement};

/// A listener a calculator added to its root or the window; removed when dropped.
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    closure: Closure<dyn FnMut(Event)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback(self.kind, self.closure.as_ref().unchecked_ref());
    }
}

fn add_listener(
    app: &mut App,
    target: EventTarget,
    kind: &'static str,
    closure: Closure<dyn FnMut(Event)>,
) -> Result<(), JsValue> {
    target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref())?;
    app.listeners.push(Listener { target, kind, closure });
    Ok(())
}

/// Wires the delegated listeners once; they outlive every rebuild of the DOM below the root.
pub fn listen(app: &mut App, handle: u32) -> Result<(), JsValue> {
    let on_input = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
        let Some(target) = event.target() else {
            return;
        };
        // A text box, or the level's select; the table's filters have no name.
        let (name, value) = if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
            (input.name(), input.value())
        } else if let Some(select) = target.dyn_ref::<HtmlSelectElement>() {
            (select.name(), select.value())
        } else {
            return;
        };
        if name.is_empty() {
            return;
        }
        live::on_app(handle, move |app| {
            set_value(&mut app.values, &name, &value);
            // 撤销 and the other notes about the last action go at the next edit.
            if app.note.as_ref().is_some_and(Note::is_transient) {
                app.note = None;
            }
            refresh(app)
        });
    });
    add_listener(app, app.root.clone().into(), "input", on_input)?;

    let on_click = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let Ok(Some(button)) = target.closest("[data-action]") else {
            return;
        };
        let action = button.get_attribute("data-action").unwrap_or_default();
        let entry = button.get_attribute("data-entry").unwrap_or_default();
        live::on_app(handle, move |app| act(app, &action, &entry));
    });
    add_listener(app, app.root.clone().into(), "click", on_click)?;

    let on_submit = Closure::<dyn FnMut(Event)>::new(|event: Event| event.prevent_default());
    add_listener(app, app.root.clone().into(), "submit", on_submit)?;

    if !app.options.persist {
        return Ok(());
    }
    // A share link pasted into the address bar (or Back to one) opens as its own entry (see `Book::arrive`);
    // the entry on the page stays saved.
    let on_hash = Closure::<dyn FnMut(Event)>::new(move |_: Event| {
        live::on_app(handle, |app| {
            let (link, _) = state::from_hash(&app.window);
            if link.values.is_empty() || saved::same_figures(&link.values, &app.values) {
                // Only the language may differ (`lang=en` typed into the address bar).
                let lang = link.lang.unwrap_or(app.lang);
                if lang != app.lang {
                    app.lang = lang;
                    render(app)?;
                }
                return Ok(());
            }
            let Some(book) = app.book.as_mut() else {
                return Ok(());
            };
            let arrival = book.arrive(&app.window);
            app.values = arrival.saved.values;
            app.lang = arrival.saved.lang.unwrap_or(app.lang);
            app.note = arrival.note;
            app.too_long = arrival.too_long;
            render(app)
        });
    });
    add_listener(app, app.window.clone().into(), "hashchange", on_hash)?;

    // Another tab saved or deleted an entry: the list shows it. (What this tab writes follows the two-tab
    // rule of `state`, whatever arrives here.)
    let on_storage = Closure::<dyn FnMut(Event)>::new(move |_: Event| {
        live::on_app(handle, |app| {
            if let Some(book) = app.book.as_mut() {
                book.rescan();
            }
            show_saved(app);
            Ok(())
        });
    });
    add_listener(app, app.window.clone().into(), "storage", on_storage)?;

    // Printing shows every 依据 section, and today's date.
    let on_print = Closure::<dyn FnMut(Event)>::new(move |_: Event| {
        live::on_app(handle, |app| {
            let details = app.root.query_selector_all("details")?;
            for i in 0..details.length() {
                if let Some(d) = details.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    d.set_attribute("open", "")?;
                }
            }
            if let Ok(Some(date)) = app.root.query_selector(".print-date") {
                date.set_text_content(Some(&today()));
            }
            Ok(())
        });
    });
    add_listener(app, app.window.clone().into(), "beforeprint", on_print)?;
    Ok(())
}

fn act(app: &mut App, action: &str, entry: &str) -> Result<(), JsValue> {
    match action {
        "lang" => {
            app.lang = if app.lang == Lang::Zh { Lang::En } else { Lang::Zh };
            render(app)?;
            focus(&app.root, "[data-action=lang]");
        }
        "elder" => {
            app.elder = !app.elder;
            state::save_elder_mode(&app.window, app.elder);
            apply_elder(app)?;
        }
        "reset" => {
            // No confirm: 撤销 brings every value back until the next edit.
            let values = std::mem::take(&mut app.values);
            let note = (!values.is_empty()).then(|| Note::new(NoteKind::Reset(values)));
            let focus_on = if note.is_some() { UNDO_BUTTON } else { "[data-action=reset]" };
            show_values(app, Vec::new(), note, focus_on)?;
        }
        "undo" => undo(app)?,
        "open" => open_entry(app, entry)?,
        "delete" => delete_entry(app, entry)?,
        "new" => new_entry(app)?,
        "print" => app.window.print()?,
        "copy" => copy_link(app)?,
        "open-norm" => open_norm(app, entry),
        "focus-field" => focus_field(app, entry),
        "copy-summary" => copy_summary(app)?,
        _ => {}
    }
    Ok(())
}

/// The notice's button once it offers 撤销.
const UNDO_BUTTON: &str = ".notice-action:not([hidden])";
const NAME_FIELD: &str = "input[name=name]";

/// Puts other figures on the page (an entry opened or deleted, a new one, 清空重填 and 撤销), says what
/// happened, and moves the keyboard focus to `focus_on` (the control it was on may be gone).
fn show_values(
    app: &mut App,
    values: Vec<(String, String)>,
    note: Option<Note>,
    focus_on: &str,
) -> Result<(), JsValue> {
    app.values = values;
    app.note = note;
    app.too_long.clear();
    render(app)?;
    focus(&app.root, focus_on);
    Ok(())
}

/// 撤销: the values before 清空重填.
fn undo(app: &mut App) -> Result<(), JsValue> {
    match app.note.take().map(|n| n.kind) {
        Some(NoteKind::Reset(values)) => {
            show_values(app, values, Some(Note::new(NoteKind::Restored)), "[data-action=reset]")
        }
        _ => Ok(()),
    }
}

/// Whether the page may put other figures in place of the ones it shows: not when those could not be
/// saved (storage full or refused), for then they live only in the link.
fn may_switch(app: &mut App) -> bool {
    if app.storage_ok || app.values.is_empty() {
        return true;
    }
    app.note = Some(Note::new(NoteKind::CannotSwitch));
    show_saved(app);
    false
}

/// Opens a saved entry in place of the one on the page (which stays saved).
fn open_entry(app: &mut App, id: &str) -> Result<(), JsValue> {
    if app.book.as_ref().is_none_or(|b| b.current() == id) || !may_switch(app) {
        return Ok(());
    }
    let Some(book) = app.book.as_mut() else {
        return Ok(());
    };
    match book.open(id) {
        Some(saved) => show_values(app, saved.values, None, NAME_FIELD),
        None => {
            // Deleted meanwhile (in another tab).
            book.rescan();
            show_saved(app);
            Ok(())
        }
    }
}

/// Deletes a saved entry once the user confirms; if it is the one on the page, the page starts a new one.
fn delete_entry(app: &mut App, id: &str) -> Result<(), JsValue> {
    let Some(book) = app.book.as_mut() else {
        return Ok(());
    };
    let lang = app.lang;
    let name =
        book.entries().iter().find(|e| e.id == id).map(|e| label(&e.name, e.origin, lang, &crate::saved_list::time));
    let question = t::DELETE_CONFIRM.fill(lang, &[("label", name.as_deref().unwrap_or_default())]);
    if !app.window.confirm_with_message(&question).unwrap_or(false) {
        return Ok(());
    }
    book.delete(id);
    if book.current() == id {
        book.start_new();
        return show_values(app, Vec::new(), None, NAME_FIELD);
    }
    show_saved(app);
    focus(&app.root, "[data-action=new]");
    Ok(())
}

/// 新建地区: the page starts a new entry; the one it showed stays saved.
fn new_entry(app: &mut App) -> Result<(), JsValue> {
    if !may_switch(app) {
        return Ok(());
    }
    if let Some(book) = app.book.as_mut() {
        book.start_new();
    }
    show_values(app, Vec::new(), None, NAME_FIELD)
}

/// 长辈模式 on or off. The page (and the iframe) owns <html>; a custom element only its own root,
/// never the host's.
pub fn apply_elder(app: &App) -> Result<(), JsValue> {
    if app.options.persist {
        if let Some(html) = app.doc.document_element() {
            html.class_list().toggle_with_force("elder", app.elder)?;
        }
    }
    app.root.class_list().toggle_with_force("elder", app.elder)?;
    if let Ok(Some(b)) = app.root.query_selector("[data-action=elder]") {
        b.set_attribute("aria-pressed", if app.elder { "true" } else { "false" })?;
    }
    Ok(())
}

/// Puts the share link in its box and tries the clipboard; the box stays selectable either way.
fn copy_link(app: &mut App) -> Result<(), JsValue> {
    state::flush_link(&app.window);
    let href = app.window.location().href()?;
    if let Ok(Some(out)) = app.root.query_selector(".share-link") {
        if let Ok(input) = out.dyn_into::<HtmlInputElement>() {
            input.set_value(&href);
            input.set_hidden(false);
            input.select();
        }
    }
    let promise = app.window.navigator().clipboard().write_text(&href);
    // The notice is written from the promise (the page forgets what it shows there).
    let Some(notice) = app.notice.take_over(&app.root) else {
        return Ok(());
    };
    let (ok, failed) = (t::COPIED.get(app.lang), t::COPY_FAILED.get(app.lang));
    let other = notice.clone();
    let on_ok = Closure::once(move |_: JsValue| notice.set_text_content(Some(ok)));
    let on_err = Closure::once(move |_: JsValue| other.set_text_content(Some(failed)));
    let _ = promise.then2(&on_ok, &on_err);
    on_ok.forget();
    on_err.forget();
    Ok(())
}

/// Today as YYYY-MM-DD (the printed report's date).
fn today() -> String {
    let date = js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default();
    date.get(..10).unwrap_or("").to_string()
}

/// A summary row's 指标: opens its card's 依据 and brings the card into view (with the focus on it).
fn open_norm(app: &mut App, id: &str) {
    // Only a norm's id goes into the selector.
    if !NORMS.iter().any(|n| n.id == id) {
        return;
    }
    let Ok(Some(card)) = app.root.query_selector(&format!("[data-norm=\"{id}\"]")) else {
        return;
    };
    if let Ok(Some(basis)) = card.query_selector("details.basis") {
        let _ = basis.set_attribute("open", "");
    }
    let _ = card.set_attribute("tabindex", "-1");
    card.scroll_into_view();
    if let Some(card) = card.dyn_ref::<HtmlElement>() {
        let _ = card.focus();
    }
}

/// A missing field's line: the focus goes to the field (which scrolls it into view).
fn focus_field(app: &mut App, id: &str) {
    if FIELDS.iter().any(|f| f.id == id) {
        focus(&app.root, &format!("[name=\"{id}\"]"));
    }
}

/// 复制汇总表: the computed rows as an HTML table and as tab-separated text, through the asynchronous
/// clipboard where the browser has ClipboardItem, else through a copy event; what happened is said
/// beside the button.
fn copy_summary(app: &mut App) -> Result<(), JsValue> {
    let shown: Vec<usize> = app.options.norms_shown();
    let computation = compute(&app.values);
    let table = SummaryTable::new(shown.iter().map(|&i| &computation.results[i]));
    let (html, tsv) = (table.clipboard_html(app.lang), table.tsv(app.lang));
    let status = app.root.query_selector(".table-status").ok().flatten();
    let (ok, failed) = (t::SUMMARY_COPIED.get(app.lang), t::SUMMARY_COPY_FAILED.get(app.lang));
    let say = move |status: &Option<Element>, text: &str| {
        if let Some(s) = status {
            s.set_text_content(Some(text));
        }
    };
    match clipboard_write(&app.window, &html, &tsv) {
        Ok(promise) => {
            let doc = app.doc.clone();
            let other = status.clone();
            let on_ok = Closure::once(move |_: JsValue| say(&status, ok));
            let on_err = Closure::once(move |_: JsValue| {
                let copied = copy_event(&doc, &html, &tsv);
                say(&other, if copied { ok } else { failed });
            });
            let _ = promise.then2(&on_ok, &on_err);
            on_ok.forget();
            on_err.forget();
        }
        Err(_) => {
            let copied = copy_event(&app.doc, &html, &tsv);
            say(&status, if copied { ok } else { failed });
        }
    }
    Ok(())
}

/// `navigator.clipboard.write([new ClipboardItem({ "text/html": …, "text/plain": … })])` (not in web-sys's
/// stable API: called by name).
fn clipboard_write(window: &web_sys::Window, html: &str, tsv: &str) -> Result<js_sys::Promise, JsValue> {
    use js_sys::{Array, Function, Object, Reflect};
    let item_class: Function = Reflect::get(window, &"ClipboardItem".into())?.dyn_into()?;
    let parts = Object::new();
    for (kind, text) in [("text/html", html), ("text/plain", tsv)] {
        let bag = web_sys::BlobPropertyBag::new();
        bag.set_type(kind);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&Array::of1(&text.into()), &bag)?;
        Reflect::set(&parts, &kind.into(), &blob)?;
    }
    let item = Reflect::construct(&item_class, &Array::of1(&parts))?;
    let clipboard = Reflect::get(&window.navigator(), &"clipboard".into())?;
    let write: Function = Reflect::get(&clipboard, &"write".into())?.dyn_into()?;
    write.call1(&clipboard, &Array::of1(&item))?.dyn_into()
}

/// The older way: a copy command whose copy event puts both texts on the clipboard. Whether it did.
/// (By name, as `clipboard_write`: typed bindings would add to the start-up glue.)
fn copy_event(doc: &web_sys::Document, html: &str, tsv: &str) -> bool {
    use js_sys::{Function, Reflect};
    let (html, tsv) = (JsValue::from_str(html), JsValue::from_str(tsv));
    let on_copy = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
        let data = Reflect::get(&event, &"clipboardData".into()).unwrap_or(JsValue::NULL);
        let Ok(set) = Reflect::get(&data, &"setData".into()).and_then(|f| f.dyn_into::<Function>()) else {
            return;
        };
        let _ = set.call2(&data, &"text/html".into(), &html);
        let _ = set.call2(&data, &"text/plain".into(), &tsv);
        event.prevent_default();
    });
    if doc.add_event_listener_with_callback("copy", on_copy.as_ref().unchecked_ref()).is_err() {
        return false;
    }
    let copied = Reflect::get(doc, &"execCommand".into())
        .and_then(|f| f.dyn_into::<Function>())
        .and_then(|exec| exec.call1(doc, &"copy".into()))
        .is_ok_and(|done| done.is_truthy());
    let _ = doc.remove_event_listener_with_callback("copy", on_copy.as_ref().unchecked_ref());
    copied
}
