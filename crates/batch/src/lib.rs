//! Batch: a spreadsheet in (one locality per row), every locality computed, a spreadsheet out
//! (CONTRACT.md §3 "Spreadsheet" and "Batch"). Pure logic, no browser: `read` turns bytes into a
//! table and headers into fields (through `sheet`, `delimited` for CSV and `xlsx` for workbooks),
//! `compute` runs every row through the engine's fast path, `write` makes CSV and XLSX.
//! `crates/web-batch` puts a page on it. What the batch needs from its host, decoding legacy text
//! (GBK/GB18030 CSV), comes through `LegacyDecoder`.

pub mod compute;
pub mod delimited;
pub mod read;
pub mod sheet;
pub mod write;
pub mod xlsx;

#[cfg(feature = "encoding_rs")]
pub use read::EncodingRs;
pub use read::LegacyDecoder;

use compute::Results;
use minzheng_core::format::plain;
use minzheng_core::inputs::{Key, FIELDS};
use minzheng_core::rules::NORMS;
use minzheng_text::{export, file, input_error, Lang, Word};
use read::{HeaderLookup, Role, Table};
use rust_decimal::Decimal;
use std::cmp::Ordering;

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
        }
    }
}

/// A column of the results, as the page shows it or a file writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    /// The row number in the file.
    Row,
    Name,
    /// An input field as read (export only).
    Input(usize),
    /// A norm's required value (the page shows a range as `low–high`; files write the lower end here).
    Required(usize),
    /// A range's upper end (files only).
    RequiredMax(usize),
    Current(usize),
    Gap(usize),
    Status(usize),
    /// The row's input errors (files only).
    Errors,
}

impl Col {
    /// A stable id: `row`, `name`, a field id, a norm id, `<norm id>.max`, `current.<norm id>`,
    /// `gap.<norm id>`, `status.<norm id>`, `errors`.
    pub fn id(self) -> String {
        match self {
            Col::Row => "row".into(),
            Col::Name => "name".into(),
            Col::Input(i) => Key::Field(i).to_string(),
            Col::Required(n) => NORMS[n].id.into(),
            Col::RequiredMax(n) => format!("{}.max", NORMS[n].id),
            Col::Current(n) => Key::Current(n).to_string(),
            Col::Gap(n) => format!("gap.{}", NORMS[n].id),
            Col::Status(n) => format!("status.{}", NORMS[n].id),
            Col::Errors => "errors".into(),
        }
    }

    /// The header with its unit, as files write it (in Chinese) and the page shows it.
    pub fn header(self, lang: Lang) -> String {
        let norm =
            |n: usize| (lang.pick(NORMS[n].name_zh, NORMS[n].name_en), lang.pick(NORMS[n].unit_zh, NORMS[n].unit_en));
        let named = |word: Word, n: usize| {
            let (name, unit) = norm(n);
            with_unit(&word.fill(lang, &[("name", name)]), unit, lang)
        };
        match self {
            Col::Row => export::ROW.get(lang).to_string(),
            Col::Name => export::LOCALITY.get(lang).to_string(),
            Col::Input(i) => read::field_header(i, lang),
            Col::Required(n) if NORMS[n].expr_max.is_some() => named(export::REQUIRED_LOW, n),
            Col::Required(n) => {
                let (name, unit) = norm(n);
                with_unit(name, unit, lang)
            }
            Col::RequiredMax(n) => named(export::REQUIRED_HIGH, n),
            Col::Current(n) => read::current_header(n, lang),
            Col::Gap(n) => named(export::GAP_OF, n),
            Col::Status(n) => export::STATUS_OF.fill(lang, &[("name", norm(n).0)]),
            Col::Errors => export::INPUT_ERRORS.get(lang).to_string(),
        }
    }

    /// The Chinese header with its unit, as files write it.
    pub fn header_zh(self) -> String {
        self.header(Lang::Zh)
    }

    /// The English header, for the page in English and the workbook's sheet of columns.
    pub fn header_en(self) -> String {
        self.header(Lang::En)
    }

    pub fn norm(self) -> Option<usize> {
        match self {
            Col::Required(n) | Col::RequiredMax(n) | Col::Current(n) | Col::Gap(n) | Col::Status(n) => Some(n),
            _ => None,
        }
    }
}

/// Whether a header is one of the calculator's own result columns (as the CSV export heads them, by
/// id, or as the XLSX export does, in Chinese): row number, required value, range end, gap, status,
/// errors. Reading an export back, these are not input and not worth listing one by one.
fn is_output_header(header: &str) -> bool {
    let h = read::normalize_header(header);
    let output = |col: Col| read::normalize_header(&col.id()) == h || read::normalize_header(&col.header_zh()) == h;
    [Col::Row, Col::Errors].into_iter().any(output)
        || (0..NORMS.len())
            .any(|n| [Col::Required(n), Col::RequiredMax(n), Col::Gap(n), Col::Status(n)].into_iter().any(output))
}

/// Whether a norm's required values add up across localities (people, places, m², a fund),
/// unlike a per-person standard (元/人/月) or a wage.
pub fn summable(norm: usize) -> bool {
    !NORMS[norm].unit_zh.contains('/')
}

/// `label（unit）`, or the label alone where there is no unit.
pub fn with_unit(label: &str, unit: &str, lang: Lang) -> String {
    if unit.is_empty() {
        label.to_string()
    } else {
        export::WITH_UNIT.fill(lang, &[("label", label), ("unit", unit)])
    }
}

/// A read file, its column mapping and its results.
#[derive(Debug, Clone)]
pub struct Batch {
    pub table: Table,
    pub roles: Vec<Role>,
    /// Per column: the input it holds, if any.
    pub keys: Vec<Option<Key>>,
    pub notes: Vec<Note>,
    pub results: Results,
}

impl Batch {
    /// Reads a file (CSV in any of the accepted encodings, or XLSX) and maps its columns. Nothing is
    /// computed yet: call `compute_all` or `step`.
    pub fn read(bytes: &[u8], legacy: &dyn LegacyDecoder) -> Result<Batch, BatchError> {
        Ok(Batch::from_table(read::read_table(bytes, legacy)?))
    }

    /// Maps a table's columns, with notes on what was read and what was left out.
    pub fn from_table(table: Table) -> Batch {
        let lookup = HeaderLookup::new();
        let roles: Vec<Role> = table.headers.iter().map(|h| lookup.role(h)).collect();
        let keys: Vec<Option<Key>> = roles
            .iter()
            .map(|r| match *r {
                Role::Field(i) => Some(Key::Field(i)),
                Role::Current(n) => Some(Key::Current(n)),
                Role::Param(n, p) => Some(Key::Param(n, p)),
                _ => None,
            })
            .collect();
        let mut notes = vec![Note::Format { format: table.format, header_row: table.header_row }];
        let (outputs, ignored): (Vec<&str>, Vec<&str>) = table
            .headers
            .iter()
            .zip(&roles)
            .filter(|(h, r)| **r == Role::Unknown && !h.trim().is_empty())
            .map(|(h, _)| h.trim())
            .partition(|h| is_output_header(h));
        if !outputs.is_empty() {
            // A file the calculator exported, read back: its result columns are worked out afresh.
            notes.push(Note::ExportedColumns { count: outputs.len() });
        }
        if !ignored.is_empty() {
            notes.push(Note::IgnoredColumns { headers: ignored.into_iter().map(String::from).collect() });
        }
        for (h, r) in table.headers.iter().zip(&roles) {
            if let Role::WrongUnit { unit, .. } = r {
                notes.push(Note::WrongUnit { header: h.trim().to_string(), unit: unit.clone() });
            }
        }
        for (i, key) in keys.iter().enumerate() {
            if key.is_some() && keys[..i].contains(key) {
                notes.push(Note::DuplicateColumn { header: table.headers[i].trim().to_string() });
            }
        }
        let results = Results::new(&table, &roles);
        Batch { table, roles, keys, notes, results }
    }

    /// Reads and computes every row.
    pub fn from_bytes(bytes: &[u8], legacy: &dyn LegacyDecoder) -> Result<Batch, BatchError> {
        let mut batch = Batch::read(bytes, legacy)?;
        batch.compute_all();
        Ok(batch)
    }

    /// Computes up to `max_rows` more rows; returns how many are done.
    pub fn step(&mut self, max_rows: usize) -> usize {
        compute::step(&self.table, &self.roles, &self.keys, &mut self.results, max_rows)
    }

    pub fn compute_all(&mut self) {
        self.step(usize::MAX);
    }

    pub fn done(&self) -> bool {
        self.results.done == self.table.rows.len()
    }

    /// Data rows read (every non-blank row below the header).
    pub fn rows(&self) -> usize {
        self.table.rows.len()
    }

    /// Rows with at least one input error.
    pub fn error_rows(&self) -> usize {
        self.results.error_rows
    }

    /// Norms that have a current-provision column in the file.
    pub fn has_current(&self, norm: usize) -> bool {
        self.results.current_slot[norm].is_some()
    }

    /// The page's columns: row, name, and per norm its required value and, where current values
    /// were given, the gap.
    pub fn view_columns(&self) -> Vec<Col> {
        let mut cols = vec![Col::Row, Col::Name];
        for n in 0..NORMS.len() {
            cols.push(Col::Required(n));
            if self.has_current(n) {
                cols.push(Col::Gap(n));
            }
        }
        cols
    }

    /// The files' columns: row, name, the inputs the file had, and per norm the required value
    /// (both ends of a range) and, where current values were given, current, gap and status; then
    /// the row's input errors.
    pub fn export_columns(&self) -> Vec<Col> {
        let mut cols = vec![Col::Row, Col::Name];
        for i in 1..FIELDS.len() {
            if self.roles.contains(&Role::Field(i)) {
                cols.push(Col::Input(i));
            }
        }
        for n in 0..NORMS.len() {
            cols.push(Col::Required(n));
            if self.results.range_slot[n].is_some() {
                cols.push(Col::RequiredMax(n));
            }
            if self.has_current(n) {
                cols.push(Col::Current(n));
                cols.push(Col::Gap(n));
                cols.push(Col::Status(n));
            }
        }
        cols.push(Col::Errors);
        cols
    }

    /// The text of an input field as the file has it (the last column that maps to it).
    pub fn input_text(&self, row: usize, field: usize) -> &str {
        self.typed_text(row, Col::Input(field))
    }

    /// The text an input or current-value column has in the file (the last column that maps to it), so
    /// that a value with an error is exported as typed rather than dropped; empty for other columns.
    pub fn typed_text(&self, row: usize, col: Col) -> &str {
        let role = match col {
            Col::Input(i) => Role::Field(i),
            Col::Current(n) => Role::Current(n),
            _ => return "",
        };
        let record = &self.table.rows[row];
        self.roles.iter().rposition(|r| *r == role).and_then(|i| record.get(i)).map(str::trim).unwrap_or("")
    }

    /// A cell's number, where it has one (for sorting and for number cells in files).
    pub fn number(&self, col: Col, row: usize) -> Option<Decimal> {
        let r = &self.results;
        match col {
            Col::Row => Some(Decimal::from(self.table.row_numbers[row])),
            Col::Required(n) => r.required(row, n),
            Col::RequiredMax(n) => r.required_max(row, n),
            Col::Current(n) => r.current(row, n),
            Col::Gap(n) => r.gap(row, n),
            Col::Input(i) => {
                if r.row_errors(row).iter().any(|e| e.error.key == Key::Field(i)) {
                    return None;
                }
                minzheng_core::number::parse_number(self.input_text(row, i)).ok()
            }
            _ => None,
        }
    }

    /// A cell's text as the page shows it (plain ASCII decimals; a range as `low–high`).
    pub fn text(&self, col: Col, row: usize) -> String {
        let r = &self.results;
        match col {
            Col::Name => r.names[row].clone(),
            Col::Required(n) => match (r.required(row, n), r.required_max(row, n)) {
                (Some(lo), Some(hi)) => format!("{}–{}", plain(lo), plain(hi)),
                (Some(v), None) => plain(v),
                _ => String::new(),
            },
            Col::Status(n) => minzheng_text::status(r.status(row, n)).zh.to_string(),
            Col::Errors => {
                r.row_errors(row).iter().map(|e| input_error(&e.error, Lang::Zh)).collect::<Vec<_>>().join("；")
            }
            Col::Input(i) => self.input_text(row, i).to_string(),
            _ => self.number(col, row).map(plain).unwrap_or_default(),
        }
    }

    /// Row indices in display order: sorted by `col` (empty cells last either way), optionally only
    /// rows with an unmet norm. `col = None` keeps the file's order.
    pub fn order(&self, col: Option<Col>, descending: bool, only_unmet: bool) -> Vec<u32> {
        let n = self.results.done;
        let mut order: Vec<u32> = (0..n as u32).filter(|&i| !only_unmet || self.results.unmet[i as usize]).collect();
        let Some(col) = col else {
            return order;
        };
        let direct = |o: Ordering| if descending { o.reverse() } else { o };
        match col {
            Col::Name => {
                let names = &self.results.names;
                order.sort_by(|&a, &b| {
                    let (x, y) = (&names[a as usize], &names[b as usize]);
                    match (x.is_empty(), y.is_empty()) {
                        (false, false) => direct(x.cmp(y)),
                        (a_empty, b_empty) => a_empty.cmp(&b_empty),
                    }
                });
            }
            _ => {
                let keys: Vec<Option<Decimal>> = (0..n).map(|i| self.number(col, i)).collect();
                order.sort_by(|&a, &b| match (&keys[a as usize], &keys[b as usize]) {
                    (Some(x), Some(y)) => direct(x.cmp(y)),
                    (x, y) => x.is_none().cmp(&y.is_none()),
                });
            }
        }
        order
    }
    /// Whether a column's values add up to something meaningful (counts, amounts, areas; not a per-person
    /// standard, a rate or a typed standard).
    fn summed(&self, col: Col) -> bool {
        match col {
            Col::Required(n) | Col::RequiredMax(n) => summable(n),
            Col::Current(_) | Col::Gap(_) => true,
            Col::Input(i) => FIELDS[i].kind == minzheng_core::inputs::FieldKind::Count,
            _ => false,
        }
    }

    /// The exact sums of `cols` over every computed row (`None` where a column does not add up, or has no
    /// value). One pass, row by row: the results are stored row-major, and a pass per column (41 columns of
    /// 40,000 rows) missed the cache on nearly every value, about 45 ms natively. Input columns were summed
    /// as the rows were computed (compute::step).
    pub fn totals(&self, cols: &[Col]) -> Vec<Option<Decimal>> {
        let mut sums = vec![ExactSum::default(); cols.len()];
        let by_row: Vec<usize> =
            (0..cols.len()).filter(|&k| self.summed(cols[k]) && !matches!(cols[k], Col::Input(_))).collect();
        for row in 0..self.results.done {
            for &k in &by_row {
                if let Some(v) = self.number(cols[k], row) {
                    sums[k].add(v);
                }
            }
        }
        cols.iter()
            .zip(&sums)
            .map(|(&col, sum)| match col {
                _ if !self.summed(col) => None,
                Col::Input(i) => self.results.input_sums[i].total(),
                _ => sum.total(),
            })
            .collect()
    }

    /// One column's total (see `totals`, which sums many columns in one pass).
    pub fn total(&self, col: Col) -> Option<Decimal> {
        self.totals(&[col]).pop().flatten()
    }

    /// The totals row as the page shows it, one text per column; a range as `low–high`.
    pub fn totals_text(&self, cols: &[Col], lang: Lang) -> Vec<String> {
        let mut summed = Vec::with_capacity(cols.len() + 4);
        for &col in cols {
            summed.push(col);
            if let Col::Required(n) = col {
                if self.results.range_slot[n].is_some() {
                    summed.push(Col::RequiredMax(n));
                }
            }
        }
        let sums = self.totals(&summed);
        let total_of = |col: Col| summed.iter().position(|&c| c == col).and_then(|k| sums[k]);
        cols.iter()
            .map(|&col| match col {
                Col::Row => export::TOTAL.get(lang).to_string(),
                Col::Name => export::LOCALITIES.fill(lang, &[("count", &self.results.done.to_string())]),
                Col::Required(n) if self.results.range_slot[n].is_some() => {
                    match (total_of(Col::Required(n)), total_of(Col::RequiredMax(n))) {
                        (Some(lo), Some(hi)) => format!("{}–{}", plain(lo), plain(hi)),
                        _ => String::new(),
                    }
                }
                _ => total_of(col).map(plain).unwrap_or_default(),
            })
            .collect()
    }

    /// One column's text in the totals row.
    pub fn total_text(&self, col: Col, lang: Lang) -> String {
        self.totals_text(&[col], lang).pop().unwrap_or_default()
    }

    /// Rows with an unmet norm.
    pub fn unmet_rows(&self) -> usize {
        self.results.unmet.iter().filter(|u| **u).count()
    }
}

/// An exact running sum of decimals: each scale's mantissas are added as 128-bit integers, and `total`
/// adds the at most 29 parts as decimals at the end. A total is exact or absent, never rounded on the way
/// (every value is mantissa × 10^-scale), and each row costs an integer addition, not a decimal one.
#[derive(Debug, Clone, Default)]
pub struct ExactSum {
    by_scale: [i128; 29],
    any: bool,
}

impl ExactSum {
    pub fn add(&mut self, v: Decimal) {
        // |mantissa| < 2^96, so 2^31 of them cannot overflow an i128.
        self.by_scale[v.scale() as usize] += v.mantissa();
        self.any = true;
    }

    /// The sum, or `None` when nothing was added or the sum is beyond 96-bit decimals.
    pub fn total(&self) -> Option<Decimal> {
        if !self.any {
            return None;
        }
        let mut sum = Decimal::ZERO;
        for (scale, &part) in self.by_scale.iter().enumerate() {
            if part != 0 {
                sum = sum.checked_add(Decimal::try_from_i128_with_scale(part, scale as u32).ok()?)?;
            }
        }
        Some(sum)
    }
}

#[cfg(test)]
mod tests {
    use super::ExactSum;
    use rust_decimal::Decimal;

    fn exact_sum(values: impl Iterator<Item = Decimal>) -> Option<Decimal> {
        let mut sum = ExactSum::default();
        values.for_each(|v| sum.add(v));
        sum.total()
    }

    #[test]
    fn sums_by_scale_exactly() {
        let values = ["416", "2.5", "0.35", "1000000", "0.000001", "7.10"]
            .map(|t| minzheng_core::number::decimal_from_digits(t).expect("plain digits"));
        let folded = values.iter().try_fold(Decimal::ZERO, |s, v| s.checked_add(*v)).unwrap();
        assert_eq!(exact_sum(values.into_iter()), Some(folded));
        assert_eq!(exact_sum(values.into_iter()).map(|s| s.normalize().to_string()).as_deref(), Some("1000425.950001"));
        assert_eq!(exact_sum(std::iter::empty()), None);
        // Beyond 96-bit decimals: no total rather than a wrong one.
        assert_eq!(exact_sum([Decimal::MAX, Decimal::MAX].into_iter()), None);
    }

    #[test]
    fn input_totals_summed_while_computing_match_the_cells() {
        // Typed values, a bad cell, an empty cell, a part above its whole, and decimals.
        let csv = "name,resident_population,urban_resident_population,households,townships,urban_dibao_monthly\n\
                   甲,1000,900,300,3,672.5\n\
                   乙,2000,2500,abc,,700\n\
                   丙,1.2万,1000,1,2.5,680.25\n";
        let mut batch = super::Batch::read(csv.as_bytes(), &super::EncodingRs).expect("reads");
        batch.compute_all();
        let mut compared = 0;
        for col in batch.view_columns().into_iter().chain(batch.export_columns()) {
            if let super::Col::Input(i) = col {
                let mut slow = ExactSum::default();
                (0..batch.rows()).filter_map(|row| batch.number(col, row)).for_each(|v| slow.add(v));
                let expected = if minzheng_core::inputs::FIELDS[i].kind == minzheng_core::inputs::FieldKind::Count {
                    slow.total()
                } else {
                    None
                };
                assert_eq!(batch.total(col), expected, "{}", minzheng_core::inputs::FIELD_IDS[i]);
                compared += 1;
            }
        }
        assert!(compared >= 5, "{compared} input columns");
        let input = |id: &str| super::Col::Input(minzheng_core::inputs::field_index(id).unwrap());
        assert_eq!(batch.total_text(input("resident_population"), super::Lang::Zh), "15000");
        assert_eq!(batch.total_text(input("urban_resident_population"), super::Lang::En), "1900");
    }
}
