//! The words module `www/pkg/minzheng_words.js`: the words the page shows that no first result needs, which
//! the page's start-up module (crates/web-page) leaves out to start sooner (README "Benchmarks"). www/app.js
//! loads it after the first results and hands them on: the norms' words to the cards (`setBases`), the batch
//! section's to www/batch.js.
#![cfg(target_arch = "wasm32")]

use js_sys::{Object, Reflect};
use minzheng_core::rules::BASES;
use minzheng_text::Lang;
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn set(object: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

/// `bases()` → every norm's words (依据), in the order of `norms()`, with `norms()`'s names (core's `rules::Basis`):
/// `[{ quotes, citation_zh, citation_en, deadline_zh, deadline_en, note_zh, note_en, level_note_zh, level_note_en }]`,
/// what the page module's `setBases` takes.
#[wasm_bindgen]
pub fn bases() -> JsValue {
    BASES.serialize(&serde_wasm_bindgen::Serializer::new()).unwrap_or(JsValue::NULL)
}

/// `words(lang)` → `{ id: text }`: the batch section's words (`batch.*` of the text catalogue), in `"zh"` or
/// `"en"`; `{name}` marks a place for a value.
#[wasm_bindgen]
pub fn words(lang: &str) -> JsValue {
    let lang = Lang::from_code(lang);
    let object = Object::new();
    for word in minzheng_text::batch::ALL {
        set(&object, word.id, &JsValue::from_str(word.get(lang)));
    }
    object.into()
}
