//! Bytes → the table of localities, in three steps:
//! 1. bytes → a sheet: rows of text cells with their row numbers (`read_sheet`). A file is XLSX when
//!    it is a zip (`PK\x03\x04`, `xlsx::first_sheet`), otherwise delimited text (`text` decodes it,
//!    `delimited` splits it).
//! 2. sheet → table: the header row and the data rows below it (`Table::from_sheet`).
//! 3. headers → what each column holds (`header::HeaderLookup`; `Batch::from_table` maps them).

pub mod header;
pub mod text;

pub use header::{current_header, field_header, normalize_header, HeaderLookup, Role};
#[cfg(feature = "encoding_rs")]
pub use text::EncodingRs;
pub use text::{decode_text, Encoding, LegacyDecoder};

use crate::delimited;
use crate::sheet::{Record, Sheet};
use crate::BatchError;
use minzheng_text::{file, Word};

/// How the file was read, for the user to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv(Encoding),
    Xlsx,
}

impl Format {
    /// What the format is called.
    pub fn word(self) -> Word {
        match self {
            Format::Xlsx => file::FORMAT_XLSX,
            Format::Csv(Encoding::Utf8) => file::FORMAT_UTF8,
            Format::Csv(Encoding::Utf8Bom) => file::FORMAT_UTF8_BOM,
            Format::Csv(Encoding::Utf16) => file::FORMAT_UTF16,
            Format::Csv(Encoding::Gb18030) => file::FORMAT_GB18030,
        }
    }
}

/// A sheet as text: the header row and every non-blank data row below it.
#[derive(Debug, Clone)]
pub struct Table {
    pub format: Format,
    pub headers: Vec<String>,
    /// The header's row number as the spreadsheet shows it (1 = first row).
    pub header_row: u32,
    pub rows: Vec<Record>,
    /// Each data row's number as the spreadsheet shows it.
    pub row_numbers: Vec<u32>,
}

/// Whether the bytes are a zip archive (XLSX).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// A totals row (合计, as the calculator's XLSX export ends with): its first non-blank cell says so.
pub fn is_totals(record: &Record) -> bool {
    matches!(record.iter().map(str::trim).find(|c| !c.is_empty()), Some("合计" | "总计" | "Total" | "TOTAL"))
}

/// Reads a file of either kind into its table.
pub fn read_table(bytes: &[u8], legacy: &dyn LegacyDecoder) -> Result<Table, BatchError> {
    let (format, sheet) = read_sheet(bytes, legacy)?;
    Table::from_sheet(format, sheet)
}

/// Reads a file of either kind into rows of text.
pub fn read_sheet(bytes: &[u8], legacy: &dyn LegacyDecoder) -> Result<(Format, Sheet), BatchError> {
    if is_zip(bytes) {
        Ok((Format::Xlsx, crate::xlsx::first_sheet(bytes)?))
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        // An OLE compound file: an Excel 97–2003 .xls, or a password-protected .xlsx.
        Err(BatchError::OldExcel)
    } else {
        let (text, encoding) = decode_text(bytes, legacy);
        Ok((Format::Csv(encoding), read_csv(&text)))
    }
}

impl Table {
    /// The table in a sheet: its header row (`pick_header`) and the rows below it, but for totals rows
    /// (a re-imported export ends with one), which are not localities.
    pub fn from_sheet(format: Format, sheet: Sheet) -> Result<Table, BatchError> {
        let Sheet { mut rows, row_numbers: mut numbers } = sheet;
        let (header_index, headers) = pick_header(&rows)?;
        let header_row = numbers[header_index];
        rows.drain(..=header_index);
        numbers.drain(..=header_index);
        if rows.iter().any(is_totals) {
            (rows, numbers) = rows.into_iter().zip(numbers).filter(|(r, _)| !is_totals(r)).unzip();
        }
        Ok(Table { format, headers, header_row, rows, row_numbers: numbers })
    }
}

/// Delimited text → its non-blank records with their row numbers (a record that spans lines inside
/// quotes is one spreadsheet row, as Excel shows it), protecting `'`s taken off.
fn read_csv(text: &str) -> Sheet {
    let mut sheet = delimited::parse(text, delimited::sniff_delimiter(text));
    for record in &mut sheet.rows {
        if record.iter().any(|c| unprotect(c).len() != c.len()) {
            *record = record.iter().map(unprotect).collect();
        }
    }
    sheet
}

/// A CSV cell without the `'` that protects a text a spreadsheet would run as a formula (`'=SUM(A1)`), as
/// `write::neutralise` adds it and as other programs protect their CSV, so that the calculator's own export
/// reads back exactly as typed. Only a `'` before such a character (or before more `'`s and then one) comes
/// off: `'abc` keeps it. The two are inverse: `unprotect(neutralise(t)) == t` for every text. A CSV from
/// elsewhere whose text really begins with `'=` loses that `'`; no locality's name does, and a spreadsheet
/// shows such a cell as the protected formula, so it is taken for one. XLSX cells are read as they are
/// (a text cell needs no protection).
pub fn unprotect(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if crate::write::needs_protection(rest) => rest,
        _ => cell,
    }
}

/// The header is the row, among the first ten non-blank ones, that names the most known columns
/// (a sheet may have a title above it). No known column at all is an error.
fn pick_header(rows: &[Record]) -> Result<(usize, Vec<String>), BatchError> {
    let lookup = HeaderLookup::new();
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in rows.iter().take(10).enumerate() {
        let known = row.iter().filter(|h| matches!(lookup.role(h), Role::Field(_) | Role::Current(_))).count();
        if known > 0 && best.is_none_or(|(_, k)| known > k) {
            best = Some((i, known));
        }
    }
    match best {
        Some((i, _)) => Ok((i, rows[i].iter().map(|s| s.to_string()).collect())),
        None if rows.is_empty() => Err(BatchError::Empty),
        None => Err(BatchError::NoHeader),
    }
}
