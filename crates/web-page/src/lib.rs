//! The page's own module `www/pkg/minzheng_page.js`, which www/app.js (the page, its iframe mode and
//! the single file) starts from: the calculator (crates/page), nothing else. Its results events carry
//! no `detail`, and it has none of the JavaScript API (`compute`, `norms`, `fields`, `inputKey`):
//! those are the public module's (crates/web, `minzheng_calc.js`), which scripts and the custom element
//! load. Nor does it carry the words no first result needs (the cards' 依据, the batch section's words):
//! the words module's (crates/web-words), loaded after the first results. Leaving them out keeps the
//! code the page instantiates at start-up within its budget (README "Benchmarks").
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;

/// Builds the calculator (see `minzheng_calc`'s `start` for the options); returns its handle.
#[wasm_bindgen]
pub fn start(target: JsValue, options: JsValue) -> Result<u32, JsValue> {
    minzheng_page::start(target, options, None)
}

/// `getInputs(handle)` → `{ field: text }`: what the calculator holds (the shape `compute()` takes), for
/// the page's XLSX export of this locality (www/app.js hands it to the batch module).
#[wasm_bindgen(js_name = getInputs)]
pub fn get_inputs(handle: u32) -> Result<JsValue, JsValue> {
    minzheng_page::get_inputs(handle)
}

/// `setBases(bases)`: the norms' words (依据) for the cards, which this module does not carry: the words
/// module's `bases()` (crates/web-words), handed over by www/app.js after the first results (see
/// `minzheng_page::set_bases`).
#[wasm_bindgen(js_name = setBases)]
pub fn set_bases(bases: JsValue) -> Result<(), JsValue> {
    minzheng_page::set_bases(&bases)
}

#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
