//! The only code that knows the browser. The exports translate between JavaScript values and the
//! engine; errors are values, never panics (a panic would kill the page).

mod chart;
mod dom;
mod page;
mod state;
pub mod text;

use crate::engine;
use crate::inputs::FIELDS;
use crate::rules::NORMS;
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value.serialize(&serializer).unwrap_or(JsValue::NULL)
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

/// Builds the calculator into the element `#app` (or `selector`) and keeps it up to date.
#[wasm_bindgen]
pub fn start(selector: Option<String>) -> Result<(), JsValue> {
    page::start(selector.as_deref().unwrap_or("#app"))
}
