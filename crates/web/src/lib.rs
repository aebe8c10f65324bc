//! The only code that knows the browser. The exports translate between JavaScript values and the
//! engine (`api` writes the engine's typed results out for scripts); errors are values, never panics
//! (a panic would kill the page).
#![cfg(target_arch = "wasm32")]

pub mod api;
mod chart;
mod dom;
mod live;
mod page;
mod saved_list;
mod state;
pub mod text;

use minzheng_core::engine;
use minzheng_core::inputs::FIELDS;
use minzheng_core::rules::NORMS;
use minzheng_text::Lang;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A record as a JavaScript value (serde-wasm-bindgen): plain objects and arrays, strings, numbers
/// and booleans; a field with no value is left out.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value.serialize(&serializer).unwrap_or(JsValue::NULL)
}

/// A JavaScript function that runs `f` once (for queueMicrotask, setTimeout). Boxed, so every caller
/// shares one instance of wasm-bindgen's closure glue.
pub(crate) fn once(f: Box<dyn FnOnce()>) -> JsValue {
    Closure::once_into_js(f)
}

/// Reads `{ field: value }` from JavaScript: strings as typed, numbers as their decimal text.
/// Anything else (objects, booleans, null) counts as empty.
fn read_pairs(inputs: &JsValue) -> Vec<(String, String)> {
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

/// `{ field: text }` as a JavaScript object (what `getInputs` returns, `setInputs` takes).
fn write_pairs(pairs: &[(String, String)]) -> JsValue {
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

/// `compute(inputs)` → `{ name, results: [...], errors: [...] }`, numbers as decimal strings.
#[wasm_bindgen]
pub fn compute(inputs: JsValue) -> JsValue {
    let pairs = read_pairs(&inputs);
    let computation = engine::compute(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    to_js(&api::Computation::new(&computation))
}

/// `norms()` → the norm catalogue: every record with its quote, citation, formula and parameters.
#[wasm_bindgen]
pub fn norms() -> JsValue {
    to_js(NORMS)
}

/// `fields()` → the input fields: ids, labels, units, groups, defaults.
#[wasm_bindgen]
pub fn fields() -> JsValue {
    to_js(&FIELDS[..])
}

/// The words scripts ask for by id, in one language: the batch section's (www/batch.js), which its
/// script fills in (`{name}` marks a place for a value). Only those: the rest of the catalogue is
/// used here in Rust, and the exports' and file messages' words live in the batch module.
struct Words(Lang);

impl Serialize for Words {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(minzheng_text::batch::ALL.iter().map(|w| (w.id, w.get(self.0))))
    }
}

/// `words(lang)` → `{ id: text }`: the words of the text catalogue that scripts use (`batch.*`), in
/// `"zh"` or `"en"`.
#[wasm_bindgen]
pub fn words(lang: &str) -> JsValue {
    to_js(&Words(Lang::from_code(lang)))
}

/// `inputKey(name)` → what an input's name stands for, as `compute()` reads it: `{ kind: "field",
/// name, field }`, `{ kind: "current", name, norm }`, `{ kind: "param", name, norm, param }`, or
/// `null` for any other name. The one reader of the `current.<norm id>` / `param.<norm id>.<name>`
/// format (`minzheng_core::inputs::Key`), for scripts such as the custom element.
#[wasm_bindgen(js_name = inputKey)]
pub fn input_key(name: &str) -> JsValue {
    api::KeyInfo::of(name).map_or(JsValue::NULL, |info| to_js(&info))
}

fn read_lang(value: &JsValue) -> Option<Lang> {
    value.as_string().map(|code| Lang::from_code(&code))
}

fn option(options: &JsValue, key: &str) -> JsValue {
    if options.is_object() {
        js_sys::Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// Builds a calculator and keeps it up to date; returns its handle.
///
/// `target`: an element, or a CSS selector (default `#app`). `options` (all optional):
/// `embedded` (true: no title, no footer, nothing written to the URL or localStorage),
/// `lang` (`"zh"` or `"en"`), `values` (`{ field: text }` to prefill), `norms` (`"id,id"`: a subset).
#[wasm_bindgen]
pub fn start(target: JsValue, options: JsValue) -> Result<u32, JsValue> {
    let root: web_sys::Element = match target.dyn_into::<web_sys::Element>() {
        Ok(element) => element,
        Err(other) => {
            let selector = other.as_string().unwrap_or_else(|| "#app".to_string());
            let doc = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
            doc.query_selector(&selector)?.ok_or("no element for the calculator")?
        }
    };
    let embedded = option(&options, "embedded").is_truthy();
    let page_options = page::Options {
        chrome: !embedded,
        persist: !embedded || option(&options, "persist").is_truthy(),
        only: read_subset(&option(&options, "norms")),
        lang: read_lang(&option(&options, "lang")),
        prefill: read_pairs(&option(&options, "values")),
    };
    page::start(root, page_options)
}

/// Build time only (scripts/build.mjs runs it in Node): the markup `start()` writes for a fresh
/// page in Chinese, which the single file then carries so the page need not build it. Not part of the
/// module's API.
#[doc(hidden)]
#[wasm_bindgen(js_name = "__prerender")]
pub fn prerender() -> String {
    page::prerender()
}

// The calls below that change a calculator may be made at any time, also from a
// `minzheng-calc:results` listener: made while a calculator is updating, they run as soon as that
// update is done, in call order. A call that changes nothing sends no results event. An unknown
// handle (never started, or stopped) is an error.

/// Replaces all of a calculator's values with `values` (`{ field: text }`); a field not named is emptied.
#[wasm_bindgen(js_name = setInputs)]
pub fn set_inputs(handle: u32, values: JsValue) -> Result<(), JsValue> {
    page::set_inputs(handle, read_pairs(&values))
}

/// Changes only the fields named (`{ field: text }`); an empty string or `null` empties that field.
/// Everything else the user typed stays.
#[wasm_bindgen(js_name = updateInputs)]
pub fn update_inputs(handle: u32, changes: JsValue) -> Result<(), JsValue> {
    page::update_inputs(handle, read_entries(&changes))
}

/// What a calculator holds now, typed or set (`{ field: text }`, as `setInputs` takes it).
#[wasm_bindgen(js_name = getInputs)]
pub fn get_inputs(handle: u32) -> Result<JsValue, JsValue> {
    page::inputs(handle).map(|pairs| write_pairs(&pairs))
}

/// Switches a calculator's language (`"zh"` or `"en"`).
#[wasm_bindgen(js_name = setLang)]
pub fn set_lang(handle: u32, lang: String) -> Result<(), JsValue> {
    match read_lang(&JsValue::from_str(&lang)) {
        Some(l) => page::set_lang(handle, l),
        None => Ok(()),
    }
}

/// Shows another subset of the norms (`"id,id"`; empty or `null`: all) in the same calculator: what
/// is typed stays.
#[wasm_bindgen(js_name = setNorms)]
pub fn set_norms(handle: u32, norms: JsValue) -> Result<(), JsValue> {
    page::set_norms(handle, read_subset(&norms))
}

/// Stops a calculator: empties its element, removes its listeners and frees it. Its handle is not
/// given out again. Take `getInputs(handle)` first to start it again with the same figures.
#[wasm_bindgen]
pub fn stop(handle: u32) -> Result<(), JsValue> {
    page::stop(handle)
}

/// For the tests: how many calculators are alive (it must not grow as elements come and go).
#[doc(hidden)]
#[wasm_bindgen(js_name = "__liveCalculators")]
pub fn live_calculators() -> u32 {
    u32::try_from(live::count()).unwrap_or(u32::MAX)
}
