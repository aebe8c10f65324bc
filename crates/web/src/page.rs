//! Builds the calculator's DOM and keeps it in step with what the user types. The page knows
//! nothing of the formulas: it hands text to `engine::compute` and shows what comes back, as text
//! and as the contract's `data-*` attributes.
//!
//! Speed (issue 6): the whole calculator, first results included, is one string of markup inserted
//! with one `innerHTML` (see `dom` for what may go into it); the values the user typed are then set
//! as `value`/`textContent`. The single file carries that markup for a fresh page already (made at
//! build time by `prerender`), and `start()` only takes it over. The page remembers what it last
//! wrote to each result, error line and box, so an update writes only the text and attributes that
//! changed, and never reads the DOM back. Elements are looked up by name when first needed.

use super::api::{Computation, NormResult};
use super::chart;
use super::dom::{find, set_opt, set_text_in, set_value_in, Html};
use super::live;
use super::saved_list::{self, ListView, NoticeView};
use super::state::{self, Book, Note, NoteKind, Saved};
use super::text::{self as t, Lang, Word};
use minzheng_core::engine::{self, Status};
use minzheng_core::format::group_thousands;
use minzheng_core::inputs::{FieldGroup, FieldKind, Key, FIELDS};
use minzheng_core::rules::{Comparator, Group, NORMS};
use minzheng_core::saved;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, EventTarget, HtmlElement, HtmlInputElement, Window};

/// The contract's `data-*` attributes of a result card, in the order of `CardView::attrs`.
const CARD_ATTRS: [&str; 7] =
    ["data-required", "data-required-max", "data-threshold", "data-current", "data-gap", "data-status", "data-local"];

/// The parts of a card whose text changes, by class (each appears once per card), in the order of
/// `CardView::texts`.
const CARD_PARTS: [&str; 9] =
    [".status", ".bound", ".value", ".missing", ".local", ".extras", ".current-text", ".gap", ".working"];
const STATUS: usize = 0;
const BOUND: usize = 1;
const VALUE: usize = 2;
const MISSING: usize = 3;
const LOCAL: usize = 4;
const EXTRAS: usize = 5;
const CURRENT_TEXT: usize = 6;
const GAP: usize = 7;
const WORKING: usize = 8;

/// What one result card shows that changes as the user types.
#[derive(Debug, Default, Clone, PartialEq)]
struct CardView {
    attrs: [Option<String>; 7],
    texts: [String; 9],
    /// The status badge's class (`status met`, …).
    status_class: String,
}

/// A result card: its norm, what it shows now, and its elements once looked up.
struct Card {
    norm: usize,
    shown: CardView,
    root: Option<Element>,
    parts: [Option<Element>; 9],
}

/// An input of the form (a field, a current value, or a parameter): its name, the error message it
/// shows now, and its elements once looked up.
struct Control {
    name: String,
    error: Option<String>,
    input: Option<Element>,
    error_line: Option<Element>,
}

/// A line of the printed report's list of inputs (one per field; hidden while the field is empty).
#[derive(Default)]
struct PrintLine {
    shown: Option<String>,
    dt: Option<Element>,
    dd: Option<Element>,
}

/// Text the page shows in one element (found on first use), and what it shows now.
#[derive(Default)]
struct Slot {
    shown: String,
    element: Option<Element>,
}

impl Slot {
    fn set(&mut self, root: &Element, selector: &str, text: &str) {
        if self.shown != text {
            self.shown = text.to_string();
            set_text_in(&mut self.element, root, selector, text);
        }
    }
}

/// How an instance behaves: the full page, an iframe, or a custom element inside a host page.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Show the header (title, tools) and the footer.
    pub chrome: bool,
    /// Keep the state in the URL fragment and localStorage, one entry per locality, listed as 本机保存的
    /// 地区 (only the page itself and its iframe mode do: an embedded element must not write its host's
    /// URL or storage).
    pub persist: bool,
    /// Show only these norms (the custom element's `norms` attribute); all when `None`.
    pub only: Option<Vec<String>>,
    /// Starting language and values (the custom element's attributes); the saved state wins over them.
    pub lang: Option<Lang>,
    pub prefill: Vec<(String, String)>,
}

pub(super) struct App {
    options: Options,
    window: Window,
    doc: Document,
    root: Element,
    lang: Lang,
    elder: bool,
    /// What the user typed, as typed, in the order first typed.
    values: Vec<(String, String)>,
    controls: Vec<Control>,
    cards: Vec<Card>,
    print_lines: Vec<PrintLine>,
    summary: Slot,
    chart: Slot,
    notice: Slot,
    /// The 嵌入代码 panel's two boxes (custom element, iframe); only on the full page.
    embed_element: Slot,
    embed_iframe: Slot,
    /// Where the site's files are, for the embed snippets (see `site_base`).
    site_base: String,
    /// Whether `data-ready` is on the page yet.
    ready: bool,
    /// Whether the cards' `shown` views, the summary and the chart are known (see `Parts::known`).
    views_known: bool,
    storage_ok: bool,
    /// The listeners `listen` added: dropping the calculator removes them and frees their closures.
    listeners: Vec<Listener>,
    /// The entries saved on this computer and the one on the page (when `persist`).
    book: Option<Book>,
    /// What the notice tells about the last action or arrival (with 撤销 where it can be undone).
    note: Option<Note>,
    /// Fields whose values were too long to read from the link.
    too_long: Vec<String>,
    /// The notice's button, and what it does now.
    notice_button: Option<Element>,
    notice_action: Option<(&'static str, String, String)>,
    saved_list: ListView,
    /// Whether the list has been filled (after start-up, in idle time).
    list_ready: bool,
}

/// A listener this calculator added to its root or the window; removed when dropped.
struct Listener {
    target: EventTarget,
    kind: &'static str,
    closure: Closure<dyn FnMut(Event)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback(self.kind, self.closure.as_ref().unchecked_ref());
    }
}

/// Builds a calculator into `root` and returns its handle.
pub fn start(root: Element, options: Options) -> Result<u32, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let doc = window.document().ok_or("no document")?;
    let (book, arrival) = match options.persist {
        true => {
            let (book, arrival) = Book::start(&window);
            (Some(book), Some(arrival))
        }
        false => (None, None),
    };
    let (saved, note, too_long) = match arrival {
        Some(a) if !a.saved.values.is_empty() || a.saved.lang.is_some() => (a.saved, a.note, a.too_long),
        a => {
            let too_long = a.map(|a| a.too_long).unwrap_or_default();
            (Saved { values: options.prefill.clone(), lang: options.lang }, None, too_long)
        }
    };
    let elder = options.persist && state::elder_mode(&window);
    let site_base = if options.chrome { site_base(&window) } else { String::new() };
    let mut app = App {
        options,
        lang: saved.lang.unwrap_or(Lang::Zh),
        values: saved.values,
        elder,
        controls: Vec::new(),
        cards: Vec::new(),
        print_lines: Vec::new(),
        summary: Slot::default(),
        chart: Slot::default(),
        notice: Slot::default(),
        embed_element: Slot::default(),
        embed_iframe: Slot::default(),
        site_base,
        ready: false,
        views_known: true,
        storage_ok: book.as_ref().is_none_or(Book::available),
        listeners: Vec::new(),
        book,
        note,
        too_long,
        notice_button: None,
        notice_action: None,
        saved_list: ListView::default(),
        list_ready: false,
        window,
        doc,
        root,
    };
    render(&mut app)?;
    let handle = live::next_handle();
    listen(&mut app, handle)?;
    if app.options.chrome {
        let fill = super::once(Box::new(move || {
            live::on_app(handle, |app| {
                embed_snippets(app);
                Ok(())
            })
        }));
        app.window.set_timeout_with_callback_and_timeout_and_arguments_0(fill.unchecked_ref(), 0)?;
    }
    if app.options.persist {
        // The saved list reads every entry: after the first results.
        let list = super::once(Box::new(move || {
            live::on_app(handle, |app| {
                app.list_ready = true;
                show_saved(app);
                Ok(())
            })
        }));
        app.window.set_timeout_with_callback_and_timeout_and_arguments_0(list.unchecked_ref(), 0)?;
    }
    live::insert(handle, app);
    Ok(handle)
}

/// Replaces all the typed values with `values`.
pub fn set_inputs(handle: u32, values: Vec<(String, String)>) -> Result<(), JsValue> {
    live::with_app(handle, move |app| {
        let values = values.into_iter().filter(|(_, v)| !v.is_empty()).collect();
        apply_values(app, values)
    })
}

/// Changes only the values named: a value is set, an empty one (`None` or `""`) clears its field.
pub fn update_inputs(handle: u32, changes: Vec<(String, Option<String>)>) -> Result<(), JsValue> {
    live::with_app(handle, move |app| {
        let mut values = app.values.clone();
        for (name, value) in &changes {
            set_value(&mut values, name, value.as_deref().unwrap_or(""));
        }
        apply_values(app, values)
    })
}

/// What the calculator holds now (typed, or set by the host), in the order first given.
pub fn inputs(handle: u32) -> Result<Vec<(String, String)>, JsValue> {
    live::peek(handle, |app| app.values.clone())
}

/// Switches the language.
pub fn set_lang(handle: u32, lang: Lang) -> Result<(), JsValue> {
    live::with_app(handle, move |app| {
        if app.lang != lang {
            app.lang = lang;
            render(app)?;
        }
        Ok(())
    })
}

/// Shows another subset of the norms (`None`: all) in place: what is typed stays.
pub fn set_norms(handle: u32, only: Option<Vec<String>>) -> Result<(), JsValue> {
    live::with_app(handle, move |app| {
        if app.options.only != only {
            app.options.only = only;
            render(app)?;
        }
        Ok(())
    })
}

/// Stops a calculator: empties its element, removes its listeners and drops it (its handle then
/// finds nothing).
pub fn stop(handle: u32) -> Result<(), JsValue> {
    live::with_app(handle, move |app| {
        app.root.set_inner_html("");
        app.root.remove_attribute("data-ready")?;
        app.listeners.clear();
        live::remove(handle);
        Ok(())
    })
}

/// Puts `values` in place of the ones held, writes the boxes that changed, and brings the results up
/// to date. Nothing changed, nothing happens (no results event: a listener that sets the values it
/// was given does not go round for ever).
fn apply_values(app: &mut App, values: Vec<(String, String)>) -> Result<(), JsValue> {
    let value_of = |list: &[(String, String)], name: &str| {
        list.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
    };
    let mut changed: Vec<(String, String)> = Vec::new();
    for (name, _) in app.values.iter().chain(values.iter()) {
        let now = value_of(&values, name);
        if value_of(&app.values, name) != now && !changed.iter().any(|(k, _)| k == name) {
            changed.push((name.clone(), now));
        }
    }
    if changed.is_empty() {
        return Ok(());
    }
    app.values = values;
    let root = app.root.clone();
    for (name, value) in &changed {
        if let Some(c) = control_named(&mut app.controls, &app.options, name) {
            set_value_in(&mut c.input, &root, &format!("input[name=\"{name}\"]"), value);
        }
    }
    refresh(app)
}

/// Wires the delegated listeners once; they outlive every rebuild of the DOM below the root.
fn listen(app: &mut App, handle: u32) -> Result<(), JsValue> {
    let on_input = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
        let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else {
            return;
        };
        let name = input.name();
        if name.is_empty() {
            return;
        }
        live::on_app(handle, move |app| {
            set_value(&mut app.values, &name, &input.value());
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

/// Records a typed value; an emptied field is forgotten.
fn set_value(values: &mut Vec<(String, String)>, name: &str, value: &str) {
    match values.iter_mut().find(|(k, _)| k == name) {
        Some(slot) if !value.is_empty() => slot.1 = value.to_string(),
        Some(_) => values.retain(|(k, _)| k != name),
        None if !value.is_empty() => values.push((name.to_string(), value.to_string())),
        None => {}
    }
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
    let label = book.entries().iter().find(|e| e.id == id).map(|e| saved_list::label(&e.name, e.origin, app.lang));
    let question = t::DELETE_CONFIRM.fill(app.lang, &[("label", label.as_deref().unwrap_or_default())]);
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

/// Brings the notice (and its button) and the saved list up to date.
fn show_saved(app: &mut App) {
    let NoticeView { text, action } = saved_list::notice(app.lang, app.storage_ok, &app.too_long, app.note.as_ref());
    let root = app.root.clone();
    app.notice.set(&root, ".notice", &text);
    if action != app.notice_action {
        if let Some(button) = find(&mut app.notice_button, &root, ".notice-action") {
            saved_list::show_action(button, &action);
        }
        app.notice_action = action;
    }
    if !app.list_ready {
        return;
    }
    if let Some(book) = app.book.as_mut() {
        let (available, current) = (book.available(), book.current().to_string());
        book.entries();
        app.saved_list.show(&app.doc, &root, app.lang, book.listed(), book.version, &current, available);
    }
}

fn focus(root: &Element, selector: &str) {
    if let Ok(Some(e)) = root.query_selector(selector) {
        if let Ok(h) = e.dyn_into::<HtmlElement>() {
            let _ = h.focus();
        }
    }
}

fn apply_elder(app: &App) -> Result<(), JsValue> {
    // The page (and the iframe) owns <html>; a custom element only its own root, never the host's.
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
    let clipboard = app.window.navigator().clipboard();
    let promise = clipboard.write_text(&href);
    // The notice is written from the promise: forget what the page thinks it shows.
    app.notice.shown = String::from("\u{0}");
    let Some(notice) = find(&mut app.notice.element, &app.root, ".notice").cloned() else {
        return Ok(());
    };
    let (ok, failed) = (t::COPIED.get(app.lang), t::COPY_FAILED.get(app.lang));
    let on_ok = Closure::once(move |_: JsValue| notice.set_text_content(Some(ok)));
    let notice = app.notice.element.clone();
    let on_err = Closure::once(move |_: JsValue| {
        if let Some(n) = notice {
            n.set_text_content(Some(failed))
        }
    });
    let _ = promise.then2(&on_ok, &on_err);
    on_ok.forget();
    on_err.forget();
    Ok(())
}

/// Escapes text for a double-quoted HTML attribute (the embed snippets, which are text to copy).
fn html_attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    super::dom::escape(&mut out, text);
    out
}

/// Where the site's files are, as seen from a host page: this page's folder when served over
/// http(s); beside the host page (`./`) otherwise (a file:// copy has no address to give).
fn site_base(window: &Window) -> String {
    let location = window.location();
    match location.protocol() {
        Ok(p) if p == "http:" || p == "https:" => {
            let href = location.href().unwrap_or_default();
            let path = href.split(['#', '?']).next().unwrap_or("");
            path.rfind('/').and_then(|i| path.get(..=i)).map_or_else(|| "./".to_string(), str::to_string)
        }
        _ => "./".to_string(),
    }
}

/// The custom-element and iframe snippets for the figures entered now.
fn snippets(app: &App) -> (String, String) {
    let base = &app.site_base;
    let script = format!("<script type=\"module\" src=\"{}\"></script>", html_attr(&format!("{base}embed.js")));
    let lang_code = if app.lang == Lang::En { "en" } else { "zh" };
    let mut element = format!("{script}\n<minzheng-calc lang=\"{lang_code}\"");
    for (k, v) in &app.values {
        // Keys are checked against the contract (so they are plain ASCII names); values are escaped.
        if k != "lang" && !v.is_empty() && minzheng_core::fragment::is_known_key(k) {
            element.push_str(&format!("\n  {k}=\"{}\"", html_attr(v)));
        }
    }
    element.push_str("></minzheng-calc>");
    let body = state::encode(&app.values, app.lang);
    let hash = if body.is_empty() { String::new() } else { format!("#{body}") };
    let iframe = format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"1200\" loading=\"lazy\"></iframe>\n{script}",
        html_attr(&format!("{base}index.html?embed=1{hash}")),
        html_attr(t::TITLE.get(app.lang)),
    );
    (element, iframe)
}

/// Today as YYYY-MM-DD (the printed report's date).
fn today() -> String {
    let date = js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default();
    date.get(..10).unwrap_or("").to_string()
}

/// Whether this instance shows the norm (the custom element's `norms` subset).
fn shows(options: &Options, id: &str) -> bool {
    options.only.as_ref().is_none_or(|only| only.iter().any(|o| o == id))
}

fn compute(values: &[(String, String)]) -> Computation {
    Computation::new(&engine::compute(values.iter().map(|(k, v)| (k.as_str(), v.as_str()))))
}

/// The attribute scripts/build.mjs puts on the calculator's root when the file already holds
/// the markup of a fresh page in Chinese (see `prerender`), and its value.
const PRERENDERED: &str = "data-prerendered";
const PRERENDERED_AS: &str = "zh";

/// Writing a calculator's markup: what it is for, and the markup so far.
struct Build<'a> {
    options: &'a Options,
    lang: Lang,
    h: Html,
    elder: bool,
}

/// What a calculator's markup holds that the page keeps up to date. Each part is found in the page
/// by its name (a card's `data-norm`, a print line's `data-print`), so this list need only hold the
/// same parts as the markup, in any order. (Controls are looked up by name when a value or an error
/// first has to be written to them: see `control_named`.)
struct Parts {
    cards: Vec<Card>,
    print_lines: Vec<PrintLine>,
    summary: String,
    chart: String,
    /// Whether the cards, summary and chart above are what the page shows. When not, the page shows
    /// the prerendered fresh page, and `update` works out what that shows when it first needs it.
    known: bool,
}

/// The parts a calculator's markup for `computation` holds (see `markup`); with no computation, the
/// parts of the prerendered page, whose results are worked out when first needed.
fn parts(options: &Options, lang: Lang, computation: Option<&Computation>) -> Parts {
    let mut cards = Vec::new();
    for group in Group::ALL {
        for (index, _) in NORMS.iter().enumerate().filter(|(_, n)| n.group == group && shows(options, n.id)) {
            let shown = computation.map(|c| card_view(&c.results[index], lang)).unwrap_or_default();
            cards.push(Card { norm: index, shown, root: None, parts: Default::default() });
        }
    }
    Parts {
        cards,
        print_lines: FIELDS.iter().map(|_| PrintLine::default()).collect(),
        summary: computation.map(|c| summary_text(options, lang, c)).unwrap_or_default(),
        chart: computation.map(|c| chart::markup(&c.results, lang)).unwrap_or_default(),
        known: computation.is_some(),
    }
}

/// The whole calculator's markup for `computation`: the first results in place, the boxes empty.
fn markup(options: &Options, lang: Lang, elder: bool, computation: &Computation) -> String {
    let summary = summary_text(options, lang, computation);
    let chart = chart::markup(&computation.results, lang);
    let mut b = Build { options, lang, elder, h: Html::with_capacity(96 * 1024) };
    header(&mut b);
    b.h.fill(
        "<main class=\"calc\"><form class=\"inputs\" autocomplete=\"off\" novalidate=\"\" \
         aria-labelledby=\"inputs-title\"><h2 id=\"inputs-title\">{}</h2>",
        &[t::INPUTS.get(lang)],
    );
    for group in [
        FieldGroup::Population,
        FieldGroup::Divisions,
        FieldGroup::Facilities,
        FieldGroup::Standards,
        FieldGroup::ProvinceBase,
    ] {
        field_set(&mut b, group);
    }
    b.h.raw("</form>");
    print_head(&mut b);
    b.h.fill(
        "<section class=\"results\" aria-labelledby=\"results-title\"><h2 id=\"results-title\">{}</h2>\
         <p class=\"summary\" role=\"status\" aria-live=\"polite\">{}</p><figure class=\"chart\">",
        &[t::RESULTS.get(lang), &summary],
    );
    b.h.raw(&chart).raw("</figure>");
    for group in Group::ALL {
        result_group(&mut b, group, &computation.results);
    }
    b.h.raw("</section></main>");
    if options.chrome {
        embed_panel(&mut b);
        b.h.fill("<footer class=\"bottom\"><p>{}</p><p>{}</p></footer>", &[t::FOOTER.get(lang), t::PLAN.get(lang)]);
    }
    b.h.out
}

/// The markup `start()` writes for a fresh page (no figures yet) in Chinese, for the single file to
/// carry (scripts/build.mjs): the page then only has to bring it up to date. Touches no
/// browser API, so the build can run it in Node.
pub fn prerender() -> String {
    let options = Options { chrome: true, persist: true, ..Options::default() };
    markup(&options, Lang::Zh, false, &compute(&[]))
}

/// Takes over the parts of markup the page now shows.
fn install(app: &mut App, b: Parts) {
    app.controls.clear();
    app.cards = b.cards;
    app.print_lines = b.print_lines;
    app.summary = Slot { shown: b.summary, element: None };
    app.chart = Slot { shown: b.chart, element: None };
    app.views_known = b.known;
    for slot in [&mut app.notice, &mut app.embed_element, &mut app.embed_iframe] {
        *slot = Slot::default();
    }
    app.notice_button = None;
    app.notice_action = None;
    app.saved_list.forget();
}

/// Builds the whole calculator in the current language, its results included, as one piece of
/// markup; then puts what the user typed in its boxes, and announces the results.
///
/// A fresh page of the single file already holds the markup `prerender` made: then nothing is built,
/// the page only takes it over and brings it up to date with what is typed (usually nothing).
fn render(app: &mut App) -> Result<(), JsValue> {
    let lang = app.lang;
    app.root.set_attribute("lang", lang.code())?;
    if app.options.chrome {
        if let Some(html) = app.doc.document_element() {
            html.set_attribute("lang", lang.code())?;
        }
        app.doc.set_title(t::TITLE.get(lang));
    }
    let prerendered = app.root.get_attribute(PRERENDERED);
    if prerendered.is_some() {
        app.root.remove_attribute(PRERENDERED)?;
    }
    if !app.ready
        && lang == Lang::Zh
        && app.options.chrome
        && app.options.only.is_none()
        && prerendered.as_deref() == Some(PRERENDERED_AS)
    {
        // The markup shows the results for no figures (worked out at build time by this same code).
        install(app, parts(&app.options, Lang::Zh, None));
        if let Ok(Some(loading)) = app.root.query_selector("#loading") {
            loading.remove();
        }
        apply_elder(app)?;
        if app.values.is_empty() {
            // Nothing typed yet (a first visit): the page already shows the results.
            return finish(app, None);
        }
        put_values(app);
        return refresh(app);
    }

    let computation = compute(&app.values);
    let html = markup(&app.options, lang, app.elder, &computation);
    app.root.set_inner_html(&html);
    drop(html);
    install(app, parts(&app.options, lang, Some(&computation)));
    put_values(app);
    show_errors(app, &computation);
    print_inputs(app);
    embed_snippets(app);
    apply_elder(app)?;
    finish(app, Some(computation))
}

/// Puts what the user typed in its boxes (as values, never as markup).
fn put_values(app: &mut App) {
    let root = app.root.clone();
    for (name, value) in &app.values {
        if let Some(c) = control_named(&mut app.controls, &app.options, name) {
            set_value_in(&mut c.input, &root, &format!("input[name=\"{name}\"]"), value);
        }
    }
}

/// The control named `name`, if this calculator has one (a field, or a current value or parameter
/// of a norm it shows); recorded on first use. Only such names go into a selector.
fn control_named<'a>(controls: &'a mut Vec<Control>, options: &Options, name: &str) -> Option<&'a mut Control> {
    let known = match Key::parse(name) {
        Some(Key::Field(_)) => true,
        Some(Key::Current(norm) | Key::Param(norm, _)) => shows(options, NORMS[norm].id),
        None => false,
    };
    if !known {
        return None;
    }
    let i = match controls.iter().position(|c| c.name == name) {
        Some(i) => i,
        None => {
            controls.push(Control { name: name.to_string(), error: None, input: None, error_line: None });
            controls.len() - 1
        }
    };
    controls.get_mut(i)
}

/// Brings the page up to date with what is typed: only what changed is written.
fn refresh(app: &mut App) -> Result<(), JsValue> {
    let computation = compute(&app.values);
    update(app, computation)
}

/// Writes to the page what differs between what it shows and `computation`.
fn update(app: &mut App, computation: Computation) -> Result<(), JsValue> {
    let lang = app.lang;
    if !app.views_known {
        let fresh = compute(&[]);
        for card in &mut app.cards {
            card.shown = card_view(&fresh.results[card.norm], lang);
        }
        app.summary.shown = summary_text(&app.options, lang, &fresh);
        app.chart.shown = chart::markup(&fresh.results, lang);
        app.views_known = true;
    }
    show_errors(app, &computation);
    let root = app.root.clone();
    for card in &mut app.cards {
        let view = card_view(&computation.results[card.norm], lang);
        update_card(card, &root, view);
    }
    let summary = summary_text(&app.options, app.lang, &computation);
    app.summary.set(&root, ".summary", &summary);
    let chart = chart::markup(&computation.results, lang);
    if app.chart.shown != chart {
        if let Some(figure) = find(&mut app.chart.element, &root, "figure.chart") {
            figure.set_inner_html(&chart);
        }
        app.chart.shown = chart;
    }
    print_inputs(app);
    embed_snippets(app);
    finish(app, Some(computation))
}

/// After every update: save the state to this tab's entry and the link, say the page is ready, and
/// announce the results.
fn finish(app: &mut App, computation: Option<Computation>) -> Result<(), JsValue> {
    if app.options.persist {
        let body = state::encode(&app.values, app.lang);
        let mark = app.book.as_mut().map(|book| {
            let (ok, forked) = book.save(&app.values, &body);
            app.storage_ok = ok && book.available();
            if let Some(other) = forked {
                let name = saved::name_of(&app.values).to_string();
                app.note = Some(Note { kind: NoteKind::Forked, name, origin: book.origin(), entry: other });
            }
            book.mark(&body)
        });
        state::write_link(&app.window, &body, mark);
    }
    show_saved(app);
    if app.ready {
        // Dispatched once the update is done, so its listeners may call the exports (see `live`).
        let computation = computation.unwrap_or_else(|| compute(&app.values));
        let root = app.root.clone();
        live::after(Box::new(move || {
            if let Err(e) = announce(&root, &computation) {
                live::report(&e);
            }
        }));
        return Ok(());
    }
    if app.options.persist {
        app.doc.document_element().map(|h| h.set_attribute("data-ready", "true")).transpose()?;
    }
    app.root.set_attribute("data-ready", "true")?;
    app.ready = true;
    // The first results event follows as soon as start() has returned (a microtask: before any other
    // event or paint), so its listeners already have the calculator's handle. (With nothing typed, the
    // results shown were worked out at build time; the event's are worked out then.)
    let root = app.root.clone();
    let values = app.values.clone();
    let later = super::once(Box::new(move || {
        let computation = computation.unwrap_or_else(|| compute(&values));
        if let Err(e) = announce(&root, &computation) {
            live::report(&e);
        }
    }));
    app.window.queue_microtask(later.unchecked_ref());
    Ok(())
}

/// Tells the host page: `minzheng-calc:results` (bubbling, composed) with what `compute` returns.
fn announce(root: &Element, computation: &Computation) -> Result<(), JsValue> {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&super::to_js(computation));
    let event = web_sys::CustomEvent::new_with_event_init_dict("minzheng-calc:results", &init)?;
    root.dispatch_event(&event)?;
    Ok(())
}

fn header(b: &mut Build<'_>) {
    let lang = b.lang;
    if b.options.chrome {
        b.h.fill("<header class=\"top\"><h1>{}</h1><p class=\"plan\">{}</p>", &[t::TITLE.get(lang), t::PLAN.get(lang)]);
    } else {
        b.h.raw("<header class=\"top embedded\">");
    }
    let other = if lang == Lang::Zh { "en" } else { "zh-CN" };
    let pressed = if b.elder { "true" } else { "false" };
    b.h.fill(
        "<div class=\"tools\">\
         <button class=\"tool\" type=\"button\" data-action=\"lang\" aria-label=\"{}\" lang=\"{}\">{}</button>\
         <button class=\"tool\" type=\"button\" data-action=\"elder\" aria-pressed=\"{}\">{}</button>\
         <button class=\"tool\" type=\"button\" data-action=\"copy\">{}</button>\
         <button class=\"tool\" type=\"button\" data-action=\"print\">{}</button>\
         <button class=\"tool\" type=\"button\" data-action=\"reset\">{}</button>\
         <input class=\"share-link\" type=\"text\" readonly=\"\" hidden=\"\" aria-label=\"{}\"></div>\
         <p class=\"notice\" role=\"status\" aria-live=\"polite\"></p>\
         <button class=\"tool notice-action\" type=\"button\" data-action=\"notice\" hidden=\"\"></button>\
         <p class=\"intro\">{}</p>",
        &[
            t::SWITCH_LANG_LABEL.get(lang),
            other,
            t::SWITCH_LANG.get(lang),
            pressed,
            t::ELDER_MODE.get(lang),
            t::COPY_LINK.get(lang),
            t::PRINT.get(lang),
            t::RESET.get(lang),
            t::COPY_LINK.get(lang),
            t::INTRO.get(lang),
        ],
    );
    if b.options.persist {
        // The rows are the user's names: `saved_list` adds them as text once the page is up.
        b.h.fill(
            "<section class=\"saved\" aria-labelledby=\"saved-title\"><h2 id=\"saved-title\">{}</h2>\
             <p class=\"saved-empty\"></p><ul class=\"saved-list\"></ul>\
             <button class=\"tool\" type=\"button\" data-action=\"new\">{}</button></section>",
            &[t::SAVED_TITLE.get(lang), t::NEW_ENTRY.get(lang)],
        );
    }
    b.h.raw("</header>");
}

/// One labelled text box with its error line. `placeholder` is ours (a default or the plan's
/// parameter value), never typed text.
#[allow(clippy::too_many_arguments)]
fn control(
    b: &mut Build<'_>,
    class: &str,
    name: &str,
    label: &str,
    unit: &str,
    hint: Option<&str>,
    inputmode: &str,
    placeholder: Option<&str>,
) {
    let key = name.replace('.', "-");
    let mut described = format!("err-{key}");
    if !unit.is_empty() {
        described = format!("unit-{key} {described}");
    }
    if hint.is_some() {
        described = format!("{described} hint-{key}");
    }
    b.h.fill(
        "<div class=\"{}\"><label for=\"in-{}\">{}</label><div class=\"entry\">\
         <input type=\"text\" name=\"{}\" inputmode=\"{}\" spellcheck=\"false\" id=\"in-{}\" aria-describedby=\"{}\"",
        &[class, &key, label, name, inputmode, &key, &described],
    );
    if let Some(p) = placeholder {
        b.h.fill(" placeholder=\"{}\"", &[p]);
    }
    b.h.raw(">");
    if !unit.is_empty() {
        b.h.fill("<span class=\"unit\" id=\"unit-{}\">{}</span>", &[&key, unit]);
    }
    b.h.raw("</div>");
    if let Some(text) = hint {
        b.h.fill("<p class=\"hint\" id=\"hint-{}\">{}</p>", &[&key, text]);
    }
    b.h.fill("<p class=\"error\" id=\"err-{}\" data-error-for=\"{}\" aria-live=\"polite\"></p></div>", &[&key, name]);
}

fn field_set(b: &mut Build<'_>, group: FieldGroup) {
    let lang = b.lang;
    b.h.fill("<fieldset class=\"group\"><legend>{}</legend>", &[t::field_group(group).get(lang)]);
    for spec in FIELDS.iter().filter(|f| f.group == group) {
        let hint = spec.default.map(|d| {
            format!(
                "{}{}（{}）",
                t::DEFAULT_FROM.get(lang),
                lang.pick(spec.default_source_zh, spec.default_source_en),
                group_thousands(d)
            )
        });
        let inputmode = match spec.kind {
            FieldKind::Text => "text",
            FieldKind::Amount => "decimal",
            _ => "numeric",
        };
        let label = lang.pick(spec.label_zh, spec.label_en);
        let unit = lang.pick(spec.unit_zh, spec.unit_en);
        let placeholder = spec.default.map(group_thousands);
        control(b, "field", spec.id, label, unit, hint.as_deref(), inputmode, placeholder.as_deref());
    }
    b.h.raw("</fieldset>");
}

/// The printed report's head: the date (written on beforeprint), and a line per field (shown once the field has a value).
fn print_head(b: &mut Build<'_>) {
    let lang = b.lang;
    b.h.fill(
        "<div class=\"print-only print-head\"><dl class=\"print-inputs\"><dt>{}</dt><dd class=\"print-date\"></dd>",
        &[t::REPORT_DATE.get(lang)],
    );
    for spec in FIELDS.iter() {
        b.h.fill(
            "<dt data-print=\"{}\" hidden=\"\">{}</dt><dd data-print=\"{}\" hidden=\"\"></dd>",
            &[spec.id, lang.pick(spec.label_zh, spec.label_en), spec.id],
        );
    }
    b.h.raw("</dl></div>");
}

/// Keeps the printed list of inputs in step with the values (as text: they are what the user typed).
fn print_inputs(app: &mut App) {
    let lang = app.lang;
    for (spec, line) in FIELDS.iter().zip(app.print_lines.iter_mut()) {
        let now = app
            .values
            .iter()
            .find(|(k, _)| k == spec.id)
            .map(|(_, v)| format!("{v} {}", lang.pick(spec.unit_zh, spec.unit_en)));
        if now == line.shown {
            continue;
        }
        find(&mut line.dt, &app.root, &format!("dt[data-print=\"{}\"]", spec.id));
        find(&mut line.dd, &app.root, &format!("dd[data-print=\"{}\"]", spec.id));
        if let (Some(dt), Some(dd)) = (&line.dt, &line.dd) {
            dd.set_text_content(now.as_deref());
            set_opt(dt, "hidden", now.is_none().then_some(""));
            set_opt(dd, "hidden", now.is_none().then_some(""));
        }
        line.shown = now;
    }
}

/// The summary line: how many of the norms shown are met, unmet, awaiting a current value, missing input.
fn summary_text(options: &Options, lang: Lang, computation: &Computation) -> String {
    let mut counts = [0usize; 4];
    for r in computation.results.iter().filter(|r| shows(options, r.id)) {
        counts[match r.status {
            Status::Met => 0,
            Status::Unmet => 1,
            Status::Unknown => 2,
            Status::MissingInput => 3,
            // Neither met nor unmet: left out of the counts.
            Status::NotApplicable => continue,
        }] += 1;
    }
    let [met, unmet, unknown, missing] = counts.map(|n| n.to_string());
    t::SUMMARY.fill(lang, &[("met", &met), ("unmet", &unmet), ("unknown", &unknown), ("missing", &missing)])
}

fn result_group(b: &mut Build<'_>, group: Group, results: &[NormResult]) {
    let lang = b.lang;
    let norms: Vec<usize> =
        (0..NORMS.len()).filter(|&i| NORMS[i].group == group && shows(b.options, NORMS[i].id)).collect();
    let hidden = if norms.is_empty() { " hidden=\"\"" } else { "" };
    b.h.raw("<section class=\"norm-group\"").raw(hidden).fill("><h3>{}</h3>", &[t::group(group).get(lang)]);
    for index in norms {
        let norm = &NORMS[index];
        let view = card_view(&results[index], lang);
        b.h.fill(
            "<article class=\"norm\" data-norm=\"{}\" data-comparator=\"{}\"",
            &[norm.id, norm.comparator.as_str()],
        );
        for (name, value) in CARD_ATTRS.iter().zip(view.attrs.iter()) {
            if let Some(v) = value {
                b.h.raw(" ").raw(name).fill("=\"{}\"", &[v]);
            }
        }
        b.h.fill("><div class=\"norm-head\"><h4>{}</h4>", &[lang.pick(norm.name_zh, norm.name_en)]);
        if let Some(tag) = t::binding(norm.binding) {
            b.h.fill("<span class=\"tag {}\">{}</span>", &[tag_class(&tag), tag.get(lang)]);
        }
        let unit = lang.pick(norm.unit_zh, norm.unit_en);
        b.h.fill(
            "<span class=\"{}\">{}</span></div>\
             <p class=\"required\"><span class=\"label\">{}</span><span class=\"bound\">{}</span>\
             <strong class=\"value\">{}</strong><span class=\"unit\">{}</span></p>\
             <p class=\"missing\">{}</p><p class=\"local\">{}</p><p class=\"extras\">{}</p>",
            &[
                &view.status_class,
                &view.texts[STATUS],
                t::REQUIRED.get(lang),
                &view.texts[BOUND],
                &view.texts[VALUE],
                unit,
                &view.texts[MISSING],
                &view.texts[LOCAL],
                &view.texts[EXTRAS],
            ],
        );
        let current_name = Key::Current(index).to_string();
        control(b, "field current", &current_name, t::CURRENT.get(lang), unit, None, "decimal", None);
        b.h.fill(
            "<p class=\"print-only current-text\">{}</p><p class=\"gap\">{}</p>\
             <details class=\"basis\"><summary>{}</summary>",
            &[&view.texts[CURRENT_TEXT], &view.texts[GAP], t::BASIS.get(lang)],
        );
        for quote in norm.quotes {
            b.h.fill("<blockquote lang=\"zh-CN\">{}</blockquote>", &[quote]);
        }
        b.h.fill(
            "<p class=\"cite\">{}：{}；{}：{}</p><p class=\"working\">{}</p>",
            &[
                t::CITATION.get(lang),
                lang.pick(norm.citation_zh, norm.citation_en),
                t::DEADLINE.get(lang),
                lang.pick(norm.deadline_zh, norm.deadline_en),
                &view.texts[WORKING],
            ],
        );
        if norm.indicative {
            b.h.fill("<p class=\"note\">{}</p>", &[t::INDICATIVE.get(lang)]);
        }
        if norm.comparator == Comparator::About {
            b.h.fill("<p class=\"note\">{}</p>", &[t::APPROXIMATE.get(lang)]);
        }
        let note = lang.pick(norm.note_zh, norm.note_en);
        if !note.is_empty() {
            b.h.fill("<p class=\"note\">{}：{}</p>", &[t::NOTE.get(lang), note]);
        }
        if !norm.params.is_empty() {
            b.h.fill("<fieldset class=\"params\"><legend>{}</legend>", &[t::PARAMS.get(lang)]);
            for (param, p) in norm.params.iter().enumerate() {
                let name = Key::Param(index, param).to_string();
                let label = lang.pick(p.label_zh, p.label_en);
                control(b, "field", &name, label, "", None, "decimal", Some(p.value));
            }
            b.h.raw("</fieldset>");
        }
        b.h.raw("</details></article>");
    }
    b.h.raw("</section>");
}

fn tag_class(tag: &Word) -> &'static str {
    if *tag == t::BINDING_TAG {
        "binding"
    } else {
        "expected"
    }
}

/// The 嵌入代码 panel; its two boxes are filled in by `embed_snippets` (they hold typed values).
fn embed_panel(b: &mut Build<'_>) {
    let lang = b.lang;
    b.h.fill(
        "<details class=\"embed-code\"><summary>{}</summary><p class=\"hint\">{}</p>",
        &[t::EMBED_CODE.get(lang), t::EMBED_HINT.get(lang)],
    );
    for (kind, label) in [("element", t::EMBED_ELEMENT), ("iframe", t::EMBED_IFRAME)] {
        b.h.fill(
            "<div class=\"field\"><label for=\"embed-{}\">{}</label><textarea class=\"snippet\" id=\"embed-{}\" \
             readonly=\"\" rows=\"5\" spellcheck=\"false\" data-embed=\"{}\"></textarea></div>",
            &[kind, label.get(lang), kind, kind],
        );
    }
    b.h.raw("</details>");
}

/// Fills the 嵌入代码 boxes (they hold typed values, as text). At start-up they are filled once the
/// page is idle (see `start`): the panel is closed, and the first results come first.
fn embed_snippets(app: &mut App) {
    if !app.options.chrome || !app.ready {
        return;
    }
    let (element, iframe) = snippets(app);
    let root = app.root.clone();
    app.embed_element.set(&root, "textarea[data-embed=element]", &element);
    app.embed_iframe.set(&root, "textarea[data-embed=iframe]", &iframe);
}

/// Shows each input error next to its field, and clears the ones that are gone.
fn show_errors(app: &mut App, computation: &Computation) {
    let lang = app.lang;
    let root = app.root.clone();
    let message = |field: &str| {
        computation.errors.iter().find(|e| e.field == field).map(|e| {
            format!("{} / {}", lang.pick(&e.message_zh, &e.message_en), lang.pick(&e.message_en, &e.message_zh))
        })
    };
    for e in &computation.errors {
        control_named(&mut app.controls, &app.options, &e.field);
    }
    for control in &mut app.controls {
        let now = message(&control.name);
        if now == control.error {
            continue;
        }
        let name = &control.name;
        if let Some(input) = find(&mut control.input, &root, &format!("input[name=\"{name}\"]")) {
            set_opt(input, "aria-invalid", now.is_some().then_some("true"));
        }
        set_text_in(
            &mut control.error_line,
            &root,
            &format!("[data-error-for=\"{name}\"]"),
            now.as_deref().unwrap_or(""),
        );
        control.error = now;
    }
}

/// What a card shows for a result.
fn card_view(r: &NormResult, lang: Lang) -> CardView {
    let bound = match r.comparator {
        ">=" => "≥",
        ">" => "＞",
        "<=" => "≤",
        "~" => t::ABOUT.get(lang),
        _ => "",
    };
    let value = match (&r.required, &r.required_max) {
        (Some(lo), Some(hi)) => format!("{} {} {}", group_thousands(lo), t::RANGE_TO.get(lang), group_thousands(hi)),
        (Some(v), None) => group_thousands(v),
        _ => "—".to_string(),
    };
    let unit = lang.pick(r.unit_zh, r.unit_en);
    let gap = match (&r.gap, r.status) {
        (Some(g), Status::Unmet) => format!("{}：{} {}", t::GAP.get(lang), group_thousands(g), unit),
        _ => String::new(),
    };
    let current = match &r.current {
        Some(c) => format!("{}：{} {}", t::CURRENT.get(lang), group_thousands(c), unit),
        None => String::new(),
    };
    let mut working = lang.pick(&r.working_zh, &r.working_en).to_string();
    if let Some(max) = lang.pick(r.working_max_zh.as_deref(), r.working_max_en.as_deref()) {
        working = format!("{working}；{max}");
    }
    let missing = if r.missing_inputs.is_empty() {
        String::new()
    } else {
        let names: Vec<&str> = r
            .missing_inputs
            .iter()
            .filter_map(|id| FIELDS.iter().find(|f| f.id == *id))
            .map(|f| lang.pick(f.label_zh, f.label_en))
            .collect();
        format!("{}{}", t::MISSING.get(lang), names.join(lang.pick("、", ", ")))
    };
    let local = match (&r.local, &r.plan_required) {
        (true, Some(plan)) => {
            format!("{}；{}：{}", t::LOCAL_STANDARD.get(lang), t::PLAN_VALUE.get(lang), group_thousands(plan))
        }
        (true, None) => t::LOCAL_STANDARD.get(lang).to_string(),
        _ => String::new(),
    };
    let extras: Vec<String> = r
        .extras
        .iter()
        .filter_map(|x| x.value.as_ref().map(|v| format!("{}：{}", lang.pick(x.label_zh, x.label_en), v)))
        .collect();
    CardView {
        attrs: [
            r.required.clone(),
            r.required_max.clone(),
            r.threshold.clone(),
            r.current.clone(),
            r.gap.clone(),
            Some(r.status.as_str().to_string()),
            r.local.then(|| "true".to_string()),
        ],
        texts: [
            t::status(r.status).get(lang).to_string(),
            bound.to_string(),
            value,
            missing,
            local,
            extras.join("；"),
            current,
            gap,
            format!("{}：{}", t::FORMULA.get(lang), working),
        ],
        status_class: format!("status {}", r.status.as_str()),
    }
}

/// Writes to a card only what differs from what it shows.
fn update_card(card: &mut Card, root: &Element, view: CardView) {
    if view == card.shown {
        return;
    }
    let Some(card_root) = find(&mut card.root, root, &format!("[data-norm=\"{}\"]", NORMS[card.norm].id)).cloned()
    else {
        return;
    };
    for (i, name) in CARD_ATTRS.iter().enumerate() {
        if view.attrs[i] != card.shown.attrs[i] {
            set_opt(&card_root, name, view.attrs[i].as_deref());
        }
    }
    for (i, selector) in CARD_PARTS.iter().enumerate() {
        let class_changed = i == STATUS && view.status_class != card.shown.status_class;
        if view.texts[i] == card.shown.texts[i] && !class_changed {
            continue;
        }
        let Some(part) = find(&mut card.parts[i], &card_root, selector) else {
            continue;
        };
        if view.texts[i] != card.shown.texts[i] {
            part.set_text_content(Some(&view.texts[i]));
        }
        if class_changed {
            part.set_class_name(&view.status_class);
        }
    }
    card.shown = view;
}
