//! What the user should know about a file that was read: its format, the sheet and header found, the
//! columns and rows passed over.

use crate::read::{self, Table};
use minzheng_text::{file, Lang};

/// Something the user should know about the file that is not an error of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// How the file was read, and where its header is.
    Format { format: read::Format, header_row: u32 },
    /// Result columns of a file the calculator exported, read back: worked out afresh.
    ExportedColumns { count: usize },
    /// Columns that are not the calculator's, by header.
    IgnoredColumns { headers: Vec<String> },
    /// A known column in another unit than the calculator's.
    WrongUnit { header: String, unit: String },
    /// A column that appears twice (the rightmost counts).
    DuplicateColumn { header: String },
    /// The sheet read, and the sheets before it that were not (hidden ones, ones without a table).
    Sheet { name: String, passed_over: Vec<(String, bool)> },
    /// A header of two rows (group names merged over the column names).
    HeaderRows { first: u32, last: u32 },
    /// Rows that are not localities, and why: `first` to `last` (the same row for one), with no locality
    /// between them (`Table::skipped` has each row on its own).
    SkippedRows { first: u32, last: u32, why: read::Skip },
    /// A column that names nothing the calculator knows, and the known column it is nearest to.
    DidYouMean { header: String, suggestion: String },
    /// Formula cells saved without a value (read as empty): the sheet and the first cells.
    Uncached { sheet: String, cells: Vec<String>, count: usize },
}

impl Note {
    /// The note for the user.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Note::Format { format, header_row } => {
                file::FORMAT.fill(lang, &[("format", format.word().get(lang)), ("row", &header_row.to_string())])
            }
            Note::ExportedColumns { count } => file::EXPORTED_COLUMNS.fill(lang, &[("count", &count.to_string())]),
            Note::IgnoredColumns { headers } => {
                file::IGNORED_COLUMNS.fill(lang, &[("columns", &headers.join(file::LIST_SEPARATOR.get(lang)))])
            }
            Note::WrongUnit { header, unit } => file::WRONG_UNIT.fill(lang, &[("column", header), ("unit", unit)]),
            Note::DuplicateColumn { header } => file::DUPLICATE_COLUMN.fill(lang, &[("column", header)]),
            Note::Sheet { name, passed_over } => {
                let sep = file::LIST_SEPARATOR.get(lang);
                let names = |hidden: bool| {
                    passed_over.iter().filter(|(_, h)| *h == hidden).map(|(n, _)| n.as_str()).collect::<Vec<_>>()
                };
                let mut text = file::SHEET_READ.fill(lang, &[("sheet", name)]);
                for (list, word) in [(names(false), file::SHEETS_WITHOUT_TABLE), (names(true), file::SHEETS_HIDDEN)] {
                    if !list.is_empty() {
                        text.push_str(&word.fill(lang, &[("sheets", &list.join(sep))]));
                    }
                }
                text
            }
            Note::HeaderRows { first, last } => {
                file::HEADER_ROWS.fill(lang, &[("first", &first.to_string()), ("last", &last.to_string())])
            }
            Note::SkippedRows { first, last, why } => {
                let why = why.word().get(lang);
                if first == last {
                    file::SKIPPED_ROW.fill(lang, &[("row", &first.to_string()), ("why", why)])
                } else {
                    file::SKIPPED_ROWS
                        .fill(lang, &[("first", &first.to_string()), ("last", &last.to_string()), ("why", why)])
                }
            }
            Note::DidYouMean { header, suggestion } => {
                file::DID_YOU_MEAN.fill(lang, &[("column", header), ("suggestion", suggestion)])
            }
            Note::Uncached { sheet, cells, count } => file::UNCACHED.fill(
                lang,
                &[
                    ("sheet", sheet),
                    ("cells", &cells.join(file::LIST_SEPARATOR.get(lang))),
                    ("count", &count.to_string()),
                ],
            ),
        }
    }
}

/// The rows passed over as notes: a run of rows with the same reason and no locality between them is one note
/// (a template's 1,000 empty numbered rows are one line, not a thousand).
pub(crate) fn skipped_rows(table: &Table) -> Vec<Note> {
    let mut notes: Vec<Note> = Vec::new();
    for s in &table.skipped {
        if let Some(Note::SkippedRows { last, why, .. }) = notes.last_mut() {
            let locality_between =
                table.row_numbers.partition_point(|&r| r <= *last) != table.row_numbers.partition_point(|&r| r < s.row);
            if *why == s.why && !locality_between {
                *last = s.row;
                continue;
            }
        }
        notes.push(Note::SkippedRows { first: s.row, last: s.row, why: s.why });
    }
    notes
}
