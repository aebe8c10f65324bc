//! Bytes → rows of text, and column headers → contract fields.
//!
//! A file is XLSX when it is a zip (`PK\x03\x04`), otherwise delimited text: UTF-8 with or without a
//! byte-order mark, UTF-16 with a mark (Excel's "Unicode text"), or else GB18030 (a superset of GBK,
//! which Excel on Chinese Windows writes for "CSV"). The delimiter is a comma unless the header line
//! has tabs or semicolons and no comma.

use super::BatchError;
use crate::inputs::{FIELDS, FIELD_COUNT};
use crate::rules::NORMS;
use csv::StringRecord;
use std::io::Cursor;

/// How the file was read, for the user to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv(Encoding),
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16,
    Gb18030,
}

impl Format {
    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            Format::Xlsx => ("XLSX 工作簿", "XLSX workbook"),
            Format::Csv(Encoding::Utf8) => ("CSV（UTF-8）", "CSV (UTF-8)"),
            Format::Csv(Encoding::Utf8Bom) => ("CSV（UTF-8，带 BOM）", "CSV (UTF-8 with BOM)"),
            Format::Csv(Encoding::Utf16) => ("文本（UTF-16）", "Text (UTF-16)"),
            Format::Csv(Encoding::Gb18030) => ("CSV（GBK/GB18030）", "CSV (GBK/GB18030)"),
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
    pub rows: Vec<StringRecord>,
    /// Each data row's number as the spreadsheet shows it.
    pub row_numbers: Vec<u32>,
}

/// Text of a file that is not XLSX, and the encoding it was in.
pub fn decode_text(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), Encoding::Utf8Bom);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _, _) = encoding_rs::UTF_16LE.decode(bytes); // the BOM picks LE or BE
        return (text.into_owned(), Encoding::Utf16);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), Encoding::Utf8),
        Err(_) => {
            let (text, _) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
            (text.into_owned(), Encoding::Gb18030)
        }
    }
}

/// Whether the bytes are a zip archive (XLSX).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

fn is_blank(record: &StringRecord) -> bool {
    record.iter().all(|c| c.trim().is_empty())
}

/// A totals row (合计, as the calculator's own export ends with): its first non-blank cell says so.
pub fn is_totals(record: &StringRecord) -> bool {
    matches!(record.iter().map(str::trim).find(|c| !c.is_empty()), Some("合计" | "总计" | "Total" | "TOTAL"))
}

/// Reads a file of either kind into rows of text.
pub fn read_table(bytes: &[u8]) -> Result<Table, BatchError> {
    let (format, raw) = if is_zip(bytes) {
        (Format::Xlsx, read_xlsx_rows(bytes)?)
    } else {
        let (text, encoding) = decode_text(bytes);
        (Format::Csv(encoding), read_csv_rows(&text)?)
    };
    let (header_index, headers) = pick_header(&raw.0)?;
    let mut rows = raw.0;
    let mut numbers = raw.1;
    let header_row = numbers[header_index];
    rows.drain(..=header_index);
    numbers.drain(..=header_index);
    // Totals rows are not localities (a re-imported export ends with one).
    if rows.iter().any(is_totals) {
        (rows, numbers) = rows.into_iter().zip(numbers).filter(|(r, _)| !is_totals(r)).unzip();
    }
    Ok(Table { format, headers, header_row, rows, row_numbers: numbers })
}

/// Delimited text → non-blank records with their row numbers (a record that spans lines inside
/// quotes is one spreadsheet row, as Excel shows it).
fn read_csv_rows(text: &str) -> Result<(Vec<StringRecord>, Vec<u32>), BatchError> {
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = if first_line.contains(',') {
        b','
    } else if first_line.contains('\t') {
        b'\t'
    } else if first_line.contains(';') {
        b';'
    } else {
        b','
    };
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut numbers = Vec::new();
    let mut record = StringRecord::new();
    // The row number Excel shows: the record's first line, less the line breaks inside quoted
    // fields of the records before it (Excel shows such a record as one row; blank lines count).
    let mut inner_breaks: u64 = 0;
    let mut number: u32 = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {
                // The reader has passed the record's line break if the byte before it is `\n`;
                // otherwise (a `\r\n` whose `\n` is still ahead, or the end of the text) it is
                // still on the record's last line.
                let after = reader.position();
                let consumed_newline =
                    (after.byte() as usize).checked_sub(1).is_some_and(|i| text.as_bytes().get(i) == Some(&b'\n'));
                let last_line = if consumed_newline { after.line() - 1 } else { after.line() };
                let breaks = record.iter().map(|f| f.matches('\n').count() as u64).sum::<u64>();
                number = (last_line - breaks).saturating_sub(inner_breaks) as u32;
                inner_breaks += breaks;
                if !is_blank(&record) {
                    rows.push(record.clone());
                    numbers.push(number);
                }
            }
            Ok(false) => break,
            Err(e) => {
                return Err(BatchError::new(
                    format!("CSV 文件第 {} 行无法读取：{e}", number + 1),
                    format!("CSV row {} cannot be read: {e}", number + 1),
                ))
            }
        }
    }
    Ok((rows, numbers))
}

/// Writes a cell's number as plain decimal text (Rust's `Display` for f64 never uses an exponent;
/// whole numbers, the common case, take the integer path).
fn write_number(buf: &mut String, f: f64) {
    use std::fmt::Write;
    if !f.is_finite() {
        return;
    }
    if f.fract() == 0.0 && f.abs() < 9.0e15 {
        let _ = write!(buf, "{}", f as i64);
    } else {
        let _ = write!(buf, "{f}");
    }
}

/// The first worksheet of an XLSX workbook → non-blank rows with their row numbers. Cells are
/// streamed (no whole-sheet copy) and shared strings are borrowed, not cloned.
fn read_xlsx_rows(bytes: &[u8]) -> Result<(Vec<StringRecord>, Vec<u32>), BatchError> {
    use calamine::{DataRef, Reader, Xlsx};
    use std::fmt::Write;
    let unreadable = |e: &dyn std::fmt::Display| {
        BatchError::new(format!("无法读取 XLSX 文件：{e}"), format!("The XLSX file cannot be read: {e}"))
    };
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let Some(first) = workbook.sheet_names().first().cloned() else {
        return Err(BatchError::new("XLSX 文件中没有工作表".into(), "The XLSX file has no worksheet".into()));
    };
    let mut cells = workbook.worksheet_cells_reader(&first).map_err(|e| unreadable(&e))?;
    let mut rows = Vec::new();
    let mut numbers = Vec::new();
    let mut record = StringRecord::new();
    let mut row: Option<u32> = None;
    let mut buf = String::new();
    let mut flush = |record: &mut StringRecord, row: Option<u32>| {
        if let Some(r) = row {
            if !is_blank(record) {
                rows.push(record.clone());
                numbers.push(r + 1);
            }
        }
        record.clear();
    };
    // A hostile cell reference (`ZZZZZZ1`, or one calamine wraps past u32) must not make us push
    // billions of empty fields: refuse what Excel itself cannot hold, and sheets beyond MAX_CELLS.
    const MAX_COLUMNS: u32 = 16_384; // XFD
    const MAX_ROW: u32 = 1_048_576;
    const MAX_CELLS: usize = 16_000_000;
    let mut cells_read: usize = 0;
    while let Some(cell) = cells.next_cell().map_err(|e| unreadable(&e))? {
        let (r, c) = cell.get_position();
        if c >= MAX_COLUMNS || r >= MAX_ROW || cells_read > MAX_CELLS {
            return Err(BatchError::new(
                "XLSX 文件过大或单元格位置超出 Excel 的范围（最多 1,048,576 行、16,384 列、1,600 万个单元格）".into(),
                "The XLSX file is too large or has a cell beyond Excel's range (1,048,576 rows, 16,384 columns, 16 million cells at most)".into(),
            ));
        }
        if row != Some(r) {
            flush(&mut record, row);
            row = Some(r);
        }
        let c = c as usize;
        if c < record.len() {
            continue; // a cell out of order: the first one counts
        }
        cells_read += c + 1 - record.len();
        while record.len() < c {
            record.push_field("");
        }
        match cell.get_value() {
            DataRef::Empty => record.push_field(""),
            DataRef::SharedString(s) => record.push_field(s),
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => record.push_field(s),
            DataRef::Int(n) => {
                buf.clear();
                let _ = write!(buf, "{n}");
                record.push_field(&buf);
            }
            DataRef::Float(f) => {
                buf.clear();
                write_number(&mut buf, *f);
                record.push_field(&buf);
            }
            DataRef::Bool(b) => record.push_field(if *b { "TRUE" } else { "FALSE" }),
            DataRef::DateTime(d) => {
                buf.clear();
                write_number(&mut buf, d.as_f64());
                record.push_field(&buf);
            }
            DataRef::Error(e) => {
                buf.clear();
                let _ = write!(buf, "#{e:?}");
                record.push_field(&buf);
            }
        }
    }
    flush(&mut record, row);
    Ok((rows, numbers))
}

/// The header is the row, among the first ten non-blank ones, that names the most known columns
/// (a sheet may have a title above it). No known column at all is an error.
fn pick_header(rows: &[StringRecord]) -> Result<(usize, Vec<String>), BatchError> {
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
        None if rows.is_empty() => Err(BatchError::new("文件是空的".into(), "The file is empty".into())),
        None => Err(BatchError::new(
            "找不到可识别的表头：列名应为字段名（如 resident_population）或中文名（如 常住人口）".into(),
            "No recognisable header row: column names must be field ids (e.g. resident_population) or the Chinese labels (e.g. 常住人口)".into(),
        )),
    }
}

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// An input field, by index into `FIELDS`.
    Field(usize),
    /// Current provision of a norm, by index into `NORMS`.
    Current(usize),
    /// A local parameter (`param.<norm id>.<name>`), passed on as written.
    Param(String),
    /// Not a column of the calculator (kept out of the computation).
    Unknown,
    /// A known column whose unit in brackets is not the calculator's (e.g. 常住人口（万人）).
    WrongUnit { role: Box<Role>, unit: String },
}

/// Header text in a comparable form: no spaces, full-width ASCII (brackets, letters, digits) made
/// half-width, `【】` and `[]` as `()`, ASCII lower-case.
pub fn normalize_header(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '【' | '[' | '〔' => '(',
            '】' | ']' | '〕' => ')',
            _ => c,
        };
        if c.is_whitespace() || c == '\u{FEFF}' || c == '*' {
            continue;
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// Splits `label(unit)` into (`label`, `unit`) at the last bracket group.
fn split_trailing_group(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_suffix(')')?;
    let mut depth = 0;
    for (i, c) in inner.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => return Some((&inner[..i], &inner[i + 1..])),
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Maps header text to columns: field ids, Chinese and English labels, `current.<norm id>` and
/// 现有<norm name>, each optionally followed by its unit in brackets.
pub struct HeaderLookup {
    names: Vec<(String, Role)>,
}

impl HeaderLookup {
    pub fn new() -> HeaderLookup {
        let mut names = Vec::with_capacity(FIELD_COUNT * 3 + NORMS.len() * 4);
        for (i, f) in FIELDS.iter().enumerate() {
            names.push((normalize_header(f.id), Role::Field(i)));
            names.push((normalize_header(f.label_zh), Role::Field(i)));
            names.push((normalize_header(f.label_en), Role::Field(i)));
        }
        for alias in ["地区", "名称", "地区名", "单位名称", "行政区划", "行政区划名称", "乡镇街道名称"]
        {
            names.push((normalize_header(alias), Role::Field(0)));
        }
        for (i, n) in NORMS.iter().enumerate() {
            names.push((normalize_header(&format!("current.{}", n.id)), Role::Current(i)));
            names.push((normalize_header(&format!("现有{}", n.name_zh)), Role::Current(i)));
            names.push((normalize_header(&format!("current {}", n.name_en)), Role::Current(i)));
        }
        HeaderLookup { names }
    }

    fn exact(&self, key: &str) -> Option<&Role> {
        self.names.iter().find(|(k, _)| k == key).map(|(_, r)| r)
    }

    fn units_of(role: &Role) -> [&'static str; 2] {
        match role {
            Role::Field(i) => [FIELDS[*i].unit_zh, FIELDS[*i].unit_en],
            Role::Current(i) => [NORMS[*i].unit_zh, NORMS[*i].unit_en],
            _ => ["", ""],
        }
    }

    /// The column a header names.
    pub fn role(&self, header: &str) -> Role {
        let raw = header.trim();
        if let Some(rest) = raw.strip_prefix("param.") {
            return Role::Param(format!("param.{}", rest.trim()));
        }
        let key = normalize_header(raw);
        if key.is_empty() {
            return Role::Unknown;
        }
        if let Some(role) = self.exact(&key) {
            return role.clone();
        }
        // `label(unit)`, where the label may have brackets of its own (乡镇个数（乡、镇）（个）).
        if let Some((label, unit)) = split_trailing_group(&key) {
            if let Some(role) = self.exact(label) {
                let units = Self::units_of(role);
                let matches = unit.is_empty() || units.iter().any(|u| !u.is_empty() && normalize_header(u) == unit);
                return if matches {
                    role.clone()
                } else {
                    Role::WrongUnit { role: Box::new(role.clone()), unit: unit.to_string() }
                };
            }
        }
        Role::Unknown
    }
}

impl Default for HeaderLookup {
    fn default() -> Self {
        Self::new()
    }
}

/// The header label the calculator writes for a field: `常住人口（人）`.
pub fn field_header(index: usize) -> String {
    let f = &FIELDS[index];
    if f.unit_zh.is_empty() {
        f.label_zh.to_string()
    } else {
        format!("{}（{}）", f.label_zh, f.unit_zh)
    }
}

/// The header label the calculator writes for a norm's current provision: `现有城镇社区工作者（人）`.
pub fn current_header(norm: usize) -> String {
    format!("现有{}（{}）", NORMS[norm].name_zh, NORMS[norm].unit_zh)
}
