//! XLSX, small: the first worksheet of a workbook read as rows of text, and a writer of workbooks
//! with inline strings, numbers, a fixed set of cell styles, column widths, a frozen header and an
//! autofilter (what the batch export and templates use, nothing more). Both sit on `zip` and `xml`.
//!
//! Reading follows what Excel and calamine do: the first sheet of `xl/workbook.xml` (found through
//! the package's relationships), shared strings (rich text runs joined, phonetic runs left out),
//! cells of every type (`s`, `inlineStr`, `str`, `n`, `b`, `e`, `d`), cell references checked
//! against Excel's limits before any row is padded.

use super::delimited::Record;
use super::xml::{self, attr, Event, Scanner};
use super::zip::{Archive, ZipWriter};
use super::{BatchError, Unreadable};

// ---------------------------------------------------------------- reading

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
    path.rfind('/').and_then(|i| path.get(..=i)).unwrap_or_default()
}

/// The first worksheet of an XLSX workbook → non-blank rows with their row numbers (1-based).
pub fn read_rows(bytes: &[u8]) -> Result<(Vec<Record>, Vec<u32>), BatchError> {
    let mut archive = Archive::new(bytes)?;
    let not_workbook = || unreadable(Unreadable::NotWorkbook);
    // The workbook part, through the package relationships (normally xl/workbook.xml).
    let workbook_path = read_rels(&mut archive, "_rels/.rels")?
        .into_iter()
        .find(|(_, t, _)| t.ends_with("/officeDocument"))
        .map(|(_, _, target)| resolve("", &target))
        .filter(|p| archive.find(p).is_some())
        .unwrap_or_else(|| "xl/workbook.xml".to_string());
    let wb_index = archive.find(&workbook_path).ok_or_else(not_workbook)?;
    let workbook = archive.read(wb_index)?;
    let base = folder(&workbook_path).to_string();
    let rels_path = format!("{base}_rels/{}.rels", workbook_path.get(base.len()..).unwrap_or_default());
    let rels = read_rels(&mut archive, &rels_path)?;

    // The first sheet that is a worksheet (not a chart sheet).
    let mut sheet_path = None;
    let mut sc = Scanner::new(&workbook);
    while let Some(e) = sc.next().map_err(|_| malformed(&workbook_path))? {
        let Event::Start { name: b"sheet", attrs, .. } = e else { continue };
        let id = attr(attrs, b"id").map(text_of).unwrap_or_default();
        match rels.iter().find(|(i, _, _)| *i == id) {
            Some((_, kind, target)) if kind.ends_with("/worksheet") => {
                sheet_path = Some(resolve(&base, target));
                break;
            }
            Some(_) => continue, // a chart sheet, dialog or macro sheet
            None => {
                // No relationship: the conventional name of the first sheet.
                sheet_path = Some(format!("{base}worksheets/sheet1.xml"));
                break;
            }
        }
    }
    let no_sheet = || BatchError::NoWorksheet;
    let sheet_path = sheet_path.ok_or_else(no_sheet)?;
    let sheet_index = archive.find(&sheet_path).ok_or_else(no_sheet)?;

    let strings_path = rels
        .iter()
        .find(|(_, t, _)| t.ends_with("/sharedStrings"))
        .map(|(_, _, target)| resolve(&base, target))
        .unwrap_or_else(|| format!("{base}sharedStrings.xml"));
    let strings = match archive.find(&strings_path) {
        Some(i) => read_shared_strings(&archive.read(i)?).map_err(|_| malformed(&strings_path))?,
        None => Vec::new(),
    };
    let sheet = archive.read(sheet_index)?;
    drop(archive);
    read_sheet(&sheet, &strings, &sheet_path)
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

/// A number as text: sign, significant digits (no leading or trailing zeros; none for zero) and the
/// position of the decimal point (the value is 0.DIGITS × 10^point).
struct Digits {
    negative: bool,
    digits: Vec<u8>,
    point: i64,
}

/// Decimal number syntax as Rust's and JavaScript's float parsers take it (`-12.5`, `.5`, `1.`,
/// `1.2E-3`, `+7`); anything else is not a number.
fn parse_digits(s: &[u8]) -> Option<Digits> {
    let (negative, s) = match s.first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let int_len = s.iter().take_while(|b| b.is_ascii_digit()).count();
    let mut rest = &s[int_len..];
    let mut frac: &[u8] = &[];
    if rest.first() == Some(&b'.') {
        let n = rest[1..].iter().take_while(|b| b.is_ascii_digit()).count();
        frac = &rest[1..1 + n];
        rest = &rest[1 + n..];
    }
    if int_len + frac.len() == 0 {
        return None;
    }
    let mut exponent: i64 = 0;
    if let Some((&(b'e' | b'E'), e)) = rest.split_first() {
        let (minus, e) = match e.first() {
            Some(b'-') => (true, &e[1..]),
            Some(b'+') => (false, &e[1..]),
            _ => (false, e),
        };
        if e.is_empty() || !e.iter().all(u8::is_ascii_digit) {
            return None;
        }
        exponent = e.iter().fold(0i64, |x, &d| (x * 10 + i64::from(d - b'0')).min(1 << 40));
        if minus {
            exponent = -exponent;
        }
        rest = &[];
    }
    if !rest.is_empty() {
        return None;
    }
    let mut digits: Vec<u8> = s[..int_len].iter().chain(frac).copied().collect();
    let mut point = int_len as i64 + exponent;
    let zeros = digits.iter().take_while(|&&d| d == b'0').count();
    digits.drain(..zeros);
    point -= zeros as i64;
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
    Some(Digits { negative, digits, point })
}

/// Plain decimal text, never an exponent (`1e-7` → `0.0000001`); zero is `0`.
fn push_plain(d: &Digits, out: &mut String) {
    if d.digits.is_empty() {
        out.push('0');
        return;
    }
    if d.negative {
        out.push('-');
    }
    let digits = std::str::from_utf8(&d.digits).unwrap_or("");
    let len = digits.len() as i64;
    if d.point <= 0 {
        out.push_str("0.");
        (0..-d.point).for_each(|_| out.push('0'));
        out.push_str(digits);
    } else if d.point >= len {
        out.push_str(digits);
        (0..d.point - len).for_each(|_| out.push('0'));
    } else {
        let (whole, fraction) = digits.split_at_checked(d.point as usize).unwrap_or((digits, ""));
        out.push_str(whole);
        out.push('.');
        out.push_str(fraction);
    }
}

/// A number cell's value as plain decimal text: the shortest decimal that reads back as the same
/// double (what Excel shows, and what `Display` for f64 writes), so Excel's 17-digit
/// `672.50999999999999` is `672.51`. `false` if the text is not a number. Infinities and NaN (which
/// float parsers accept) give an empty cell.
///
/// Up to 15 significant digits the text already is that shortest decimal (a double holds 15 decimal
/// digits exactly), so only rarer, longer numbers go through a float: natively Rust's, in the
/// browser JavaScript's `Number` (shortest round-trip digits too), which keeps float formatting out
/// of the WebAssembly.
fn number_text(text: &str, out: &mut String) -> bool {
    if is_shortest(text.as_bytes()) {
        out.push_str(text);
        return true;
    }
    let Some(d) = parse_digits(text.as_bytes()) else {
        let word = text.trim_start_matches(['+', '-']).to_ascii_lowercase();
        return matches!(word.as_str(), "inf" | "infinity" | "nan");
    };
    if d.digits.len() <= 15 && (-300..=300).contains(&d.point) {
        push_plain(&d, out);
        return true;
    }
    if let Some(d) = shortest_exponential(text).as_deref().and_then(|e| parse_digits(e.as_bytes())) {
        push_plain(&d, out);
    }
    true
}

/// Whether a number's text already is its shortest plain form (the common case, checked without
/// allocating): `-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?`, up to 15 significant digits, not `-0`.
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

/// The shortest round-trip digits of the double nearest to a decimal text, in exponent form; `None`
/// if it is infinite.
#[cfg(not(target_arch = "wasm32"))]
fn shortest_exponential(text: &str) -> Option<String> {
    let f: f64 = text.parse().ok()?;
    f.is_finite().then(|| format!("{f:e}"))
}

#[cfg(target_arch = "wasm32")]
fn shortest_exponential(text: &str) -> Option<String> {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    #[wasm_bindgen]
    extern "C" {
        type JsNumber;
        #[wasm_bindgen(js_name = parseFloat)]
        fn parse_float(text: &str) -> f64;
        #[wasm_bindgen(method, js_name = toExponential)]
        fn to_exponential(this: &JsNumber) -> String;
    }
    let f = parse_float(text);
    f.is_finite().then(|| JsValue::from_f64(f).unchecked_into::<JsNumber>().to_exponential())
}

fn bad_ref(part: &str) -> BatchError {
    unreadable(Unreadable::BadReference { part: part.to_string() })
}

/// A worksheet's `<sheetData>` → non-blank rows of text with their row numbers. A cell out of order
/// within a row is dropped (the first one counts); a new row number starts a new row.
fn read_sheet(xml: &[u8], strings: &[String], part: &str) -> Result<(Vec<Record>, Vec<u32>), BatchError> {
    let bad = |_| malformed(part);
    let mut sc = Scanner::new(xml);
    let mut rows = Vec::new();
    let mut numbers = Vec::new();
    loop {
        match sc.next().map_err(bad)? {
            None => return Ok((rows, numbers)),
            Some(Event::Start { name: b"sheetData", empty: true, .. }) => return Ok((rows, numbers)),
            Some(Event::Start { name: b"sheetData", .. }) => break,
            _ => {}
        }
    }
    let mut record = Record::new();
    let mut current: Option<u32> = None;
    let flush = |record: &mut Record, row: Option<u32>, rows: &mut Vec<Record>, numbers: &mut Vec<u32>| {
        if let Some(r) = row {
            if !super::read::is_blank(record) {
                rows.push(std::mem::take(record));
                numbers.push(r + 1);
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
                let (mut reference, mut kind) = (None, &b"n"[..]);
                for (name, value) in xml::attrs(attrs) {
                    match name {
                        b"r" => reference = Some(value),
                        b"t" => kind = value,
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
                let mut inline: Option<String> = None;
                if !empty {
                    loop {
                        match sc.next().map_err(bad)?.ok_or_else(|| malformed(part))? {
                            Event::End { .. } => break,
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
                if current != Some(r) {
                    flush(&mut record, current, &mut rows, &mut numbers);
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
                        if number_text(&value, &mut text) {
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
    flush(&mut record, current, &mut rows, &mut numbers);
    Ok((rows, numbers))
}

// ---------------------------------------------------------------- writing

/// The cell styles the writer knows (their order is `STYLES`' `cellXfs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Default = 0,
    /// Bold on light blue, wrapped, centred: the results' header.
    Header = 1,
    /// Text format (`@`).
    Text = 2,
    /// `#,##0`
    Count = 3,
    /// `#,##0.00`
    Decimal = 4,
    /// Bold on grey: the totals row.
    TotalLabel = 5,
    TotalCount = 6,
    TotalDecimal = 7,
    /// `#,##0.##` in dark red: a gap.
    Unmet = 8,
    /// Wrapped, top-aligned.
    Wrap = 9,
    /// Bold on light blue, wrapped: the quotes sheet's header.
    PlainHeader = 10,
}

const STYLES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    r##"<numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.##"/></numFmts>"##,
    r#"<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#,
    r#"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#,
    r#"<font><sz val="11"/><color rgb="FFC00000"/><name val="Calibri"/><family val="2"/></font></fonts>"#,
    r#"<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#,
    r#"<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill>"#,
    r#"<fill><patternFill patternType="solid"><fgColor rgb="FFF2F2F2"/><bgColor indexed="64"/></patternFill></fill></fills>"#,
    r#"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#,
    r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
    r#"<cellXfs count="11">"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>"#,
    r#"<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="3" borderId="0" xfId="0" applyFont="1" applyFill="1"/>"#,
    r#"<xf numFmtId="3" fontId="1" fillId="3" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1"/>"#,
    r#"<xf numFmtId="4" fontId="1" fillId="3" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1"/>"#,
    r#"<xf numFmtId="164" fontId="2" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment wrapText="1"/></xf>"#,
    r#"</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#,
    r#"<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/></styleSheet>"#,
);

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// How a sheet looks, fixed before its cells are written.
#[derive(Debug, Clone, Default)]
pub struct SheetOptions {
    /// Column widths in characters, from column A.
    pub widths: Vec<u16>,
    /// The first row's height in points.
    pub header_height: Option<u16>,
    /// Frozen rows and columns (top left).
    pub freeze: (u32, u32),
    /// An autofilter over A1 to (last row, last column), 0-based.
    pub autofilter: Option<(u32, u32)>,
}

/// A workbook written sheet by sheet straight into a deflated ZIP: `sheet` (cells in row order,
/// columns ascending within a row), `Sheet::end`, …, `finish`.
pub struct Workbook {
    zip: ZipWriter,
    names: Vec<String>,
    filters: Vec<(usize, String)>,
    expected: usize,
    /// A text longer than a cell can hold was written (the workbook is then refused, as Excel would).
    too_long: bool,
}

/// The most characters a cell can hold.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Column letters: 0 → A, 25 → Z, 26 → AA.
pub fn column_name(mut col: u32, out: &mut Vec<u8>) {
    let mut letters = [0u8; 4];
    let mut n = 0;
    loop {
        letters[n] = b'A' + (col % 26) as u8;
        n += 1;
        if col < 26 || n == letters.len() {
            break;
        }
        col = col / 26 - 1;
    }
    out.extend(letters[..n].iter().rev());
}

fn push_u32(out: &mut Vec<u8>, v: u32) {
    let mut digits = [0u8; 10];
    let mut n = 0;
    let mut v = v;
    loop {
        digits[n] = b'0' + (v % 10) as u8;
        n += 1;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend(digits[..n].iter().rev());
}

/// A width of `chars` characters as Excel stores it (Calibri 11: 7-pixel digits, 5 pixels of padding,
/// in 1/256 of a character): exact, so written without floating point.
fn push_width(out: &mut Vec<u8>, chars: u16) {
    let units = (u32::from(chars) * 7 + 5) * 256 / 7; // 1/256 characters
    push_u32(out, units / 256);
    let mut frac = units % 256;
    if frac != 0 {
        out.push(b'.');
        while frac != 0 {
            frac *= 10;
            out.push(b'0' + (frac / 256) as u8);
            frac %= 256;
        }
    }
}

fn push_ref(out: &mut Vec<u8>, row: u32, col: u32) {
    column_name(col, out);
    push_u32(out, row + 1);
}

impl Workbook {
    /// A workbook that will have `sheets` sheets.
    pub fn new(sheets: usize) -> Result<Workbook, BatchError> {
        let mut zip = ZipWriter::new(LEVEL);
        zip.start("[Content_Types].xml")?;
        let mut t = String::from(XML_HEAD);
        t.push_str(concat!(
            r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
            r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
            r#"<Default Extension="xml" ContentType="application/xml"/>"#,
            r#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
            r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
        ));
        for i in 1..=sheets {
            t.push_str(&format!(
                r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            ));
        }
        t.push_str("</Types>");
        zip.write(t.as_bytes());
        zip.start("_rels/.rels")?;
        zip.write(
            format!(
                r#"{XML_HEAD}<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            )
            .as_bytes(),
        );
        zip.start("xl/styles.xml")?;
        zip.write(STYLES.as_bytes());
        Ok(Workbook { zip, names: Vec::new(), filters: Vec::new(), expected: sheets, too_long: false })
    }

    /// Starts the next sheet.
    pub fn sheet(&mut self, name: &str, options: &SheetOptions) -> Result<Sheet<'_>, BatchError> {
        let index = self.names.len();
        if index >= self.expected {
            return Err(BatchError::TooManySheets);
        }
        self.names.push(name.to_string());
        self.zip.start(&format!("xl/worksheets/sheet{}.xml", index + 1))?;
        let mut x = Vec::with_capacity(1024);
        x.extend_from_slice(XML_HEAD.as_bytes());
        x.extend_from_slice(
            format!(r#"<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheetViews><sheetView "#).as_bytes(),
        );
        if index == 0 {
            x.extend_from_slice(br#"tabSelected="1" "#);
        }
        x.extend_from_slice(br#"workbookViewId="0">"#);
        let (rows, cols) = options.freeze;
        if rows > 0 || cols > 0 {
            let pane: &[u8] = match (rows > 0, cols > 0) {
                (true, true) => b"bottomRight",
                (true, false) => b"bottomLeft",
                _ => b"topRight",
            };
            x.extend_from_slice(b"<pane");
            if cols > 0 {
                x.extend_from_slice(b" xSplit=\"");
                push_u32(&mut x, cols);
                x.push(b'"');
            }
            if rows > 0 {
                x.extend_from_slice(b" ySplit=\"");
                push_u32(&mut x, rows);
                x.push(b'"');
            }
            x.extend_from_slice(b" topLeftCell=\"");
            push_ref(&mut x, rows, cols);
            x.extend_from_slice(b"\" activePane=\"");
            x.extend_from_slice(pane);
            x.extend_from_slice(b"\" state=\"frozen\"/><selection pane=\"");
            x.extend_from_slice(pane);
            x.extend_from_slice(b"\"/>");
        }
        x.extend_from_slice(br#"</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>"#);
        if !options.widths.is_empty() {
            x.extend_from_slice(b"<cols>");
            for (i, &w) in options.widths.iter().enumerate() {
                x.extend_from_slice(b"<col min=\"");
                push_u32(&mut x, i as u32 + 1);
                x.extend_from_slice(b"\" max=\"");
                push_u32(&mut x, i as u32 + 1);
                x.extend_from_slice(b"\" width=\"");
                push_width(&mut x, w);
                x.extend_from_slice(b"\" customWidth=\"1\"/>");
            }
            x.extend_from_slice(b"</cols>");
        }
        x.extend_from_slice(b"<sheetData>");
        self.zip.write(&x);
        let mut tail = Vec::new();
        tail.extend_from_slice(b"</sheetData>");
        if let Some((last_row, last_col)) = options.autofilter {
            let mut range = Vec::new();
            range.extend_from_slice(b"A1:");
            push_ref(&mut range, last_row, last_col);
            tail.extend_from_slice(b"<autoFilter ref=\"");
            tail.extend_from_slice(&range);
            tail.extend_from_slice(b"\"/>");
            let mut absolute = Vec::from(&b"$A$1:$"[..]);
            column_name(last_col, &mut absolute);
            absolute.push(b'$');
            push_u32(&mut absolute, last_row + 1);
            let mut quoted = Vec::new();
            xml::escape_into(&name.replace('\'', "''"), &mut quoted);
            self.filters.push((
                index,
                format!("'{}'!{}", String::from_utf8_lossy(&quoted), String::from_utf8_lossy(&absolute)),
            ));
        }
        tail.extend_from_slice(
            br#"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>"#,
        );
        Ok(Sheet { wb: self, row: None, header_height: options.header_height, tail })
    }

    pub fn finish(mut self) -> Result<Vec<u8>, BatchError> {
        if self.names.len() != self.expected {
            return Err(BatchError::SheetCountMismatch);
        }
        if self.too_long {
            return Err(BatchError::CellTooLong { max: MAX_CELL_CHARS });
        }
        let mut x = Vec::new();
        x.extend_from_slice(XML_HEAD.as_bytes());
        x.extend_from_slice(
            format!(r#"<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><bookViews><workbookView/></bookViews><sheets>"#)
                .as_bytes(),
        );
        for (i, name) in self.names.iter().enumerate() {
            x.extend_from_slice(b"<sheet name=\"");
            xml::escape_into(name, &mut x);
            x.extend_from_slice(format!(r#"" sheetId="{}" r:id="rId{}"/>"#, i + 1, i + 1).as_bytes());
        }
        x.extend_from_slice(b"</sheets>");
        if !self.filters.is_empty() {
            x.extend_from_slice(b"<definedNames>");
            for (sheet, range) in &self.filters {
                x.extend_from_slice(
                    format!(r#"<definedName name="_xlnm._FilterDatabase" localSheetId="{sheet}" hidden="1">{range}</definedName>"#)
                        .as_bytes(),
                );
            }
            x.extend_from_slice(b"</definedNames>");
        }
        x.extend_from_slice(b"</workbook>");
        self.zip.start("xl/workbook.xml")?;
        self.zip.write(&x);
        let mut r = String::from(XML_HEAD);
        r.push_str(&format!(r#"<Relationships xmlns="{PKG_REL_NS}">"#));
        for i in 1..=self.names.len() {
            r.push_str(&format!(
                r#"<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>"#
            ));
        }
        r.push_str(&format!(
            r#"<Relationship Id="rId{}" Type="{REL_NS}/styles" Target="styles.xml"/></Relationships>"#,
            self.names.len() + 1
        ));
        self.zip.start("xl/_rels/workbook.xml.rels")?;
        self.zip.write(r.as_bytes());
        self.zip.finish()
    }
}

/// Deflate level of the parts: 1 (fastest). The XML of a sheet is so repetitive that the gain of
/// higher levels is small, and a 40,000-row export stays well under a second.
const LEVEL: u8 = 1;

/// A sheet being written. Cells must come in row order (columns ascending within a row).
pub struct Sheet<'w> {
    wb: &'w mut Workbook,
    row: Option<u32>,
    header_height: Option<u16>,
    tail: Vec<u8>,
}

impl Sheet<'_> {
    fn cell_start(&mut self, row: u32, col: u32, style: Style) -> &mut Vec<u8> {
        if self.row != Some(row) {
            if self.row.is_some() {
                self.wb.zip.buffer().extend_from_slice(b"</row>");
                self.wb.zip.maybe_flush();
            }
            self.row = Some(row);
            let height = if row == 0 { self.header_height } else { None };
            let out = self.wb.zip.buffer();
            out.extend_from_slice(b"<row r=\"");
            push_u32(out, row + 1);
            out.push(b'"');
            if let Some(h) = height {
                out.extend_from_slice(b" ht=\"");
                push_u32(out, u32::from(h));
                out.extend_from_slice(b"\" customHeight=\"1\"");
            }
            out.push(b'>');
        }
        let out = self.wb.zip.buffer();
        out.extend_from_slice(b"<c r=\"");
        push_ref(out, row, col);
        out.push(b'"');
        if style != Style::Default {
            out.extend_from_slice(b" s=\"");
            push_u32(out, style as u32);
            out.push(b'"');
        }
        out
    }

    /// A text cell (an inline string; never a formula, whatever the text).
    pub fn string(&mut self, row: u32, col: u32, text: &str, style: Style) {
        if text.len() > MAX_CELL_CHARS && text.chars().count() > MAX_CELL_CHARS {
            self.wb.too_long = true;
        }
        let out = self.cell_start(row, col, style);
        out.extend_from_slice(b" t=\"inlineStr\"><is><t");
        let edge = |c: Option<char>| c.is_some_and(|c| matches!(c, ' ' | '\t' | '\n' | '\r'));
        if edge(text.chars().next()) || edge(text.chars().last()) {
            out.extend_from_slice(b" xml:space=\"preserve\"");
        }
        out.push(b'>');
        xml::escape_into(text, out);
        out.extend_from_slice(b"</t></is></c>");
    }

    /// A number cell; `value` is plain decimal text (`-12.5`), as `format::plain` writes it.
    pub fn number(&mut self, row: u32, col: u32, value: &str, style: Style) {
        let out = self.cell_start(row, col, style);
        out.extend_from_slice(b"><v>");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"</v></c>");
    }

    /// An empty cell with a style.
    pub fn blank(&mut self, row: u32, col: u32, style: Style) {
        let out = self.cell_start(row, col, style);
        out.extend_from_slice(b"/>");
    }

    /// Ends the sheet.
    pub fn end(self) {
        let Sheet { wb, row, tail, .. } = self;
        if row.is_some() {
            wb.zip.write(b"</row>");
        }
        wb.zip.write(&tail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_widths() {
        let name = |c| {
            let mut v = Vec::new();
            column_name(c, &mut v);
            String::from_utf8(v).unwrap()
        };
        assert_eq!(
            [name(0), name(25), name(26), name(701), name(702), name(16_383)],
            ["A", "Z", "AA", "ZZ", "AAA", "XFD"]
        );
        assert_eq!(parse_ref(b"XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(parse_ref(b"b2"), Some((1, 1)));
        assert_eq!(parse_ref(b"ZZZZZZZ1"), Some((u64::MAX, u64::MAX)));
        assert_eq!(parse_ref(b"A0"), None);
        assert_eq!(parse_ref(b"12"), None);
        assert_eq!(parse_ref(b"A1B"), None);
        let width = |w| {
            let mut v = Vec::new();
            push_width(&mut v, w);
            String::from_utf8(v).unwrap()
        };
        assert_eq!(width(14), "14.7109375");
        assert_eq!(width(6), "6.7109375");
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
            ("0.30000000000000004", "0.30000000000000004"),
            ("1E-7", "0.0000001"),
            ("1.5e+3", "1500"),
            ("-0", "0"),
            ("-0.0e5", "0"),
            ("007.100", "7.1"),
            (".5", "0.5"),
            ("5.", "5"),
            ("+3", "3"),
            ("12345678901234567890", "12345678901234567000"),
            ("1e400", ""),
            ("1e-400", "0"),
            ("inf", ""),
            ("NaN", ""),
            ("0", "0"),
            ("-12.5", "-12.5"),
            ("0.000123", "0.000123"),
            ("123456789012345", "123456789012345"),
            ("1234567890123456", "1234567890123456"),
            ("0.10", "0.1"),
            ("-0.5", "-0.5"),
        ] {
            assert_eq!(text(v).as_deref(), Some(want), "{v}");
            if let Ok(f) = v.parse::<f64>() {
                if f.is_finite() && f != 0.0 {
                    // The same as the float's own shortest form (Display), as calamine + Display gave.
                    assert_eq!(want, format!("{f}"), "{v}");
                }
            }
        }
        for v in ["", "-", ".", "e5", "1e", "1e+", "12,345", " 1", "0x10", "1_000", "1.2.3"] {
            assert_eq!(text(v), None, "{v:?}");
        }
    }

    /// What the reader did before (calamine's f64, then `Display`): the same text for any number.
    #[test]
    fn numbers_match_the_float_path_they_replace() {
        fn float_path(v: &str) -> String {
            let f: f64 = v.parse().unwrap();
            if !f.is_finite() {
                String::new()
            } else if f.fract() == 0.0 && f.abs() < 9.0e15 {
                format!("{}", f as i64)
            } else {
                format!("{f}")
            }
        }
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
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
            assert_eq!(out, float_path(&v), "{v}");
        }
    }
}
