//! Bytes → the table of localities, in three steps:
//! 1. bytes → a sheet: rows of text cells with their row numbers (`read_sheet`). A file is XLSX when
//!    it is a zip (`PK\x03\x04`, `xlsx::first_sheet`); otherwise text (`text` decodes it): XML
//!    Spreadsheet 2003 (`xlsx::spreadsheet_ml`), a web page's tables (`html`), or delimited text
//!    (`delimited` splits it).
//! 2. sheet → table: the header row and the data rows below it (`Table::from_sheet`).
//! 3. headers → what each column holds (`header::HeaderLookup`; `Batch::from_table` maps them).

pub mod header;
pub mod table;
pub mod text;

pub use header::{current_header, field_header, normalize_header, HeaderLookup, Role};
pub use table::{Skip, Skipped};
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
    /// Excel 97–2003, read by the legacy-format module.
    Xls,
    /// OpenDocument, read by the legacy-format module.
    Ods,
    /// A web page's tables, as many systems export them under an `.xls` name (`html`).
    Html,
    /// XML Spreadsheet 2003 (`xlsx::spreadsheet_ml`).
    Xml2003,
}

impl Format {
    /// What the format is called.
    pub fn word(self) -> Word {
        match self {
            Format::Xlsx => file::FORMAT_XLSX,
            Format::Xls => file::FORMAT_XLS,
            Format::Ods => file::FORMAT_ODS,
            Format::Html => file::FORMAT_HTML,
            Format::Xml2003 => file::FORMAT_XML2003,
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
    /// The header's first row: above `header_row` when the header has two rows (group names over them).
    pub header_first_row: u32,
    /// The sheet read (empty for text files).
    pub sheet: String,
    /// Sheets before it that were not read: name and whether it is hidden (else: no table in it).
    pub passed_over: Vec<(String, bool)>,
    /// Rows that are not localities, and why.
    pub skipped: Vec<Skipped>,
    /// The first formula cells of the sheet read that were saved without a value (`C5`), and how many
    /// there are.
    pub uncached: Vec<String>,
    pub uncached_count: usize,
}

/// Whether the bytes are a zip archive (XLSX).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// A totals row (合计, as the calculator's XLSX export ends with; 总计, 小计, 全市合计): its first
/// non-blank cell says so.
pub fn is_totals(record: &Record) -> bool {
    table::is_totals_row(record, None)
}

/// Reads a file of any kind into its table: the first visible sheet that has a recognisable header.
pub fn read_table(bytes: &[u8], legacy: &dyn LegacyDecoder) -> Result<Table, BatchError> {
    if is_zip(bytes) {
        if is_ods(bytes) {
            return crate::legacy::read_table(bytes, Format::Ods);
        }
        let mut book = crate::xlsx::Book::open(bytes)?;
        let names: Vec<(String, bool)> = (0..book.len()).map(|i| (book.name(i).to_string(), book.hidden(i))).collect();
        choose_sheet(Format::Xlsx, &names, |i| book.read(i))
    } else if let Some(book) = crate::sheet::Workbook::decode(bytes) {
        // Sheets the legacy-format module read from an .xls or .ods.
        let format = if book.ods { Format::Ods } else { Format::Xls };
        table_of_workbook(format, book)
    } else if bytes.starts_with(b"%PDF-") {
        Err(BatchError::Pdf)
    } else if bytes.starts_with(OLE) {
        crate::legacy::read_table(bytes, Format::Xls)
    } else {
        let (text, encoding) = decode_text(bytes, legacy);
        if crate::xlsx::spreadsheet_ml::is_spreadsheet_ml(&text) {
            let sheets = crate::xlsx::spreadsheet_ml::sheets(&text);
            table_of_workbook(Format::Xml2003, crate::sheet::Workbook { ods: false, sheets })
        } else if crate::html::is_html_table(&text) {
            let sheets = crate::html::tables(&text).into_iter().map(|s| (s, false)).collect();
            table_of_workbook(Format::Html, crate::sheet::Workbook { ods: false, sheets })
        } else {
            Table::from_sheet(Format::Csv(encoding), read_csv(&text))
        }
    }
}

/// The first bytes of an OLE compound file: an Excel 97–2003 .xls, a WPS .et, or a password-protected .xlsx.
pub const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Whether a zip archive is an OpenDocument spreadsheet (its first part is `mimetype`, stored).
pub fn is_ods(bytes: &[u8]) -> bool {
    bytes.get(30..38) == Some(b"mimetype")
        && bytes.get(38..100).is_some_and(|b| b.windows(24).any(|w| w == b"opendocument.spreadsheet"))
}

/// Whether the batch module needs the legacy-format module to read these bytes (.xls, .ods).
pub fn needs_legacy(bytes: &[u8]) -> bool {
    bytes.starts_with(OLE) || (is_zip(bytes) && is_ods(bytes))
}

/// A workbook's sheets all read already (the legacy-format module's) → its table.
pub fn table_of_workbook(format: Format, book: crate::sheet::Workbook) -> Result<Table, BatchError> {
    let names: Vec<(String, bool)> = book.sheets.iter().map(|s| (s.0.name.clone(), s.1)).collect();
    let mut sheets: Vec<Option<Sheet>> = book.sheets.into_iter().map(|s| Some(s.0)).collect();
    choose_sheet(format, &names, |i| Ok(sheets[i].take().unwrap_or_default()))
}

/// Sheet names people give instructions (a table in them may name fields, explaining them).
fn is_instructions(name: &str) -> bool {
    let name = normalize_header(name);
    ["说明", "填表", "填报", "指标解释", "readme", "instructions"].iter().any(|w| name.contains(w))
}

/// The first visible sheet with a recognisable header, sheets of instructions last; hidden sheets
/// (lists for drop-downs) never.
fn choose_sheet(
    format: Format,
    names: &[(String, bool)],
    mut read: impl FnMut(usize) -> Result<Sheet, BatchError>,
) -> Result<Table, BatchError> {
    let lookup = HeaderLookup::new();
    let order = (0..names.len())
        .filter(|&i| !is_instructions(&names[i].0))
        .chain((0..names.len()).filter(|&i| is_instructions(&names[i].0)));
    let mut empty = true;
    let mut tried = Vec::new();
    for i in order {
        if names[i].1 {
            continue;
        }
        let sheet = read(i)?;
        empty &= sheet.rows.is_empty();
        if let Some(header) = table::find_header(&lookup, &sheet) {
            let mut table = Table::from_header(format, sheet, header, &lookup);
            table.passed_over = (0..names.len())
                .filter(|&k| names[k].1 || tried.contains(&k))
                .map(|k| (names[k].0.clone(), names[k].1))
                .collect();
            return Ok(table);
        }
        tried.push(i);
    }
    Err(if empty { BatchError::Empty } else { BatchError::NoHeader })
}

impl Table {
    /// The table in a sheet: its header (`table::find_header`) and the localities below it.
    pub fn from_sheet(format: Format, sheet: Sheet) -> Result<Table, BatchError> {
        let lookup = HeaderLookup::new();
        match table::find_header(&lookup, &sheet) {
            Some(header) => Ok(Table::from_header(format, sheet, header, &lookup)),
            None if sheet.rows.is_empty() => Err(BatchError::Empty),
            None => Err(BatchError::NoHeader),
        }
    }

    fn from_header(format: Format, sheet: Sheet, header: table::Header, lookup: &HeaderLookup) -> Table {
        let Sheet { mut rows, row_numbers: mut numbers, name, uncached, uncached_count, .. } = sheet;
        let mut header = header;
        table::with_units(lookup, &mut header.names, &rows[..header.first], &rows[header.last + 1..]);
        let header_row = numbers[header.last];
        let header_first_row = numbers[header.first];
        let mut skipped: Vec<Skipped> =
            numbers[..header.first].iter().map(|&row| Skipped { row, why: Skip::Title }).collect();
        rows.drain(..=header.last);
        numbers.drain(..=header.last);
        let (rows, row_numbers, below) = table::classify(lookup, &header.names, rows, numbers);
        skipped.extend(below);
        Table {
            format,
            headers: header.names,
            header_row,
            rows,
            row_numbers,
            header_first_row,
            sheet: name,
            passed_over: Vec::new(),
            skipped,
            uncached,
            uncached_count,
        }
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
