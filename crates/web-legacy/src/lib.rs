#![cfg(target_arch = "wasm32")]
//! The legacy-format module's WebAssembly export (`minzheng_legacy.js`): an Excel 97–2003 (.xls) or
//! OpenDocument (.ods) workbook read with calamine into the batch's sheets, handed back as bytes
//! (`minzheng_batch::sheet::Workbook::encode`) that the batch module reads like any other file. A module
//! of its own, loaded by www/batch.js only when such a file arrives: calamine and its zip and
//! code-page tables are not in the batch module that every spreadsheet needs.

use minzheng_batch::{legacy, read, BatchError};
use minzheng_text::Lang;
use wasm_bindgen::prelude::*;

/// A JavaScript Error with the message in Chinese / English, and each language as `zh` and `en`.
fn error(e: &BatchError) -> JsValue {
    let error = js_sys::Error::new(&e.to_string());
    for (key, lang) in [("zh", Lang::Zh), ("en", Lang::En)] {
        let _ = js_sys::Reflect::set(&error, &key.into(), &e.message(lang).into());
    }
    error.into()
}

/// The sheets of an .xls or .ods file, encoded for the batch module's `BatchJob`. Throws an Error (see
/// `error`) when the file cannot be read.
#[wasm_bindgen(js_name = readLegacy)]
pub fn read_legacy(bytes: &[u8]) -> Result<Vec<u8>, JsValue> {
    legacy::read_workbook(bytes, read::is_ods(bytes)).map(|book| book.encode()).map_err(|e| error(&e))
}
