//! A calculator on the page: what it holds (the figures as typed, the language, the saved entries) and
//! how it gets onto the page. It knows nothing of the formulas: it hands text to `engine::compute`,
//! builds the view of what comes back (`minzheng_view`), and applies it.
//!
//! Speed (issue 6): the whole calculator, first results included, is one string of markup inserted
//! with one `innerHTML`; the values the user typed are then set as `value`/`textContent`. The single
//! file carries that markup for a fresh page already (made at build time by `markup::prerender`), and
//! `start()` only takes it over. An update writes only what changed (see `apply`).

use crate::actions::{apply_elder, listen, Listener};
use crate::apply::Shown;
use crate::dom::Slot;
use crate::live;
use crate::saved_list::{self, ListShown, NoticeShown};
use crate::state::{self, Book, Saved};
use crate::Detail;
use minzheng_core::engine::{self, Computation};
use minzheng_core::saved;
use minzheng_text::{page as t, Lang};
use minzheng_view::embed::snippets;
use minzheng_view::{markup, BasisText, Note, NoteKind, NoticeView, Options, PageView, SavedListView};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Window};

/// How a calculator starts: how it is shown, and its starting language and values (the custom
/// element's attributes; the saved state wins over them).
pub struct Start {
    pub options: Options,
    pub lang: Option<Lang>,
    pub prefill: Vec<(String, String)>,
    /// What its results events carry (`None`: no detail).
    pub detail: Option<Detail>,
}

pub struct App {
    pub options: Options,
    pub detail: Option<Detail>,
    pub window: Window,
    pub doc: Document,
    pub root: Element,
    pub lang: Lang,
    pub elder: bool,
    /// What the user typed, as typed, in the order first typed.
    pub values: Vec<(String, String)>,
    pub shown: Shown,
    pub notice: NoticeShown,
    pub saved_list: ListShown,
    /// The 嵌入代码 panel's two boxes (custom element, iframe); only on the full page.
    embed_element: Slot,
    embed_iframe: Slot,
    /// Where the site's files are, for the embed snippets (see `site_base`).
    site_base: String,
    /// Whether `data-ready` is on the page yet.
    pub ready: bool,
    pub storage_ok: bool,
    /// The listeners `listen` added: dropping the calculator removes them and frees their closures.
    pub listeners: Vec<Listener>,
    /// The entries saved on this computer and the one on the page (when `persist`).
    pub book: Option<Book>,
    /// What the notice tells about the last action or arrival (with 撤销 where it can be undone).
    pub note: Option<Note>,
    /// Fields whose values were too long to read from the link.
    pub too_long: Vec<String>,
    /// Whether the list has been filled (after start-up, in idle time).
    list_ready: bool,
    /// The page's constructed style sheet with the printed pages' footer (see `set_page_of`).
    page_sheet: Option<JsValue>,
}

/// Builds a calculator into `root` and returns its handle.
pub fn start(root: Element, start: Start) -> Result<u32, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let doc = window.document().ok_or("no document")?;
    let options = start.options;
    let (book, arrival) = match options.persist {
        true => {
            let (book, arrival) = Book::start(&window, !options.chrome);
            (Some(book), Some(arrival))
        }
        false => (None, None),
    };
    let (saved, note, too_long) = match arrival {
        Some(a) if !a.saved.values.is_empty() || a.saved.lang.is_some() || a.note.is_some() => {
            (a.saved, a.note, a.too_long)
        }
        a => {
            let too_long = a.map(|a| a.too_long).unwrap_or_default();
            (Saved { values: start.prefill, lang: start.lang }, None, too_long)
        }
    };
    let elder = options.persist && state::elder_mode(&window);
    let site_base = if options.chrome { site_base(&window) } else { String::new() };
    let mut app = App {
        lang: saved.lang.unwrap_or(Lang::Zh),
        values: saved.values,
        elder,
        detail: start.detail,
        shown: Shown::default(),
        notice: NoticeShown::default(),
        saved_list: ListShown::default(),
        embed_element: Slot::default(),
        embed_iframe: Slot::default(),
        site_base,
        ready: false,
        storage_ok: book.as_ref().is_none_or(Book::available),
        listeners: Vec::new(),
        book,
        note,
        too_long,
        list_ready: false,
        page_sheet: None,
        options,
        window,
        doc,
        root,
    };
    render(&mut app)?;
    let handle = live::next_handle();
    listen(&mut app, handle)?;
    if app.options.chrome {
        let fill = crate::once(Box::new(move || {
            live::on_app(handle, |app| {
                show_snippets(app);
                Ok(())
            })
        }));
        app.window.set_timeout_with_callback_and_timeout_and_arguments_0(fill.unchecked_ref(), 0)?;
    }
    if app.options.persist {
        // The saved list reads every entry: after the first results.
        let list = crate::once(Box::new(move || {
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

thread_local! {
    /// Every norm's words (依据), in the order of `NORMS`, once this module has them (see `set_bases`).
    static BASES: RefCell<Option<Rc<[BasisText]>>> = const { RefCell::new(None) };
}

/// The norms' words, where this module has them.
pub fn bases() -> Option<Rc<[BasisText]>> {
    BASES.with(|b| b.borrow().clone())
}

/// Gives every calculator the norms' words (see `bases`): the cards show them from now on. Each
/// calculator alive writes them in; its results are the same, so no results event follows.
pub fn set_bases(bases: Vec<BasisText>) {
    BASES.with(|b| *b.borrow_mut() = Some(bases.into()));
    for handle in live::handles() {
        live::on_app(handle, |app| {
            let view = view_of(app, &compute(&app.values));
            app.shown.apply(&app.root, &view, &app.options);
            Ok(())
        });
    }
}

/// What the page shows for `computation`.
fn view_of(app: &App, computation: &Computation) -> PageView {
    PageView::new(computation, &app.values, app.lang, &app.options, bases().as_deref())
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
    for (name, value) in &changed {
        app.shown.put_value(&app.root, &app.options, name, value);
    }
    refresh(app)
}

/// Records a typed value; an emptied field is forgotten.
pub fn set_value(values: &mut Vec<(String, String)>, name: &str, value: &str) {
    match values.iter_mut().find(|(k, _)| k == name) {
        Some(slot) if !value.is_empty() => slot.1 = value.to_string(),
        Some(_) => values.retain(|(k, _)| k != name),
        None if !value.is_empty() => values.push((name.to_string(), value.to_string())),
        None => {}
    }
}

pub(crate) fn compute(values: &[(String, String)]) -> Computation {
    engine::compute(values.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// The attribute scripts/build.mjs puts on the calculator's root when the file already holds
/// the markup of a fresh page in Chinese (see `markup::prerender`), and its value.
const PRERENDERED: &str = "data-prerendered";
const PRERENDERED_AS: &str = "zh";

/// Builds the whole calculator in the current language, its results included, as one piece of
/// markup; then puts what the user typed in its boxes, and announces the results.
///
/// A fresh page of the single file already holds the markup `prerender` made: then nothing is built,
/// the page only takes it over and brings it up to date with what is typed (usually nothing).
pub fn render(app: &mut App) -> Result<(), JsValue> {
    let lang = app.lang;
    app.root.set_attribute("lang", lang.code())?;
    if app.options.chrome {
        if let Some(html) = app.doc.document_element() {
            html.set_attribute("lang", lang.code())?;
        }
        app.doc.set_title(t::TITLE.get(lang));
        // The printed pages' numbers (style.css's @page reads --page-of): the catalogue's words around CSS
        // counters, in a constructed style sheet (no style attribute: the page runs under a strict CSP). A
        // browser without constructed sheets prints without page numbers.
        let _ = set_page_of(app, lang);
    }
    let prerendered = app.root.get_attribute(PRERENDERED);
    if prerendered.is_some() {
        app.root.remove_attribute(PRERENDERED)?;
    }
    app.notice = NoticeShown::written();
    app.saved_list = ListShown::default();
    app.embed_element = Slot::default();
    app.embed_iframe = Slot::default();
    if !app.ready
        && lang == Lang::Zh
        && app.options.chrome
        && app.options.only.is_none()
        && prerendered.as_deref() == Some(PRERENDERED_AS)
    {
        // The markup shows the results for no figures (worked out at build time by this same code).
        app.shown = Shown::prerendered();
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
    let view = view_of(app, &computation);
    app.root.set_inner_html(&markup::page(&view, &app.options, app.elder));
    app.shown = Shown::written(&view);
    put_values(app);
    app.shown.apply(&app.root, &view, &app.options);
    show_snippets(app);
    apply_elder(app)?;
    finish(app, Some(computation))
}

/// Puts what the user typed in its boxes (as values, never as markup).
fn put_values(app: &mut App) {
    for (name, value) in &app.values {
        app.shown.put_value(&app.root, &app.options, name, value);
    }
}

/// Brings the page up to date with what is typed: only what changed is written.
pub fn refresh(app: &mut App) -> Result<(), JsValue> {
    let computation = compute(&app.values);
    let view = view_of(app, &computation);
    app.shown.apply(&app.root, &view, &app.options);
    show_snippets(app);
    finish(app, Some(computation))
}

/// After every update: save the state to this tab's entry and the link, say the page is ready, and
/// announce the results.
fn finish(app: &mut App, computation: Option<Computation>) -> Result<(), JsValue> {
    if app.options.persist {
        let body = minzheng_view::link_body(&app.values, app.lang);
        // While 撤销 is on offer after 清空重填, the entry keeps the figures it had (a reload or a closed tab
        // loses nothing); the next edit writes over them.
        let undo_offered = matches!(app.note.as_ref().map(|n| &n.kind), Some(NoteKind::Reset(_)));
        let mark = app.book.as_mut().map(|book| {
            let (ok, forked) = if undo_offered { (book.available(), None) } else { book.save(&app.values, &body) };
            app.storage_ok = ok && book.available();
            // Saving works again (space was freed): what the page said when it did not is past.
            if app.storage_ok && matches!(app.note.as_ref().map(|n| &n.kind), Some(NoteKind::CannotSwitch)) {
                app.note = None;
            }
            if let Some(other) = forked {
                let name = saved::name_of(&app.values).to_string();
                app.note = Some(Note { kind: NoteKind::Forked, name, origin: book.origin(), entry: other });
            }
            book.mark(&body)
        });
        state::write_link(&app.window, &body, mark);
    }
    show_saved(app);
    let detail = app.detail;
    if app.ready {
        // Dispatched once the update is done, so its listeners may call the exports (see `live`).
        let detail = detail.map(|d| d(&computation.unwrap_or_else(|| compute(&app.values))));
        let root = app.root.clone();
        live::after(Box::new(move || announce(&root, detail)));
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
    let later = crate::once(Box::new(move || {
        let detail = detail.map(|d| d(&computation.unwrap_or_else(|| compute(&values))));
        announce(&root, detail);
    }));
    app.window.queue_microtask(later.unchecked_ref());
    Ok(())
}

/// Tells the host page: `minzheng-calc:results` (bubbling, composed), with `detail` if there is one.
fn announce(root: &Element, detail: Option<JsValue>) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    if let Some(detail) = &detail {
        init.set_detail(detail);
    }
    let sent = web_sys::CustomEvent::new_with_event_init_dict("minzheng-calc:results", &init)
        .and_then(|event| root.dispatch_event(&event));
    if let Err(e) = sent {
        live::report(&e);
    }
}

/// Brings the notice (and its button) and the saved list up to date.
pub fn show_saved(app: &mut App) {
    let notice = NoticeView::new(app.lang, app.storage_ok, &app.too_long, app.note.as_ref(), &saved_list::time);
    app.notice.apply(&app.root, notice);
    if !app.list_ready {
        return;
    }
    if let Some(book) = app.book.as_mut() {
        let (available, version, current) = (book.available(), book.version, book.current().to_string());
        // The list is written again when saving starts or stops working, too (`storage_ok` below).
        let writable = available && app.storage_ok;
        if !app.saved_list.stale(app.lang, writable, version, &current) {
            return;
        }
        let mut view = SavedListView::new(app.lang, book.entries(), &current, available, &saved_list::time);
        // Storage refuses this page's figures (full): the notice says so; the list does not promise to save them.
        if available && !app.storage_ok && view.rows.is_empty() {
            view.empty = "";
        }
        // Reading the entries may have read them again (a new version).
        let state = (app.lang, writable, book.version, current);
        app.saved_list.apply(&app.doc, &app.root, &view, state);
    }
}

/// Fills the 嵌入代码 boxes (they hold typed values, as text). At start-up they are filled once the
/// page is idle (see `start`): the panel is closed, and the first results come first.
fn show_snippets(app: &mut App) {
    if !app.options.chrome || !app.ready {
        return;
    }
    let s = snippets(&app.site_base, &app.values, app.lang);
    app.embed_element.set(&app.root, "textarea[data-embed=element]", &s.element);
    app.embed_iframe.set(&app.root, "textarea[data-embed=iframe]", &s.iframe);
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

/// `:root { --page-of: "第 " counter(page) " 页 共 " counter(pages) " 页" }` in the page's own constructed
/// style sheet, adopted once (the catalogue's words hold no quotes or backslashes).
fn set_page_of(app: &mut App, lang: Lang) -> Result<(), JsValue> {
    use js_sys::{Array, Function, Reflect};
    let words = t::PAGE_OF.fill(lang, &[("page", "\" counter(page) \""), ("pages", "\" counter(pages) \"")]);
    let css = format!(":root {{ --page-of: \"{words}\" }}");
    let sheet = match &app.page_sheet {
        Some(sheet) => sheet.clone(),
        None => {
            let class: Function = Reflect::get(&app.window, &"CSSStyleSheet".into())?.dyn_into()?;
            let sheet = Reflect::construct(&class, &Array::new())?;
            let adopted = Array::from(&Reflect::get(&app.doc, &"adoptedStyleSheets".into())?);
            adopted.push(&sheet);
            Reflect::set(&app.doc, &"adoptedStyleSheets".into(), &adopted)?;
            app.page_sheet = Some(sheet.clone());
            sheet
        }
    };
    let replace: Function = Reflect::get(&sheet, &"replaceSync".into())?.dyn_into()?;
    replace.call1(&sheet, &css.into())?;
    Ok(())
}
