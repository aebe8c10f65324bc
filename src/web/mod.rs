//! The only code that knows the browser. The exports translate between JavaScript values and the
//! engine; errors are values, never panics (a panic would kill the page).

mod chart;
mod dom;
pub(crate) mod json;
mod page;
mod saved_list;
mod state;
pub mod text;

use crate::engine;
use crate::inputs::FIELDS;
use crate::rules::NORMS;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A record as a JavaScript value: JSON text made in wasm, parsed once by the browser (see `json`).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    json::to_string(value).ok().and_then(|text| js_sys::JSON::parse(&text).ok()).unwrap_or(JsValue::NULL)
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
    to_js(&computation)
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

fn read_lang(value: &JsValue) -> Option<text::Lang> {
    let code = value.as_string()?;
    Some(if code.starts_with("en") { text::Lang::En } else { text::Lang::Zh })
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
