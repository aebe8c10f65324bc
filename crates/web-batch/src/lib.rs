#![cfg(target_arch = "wasm32")]
//! The batch module's WebAssembly exports (`minzheng_batch.js`, a second module loaded only when a
//! spreadsheet is first used; www/batch.js is its page). The heavy work happens here in a few calls
//! that return flat arrays of strings, never one JavaScript object per locality: 40,000 rows stay
//! in wasm memory, and the page asks for the slice it shows.

use minzheng_batch::{write, Batch, BatchError, Col, LegacyDecoder};
use minzheng_core::inputs::FIELDS;
use minzheng_core::rules::NORMS;
use minzheng_text::{input_error, Lang};
use wasm_bindgen::prelude::*;

/// A JavaScript Error for a file or an export that cannot be used: its message in Chinese / English,
/// and each language on its own as the error's `zh` and `en` (the page shows the one it speaks).
fn error(e: &BatchError) -> JsValue {
    let error = js_sys::Error::new(&e.to_string());
    for (key, lang) in [("zh", Lang::Zh), ("en", Lang::En)] {
        let _ = js_sys::Reflect::set(&error, &key.into(), &e.message(lang).into());
    }
    error.into()
}

#[wasm_bindgen]
extern "C" {
    type TextDecoder;
    #[wasm_bindgen(constructor, catch)]
    fn new(label: &str) -> Result<TextDecoder, JsValue>;
    #[wasm_bindgen(method)]
    fn decode(this: &TextDecoder, bytes: &[u8]) -> String;
}

/// GBK/GB18030 CSV decoded by the browser's own `TextDecoder` (the Encoding Standard, as encoding_rs
/// natively), so the module carries no encoding tables.
struct BrowserDecoder;

impl LegacyDecoder for BrowserDecoder {
    fn decode_gb18030(&self, bytes: &[u8]) -> String {
        match TextDecoder::new("gb18030") {
            Ok(decoder) => decoder.decode(bytes),
            // Every browser with WebAssembly has it; should one not, the text is shown as far as it is UTF-8.
            Err(_) => String::from_utf8_lossy(bytes).into_owned(),
        }
    }
}

/// A spreadsheet read into memory, computed in steps, sorted and filtered for the page, exported.
#[wasm_bindgen]
pub struct BatchJob {
    batch: Batch,
    view: Vec<Col>,
    order: Vec<u32>,
}

#[wasm_bindgen]
impl BatchJob {
    /// Reads a file (CSV in UTF-8 with or without BOM, UTF-16 or GBK/GB18030, or XLSX) and maps its
    /// columns. Throws an Error (see `error`) when the file cannot be used at all.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: &[u8]) -> Result<BatchJob, JsValue> {
        let batch = Batch::read(bytes, &BrowserDecoder).map_err(|e| error(&e))?;
        Ok(BatchJob { view: Vec::new(), order: Vec::new(), batch })
    }

    /// Data rows read (localities).
    pub fn rows(&self) -> u32 {
        self.batch.rows() as u32
    }

    /// Computes up to `max_rows` more rows; returns how many are done. When all are, the view
    /// (columns, file order) is ready.
    pub fn step(&mut self, max_rows: u32) -> u32 {
        let done = self.batch.step(max_rows as usize);
        if self.batch.done() && self.view.is_empty() {
            self.view = self.batch.view_columns();
            self.order = self.batch.order(None, false, false);
        }
        done as u32
    }

    /// Rows with at least one input error.
    #[wasm_bindgen(js_name = errorRows)]
    pub fn error_rows(&self) -> u32 {
        self.batch.error_rows() as u32
    }

    /// Rows with at least one unmet norm.
    #[wasm_bindgen(js_name = unmetRows)]
    pub fn unmet_rows(&self) -> u32 {
        self.batch.unmet_rows() as u32
    }

    /// Notes on the file, in `lang` (`"zh"` or `"en"`).
    pub fn notes(&self, lang: &str) -> Vec<String> {
        let lang = Lang::from_code(lang);
        self.batch.notes.iter().map(|n| n.message(lang)).collect()
    }

    /// The number of input errors (a row may have several).
    #[wasm_bindgen(js_name = errorCount)]
    pub fn error_count(&self) -> u32 {
        self.batch.results.errors.len() as u32
    }

    /// The first `limit` input errors: [row, column header, field name, message in `lang`, …].
    pub fn errors(&self, limit: u32, lang: &str) -> Vec<String> {
        let lang = Lang::from_code(lang);
        self.batch
            .results
            .errors
            .iter()
            .take(limit as usize)
            .flat_map(|e| [e.row.to_string(), e.column.clone(), e.error.key.to_string(), input_error(&e.error, lang)])
            .collect()
    }

    /// The page's columns: [id, kind, header zh, header en, unit zh, unit en, …] where kind is
    /// `row`, `name`, `required`, `range` or `gap`.
    pub fn columns(&self) -> Vec<String> {
        use minzheng_text::export::{LOCALITY, ROW};
        self.view
            .iter()
            .flat_map(|&col| {
                let (kind, name_zh, name_en, unit_zh, unit_en) = match col {
                    Col::Row => ("row", ROW.zh, ROW.en, "", ""),
                    Col::Name => ("name", LOCALITY.zh, LOCALITY.en, "", ""),
                    Col::Required(n) => (
                        if NORMS[n].expr_max.is_some() { "range" } else { "required" },
                        NORMS[n].name_zh,
                        NORMS[n].name_en,
                        NORMS[n].unit_zh,
                        NORMS[n].unit_en,
                    ),
                    Col::Gap(n) => ("gap", NORMS[n].name_zh, NORMS[n].name_en, NORMS[n].unit_zh, NORMS[n].unit_en),
                    _ => ("", "", "", "", ""),
                };
                [col.id(), kind.into(), name_zh.into(), name_en.into(), unit_zh.into(), unit_en.into()]
            })
            .collect()
    }

    /// Sorts by page column `col` (−1: the file's order) and filters to rows with an unmet norm;
    /// returns the number of rows in the view.
    pub fn sort(&mut self, col: i32, descending: bool, only_unmet: bool) -> u32 {
        let col = usize::try_from(col).ok().and_then(|i| self.view.get(i).copied());
        self.order = self.batch.order(col, descending, only_unmet);
        self.order.len() as u32
    }

    /// `count` rows of the view from `start`, flat and row-major: each row's page columns, then its
    /// flags (`e` input error, `u` unmet, `l` local standard).
    pub fn cells(&self, start: u32, count: u32) -> Vec<String> {
        let start = (start as usize).min(self.order.len());
        let end = (start + count as usize).min(self.order.len());
        let mut out = Vec::with_capacity((end - start) * (self.view.len() + 1));
        for &row in &self.order[start..end] {
            let row = row as usize;
            for &col in &self.view {
                out.push(match col {
                    Col::Row => self.batch.table.row_numbers[row].to_string(),
                    _ => self.batch.text(col, row),
                });
            }
            let r = &self.batch.results;
            let mut flags = String::new();
            if !r.row_errors(row).is_empty() {
                flags.push('e');
            }
            if r.unmet[row] {
                flags.push('u');
            }
            if r.local[row] {
                flags.push('l');
            }
            out.push(flags);
        }
        out
    }

    /// The totals row in `lang`, one string per page column (empty where a sum means nothing).
    pub fn totals(&self, lang: &str) -> Vec<String> {
        self.batch.totals_text(&self.view, Lang::from_code(lang))
    }

    /// The results as CSV (UTF-8 with BOM).
    #[wasm_bindgen(js_name = toCsv)]
    pub fn to_csv(&self) -> Vec<u8> {
        write::to_csv(&self.batch)
    }

    /// The results as XLSX.
    #[wasm_bindgen(js_name = toXlsx)]
    pub fn to_xlsx(&self) -> Result<Vec<u8>, JsValue> {
        write::to_xlsx(&self.batch).map_err(|e| error(&e))
    }
}

/// The CSV template (Chinese headers with units, one example row).
#[wasm_bindgen(js_name = templateCsv)]
pub fn template_csv() -> Vec<u8> {
    write::template_csv()
}

/// The XLSX template.
#[wasm_bindgen(js_name = templateXlsx)]
pub fn template_xlsx() -> Result<Vec<u8>, JsValue> {
    write::template_xlsx().map_err(|e| error(&e))
}

/// The input fields' ids, for the page's help text: [id, label zh, label en, unit zh, …].
#[wasm_bindgen(js_name = batchFields)]
pub fn batch_fields() -> Vec<String> {
    FIELDS
        .iter()
        .flat_map(|f| [f.id.to_string(), f.label_zh.to_string(), f.label_en.to_string(), f.unit_zh.to_string()])
        .collect()
}

/// Today's date on this computer, `2026-12-03`.
fn today() -> String {
    let now = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date())
}

/// One locality as an XLSX workbook (`inputs` as compute() takes them; `lang` `"zh"` or `"en"`): the summary
/// table ready to print, then the inputs, the working and the plan's words. Throws an Error (see `error`)
/// when it cannot be made.
#[wasm_bindgen(js_name = exportLocality)]
pub fn export_locality(inputs: JsValue, lang: &str) -> Result<Vec<u8>, JsValue> {
    let pairs = minzheng_page::read_pairs(&inputs); // as compute() reads them
    write::locality_xlsx(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())), Lang::from_code(lang), &today())
        .map_err(|e| error(&e))
}

/// The workbook's file name for a locality named `name`: `某县-民政规划指标.xlsx`.
#[wasm_bindgen(js_name = localityFileName)]
pub fn locality_file_name(name: &str, lang: &str) -> String {
    format!("{}.xlsx", write::locality_file_name(name, Lang::from_code(lang)))
}

/// Each norm's plan chapter, for the norm chooser: [norm id, chapter zh, chapter en, …] in the plan's order of
/// chapters (the norm chooser groups its checkboxes by them, as the plan groups the norms).
#[wasm_bindgen(js_name = normGroups)]
pub fn norm_groups() -> Vec<String> {
    write::norm_order()
        .into_iter()
        .flat_map(|n| {
            let group = minzheng_text::group(NORMS[n].group);
            [NORMS[n].id.to_string(), group.zh.to_string(), group.en.to_string()]
        })
        .collect()
}
