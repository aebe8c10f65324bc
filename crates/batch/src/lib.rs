//! Batch: a spreadsheet in (one locality per row), every locality computed, a spreadsheet out
//! (CONTRACT.md §3 "Spreadsheet" and "Batch"). Pure logic, no browser: `read` turns bytes into a
//! table and headers into fields (through `sheet`, `delimited` for CSV and `xlsx` for workbooks),
//! `compute` runs every row through the engine's fast path, `write` makes CSV and XLSX.
//! `crates/web-batch` puts a page on it. What the batch needs from its host, decoding legacy text
//! (GBK/GB18030 CSV), comes through `LegacyDecoder`.
//!
//! `Batch` (batch.rs, its totals row in totals.rs) holds a file read, mapped and computed; `Col`
//! (columns.rs) names its result columns, `Note` (note.rs) what the user should know about the file, and
//! `BatchError` (error.rs) why a file or an export fails. All are re-exported here.

mod batch;
mod columns;
pub mod compute;
pub mod delimited;
mod error;
pub mod html;
pub mod legacy;
mod note;
pub mod read;
pub mod sheet;
mod totals;
pub mod write;
pub mod xlsx;

pub use batch::Batch;
pub use columns::{summable, with_unit, Col};
pub use error::{BatchError, Unreadable};
pub use note::Note;
#[cfg(feature = "encoding_rs")]
pub use read::EncodingRs;
pub use read::LegacyDecoder;
pub use totals::ExactSum;
