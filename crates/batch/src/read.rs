//! Bytes → rows of text, and column headers → contract fields.
//!
//! A file is XLSX when it is a zip (`PK\x03\x04`), otherwise delimited text: UTF-8 with or without a
//! byte-order mark, UTF-16 with a mark (Excel's "Unicode text"), or else GB18030 (a superset of GBK,
//! which Excel on Chinese Windows writes for "CSV"). The delimiter is a comma unless the header line
//! has tabs or semicolons and no comma.

use super::delimited::{self, Record};
use super::{with_unit, BatchError};
use minzheng_core::inputs::{Key, FIELDS, FIELD_COUNT};
use minzheng_core::rules::NORMS;
use minzheng_text::{file, input, Lang, Word};

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

/// Text of a file that is not XLSX, and the encoding it was in.
pub fn decode_text(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), Encoding::Utf8Bom);
    }
    if let Some(big_endian) = match bytes {
        [0xFF, 0xFE, ..] => Some(false),
        [0xFE, 0xFF, ..] => Some(true),
        _ => None,
    } {
        return (decode_utf16(&bytes[2..], big_endian), Encoding::Utf16);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), Encoding::Utf8),
        Err(_) => (decode_gb18030(bytes), Encoding::Gb18030),
    }
}

/// UTF-16 without its byte-order mark; an unpaired surrogate or a last odd byte becomes U+FFFD (as
/// the Encoding Standard's decoder does).
fn decode_utf16(bytes: &[u8], big_endian: bool) -> String {
    let units = bytes.chunks_exact(2).map(|p| {
        if big_endian {
            u16::from_be_bytes([p[0], p[1]])
        } else {
            u16::from_le_bytes([p[0], p[1]])
        }
    });
    let mut text: String = char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect();
    if bytes.len() % 2 == 1 {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    text
}

/// GB18030 (and so GBK and GB2312) text, as the Encoding Standard decodes it (errors become U+FFFD).
/// Natively by encoding_rs; in the browser by the browser's own `TextDecoder`, which implements the
/// same standard (in Firefox it *is* encoding_rs), so the batch module carries no encoding tables.
#[cfg(not(target_arch = "wasm32"))]
fn decode_gb18030(bytes: &[u8]) -> String {
    encoding_rs::GB18030.decode_without_bom_handling(bytes).0.into_owned()
}

#[cfg(target_arch = "wasm32")]
fn decode_gb18030(bytes: &[u8]) -> String {
    use wasm_bindgen::prelude::*;
    #[wasm_bindgen]
    extern "C" {
        type TextDecoder;
        #[wasm_bindgen(constructor, catch)]
        fn new(label: &str) -> Result<TextDecoder, JsValue>;
        #[wasm_bindgen(method)]
        fn decode(this: &TextDecoder, bytes: &[u8]) -> String;
    }
    match TextDecoder::new("gb18030") {
        Ok(decoder) => decoder.decode(bytes),
        // Every browser with WebAssembly has it; should one not, the text is shown as far as it is UTF-8.
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// Whether the bytes are a zip archive (XLSX).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

pub(super) fn is_blank(record: &Record) -> bool {
    record.iter().all(|c| c.trim().is_empty())
}

/// A totals row (合计, as the calculator's XLSX export ends with): its first non-blank cell says so.
pub fn is_totals(record: &Record) -> bool {
    matches!(record.iter().map(str::trim).find(|c| !c.is_empty()), Some("合计" | "总计" | "Total" | "TOTAL"))
}

/// Reads a file of either kind into rows of text.
pub fn read_table(bytes: &[u8]) -> Result<Table, BatchError> {
    let (format, raw) = if is_zip(bytes) {
        (Format::Xlsx, super::xlsx::read_rows(bytes)?)
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        // An OLE compound file: an Excel 97–2003 .xls, or a password-protected .xlsx.
        return Err(BatchError::OldExcel);
    } else {
        let (text, encoding) = decode_text(bytes);
        (Format::Csv(encoding), read_csv_rows(&text))
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
fn read_csv_rows(text: &str) -> (Vec<Record>, Vec<u32>) {
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
    let (rows, numbers) = delimited::parse(text, delimiter);
    rows.into_iter().zip(numbers).filter(|(r, _)| !is_blank(r)).map(|(r, n)| (unprotect_record(r), n)).unzip()
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
        Some(rest) if super::write::needs_protection(rest) => rest,
        _ => cell,
    }
}

fn unprotect_record(record: Record) -> Record {
    if record.iter().any(|c| unprotect(c).len() != c.len()) {
        record.iter().map(unprotect).collect()
    } else {
        record
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

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// An input field, by index into `FIELDS`.
    Field(usize),
    /// Current provision of a norm, by index into `NORMS`.
    Current(usize),
    /// A local parameter (`param.<norm id>.<name>`), by norm and parameter index.
    Param(usize, usize),
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
            '(' if depth == 0 => return Some((inner.get(..i)?, inner.get(i + 1..)?)),
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Other headers people give a field's column, besides its id and labels.
const HEADER_ALIASES: [(&str, &str); 11] = [
    ("name", "地区"),
    ("name", "名称"),
    ("name", "地区名"),
    ("name", "单位名称"),
    ("name", "行政区划"),
    ("name", "行政区划名称"),
    ("name", "乡镇街道名称"),
    ("level", "层级"),
    ("level", "地区级别"),
    ("level", "行政层级"),
    ("level", "行政级别"),
];

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
        for (field, alias) in HEADER_ALIASES {
            if let Some(i) = minzheng_core::inputs::field_index(field) {
                names.push((normalize_header(alias), Role::Field(i)));
            }
        }
        for (i, n) in NORMS.iter().enumerate() {
            names.push((normalize_header(&Key::Current(i).to_string()), Role::Current(i)));
            for (lang, name) in [(Lang::Zh, n.name_zh), (Lang::En, n.name_en)] {
                names.push((normalize_header(&input::CURRENT_OF.fill(lang, &[("name", name)])), Role::Current(i)));
            }
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
        if raw.starts_with("param.") {
            return match Key::parse(raw) {
                Some(Key::Param(norm, param)) => Role::Param(norm, param),
                _ => Role::Unknown,
            };
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

/// The header the calculator writes for a field: `常住人口（人）`.
pub fn field_header(index: usize, lang: Lang) -> String {
    let f = &FIELDS[index];
    with_unit(lang.pick(f.label_zh, f.label_en), lang.pick(f.unit_zh, f.unit_en), lang)
}

/// The header the calculator writes for a norm's current provision: `现有城镇社区工作者（人）`.
pub fn current_header(norm: usize, lang: Lang) -> String {
    let n = &NORMS[norm];
    let current = input::CURRENT_OF.fill(lang, &[("name", lang.pick(n.name_zh, n.name_en))]);
    with_unit(&current, lang.pick(n.unit_zh, n.unit_en), lang)
}
