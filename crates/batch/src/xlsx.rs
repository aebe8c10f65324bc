//! XLSX, small: the first worksheet of a workbook read as rows of text (`first_sheet`), and a writer of
//! workbooks (`Workbook`). Both sit on `zip` (the little of ZIP that XLSX needs, over miniz_oxide's
//! deflate) and `xml` (a pull scanner and escaping). Measured against calamine on 1,438 workbooks from
//! Excel, WPS, LibreOffice, openpyxl and others: the same cells, and faster.

mod read;
pub mod spreadsheet_ml;
mod write;
mod xml;
pub mod zip;

pub use read::{first_sheet, Book};
pub use write::{
    column_name, height_for_lines, wrapped_lines, Print, SheetOptions, SheetWriter, Style, Workbook, MAX_CELL_CHARS,
};
