//! The public module `www/pkg/minzheng_calc.js`: every export of the calculator's JavaScript API, for
//! the custom element (www/embed.js) and any script. `compute`, `norms`, `fields`, `inputKey` and the
//! results event's `detail` go through serde-wasm-bindgen (`api` writes the engine's typed results out
//! for scripts); the calculators themselves are crates/page's. The page itself starts from the leaner
//! crates/web-page, which leaves this API out.
#![cfg(target_arch = "wasm32")]

pub mod api;

use minzheng_core::engine;
use minzheng_core::inputs::FIELDS;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A record as a JavaScript value (serde-wasm-bindgen): plain objects and arrays, strings, numbers
/// and booleans; a field with no value is left out.
fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value.serialize(&serializer).unwrap_or(JsValue::NULL)
}

/// The results event's `detail`: what `compute()` returns.
fn detail(computation: &engine::Computation) -> JsValue {
    to_js(&api::Computation::new(computation))
}

/// `compute(inputs)` → `{ name, results: [...], errors: [...] }`, numbers as decimal strings.
#[wasm_bindgen]
pub fn compute(inputs: JsValue) -> JsValue {
    let pairs = minzheng_page::read_pairs(&inputs);
    detail(&engine::compute(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))))
}

/// `norms()` → the norm catalogue: every record with its quote, citation, formula and parameters.
#[wasm_bindgen]
pub fn norms() -> JsValue {
    to_js(&api::norm_records())
}

/// `fields()` → the input fields: ids, labels, units, groups, defaults.
#[wasm_bindgen]
pub fn fields() -> JsValue {
    to_js(&FIELDS[..])
}

/// `words(lang)` → `{ id: text }`: the words of the text catalogue that scripts use (`batch.*`), in
/// `"zh"` or `"en"`.
#[wasm_bindgen]
pub fn words(lang: &str) -> JsValue {
    minzheng_page::words(lang)
}

/// `inputKey(name)` → what an input's name stands for, as `compute()` reads it: `{ kind: "field",
/// name, field }`, `{ kind: "current", name, norm }`, `{ kind: "param", name, norm, param }`, or
/// `null` for any other name. The one reader of the `current.<norm id>` / `param.<norm id>.<name>`
/// format (`minzheng_core::inputs::Key`), for scripts such as the custom element.
#[wasm_bindgen(js_name = inputKey)]
pub fn input_key(name: &str) -> JsValue {
    api::KeyInfo::of(name).map_or(JsValue::NULL, |info| to_js(&info))
}

/// Builds a calculator and keeps it up to date; returns its handle. Every change dispatches
/// `minzheng-calc:results` on its element (bubbling, composed) with what `compute()` returns as
/// `detail`.
///
/// `target`: an element, or a CSS selector (default `#app`). `options` (all optional):
/// `embedded` (true: no title, no footer, nothing written to the URL or localStorage),
/// `lang` (`"zh"` or `"en"`), `values` (`{ field: text }` to prefill), `norms` (`"id,id"`: a subset).
#[wasm_bindgen]
pub fn start(target: JsValue, options: JsValue) -> Result<u32, JsValue> {
    minzheng_page::use_builtin_bases();
    minzheng_page::start(target, options, Some(detail))
}

// The calls below that change a calculator may be made at any time, also from a
// `minzheng-calc:results` listener: made while a calculator is updating, they run as soon as that
// update is done, in call order. A call that changes nothing sends no results event. An unknown
// handle (never started, or stopped) is an error.

/// Replaces all of a calculator's values with `values` (`{ field: text }`); a field not named is emptied.
#[wasm_bindgen(js_name = setInputs)]
pub fn set_inputs(handle: u32, values: JsValue) -> Result<(), JsValue> {
    minzheng_page::set_inputs(handle, values)
}

/// Changes only the fields named (`{ field: text }`); an empty string or `null` empties that field.
/// Everything else the user typed stays.
#[wasm_bindgen(js_name = updateInputs)]
pub fn update_inputs(handle: u32, changes: JsValue) -> Result<(), JsValue> {
    minzheng_page::update_inputs(handle, changes)
}

/// What a calculator holds now, typed or set (`{ field: text }`, as `setInputs` takes it).
#[wasm_bindgen(js_name = getInputs)]
pub fn get_inputs(handle: u32) -> Result<JsValue, JsValue> {
    minzheng_page::get_inputs(handle)
}

/// Switches a calculator's language (`"zh"` or `"en"`).
#[wasm_bindgen(js_name = setLang)]
pub fn set_lang(handle: u32, lang: String) -> Result<(), JsValue> {
    minzheng_page::set_lang(handle, &lang)
}

/// Shows another subset of the norms (`"id,id"`; empty or `null`: all) in the same calculator: what
/// is typed stays.
#[wasm_bindgen(js_name = setNorms)]
pub fn set_norms(handle: u32, norms: JsValue) -> Result<(), JsValue> {
    minzheng_page::set_norms(handle, norms)
}

/// Stops a calculator: empties its element, removes its listeners and frees it. Its handle is not
/// given out again. Take `getInputs(handle)` first to start it again with the same figures.
#[wasm_bindgen]
pub fn stop(handle: u32) -> Result<(), JsValue> {
    minzheng_page::stop(handle)
}

/// Build time only (scripts/build.mjs runs it in Node): the markup `start()` writes for a fresh page
/// in Chinese, which the single file then carries so that the page need not build it. Here rather than
/// in the page's own module, which does not carry the norms' words (依据) that the markup holds. Not an API.
#[doc(hidden)]
#[wasm_bindgen(js_name = "__prerender")]
pub fn prerender() -> String {
    minzheng_view::markup::prerender()
}

/// For the tests: how many calculators are alive (it must not grow as elements come and go).
#[doc(hidden)]
#[wasm_bindgen(js_name = "__liveCalculators")]
pub fn live_calculators() -> u32 {
    minzheng_page::live_calculators()
}
