//! The batch importer on arbitrary bytes taken as delimited text (UTF-8, UTF-8 with BOM, UTF-16,
//! GB18030; comma, tab or semicolon): read, compute every row, show, sort, total, export, read the
//! export back. Never panics; the export always reads back with every row.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "batch_common.rs"]
mod batch_common;

fuzz_target!(|data: &[u8]| {
    if minzheng_batch::read::is_zip(data) {
        return; // xlsx_import's business
    }
    // The XLSX export is slow (a whole workbook per run): only for the smallest inputs.
    batch_common::exercise(data, data.len() < 48);
});
