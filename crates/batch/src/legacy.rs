//! Excel 97–2003 (.xls) and OpenDocument (.ods) workbooks, read with calamine into the same sheets as
//! XLSX and CSV (feature `calamine`). The page reads them in a module of their own (crates/web-legacy,
//! loaded only when such a file arrives) that hands the sheets to the batch module as
//! `sheet::Workbook::encode` bytes; natively (tests, tools) `read::read_table` calls this directly.

use crate::read::{Format, Table};
use crate::BatchError;

#[cfg(feature = "calamine")]
pub use with_calamine::read_workbook;

/// The table of an .xls or .ods workbook.
#[cfg(feature = "calamine")]
pub fn read_table(bytes: &[u8], format: Format) -> Result<Table, BatchError> {
    crate::read::table_of_workbook(format, read_workbook(bytes, format == Format::Ods)?)
}

/// Without calamine (the batch module): the page should have sent the file through the legacy-format module.
#[cfg(not(feature = "calamine"))]
pub fn read_table(_bytes: &[u8], _format: Format) -> Result<Table, BatchError> {
    Err(BatchError::LegacyUnavailable)
}

#[cfg(feature = "calamine")]
mod with_calamine {
    use crate::sheet::{Merge, Record, Sheet, Workbook};
    use crate::BatchError;
    use calamine::{open_workbook_from_rs, Data, Ods, Reader, SheetType, SheetVisible, Xls};
    use std::io::Cursor;

    /// Every worksheet of an .xls (`ods` false) or .ods, with whether it is hidden; merged ranges where
    /// the format gives them (.xls).
    pub fn read_workbook(bytes: &[u8], ods: bool) -> Result<Workbook, BatchError> {
        let cursor = Cursor::new(bytes);
        let unreadable = |e: &dyn std::fmt::Display| {
            if ods {
                BatchError::LegacyUnreadable { reason: e.to_string() }
            } else {
                // Not a workbook calamine reads: most often a password-protected .xlsx or a WPS .et.
                BatchError::OldExcel
            }
        };
        let mut book = Workbook { ods, sheets: Vec::new() };
        if ods {
            let mut ods: Ods<_> = open_workbook_from_rs(cursor).map_err(|e| unreadable(&e))?;
            for meta in ods.sheets_metadata().to_vec() {
                let range = ods.worksheet_range(&meta.name).map_err(|e| unreadable(&e))?;
                let hidden = meta.visible != SheetVisible::Visible;
                book.sheets.push((sheet_of(&meta.name, &range, Vec::new()), hidden));
            }
        } else {
            let mut xls: Xls<_> = open_workbook_from_rs(cursor).map_err(|e| unreadable(&e))?;
            for meta in xls.sheets_metadata().to_vec() {
                if meta.typ != SheetType::WorkSheet {
                    continue;
                }
                let range = xls.worksheet_range(&meta.name).map_err(|e| unreadable(&e))?;
                let merges = xls.merge_cells_by_sheet_name(&meta.name).unwrap_or_default();
                // As the XLSX reader: far more merges than any header has are not kept.
                let merges = merges
                    .iter()
                    .take(10_000)
                    .map(|d| Merge {
                        first_row: d.start.0 + 1,
                        last_row: d.end.0 + 1,
                        first_col: d.start.1,
                        last_col: d.end.1,
                    })
                    .collect();
                let hidden = meta.visible != SheetVisible::Visible;
                book.sheets.push((sheet_of(&meta.name, &range, merges), hidden));
            }
        }
        Ok(book)
    }

    fn sheet_of(name: &str, range: &calamine::Range<Data>, merges: Vec<Merge>) -> Sheet {
        let mut sheet = Sheet { name: name.to_string(), merges, ..Sheet::default() };
        let Some((row0, col0)) = range.start() else { return sheet };
        let mut text = String::new();
        for (i, row) in range.rows().enumerate() {
            let mut record = Record::new();
            for _ in 0..col0 {
                record.push_field("");
            }
            for cell in row {
                text.clear();
                cell_text(cell, &mut text);
                record.push_field(&text);
            }
            if !record.is_blank() {
                sheet.push(row0 + i as u32 + 1, record);
            }
        }
        sheet
    }

    /// A cell as the XLSX reader gives it: a number as Excel shows it (`sheet::number_text`: `672.51`, not
    /// `672.50999999999999`), TRUE/FALSE, an error as Excel shows it.
    fn cell_text(cell: &Data, out: &mut String) {
        use std::fmt::Write;
        let _ = match cell {
            Data::Empty => Ok(()),
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => out.write_str(s),
            Data::Int(n) => write!(out, "{n}"),
            Data::Float(f) => out.write_str(&crate::sheet::number_text(*f).unwrap_or_default()),
            Data::Bool(b) => out.write_str(if *b { "TRUE" } else { "FALSE" }),
            Data::DateTime(d) => write!(out, "{}", d.as_f64()),
            Data::Error(e) => write!(out, "{e}"),
        };
    }
}
