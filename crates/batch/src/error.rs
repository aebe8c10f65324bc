//! What stops a file from being read or an export from being made, worded for the user (crates/text).

use minzheng_text::{file, Lang};

/// A file the batch cannot use at all (as opposed to a row with bad input), or an export that cannot
/// be made. `message` words it (crates/text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchError {
    /// No rows at all.
    Empty,
    /// No row among the first ten names a column the calculator knows.
    NoHeader,
    /// An OLE compound file: an Excel 97–2003 .xls, or a password-protected workbook.
    OldExcel,
    /// An XLSX file that cannot be read, and why.
    Unreadable(Unreadable),
    /// An Excel binary workbook (.xlsb).
    Xlsb,
    /// A PDF: a table printed, not one to read.
    Pdf,
    /// An .xls or .ods reached a reader without the legacy-format module.
    LegacyUnavailable,
    /// An .ods (or .xls) the legacy-format module cannot read, and its reason (calamine's, in English).
    LegacyUnreadable {
        reason: String,
    },
    /// More rows, columns or cells than Excel has.
    BeyondRange,
    NoWorksheet,
    /// A cell's text is longer than an XLSX cell holds (writing).
    CellTooLong {
        max: usize,
    },
    /// The export would exceed ZIP's 4 GB (writing).
    ExportTooBig,
    /// The workbook writer was asked for more sheets than it was made for (a bug, not the user's).
    TooManySheets,
    SheetCountMismatch,
}

/// Why an XLSX file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// The ZIP structure is incomplete.
    Damaged,
    Zip64,
    /// A multi-part (spanned) archive.
    Spanned,
    Encrypted,
    /// A part expands beyond the reader's bound.
    Expands,
    /// An unknown compression method.
    Method(u16),
    Checksum,
    /// A ZIP archive without xl/workbook.xml.
    NotWorkbook,
    /// A part that is not well-formed XML.
    Malformed {
        part: String,
    },
    BadReference {
        part: String,
    },
    /// A cell refers to a shared string (by this index) that does not exist.
    MissingString {
        part: String,
        index: String,
    },
}

impl BatchError {
    /// The message for the user.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            BatchError::Empty => file::EMPTY.get(lang).to_string(),
            BatchError::NoHeader => file::NO_HEADER.get(lang).to_string(),
            BatchError::OldExcel => file::OLD_EXCEL.get(lang).to_string(),
            BatchError::Unreadable(why) => file::XLSX_UNREADABLE.fill(lang, &[("reason", &why.message(lang))]),
            BatchError::Xlsb => file::XLSB.get(lang).to_string(),
            BatchError::Pdf => file::PDF.get(lang).to_string(),
            BatchError::LegacyUnavailable => file::LEGACY_UNAVAILABLE.get(lang).to_string(),
            BatchError::LegacyUnreadable { reason } => file::LEGACY_UNREADABLE.fill(lang, &[("reason", reason)]),
            BatchError::BeyondRange => file::BEYOND_RANGE.get(lang).to_string(),
            BatchError::NoWorksheet => file::NO_WORKSHEET.get(lang).to_string(),
            BatchError::CellTooLong { max } => file::CELL_TOO_LONG.fill(lang, &[("max", &max.to_string())]),
            BatchError::ExportTooBig => file::EXPORT_TOO_BIG.get(lang).to_string(),
            BatchError::TooManySheets => file::TOO_MANY_SHEETS.get(lang).to_string(),
            BatchError::SheetCountMismatch => file::SHEET_COUNT.get(lang).to_string(),
        }
    }
}

impl Unreadable {
    fn message(&self, lang: Lang) -> String {
        match self {
            Unreadable::Damaged => file::DAMAGED.get(lang).to_string(),
            Unreadable::Zip64 => file::ZIP64.get(lang).to_string(),
            Unreadable::Spanned => file::SPANNED.get(lang).to_string(),
            Unreadable::Encrypted => file::ENCRYPTED.get(lang).to_string(),
            Unreadable::Expands => file::EXPANDS.get(lang).to_string(),
            Unreadable::Method(method) => file::METHOD.fill(lang, &[("method", &method.to_string())]),
            Unreadable::Checksum => file::CHECKSUM.get(lang).to_string(),
            Unreadable::NotWorkbook => file::NOT_WORKBOOK.get(lang).to_string(),
            Unreadable::Malformed { part } => file::MALFORMED.fill(lang, &[("part", part)]),
            Unreadable::BadReference { part } => file::BAD_REFERENCE.fill(lang, &[("part", part)]),
            Unreadable::MissingString { part, index } => {
                file::MISSING_STRING.fill(lang, &[("part", part), ("index", index)])
            }
        }
    }
}

impl std::fmt::Display for BatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} / {}", self.message(Lang::Zh), self.message(Lang::En))
    }
}

impl std::error::Error for BatchError {}
