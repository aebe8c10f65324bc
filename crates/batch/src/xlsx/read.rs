//! Reading XLSX: the first worksheet of a workbook as rows of text, as Excel and calamine show it: the
//! first sheet of `xl/workbook.xml` (found through the package's relationships), shared strings (rich
//! text runs joined, phonetic runs left out), cells of every type (`s`, `inlineStr`, `str`, `n`, `b`,
//! `e`, `d`), cell references checked against Excel's limits before any row is padded.

use super::xml::{self, attr, Event, Scanner};
use super::zip::Archive;
use crate::sheet::{column_letters, Merge, Record, Sheet, UNCACHED_KEPT};
use crate::{BatchError, Unreadable};

fn unreadable(why: Unreadable) -> BatchError {
    BatchError::Unreadable(why)
}

fn malformed(part: &str) -> BatchError {
    unreadable(Unreadable::Malformed { part: part.to_string() })
}

fn beyond_range() -> BatchError {
    BatchError::BeyondRange
}

const MAX_COLUMNS: u32 = 16_384; // XFD
const MAX_ROW: u32 = 1_048_576;
const MAX_CELLS: usize = 16_000_000;
const MAX_MERGES: usize = 10_000;

/// A relationship: (id, type, target).
type Rel = (String, String, String);

fn text_of(raw: &[u8]) -> String {
    let mut s = String::new();
    xml::unescape_into(raw, &mut s);
    s
}

fn read_rels(archive: &mut Archive, path: &str) -> Result<Vec<Rel>, BatchError> {
    let Some(i) = archive.find(path) else { return Ok(Vec::new()) };
    let bytes = archive.read(i)?;
    let mut sc = Scanner::new(&bytes);
    let mut rels = Vec::new();
    while let Some(e) = sc.next().map_err(|_| malformed(path))? {
        if let Event::Start { name: b"Relationship", attrs, .. } = e {
            let get = |k: &[u8]| attr(attrs, k).map(text_of).unwrap_or_default();
            rels.push((get(b"Id"), get(b"Type"), get(b"Target")));
        }
    }
    Ok(rels)
}

/// A relationship target as a part name: relative to `base` (the folder of the part that refers to
/// it) unless absolute; `.` and `..` resolved.
fn resolve(base: &str, target: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let joined;
    let path = match target.strip_prefix('/') {
        Some(abs) => abs,
        None => {
            joined = format!("{base}{target}");
            &joined
        }
    };
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

fn folder(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..=i])
}

/// A workbook's worksheets, read one at a time (the batch reads the first with a table, usually the
/// first: a 40,000-row workbook is not read twice).
pub struct Book<'a> {
    archive: Archive<'a>,
    /// Per worksheet, in the workbook's order: name, hidden, part.
    sheets: Vec<(String, bool, String)>,
    strings_path: String,
    strings: Option<Vec<String>>,
    styles_path: String,
    /// Per cell style (`s`), whether its number format shows a percentage (`0.0%`).
    percent: Option<Vec<bool>>,
}

impl<'a> Book<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Book<'a>, BatchError> {
        let mut archive = Archive::new(bytes)?;
        let not_workbook = || unreadable(Unreadable::NotWorkbook);
        // The workbook part, through the package relationships (normally xl/workbook.xml).
        let workbook_path = read_rels(&mut archive, "_rels/.rels")?
            .into_iter()
            .find(|(_, t, _)| t.ends_with("/officeDocument"))
            .map(|(_, _, target)| resolve("", &target))
            .filter(|p| archive.find(p).is_some())
            .unwrap_or_else(|| "xl/workbook.xml".to_string());
        if archive.find(&workbook_path).is_none() && archive.find("xl/workbook.bin").is_some() {
            return Err(BatchError::Xlsb);
        }
        let wb_index = archive.find(&workbook_path).ok_or_else(not_workbook)?;
        let workbook = archive.read(wb_index)?;
        let base = folder(&workbook_path).to_string();
        let rels_path = format!("{base}_rels/{}.rels", &workbook_path[base.len()..]);
        let rels = read_rels(&mut archive, &rels_path)?;

        // The worksheets (not chart sheets, dialogs or macro sheets), with their names and visibility.
        let mut sheets = Vec::new();
        let mut sc = Scanner::new(&workbook);
        while let Some(e) = sc.next().map_err(|_| malformed(&workbook_path))? {
            let Event::Start { name: b"sheet", attrs, .. } = e else { continue };
            let id = attr(attrs, b"id").map(text_of).unwrap_or_default();
            let name = attr(attrs, b"name").map(text_of).unwrap_or_default();
            let hidden = attr(attrs, b"state").is_some_and(|s| s != b"visible");
            match rels.iter().find(|(i, _, _)| *i == id) {
                Some((_, kind, target)) if kind.ends_with("/worksheet") => {
                    sheets.push((name, hidden, resolve(&base, target)));
                }
                Some(_) => continue,
                // No relationship: the conventional name of the first sheet.
                None if sheets.is_empty() => sheets.push((name, hidden, format!("{base}worksheets/sheet1.xml"))),
                None => {}
            }
        }
        sheets.retain(|(_, _, path)| archive.find(path).is_some());
        if sheets.is_empty() {
            return Err(BatchError::NoWorksheet);
        }
        let strings_path = rels
            .iter()
            .find(|(_, t, _)| t.ends_with("/sharedStrings"))
            .map(|(_, _, target)| resolve(&base, target))
            .unwrap_or_else(|| format!("{base}sharedStrings.xml"));
        let styles_path = rels
            .iter()
            .find(|(_, t, _)| t.ends_with("/styles"))
            .map(|(_, _, target)| resolve(&base, target))
            .unwrap_or_else(|| format!("{base}styles.xml"));
        Ok(Book { archive, sheets, strings_path, strings: None, styles_path, percent: None })
    }

    pub fn len(&self) -> usize {
        self.sheets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sheets.is_empty()
    }

    pub fn name(&self, i: usize) -> &str {
        &self.sheets[i].0
    }

    pub fn hidden(&self, i: usize) -> bool {
        self.sheets[i].1
    }

    /// The `i`th worksheet: its non-blank rows with their row numbers, merged ranges and formula cells
    /// without a cached value.
    pub fn read(&mut self, i: usize) -> Result<Sheet, BatchError> {
        if self.strings.is_none() {
            let strings = match self.archive.find(&self.strings_path) {
                Some(k) => read_shared_strings(&self.archive.read(k)?).map_err(|_| malformed(&self.strings_path))?,
                None => Vec::new(),
            };
            self.strings = Some(strings);
        }
        if self.percent.is_none() {
            // A workbook whose styles cannot be read is read without them: its percentages as fractions.
            let styles = self.archive.find(&self.styles_path).and_then(|k| self.archive.read(k).ok());
            self.percent = Some(styles.map(|xml| percent_styles(&xml)).unwrap_or_default());
        }
        let (name, _, path) = &self.sheets[i];
        let index = self.archive.find(path).ok_or(BatchError::NoWorksheet)?;
        let xml = self.archive.read(index)?;
        let strings = self.strings.as_deref().unwrap_or_default();
        let mut sheet = read_sheet(&xml, strings, self.percent.as_deref().unwrap_or_default(), path)?;
        sheet.name = name.clone();
        Ok(sheet)
    }
}

/// The first worksheet of an XLSX workbook: its non-blank rows with their row numbers.
pub fn first_sheet(bytes: &[u8]) -> Result<Sheet, BatchError> {
    Book::open(bytes)?.read(0)
}

/// Per cell style of `xl/styles.xml` (its `<cellXfs>`), whether the number format shows a percentage:
/// the built-in 0% and 0.00% (9, 10) or a format of the workbook's own with a `%` outside quotes.
fn percent_styles(xml: &[u8]) -> Vec<bool> {
    let mut own: Vec<(String, bool)> = Vec::new();
    let mut percent = Vec::new();
    let mut in_cell_xfs = false;
    let mut sc = Scanner::new(xml);
    while let Ok(Some(e)) = sc.next() {
        match e {
            Event::Start { name: b"numFmt", attrs, .. } => {
                let id = attr(attrs, b"numFmtId").map(text_of).unwrap_or_default();
                let code = attr(attrs, b"formatCode").map(text_of).unwrap_or_default();
                own.push((id, shows_percent(&code)));
            }
            Event::Start { name: b"cellXfs", empty: false, .. } => in_cell_xfs = true,
            Event::End { name: b"cellXfs" } => in_cell_xfs = false,
            Event::Start { name: b"xf", attrs, .. } if in_cell_xfs => {
                let id = attr(attrs, b"numFmtId").map(text_of).unwrap_or_default();
                let own_format = own.iter().find(|(i, _)| *i == id).map(|(_, p)| *p);
                percent.push(own_format.unwrap_or(matches!(id.as_str(), "9" | "10")));
            }
            _ => {}
        }
    }
    percent
}

/// Whether a number format code shows its number as a percentage: a `%` not in quotes nor escaped.
pub(super) fn shows_percent(code: &str) -> bool {
    let mut quoted = false;
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' => {
                chars.next();
            }
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

/// Every `<si>` of the shared strings part.
fn read_shared_strings(xml: &[u8]) -> Result<Vec<String>, xml::Malformed> {
    let mut sc = Scanner::new(xml);
    let mut strings = Vec::new();
    while let Some(e) = sc.next()? {
        if let Event::Start { name: b"si", empty, .. } = e {
            strings.push(if empty { String::new() } else { read_rich(&mut sc)? });
        }
    }
    Ok(strings)
}

/// The text of a string item (`<si>` or `<is>`, whose start tag was just read): its `<t>` elements,
/// including those of rich text runs, not those of phonetic runs (`<rPh>`). Each `<t>` is trimmed
/// unless it has `xml:space="preserve"`, and Office's `_xHHHH_` escapes are resolved, as Excel does.
fn read_rich(sc: &mut Scanner) -> Result<String, xml::Malformed> {
    let mut out = String::new();
    let mut depth = 1usize;
    let mut phonetic = 0usize;
    while let Some(e) = sc.next()? {
        match e {
            Event::Start { name, empty: false, attrs } => {
                if name == b"t" && phonetic == 0 {
                    let preserve = attr(attrs, b"space") == Some(b"preserve");
                    let mut text = String::new();
                    loop {
                        match sc.next()?.ok_or(xml::Malformed)? {
                            Event::Text(t) => xml::unescape_into(t, &mut text),
                            Event::CData(t) => text.push_str(&String::from_utf8_lossy(t)),
                            Event::End { .. } => break,
                            Event::Start { empty: false, .. } => sc.skip_element()?,
                            Event::Start { .. } => {}
                        }
                    }
                    let text = if preserve { text } else { text.trim_matches([' ', '\t', '\r', '\n']).to_string() };
                    out.push_str(&xml::unescape_office(text));
                } else {
                    if name == b"rPh" {
                        phonetic += 1;
                    }
                    depth += 1;
                }
            }
            Event::End { name } => {
                depth -= 1;
                if depth == 0 {
                    return Ok(out);
                }
                if name == b"rPh" {
                    phonetic = phonetic.saturating_sub(1);
                }
            }
            _ => {}
        }
    }
    Err(xml::Malformed)
}

/// A cell reference (`B12`, `b12`) → 0-based (row, column), `None` if it is not one; Excel's limits
/// are checked by the caller (a reference of too many letters or digits is out of range, not an overflow).
fn parse_ref(r: &[u8]) -> Option<(u64, u64)> {
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let digits = &r[letters..];
    if letters == 0 || digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    if letters > 4 || digits.len() > 9 {
        return Some((u64::MAX, u64::MAX));
    }
    let col = r[..letters].iter().fold(0u64, |c, &b| c * 26 + u64::from(b.to_ascii_uppercase() - b'A') + 1);
    let row = digits.iter().fold(0u64, |n, &d| n * 10 + u64::from(d - b'0'));
    Some((row.checked_sub(1)?, col - 1))
}

fn parse_row(r: &[u8]) -> Option<u64> {
    if r.is_empty() || r.len() > 9 || !r.iter().all(u8::is_ascii_digit) {
        return None;
    }
    r.iter().fold(0u64, |n, &d| n * 10 + u64::from(d - b'0')).checked_sub(1)
}

/// A number cell's value as plain decimal text, as Excel shows it (`sheet::number_text`: 15 significant
/// digits), so Excel's 17-digit `672.50999999999999` is `672.51` and a formula's `455120.00000000006` is
/// `455120`. `false` if the text is not a number. Infinities and NaN (which float parsers accept) give an
/// empty cell.
pub(super) fn number_text(text: &str, out: &mut String) -> bool {
    // Most cells are written that way already, and skip the float round trip.
    if is_shortest(text.as_bytes()) {
        out.push_str(text);
        return true;
    }
    let Ok(f) = text.parse::<f64>() else { return false };
    out.push_str(&crate::sheet::number_text(f).unwrap_or_default());
    true
}

/// A number shown as a percentage, as it is shown: 0.052 in a `0.0%` cell is `5.2%` (the calculator's
/// growth rates are in per cent, and a count column refuses the `%`). `false` if the text is not a number.
pub(super) fn percent_text(text: &str, out: &mut String) -> bool {
    let Ok(f) = text.trim().parse::<f64>() else { return false };
    let Some(shown) = crate::sheet::number_text(f * 100.0) else { return false };
    out.push_str(&shown);
    out.push('%');
    true
}

/// Whether a number's text already is its shortest plain form (the common case, checked without
/// allocating): `-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?`, up to 15 significant digits (which a double
/// always holds exactly), not `-0`.
fn is_shortest(s: &[u8]) -> bool {
    let body = s.strip_prefix(b"-").unwrap_or(s);
    let (int, frac) = match body.iter().position(|&b| b == b'.') {
        Some(p) => (&body[..p], Some(&body[p + 1..])),
        None => (body, None),
    };
    let digits = |d: &[u8]| !d.is_empty() && d.iter().all(u8::is_ascii_digit);
    if !digits(int) || (int.len() > 1 && int[0] == b'0') {
        return false;
    }
    let significant = match frac {
        None if int == b"0" => return body.len() == s.len(), // 0, not -0
        None => int.len(),
        Some(f) if !digits(f) || f.last() == Some(&b'0') || f.len() > 300 => return false,
        Some(f) if int == b"0" => f.len() - f.iter().take_while(|&&d| d == b'0').count(),
        Some(f) => int.len() + f.len(),
    };
    significant <= 15
}

fn bad_ref(part: &str) -> BatchError {
    unreadable(Unreadable::BadReference { part: part.to_string() })
}

/// A worksheet's `<sheetData>` → non-blank rows of text with their row numbers. A cell out of order
/// within a row is dropped (the first one counts); a new row number starts a new row.
fn read_sheet(xml: &[u8], strings: &[String], percent: &[bool], part: &str) -> Result<Sheet, BatchError> {
    let bad = |_| malformed(part);
    let mut sc = Scanner::new(xml);
    let mut sheet = Sheet::default();
    loop {
        match sc.next().map_err(bad)? {
            None => return Ok(sheet),
            Some(Event::Start { name: b"sheetData", empty: true, .. }) => return Ok(sheet),
            Some(Event::Start { name: b"sheetData", .. }) => break,
            _ => {}
        }
    }
    let mut record = Record::new();
    let mut current: Option<u32> = None;
    // The row read so far goes into the sheet, unless it is blank.
    let flush = |record: &mut Record, row: Option<u32>, sheet: &mut Sheet| {
        if let Some(r) = row {
            if !record.is_blank() {
                sheet.push(r + 1, std::mem::take(record));
            }
        }
        record.clear();
    };
    let mut row_index: u64 = 0;
    let mut col_index: u64 = 0;
    let mut cells_read: usize = 0;
    let mut value = String::new();
    let mut text = String::new();
    loop {
        let Some(e) = sc.next().map_err(bad)? else { return Err(malformed(part)) };
        match e {
            Event::Start { name: b"row", attrs, empty } => {
                if let Some(r) = attr(attrs, b"r") {
                    row_index = parse_row(r).ok_or_else(|| bad_ref(part))?;
                }
                col_index = 0;
                if empty {
                    row_index += 1;
                }
            }
            Event::End { name: b"row" } => {
                row_index += 1;
                col_index = 0;
            }
            Event::End { name: b"sheetData" } => break,
            Event::Start { name: b"c", attrs, empty } => {
                let (mut reference, mut kind, mut style) = (None, &b"n"[..], None);
                for (name, value) in xml::attrs(attrs) {
                    match name {
                        b"r" => reference = Some(value),
                        b"t" => kind = value,
                        b"s" => style = std::str::from_utf8(value).ok().and_then(|v| v.parse::<usize>().ok()),
                        _ => {}
                    }
                }
                let (r, c) = match reference {
                    Some(reference) => parse_ref(reference).ok_or_else(|| bad_ref(part))?,
                    None => (row_index, col_index),
                };
                col_index = c.saturating_add(1);
                if c >= u64::from(MAX_COLUMNS) || r >= u64::from(MAX_ROW) || cells_read > MAX_CELLS {
                    return Err(beyond_range());
                }
                let (r, c) = (r as u32, c as usize);
                // The cell's content: <v> (the value, or a formula's cached result) or <is> (inline string).
                value.clear();
                let mut has_value = false;
                let mut formula = false;
                let mut inline: Option<String> = None;
                if !empty {
                    loop {
                        match sc.next().map_err(bad)?.ok_or_else(|| malformed(part))? {
                            Event::End { .. } => break,
                            Event::Start { name: b"f", empty, .. } => {
                                formula = true;
                                if !empty {
                                    sc.skip_element().map_err(bad)?;
                                }
                            }
                            Event::Start { name: b"v", empty: false, .. } => {
                                has_value = true;
                                loop {
                                    match sc.next().map_err(bad)?.ok_or_else(|| malformed(part))? {
                                        Event::Text(t) => xml::unescape_into(t, &mut value),
                                        Event::CData(t) => value.push_str(&String::from_utf8_lossy(t)),
                                        Event::End { .. } => break,
                                        Event::Start { empty: false, .. } => sc.skip_element().map_err(bad)?,
                                        Event::Start { .. } => {}
                                    }
                                }
                            }
                            Event::Start { name: b"is", empty: false, .. } => {
                                inline = Some(read_rich(&mut sc).map_err(bad)?);
                            }
                            Event::Start { empty: false, .. } => sc.skip_element().map_err(bad)?,
                            _ => {}
                        }
                    }
                }
                if formula && (!has_value || (value.is_empty() && kind != b"str")) && inline.is_none() {
                    if sheet.uncached.len() < UNCACHED_KEPT {
                        sheet.uncached.push(format!("{}{}", column_letters(c as u32), r + 1));
                    }
                    sheet.uncached_count += 1;
                }
                if current != Some(r) {
                    flush(&mut record, current, &mut sheet);
                    current = Some(r);
                }
                if c < record.len() {
                    continue; // a cell out of order: the first one counts
                }
                cells_read += c + 1 - record.len();
                while record.len() < c {
                    record.push_field("");
                }
                text.clear();
                let field: &str = match kind {
                    b"inlineStr" | b"is" => inline.as_deref().unwrap_or(""),
                    _ if !has_value => "",
                    b"s" => {
                        let index = value.trim().parse::<usize>().ok();
                        match index.and_then(|i| strings.get(i)) {
                            Some(s) => s,
                            None if value.trim().is_empty() => "",
                            None => {
                                return Err(unreadable(Unreadable::MissingString {
                                    part: part.to_string(),
                                    index: value.trim().to_string(),
                                }))
                            }
                        }
                    }
                    b"b" => match value.trim() {
                        "1" | "true" => "TRUE",
                        "0" | "false" => "FALSE",
                        other => other,
                    },
                    b"n" => {
                        let shown_as_percent = style.is_some_and(|s| percent.get(s) == Some(&true));
                        text.clear();
                        let read = if shown_as_percent {
                            percent_text(&value, &mut text)
                        } else {
                            number_text(&value, &mut text)
                        };
                        if read {
                            &text
                        } else {
                            &value
                        }
                    }
                    b"str" => {
                        text = xml::unescape_office(std::mem::take(&mut value));
                        &text
                    }
                    _ => &value, // e (an error such as #DIV/0!), d (an ISO date), or unknown: as written
                };
                record.push_field(field);
            }
            _ => {}
        }
    }
    flush(&mut record, current, &mut sheet);
    // After the cells: the merged ranges (a two-level header's group names span their columns).
    while let Some(e) = sc.next().map_err(bad)? {
        if let Event::Start { name: b"mergeCell", attrs, .. } = e {
            if sheet.merges.len() >= MAX_MERGES {
                continue; // far more than any header has: the rest cannot matter
            }
            if let Some(merge) = attr(attrs, b"ref").and_then(|r| Merge::parse(&text_of(r))) {
                sheet.merges.push(merge);
            }
        }
    }
    Ok(sheet)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_part_names() {
        assert_eq!(parse_ref(b"XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(parse_ref(b"b2"), Some((1, 1)));
        assert_eq!(parse_ref(b"ZZZZZZZ1"), Some((u64::MAX, u64::MAX)));
        assert_eq!(parse_ref(b"A0"), None);
        assert_eq!(parse_ref(b"12"), None);
        assert_eq!(parse_ref(b"A1B"), None);
        assert_eq!(resolve("xl/", "worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
        assert_eq!(resolve("xl/", "/xl/worksheets/../sheet.xml"), "xl/sheet.xml");
    }

    #[test]
    fn numbers_read_as_their_shortest_plain_decimal() {
        let text = |v: &str| {
            let mut out = String::new();
            number_text(v, &mut out).then_some(out)
        };
        for (v, want) in [
            ("500000", "500000"),
            ("672.5", "672.5"),
            ("672.50999999999999", "672.51"),
            ("0.30000000000000004", "0.3"),
            ("455120.000000000058", "455120"),
            ("1849.9999999999998", "1850"),
            ("1E-7", "0.0000001"),
            ("1.5e+3", "1500"),
            ("-0", "0"),
            ("-0.0e5", "0"),
            ("007.100", "7.1"),
            (".5", "0.5"),
            ("5.", "5"),
            ("+3", "3"),
            ("12345678901234567890", "12345678901234600000"),
            ("1e400", ""),
            ("1e-400", "0"),
            ("inf", ""),
            ("NaN", ""),
            ("0", "0"),
            ("-12.5", "-12.5"),
            ("0.000123", "0.000123"),
            ("123456789012345", "123456789012345"),
            ("1234567890123456", "1234567890123460"),
            ("0.10", "0.1"),
            ("-0.5", "-0.5"),
        ] {
            assert_eq!(text(v).as_deref(), Some(want), "{v}");
        }
        for v in ["", "-", ".", "e5", "1e", "1e+", "12,345", " 1", "0x10", "1_000", "1.2.3"] {
            assert_eq!(text(v), None, "{v:?}");
        }
    }

    /// Against a second way of rounding to 15 significant digits: rust_decimal's (where a decimal holds
    /// the number: 28 digits after the point at most).
    #[test]
    fn numbers_match_fifteen_digits_worked_out_another_way() {
        fn float_path(v: &str) -> Option<String> {
            let f: f64 = v.parse().unwrap();
            if !f.is_finite() {
                return Some(String::new());
            }
            if f != 0.0 && !(1e-10..1e27).contains(&f.abs()) {
                return None; // 15 digits of it would need more than 28 after the point, or 96 bits
            }
            let d = rust_decimal::Decimal::from_f64_retain(f)?;
            let rounded = d.round_sf_with_strategy(15, rust_decimal::RoundingStrategy::MidpointNearestEven)?;
            Some(rounded.normalize().to_string())
        }
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let mut compared = 0;
        for _ in 0..50_000 {
            let mut v = String::new();
            if next(4) == 0 {
                v.push('-');
            }
            for _ in 0..next(19) {
                v.push((b'0' + next(10) as u8) as char);
            }
            if next(2) == 0 {
                v.push('.');
                for _ in 0..next(19) {
                    v.push((b'0' + next(10) as u8) as char);
                }
            }
            if next(4) == 0 {
                v.push_str(&format!("e{}{}", if next(2) == 0 { "-" } else { "" }, next(330)));
            }
            let Ok(_) = v.parse::<f64>() else { continue };
            let mut out = String::new();
            assert!(number_text(&v, &mut out), "{v}");
            if let Some(want) = float_path(&v) {
                assert_eq!(out, want, "{v}");
                compared += 1;
            }
        }
        assert!(compared > 20_000, "{compared} numbers compared");
    }
}
