//! Builds the calculator's DOM through web-sys and keeps it in step with what the user types.
//! The page knows nothing of the formulas: it hands text to `engine::compute` and shows what
//! comes back, as text and as the contract's `data-*` attributes.

use super::chart;
use super::dom::{append, attrs, el, set_opt, set_text, text_el};
use super::state::{self, Saved};
use super::text::{self as t, Lang, T};
use crate::engine::{self, Computation, NormResult, Status};
use crate::format::group_thousands;
use crate::inputs::{FieldGroup, FieldKind, FIELDS};
use crate::rules::{Comparator, Group, NORMS};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, HtmlElement, HtmlInputElement, Window};

/// The parts of one result card that change as the user types.
struct Card {
    root: Element,
    bound: Element,
    value: Element,
    gap: Element,
    /// The current value as text, for the printed report (the input box is not printed).
    current_text: Element,
    status: Element,
    working: Element,
    missing: Element,
    local: Element,
    extras: Element,
}

/// An input of the form (a field, a current value, or a parameter) and where its error shows.
struct Control {
    name: String,
    input: HtmlInputElement,
    error: Element,
}

/// How an instance behaves: the full page, an iframe, or a custom element inside a host page.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Show the header (title, tools) and the footer.
    pub chrome: bool,
    /// Keep the state in the URL fragment and localStorage (only the page itself does: an embedded
    /// element must not write its host's URL).
    pub persist: bool,
    /// Show only these norms (the custom element's `norms` attribute); all when `None`.
    pub only: Option<Vec<String>>,
    /// Starting language and values (the custom element's attributes); the saved state wins over them.
    pub lang: Option<Lang>,
    pub prefill: Vec<(String, String)>,
}

struct App {
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
    summary: Element,
    chart: Element,
    notice: Element,
    print_inputs: Element,
    /// The 嵌入代码 panel's two boxes (custom element, iframe); only on the full page.
    embed_snippets: Option<(Element, Element)>,
    storage_ok: bool,
}

thread_local! {
    /// Every calculator on the page, by handle (a page may hold several custom elements).
    static APPS: RefCell<Vec<App>> = const { RefCell::new(Vec::new()) };
}

fn with_app(handle: usize, f: impl FnOnce(&mut App) -> Result<(), JsValue>) {
    APPS.with(|cell| {
        if let Ok(mut apps) = cell.try_borrow_mut() {
            if let Some(app) = apps.get_mut(handle) {
                if let Err(e) = f(app) {
                    web_sys::console::error_2(&"minzheng-calc:".into(), &e);
                }
            }
        }
    });
}

/// Builds a calculator into `root` and returns its handle.
pub fn start(root: Element, options: Options) -> Result<usize, JsValue> {
    // A `minzheng-calc:results` listener may call start() while another calculator is updating (APPS
    // borrowed by `with_app`): refuse with an error, never panic (the trap would stop every calculator).
    if APPS.with(|cell| cell.try_borrow_mut().is_err()) {
        return Err("minzheng-calc: start() called while a calculator is updating; call it later".into());
    }
    let window = web_sys::window().ok_or("no window")?;
    let doc = window.document().ok_or("no document")?;
    let saved = if options.persist { state::from_hash(&window).or_else(|| state::from_storage(&window)) } else { None };
    let saved = saved.unwrap_or_else(|| Saved { values: options.prefill.clone(), lang: options.lang });
    let elder = options.persist && state::elder_mode(&window);
    let mut app = App {
        options,
        lang: saved.lang.unwrap_or(Lang::Zh),
        values: saved.values,
        elder,
        controls: Vec::new(),
        cards: Vec::new(),
        summary: el(&doc, "p", "")?,
        chart: el(&doc, "div", "")?,
        notice: el(&doc, "p", "")?,
        print_inputs: el(&doc, "dl", "")?,
        embed_snippets: None,
        storage_ok: true,
        window,
        doc,
        root,
    };
    build(&mut app)?;
    refresh(&mut app)?;
    let handle = APPS.with(|cell| cell.borrow().len());
    listen(&app, handle)?;
    APPS.with(|cell| cell.borrow_mut().push(app));
    Ok(handle)
}

/// Replaces the typed values (a custom element's attributes changed).
pub fn set_inputs(handle: usize, values: Vec<(String, String)>) {
    with_app(handle, |app| {
        app.values = values;
        build(app)?;
        refresh(app)
    });
}

/// Switches the language.
pub fn set_lang(handle: usize, lang: Lang) {
    with_app(handle, |app| {
        if app.lang != lang {
            app.lang = lang;
            build(app)?;
            refresh(app)?;
        }
        Ok(())
    });
}

/// Wires the delegated listeners once; they outlive every rebuild of the DOM below the root.
fn listen(app: &App, handle: usize) -> Result<(), JsValue> {
    let on_input = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
        let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else {
            return;
        };
        let name = input.name();
        if name.is_empty() {
            return;
        }
        with_app(handle, |app| {
            set_value(&mut app.values, &name, &input.value());
            refresh(app)
        });
    });
    app.root.add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref())?;
    on_input.forget();

    let on_click = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let Ok(Some(button)) = target.closest("[data-action]") else {
            return;
        };
        let action = button.get_attribute("data-action").unwrap_or_default();
        with_app(handle, |app| act(app, &action));
    });
    app.root.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())?;
    on_click.forget();

    let on_submit = Closure::<dyn FnMut(Event)>::new(|event: Event| event.prevent_default());
    app.root.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref())?;
    on_submit.forget();

    if !app.options.persist {
        return Ok(());
    }
    // A pasted share link replaces what is on the page.
    let on_hash = Closure::<dyn FnMut(Event)>::new(move |_: Event| {
        with_app(handle, |app| {
            let Some(saved) = state::from_hash(&app.window) else {
                return Ok(());
            };
            let lang = saved.lang.unwrap_or(app.lang);
            if saved.values == app.values && lang == app.lang {
                return Ok(());
            }
            load(app, saved, lang)
        });
    });
    app.window.add_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref())?;
    on_hash.forget();

    // Printing shows every 依据 section.
    let on_print = Closure::<dyn FnMut(Event)>::new(move |_: Event| {
        with_app(handle, |app| {
            let details = app.root.query_selector_all("details")?;
            for i in 0..details.length() {
                if let Some(d) = details.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    d.set_attribute("open", "")?;
                }
            }
            Ok(())
        });
    });
    app.window.add_event_listener_with_callback("beforeprint", on_print.as_ref().unchecked_ref())?;
    on_print.forget();
    Ok(())
}

fn load(app: &mut App, saved: Saved, lang: Lang) -> Result<(), JsValue> {
    app.values = saved.values;
    app.lang = lang;
    build(app)?;
    refresh(app)
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

fn act(app: &mut App, action: &str) -> Result<(), JsValue> {
    match action {
        "lang" => {
            app.lang = if app.lang == Lang::Zh { Lang::En } else { Lang::Zh };
            build(app)?;
            refresh(app)?;
            focus(&app.root, "[data-action=lang]");
        }
        "elder" => {
            app.elder = !app.elder;
            state::save_elder_mode(&app.window, app.elder);
            apply_elder(app)?;
        }
        "reset" => {
            if app.window.confirm_with_message(t::RESET_CONFIRM.get(app.lang)).unwrap_or(false) {
                app.values.clear();
                build(app)?;
                refresh(app)?;
            }
        }
        "print" => app.window.print()?,
        "copy" => copy_link(app)?,
        _ => {}
    }
    Ok(())
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
fn copy_link(app: &App) -> Result<(), JsValue> {
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
    let notice = app.notice.clone();
    let (ok, failed) = (t::COPIED.get(app.lang), t::COPY_FAILED.get(app.lang));
    let on_ok = Closure::once(move |_: JsValue| notice.set_text_content(Some(ok)));
    let notice = app.notice.clone();
    let on_err = Closure::once(move |_: JsValue| notice.set_text_content(Some(failed)));
    let _ = promise.then2(&on_ok, &on_err);
    on_ok.forget();
    on_err.forget();
    Ok(())
}

fn button(doc: &Document, action: &str, label: &str, aria: Option<&str>) -> Result<Element, JsValue> {
    let b = text_el(doc, "button", "tool", label)?;
    attrs(&b, &[("type", "button"), ("data-action", action)])?;
    if let Some(a) = aria {
        b.set_attribute("aria-label", a)?;
    }
    Ok(b)
}

/// Builds the whole calculator in the current language, with the typed values in their boxes.
fn build(app: &mut App) -> Result<(), JsValue> {
    let doc = app.doc.clone();
    let lang = app.lang;
    app.controls.clear();
    app.cards.clear();
    app.root.set_text_content(None);
    app.root.set_attribute("lang", lang.code())?;
    if app.options.chrome {
        if let Some(html) = doc.document_element() {
            html.set_attribute("lang", lang.code())?;
        }
        doc.set_title(t::TITLE.get(lang));
    }

    let header = el(&doc, "header", "top")?;
    let title = text_el(&doc, "h1", "", t::TITLE.get(lang))?;
    let plan = text_el(&doc, "p", "plan", t::PLAN.get(lang))?;
    let tools = el(&doc, "div", "tools")?;
    let lang_button = button(&doc, "lang", t::SWITCH_LANG.get(lang), Some(t::SWITCH_LANG_LABEL.get(lang)))?;
    lang_button.set_attribute("lang", if lang == Lang::Zh { "en" } else { "zh-CN" })?;
    let elder_button = button(&doc, "elder", t::ELDER_MODE.get(lang), None)?;
    let share = el(&doc, "input", "share-link")?;
    attrs(&share, &[("type", "text"), ("readonly", ""), ("hidden", ""), ("aria-label", t::COPY_LINK.get(lang))])?;
    append(
        &tools,
        &[
            &lang_button,
            &elder_button,
            &button(&doc, "copy", t::COPY_LINK.get(lang), None)?,
            &button(&doc, "print", t::PRINT.get(lang), None)?,
            &button(&doc, "reset", t::RESET.get(lang), None)?,
            &share,
        ],
    )?;
    app.notice = el(&doc, "p", "notice")?;
    attrs(&app.notice, &[("role", "status"), ("aria-live", "polite")])?;
    append(&header, &[&title, &plan, &tools, &app.notice, &text_el(&doc, "p", "intro", t::INTRO.get(lang))?])?;
    if !app.options.chrome {
        // Embedded: no title or page tools, but the language switch and the notices stay.
        header.set_class_name("top embedded");
        header.remove_child(&title)?;
        header.remove_child(&plan)?;
    }

    let main = el(&doc, "main", "calc")?;
    let form = el(&doc, "form", "inputs")?;
    attrs(&form, &[("autocomplete", "off"), ("novalidate", ""), ("aria-labelledby", "inputs-title")])?;
    let form_title = text_el(&doc, "h2", "", t::INPUTS.get(lang))?;
    form_title.set_id("inputs-title");
    form.append_child(&form_title)?;
    for group in [
        FieldGroup::Population,
        FieldGroup::Divisions,
        FieldGroup::Facilities,
        FieldGroup::Standards,
        FieldGroup::ProvinceBase,
    ] {
        form.append_child(&field_set(app, group)?.into())?;
    }

    let results = el(&doc, "section", "results")?;
    results.set_attribute("aria-labelledby", "results-title")?;
    let results_title = text_el(&doc, "h2", "", t::RESULTS.get(lang))?;
    results_title.set_id("results-title");
    app.summary = el(&doc, "p", "summary")?;
    attrs(&app.summary, &[("role", "status"), ("aria-live", "polite")])?;
    app.chart = el(&doc, "figure", "chart")?;
    append(&results, &[&results_title, &app.summary, &app.chart])?;
    for group in Group::ALL {
        results.append_child(&result_group(app, group)?.into())?;
    }

    let print_head = el(&doc, "div", "print-only print-head")?;
    app.print_inputs = el(&doc, "dl", "print-inputs")?;
    append(&print_head, &[&app.print_inputs])?;

    append(&main, &[&form, &print_head, &results])?;
    append(&app.root, &[&header, &main])?;
    app.embed_snippets = None;
    if app.options.chrome {
        let panel = embed_panel(app)?;
        app.root.append_child(&panel)?;
        let footer = el(&doc, "footer", "bottom")?;
        append(&footer, &[&text_el(&doc, "p", "", t::FOOTER.get(lang))?, &text_el(&doc, "p", "", t::PLAN.get(lang))?])?;
        app.root.append_child(&footer)?;
    }

    for control in &app.controls {
        if let Some((_, v)) = app.values.iter().find(|(k, _)| *k == control.name) {
            control.input.set_value(v);
        }
    }
    apply_elder(app)
}

/// The 嵌入代码 panel: the two snippets (custom element, iframe), filled in by `refresh`.
fn embed_panel(app: &mut App) -> Result<Element, JsValue> {
    let doc = app.doc.clone();
    let lang = app.lang;
    let details = el(&doc, "details", "embed-code")?;
    details.append_child(&text_el(&doc, "summary", "", t::EMBED_CODE.get(lang))?.into())?;
    details.append_child(&text_el(&doc, "p", "hint", t::EMBED_HINT.get(lang))?.into())?;
    let mut boxes = Vec::new();
    for (kind, label) in [("element", t::EMBED_ELEMENT), ("iframe", t::EMBED_IFRAME)] {
        let id = format!("embed-{kind}");
        let wrap = el(&doc, "div", "field")?;
        let label_el = text_el(&doc, "label", "", label.get(lang))?;
        label_el.set_attribute("for", &id)?;
        let area = el(&doc, "textarea", "snippet")?;
        attrs(&area, &[("id", &id), ("readonly", ""), ("rows", "5"), ("spellcheck", "false"), ("data-embed", kind)])?;
        append(&wrap, &[&label_el, &area])?;
        details.append_child(&wrap)?;
        boxes.push(area);
    }
    let iframe = boxes.pop().ok_or("no box")?;
    let element = boxes.pop().ok_or("no box")?;
    app.embed_snippets = Some((element, iframe));
    Ok(details)
}

/// Escapes text for a double-quoted HTML attribute.
fn html_attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
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
            path.rfind('/').map(|i| path[..=i].to_string()).unwrap_or_else(|| "./".to_string())
        }
        _ => "./".to_string(),
    }
}

/// The custom-element and iframe snippets for the figures entered now.
fn snippets(app: &App) -> (String, String) {
    let base = site_base(&app.window);
    let script = format!("<script type=\"module\" src=\"{}\"></script>", html_attr(&format!("{base}embed.js")));
    let lang_code = if app.lang == Lang::En { "en" } else { "zh" };
    let mut element = format!("{script}\n<minzheng-calc lang=\"{lang_code}\"");
    for (k, v) in &app.values {
        // Keys are checked against the contract (so they are plain ASCII names); values are escaped.
        if k != "lang" && !v.is_empty() && crate::fragment::is_known_key(k) {
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

/// Makes one labelled text box with its error line, and records it as a control.
fn control(
    app: &mut App,
    name: &str,
    label: &str,
    unit: &str,
    hint: Option<&str>,
    inputmode: &str,
) -> Result<Element, JsValue> {
    let doc = &app.doc;
    let id = format!("in-{}", name.replace('.', "-"));
    let wrap = el(doc, "div", "field")?;
    let label_el = text_el(doc, "label", "", label)?;
    label_el.set_attribute("for", &id)?;
    let row = el(doc, "div", "entry")?;
    let input: HtmlInputElement = el(doc, "input", "")?.dyn_into()?;
    let error = el(doc, "p", "error")?;
    let error_id = format!("err-{}", name.replace('.', "-"));
    error.set_id(&error_id);
    attrs(&error, &[("data-error-for", name), ("aria-live", "polite")])?;
    let mut described = error_id.clone();
    attrs(&input, &[("type", "text"), ("name", name), ("inputmode", inputmode), ("spellcheck", "false")])?;
    input.set_id(&id);
    row.append_child(&input)?;
    if !unit.is_empty() {
        let unit_id = format!("unit-{}", name.replace('.', "-"));
        let u = text_el(doc, "span", "unit", unit)?;
        u.set_id(&unit_id);
        row.append_child(&u)?;
        described = format!("{unit_id} {described}");
    }
    append(&wrap, &[&label_el, &row])?;
    if let Some(h) = hint {
        let hint_id = format!("hint-{}", name.replace('.', "-"));
        let p = text_el(doc, "p", "hint", h)?;
        p.set_id(&hint_id);
        wrap.append_child(&p)?;
        described = format!("{described} {hint_id}");
    }
    wrap.append_child(&error)?;
    input.set_attribute("aria-describedby", &described)?;
    app.controls.push(Control { name: name.to_string(), input, error });
    Ok(wrap)
}

fn field_set(app: &mut App, group: FieldGroup) -> Result<Element, JsValue> {
    let lang = app.lang;
    let set = el(&app.doc, "fieldset", "group")?;
    set.append_child(&text_el(&app.doc, "legend", "", t::field_group(group).get(lang))?.into())?;
    for spec in FIELDS.iter().filter(|f| f.group == group) {
        let hint = spec.default.map(|d| {
            format!(
                "{}{}（{}）",
                t::DEFAULT_FROM.get(lang),
                lang.pick(spec.default_source_zh, spec.default_source_en),
                group_thousands(d)
            )
        });
        let (inputmode, label) = match spec.kind {
            FieldKind::Text => ("text", lang.pick(spec.label_zh, spec.label_en)),
            FieldKind::Amount => ("decimal", lang.pick(spec.label_zh, spec.label_en)),
            _ => ("numeric", lang.pick(spec.label_zh, spec.label_en)),
        };
        let unit = lang.pick(spec.unit_zh, spec.unit_en);
        let wrap = control(app, spec.id, label, unit, hint.as_deref(), inputmode)?;
        if let (Some(d), Some(c)) = (spec.default, app.controls.last()) {
            c.input.set_placeholder(&group_thousands(d));
        }
        set.append_child(&wrap)?;
    }
    Ok(set)
}

fn result_group(app: &mut App, group: Group) -> Result<Element, JsValue> {
    let doc = app.doc.clone();
    let lang = app.lang;
    let section = el(&doc, "section", "norm-group")?;
    section.append_child(&text_el(&doc, "h3", "", t::group(group).get(lang))?.into())?;
    let shown = |id: &str| app.options.only.as_ref().is_none_or(|only| only.iter().any(|o| o == id));
    let norms: Vec<_> = NORMS.iter().filter(|n| n.group == group && shown(n.id)).collect();
    if norms.is_empty() {
        section.set_attribute("hidden", "")?;
    }
    for norm in norms {
        let card = el(&doc, "article", "norm")?;
        attrs(&card, &[("data-norm", norm.id), ("data-comparator", norm.comparator.as_str())])?;
        let head = el(&doc, "div", "norm-head")?;
        let name = text_el(&doc, "h4", "", lang.pick(norm.name_zh, norm.name_en))?;
        head.append_child(&name)?;
        if let Some(tag) = t::binding(norm.binding) {
            head.append_child(&text_el(&doc, "span", &format!("tag {}", tag_class(&tag)), tag.get(lang))?.into())?;
        }
        let status = el(&doc, "span", "status")?;
        head.append_child(&status)?;

        let req = el(&doc, "p", "required")?;
        let req_label = text_el(&doc, "span", "label", t::REQUIRED.get(lang))?;
        let bound = el(&doc, "span", "bound")?;
        let value = el(&doc, "strong", "value")?;
        let unit = text_el(&doc, "span", "unit", lang.pick(norm.unit_zh, norm.unit_en))?;
        append(&req, &[&req_label, &bound, &value, &unit])?;
        let missing = el(&doc, "p", "missing")?;
        let local = el(&doc, "p", "local")?;
        let extras = el(&doc, "p", "extras")?;

        let current_name = format!("current.{}", norm.id);
        let current =
            control(app, &current_name, t::CURRENT.get(lang), lang.pick(norm.unit_zh, norm.unit_en), None, "decimal")?;
        current.set_class_name("field current");
        let gap = el(&doc, "p", "gap")?;
        let current_text = el(&doc, "p", "print-only current-text")?;

        let basis = el(&doc, "details", "basis")?;
        basis.append_child(&text_el(&doc, "summary", "", t::BASIS.get(lang))?.into())?;
        for quote in norm.quotes {
            let q = text_el(&doc, "blockquote", "", quote)?;
            q.set_attribute("lang", "zh-CN")?;
            basis.append_child(&q)?;
        }
        let cite = text_el(
            &doc,
            "p",
            "cite",
            &format!(
                "{}：{}；{}：{}",
                t::CITATION.get(lang),
                lang.pick(norm.citation_zh, norm.citation_en),
                t::DEADLINE.get(lang),
                lang.pick(norm.deadline_zh, norm.deadline_en)
            ),
        )?;
        let working = el(&doc, "p", "working")?;
        append(&basis, &[&cite, &working])?;
        if norm.indicative {
            basis.append_child(&text_el(&doc, "p", "note", t::INDICATIVE.get(lang))?.into())?;
        }
        if norm.comparator == Comparator::About {
            basis.append_child(&text_el(&doc, "p", "note", t::APPROXIMATE.get(lang))?.into())?;
        }
        let note = lang.pick(norm.note_zh, norm.note_en);
        if !note.is_empty() {
            basis.append_child(&text_el(&doc, "p", "note", &format!("{}：{}", t::NOTE.get(lang), note))?.into())?;
        }
        if !norm.params.is_empty() {
            let params = el(&doc, "fieldset", "params")?;
            params.append_child(&text_el(&doc, "legend", "", t::PARAMS.get(lang))?.into())?;
            for p in norm.params {
                let name = format!("param.{}.{}", norm.id, p.name);
                let label = lang.pick(p.label_zh, p.label_en);
                let wrap = control(app, &name, label, "", None, "decimal")?;
                if let Some(c) = app.controls.last() {
                    c.input.set_placeholder(p.value);
                }
                params.append_child(&wrap)?;
            }
            basis.append_child(&params)?;
        }
        append(&card, &[&head, &req, &missing, &local, &extras, &current, &current_text, &gap, &basis])?;
        section.append_child(&card)?;
        app.cards.push(Card { root: card, bound, value, gap, current_text, status, working, missing, local, extras });
    }
    Ok(section)
}

fn tag_class(tag: &T) -> &'static str {
    if tag.0 == t::BINDING_TAG.0 {
        "binding"
    } else {
        "expected"
    }
}

/// Computes from what is typed and brings every card, error line and the chart up to date, then
/// saves the state to the link and to localStorage.
fn refresh(app: &mut App) -> Result<(), JsValue> {
    let computation = engine::compute(app.values.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    show_errors(app, &computation);
    let lang = app.lang;
    let mut counts = [0usize; 4];
    for card in &app.cards {
        let Some(id) = card.root.get_attribute("data-norm") else {
            continue;
        };
        let Some(r) = computation.results.iter().find(|r| r.id == id) else {
            continue;
        };
        counts[match r.status {
            Status::Met => 0,
            Status::Unmet => 1,
            Status::Unknown => 2,
            Status::MissingInput => 3,
        }] += 1;
        show_result(card, r, lang);
    }
    let summary = t::SUMMARY
        .get(lang)
        .replace("{met}", &counts[0].to_string())
        .replace("{unmet}", &counts[1].to_string())
        .replace("{unknown}", &counts[2].to_string())
        .replace("{missing}", &counts[3].to_string());
    set_text(&app.summary, &summary);
    chart::draw(&app.doc, &app.chart, &computation.results, lang)?;
    print_inputs(app)?;
    if let Some((element, iframe)) = &app.embed_snippets {
        let (a, b) = snippets(app);
        set_text(element, &a);
        set_text(iframe, &b);
    }
    if app.options.persist {
        let body = state::encode(&app.values, lang);
        app.storage_ok = state::save(&app.window, &body);
        if !app.storage_ok {
            set_text(&app.notice, t::NO_STORAGE.get(lang));
        }
        app.doc.document_element().map(|h| h.set_attribute("data-ready", "true")).transpose()?;
    }
    app.root.set_attribute("data-ready", "true")?;
    announce(app, &computation)
}

/// Tells the host page: `minzheng-calc:results` (bubbling, composed) with what `compute` returns.
fn announce(app: &App, computation: &Computation) -> Result<(), JsValue> {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&super::to_js(computation));
    let event = web_sys::CustomEvent::new_with_event_init_dict("minzheng-calc:results", &init)?;
    app.root.dispatch_event(&event)?;
    Ok(())
}

fn show_errors(app: &App, computation: &Computation) {
    for control in &app.controls {
        let error = computation.errors.iter().find(|e| e.field == control.name);
        match error {
            Some(e) => {
                set_opt(&control.input, "aria-invalid", Some("true"));
                set_text(
                    &control.error,
                    &format!(
                        "{} / {}",
                        app.lang.pick(&e.message_zh, &e.message_en),
                        app.lang.pick(&e.message_en, &e.message_zh)
                    ),
                );
            }
            None => {
                set_opt(&control.input, "aria-invalid", None);
                set_text(&control.error, "");
            }
        }
    }
}

fn show_result(card: &Card, r: &NormResult, lang: Lang) {
    let e = &card.root;
    set_opt(e, "data-required", r.required.as_deref());
    set_opt(e, "data-required-max", r.required_max.as_deref());
    set_opt(e, "data-threshold", r.threshold.as_deref());
    set_opt(e, "data-current", r.current.as_deref());
    set_opt(e, "data-gap", r.gap.as_deref());
    set_opt(e, "data-status", Some(r.status.as_str()));
    set_opt(e, "data-local", r.local.then_some("true"));
    let bound = match r.comparator {
        ">=" => "≥",
        ">" => "＞",
        "<=" => "≤",
        "~" => t::ABOUT.get(lang),
        _ => "",
    };
    set_text(&card.bound, bound);
    let value = match (&r.required, &r.required_max) {
        (Some(lo), Some(hi)) => format!("{} {} {}", group_thousands(lo), t::RANGE_TO.get(lang), group_thousands(hi)),
        (Some(v), None) => group_thousands(v),
        _ => "—".to_string(),
    };
    set_text(&card.value, &value);
    let status = t::status(r.status);
    set_text(&card.status, status.get(lang));
    set_opt(&card.status, "class", Some(&format!("status {}", r.status.as_str())));
    let gap = match (&r.gap, r.status) {
        (Some(g), Status::Unmet) => {
            format!("{}：{} {}", t::GAP.get(lang), group_thousands(g), lang.pick(r.unit_zh, r.unit_en))
        }
        _ => String::new(),
    };
    set_text(&card.gap, &gap);
    let current = match &r.current {
        Some(c) => format!("{}：{} {}", t::CURRENT.get(lang), group_thousands(c), lang.pick(r.unit_zh, r.unit_en)),
        None => String::new(),
    };
    set_text(&card.current_text, &current);
    let mut working = lang.pick(&r.working_zh, &r.working_en).to_string();
    if let Some(max) = lang.pick_opt(&r.working_max_zh, &r.working_max_en) {
        working = format!("{working}；{max}");
    }
    set_text(&card.working, &format!("{}：{}", t::FORMULA.get(lang), working));
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
    set_text(&card.missing, &missing);
    let local = match (&r.local, &r.plan_required) {
        (true, Some(plan)) => {
            format!("{}；{}：{}", t::LOCAL_STANDARD.get(lang), t::PLAN_VALUE.get(lang), group_thousands(plan))
        }
        (true, None) => t::LOCAL_STANDARD.get(lang).to_string(),
        _ => String::new(),
    };
    set_text(&card.local, &local);
    let extras: Vec<String> = r
        .extras
        .iter()
        .filter_map(|x| x.value.as_ref().map(|v| format!("{}：{}", lang.pick(x.label_zh, x.label_en), v)))
        .collect();
    set_text(&card.extras, &extras.join("；"));
}

/// The inputs as a definition list, shown only in print.
fn print_inputs(app: &App) -> Result<(), JsValue> {
    let lang = app.lang;
    let doc = &app.doc;
    app.print_inputs.set_text_content(None);
    let date = js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default();
    let pairs = [(t::REPORT_DATE.get(lang).to_string(), date.get(..10).unwrap_or("").to_string())];
    for (k, v) in pairs.iter() {
        append(&app.print_inputs, &[&text_el(doc, "dt", "", k)?, &text_el(doc, "dd", "", v)?])?;
    }
    for spec in FIELDS.iter() {
        if let Some((_, v)) = app.values.iter().find(|(k, _)| k == spec.id) {
            let label = lang.pick(spec.label_zh, spec.label_en);
            let unit = lang.pick(spec.unit_zh, spec.unit_en);
            append(
                &app.print_inputs,
                &[&text_el(doc, "dt", "", label)?, &text_el(doc, "dd", "", &format!("{v} {unit}"))?],
            )?;
        }
    }
    Ok(())
}

impl Lang {
    fn pick_opt<'a>(self, zh: &'a Option<String>, en: &'a Option<String>) -> Option<&'a str> {
        match self {
            Lang::Zh => zh.as_deref(),
            Lang::En => en.as_deref(),
        }
    }
}
