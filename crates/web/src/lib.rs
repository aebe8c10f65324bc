//! The only code that knows the browser. The exports translate between JavaScript values and the
//! engine (`api` writes the engine's typed results out for scripts); errors are values, never panics
//! (a panic would kill the page).
#![cfg(target_arch = "wasm32")]

pub mod api;
mod chart;
mod dom;
mod page;
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
                s
            } else if let Some(n) = value.as_f64() {
                // JavaScript's own shortest decimal form of the number (1e21 stays "1e+21": refused).
                js_sys::Number::from(n).to_string_with_radix(10).ok()?.as_string()?
            } else {
                return None;
            };
            Some((key, text))
        })
        .collect()
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
    let only = option(&options, "norms")
        .as_string()
        .map(|list| list.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect::<Vec<_>>());
    let page_options = page::Options {
        chrome: !embedded,
        persist: !embedded || option(&options, "persist").is_truthy(),
        only: only.filter(|l| !l.is_empty()),
        lang: read_lang(&option(&options, "lang")),
        prefill: read_pairs(&option(&options, "values")),
    };
    page::start(root, page_options).map(|h| h as u32)
}

/// Build time only (scripts/build-single.mjs runs it in Node): the markup `start()` writes for a fresh
/// page in Chinese, which the single file then carries so the page need not build it. Not part of the
/// module's API.
#[doc(hidden)]
#[wasm_bindgen(js_name = "__prerender")]
pub fn prerender() -> String {
    page::prerender()
}

/// Replaces a calculator's typed values (`{ field: text }`).
#[wasm_bindgen(js_name = setInputs)]
pub fn set_inputs(handle: u32, values: JsValue) {
    page::set_inputs(handle as usize, read_pairs(&values));
}

/// Switches a calculator's language (`"zh"` or `"en"`).
#[wasm_bindgen(js_name = setLang)]
pub fn set_lang(handle: u32, lang: String) {
    if let Some(l) = read_lang(&JsValue::from_str(&lang)) {
        page::set_lang(handle as usize, l);
    }
}
