//! The calculator page in the browser: builds a calculator into an element, applies the view model
//! (crates/view) to it as the user types, keeps the figures (link, localStorage) and runs its buttons.
//! Both page modules are thin exports over this crate: the public module `minzheng_calc` (crates/web:
//! every export, the results event's detail) and the page's own start-up module `minzheng_page`
//! (crates/web-page). Errors are values, never panics (a panic would kill the page).
//!
//! The functions below take and give JavaScript values as the exports do, so that each export is one
//! line in either module.
#![cfg(target_arch = "wasm32")]

mod actions;
mod app;
mod apply;
mod dom;
mod live;
mod saved_list;
mod state;

use minzheng_core::engine::Computation;
use minzheng_text::Lang;
use minzheng_view::BasisText;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What a calculator's `minzheng-calc:results` events carry as `detail`, made from its results.
pub type Detail = fn(&Computation) -> JsValue;

/// A JavaScript function that runs `f` once (for queueMicrotask, setTimeout). Boxed, so every caller
/// shares one instance of wasm-bindgen's closure glue.
pub(crate) fn once(f: Box<dyn FnOnce()>) -> JsValue {
    Closure::once_into_js(f)
}

/// Reads `{ field: value }` from JavaScript: strings as typed, numbers as their decimal text.
/// Anything else (objects, booleans, null) counts as empty.
pub fn read_pairs(inputs: &JsValue) -> Vec<(String, String)> {
    read_entries(inputs).into_iter().filter_map(|(key, text)| Some((key, text?))).collect()
}

/// `read_pairs` with the empty values kept (as `None`): for `updateInputs`, where they clear a field.
fn read_entries(inputs: &JsValue) -> Vec<(String, Option<String>)> {
    let Some(object) = inputs.dyn_ref::<js_sys::Object>() else {
        return Vec::new();
    };
    js_sys::Object::entries(object)
        .iter()
        .filter_map(|entry| {
            let entry: js_sys::Array = entry.dyn_into().ok()?;
            let key = entry.get(0).as_string()?;
            let value = entry.get(1);
            let text = if let Some(s) = value.as_string() {
                Some(s)
            } else if let Some(n) = value.as_f64() {
                // JavaScript's own shortest decimal form of the number (1e21 stays "1e+21": refused).
                js_sys::Number::from(n).to_string_with_radix(10).ok().and_then(|t| t.as_string())
            } else {
                None
            };
            Some((key, text))
        })
        .collect()
}

/// `{ key: text }` as a JavaScript object.
fn write_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    object.into()
}

/// A `norms` option or attribute (`"id,id"`) as the subset it names; `None` (all) when it names none.
fn read_subset(value: &JsValue) -> Option<Vec<String>> {
    let list = value.as_string()?;
    let only: Vec<String> = list.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect();
    (!only.is_empty()).then_some(only)
}

fn option(options: &JsValue, key: &str) -> JsValue {
    if options.is_object() {
        js_sys::Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// `start(target, options)`: builds a calculator and keeps it up to date; returns its handle. Its
/// results events carry `detail` made from the results (when given).
///
/// `target`: an element, or a CSS selector (default `#app`). `options` (all optional):
/// `embedded` (true: no title, no footer, nothing written to the URL or localStorage; `persist` true
/// keeps them all the same; `exportLocality` true shows the 导出本地区 XLSX button, whose click the host
/// handles: an embedded calculator has none otherwise), `lang` (`"zh"` or `"en"`), `values` (`{ field: text }` to prefill),
/// `norms` (`"id,id"`: a subset).
pub fn start(target: JsValue, options: JsValue, detail: Option<Detail>) -> Result<u32, JsValue> {
    let root: web_sys::Element = match target.dyn_into::<web_sys::Element>() {
        Ok(element) => element,
        Err(other) => {
            let selector = other.as_string().unwrap_or_else(|| "#app".to_string());
            let doc = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
            doc.query_selector(&selector)?.ok_or("no element for the calculator")?
        }
    };
    let embedded = option(&options, "embedded").is_truthy();
    let start = app::Start {
        options: minzheng_view::Options {
            chrome: !embedded,
            persist: !embedded || option(&options, "persist").is_truthy(),
            only: read_subset(&option(&options, "norms")),
            export_locality: !embedded || option(&options, "exportLocality").is_truthy(),
        },
        lang: option(&options, "lang").as_string().map(|code| Lang::from_code(&code)),
        prefill: read_pairs(&option(&options, "values")),
        detail,
    };
    app::start(root, start)
}

/// `setInputs(handle, values)`: replaces all of a calculator's values; a field not named is emptied.
pub fn set_inputs(handle: u32, values: JsValue) -> Result<(), JsValue> {
    app::set_inputs(handle, read_pairs(&values))
}

/// `updateInputs(handle, changes)`: changes only the fields named; `""` or `null` empties one.
pub fn update_inputs(handle: u32, changes: JsValue) -> Result<(), JsValue> {
    app::update_inputs(handle, read_entries(&changes))
}

/// `getInputs(handle)`: what a calculator holds now, typed or set (`{ field: text }`).
pub fn get_inputs(handle: u32) -> Result<JsValue, JsValue> {
    app::inputs(handle).map(|pairs| write_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))))
}

/// `setLang(handle, lang)`: `"zh"` or `"en"` (any code starting `en`).
pub fn set_lang(handle: u32, lang: &str) -> Result<(), JsValue> {
    app::set_lang(handle, Lang::from_code(lang))
}

/// `setNorms(handle, norms)`: another subset (`"id,id"`; empty or `null`: all); what is typed stays.
pub fn set_norms(handle: u32, norms: JsValue) -> Result<(), JsValue> {
    app::set_norms(handle, read_subset(&norms))
}

/// `stop(handle)`: empties the calculator's element, removes its listeners and frees it.
pub fn stop(handle: u32) -> Result<(), JsValue> {
    app::stop(handle)
}

/// `setBases(bases)`: every norm's words (依据) for the cards, in the order of `norms()`, each as
/// `norms()` gives them (`quotes`, `citation_zh`, `citation_en`, `deadline_zh`, `deadline_en`, `note_zh`,
/// `note_en`, `level_note_zh`, `level_note_en`): the page's start-up module carries none of them, and www/app.js
/// hands it the words module's `bases()` (crates/web-words) after the first results. Every calculator shows them at once.
pub fn set_bases(bases: &JsValue) -> Result<(), JsValue> {
    let list = bases.dyn_ref::<js_sys::Array>().ok_or("setBases: an array of the norms' words")?;
    if list.length() as usize != minzheng_core::rules::NORMS.len() {
        return Err(js_sys::Error::new("setBases: one entry per norm, in the order of norms()").into());
    }
    let text = |item: &JsValue, key: &str| {
        js_sys::Reflect::get(item, &JsValue::from_str(key)).ok().and_then(|v| v.as_string()).unwrap_or_default()
    };
    let bases = list
        .iter()
        .map(|item| {
            let quotes = js_sys::Reflect::get(&item, &JsValue::from_str("quotes")).unwrap_or(JsValue::UNDEFINED);
            BasisText {
                quotes: js_sys::Array::from(&quotes).iter().filter_map(|q| q.as_string()).collect(),
                citation_zh: text(&item, "citation_zh"),
                citation_en: text(&item, "citation_en"),
                deadline_zh: text(&item, "deadline_zh"),
                deadline_en: text(&item, "deadline_en"),
                note_zh: text(&item, "note_zh"),
                note_en: text(&item, "note_en"),
                level_note_zh: text(&item, "level_note_zh"),
                level_note_en: text(&item, "level_note_en"),
            }
        })
        .collect();
    app::set_bases(bases);
    Ok(())
}

/// For a module that carries the norms' words itself (the public module): its calculators show them
/// from the start.
pub fn use_builtin_bases() {
    if app::bases().is_none() {
        app::set_bases(minzheng_view::basis::builtin());
    }
}

/// `words(lang)` → `{ id: text }`: the words of the text catalogue that scripts use (the batch
/// section's, `batch.*`), in `"zh"` or `"en"`; `{name}` marks a place for a value.
pub fn words(lang: &str) -> JsValue {
    let lang = Lang::from_code(lang);
    write_pairs(minzheng_text::batch::ALL.iter().map(|w| (w.id, w.get(lang))))
}

/// How many calculators are alive (for the tests: it must not grow as elements come and go).
pub fn live_calculators() -> u32 {
    u32::try_from(live::count()).unwrap_or(u32::MAX)
}
