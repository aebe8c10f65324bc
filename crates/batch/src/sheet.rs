//! What every reader gives: a sheet as rows of text cells, each row with its number as the
//! spreadsheet shows it. `read` finds the table (header and data rows) in it.

/// A number cell as a spreadsheet shows it, as plain decimal text: rounded to 15 significant digits,
/// as many as Excel keeps and shows, so that a formula's cached 455120.00000000006 is 455120 and
/// 1849.9999999999998 is 1850 (they are whole numbers on the screen, and a count must be one). `None`
/// for infinities and NaN.
pub fn number_text(f: f64) -> Option<String> {
    if !f.is_finite() {
        return None;
    }
    if f == 0.0 {
        return Some("0".to_string()); // not `-0`
    }
    // `{:.14e}` rounds to 15 significant digits: `4.55120000000000e5`. Its digits go around the point.
    let sci = format!("{:.14e}", f.abs());
    let (mantissa, exponent) = sci.split_once('e')?;
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let before_point = exponent.parse::<i32>().ok()? + 1;
    let mut out = String::from(if f < 0.0 { "-" } else { "" });
    if before_point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', before_point.unsigned_abs() as usize));
        out.push_str(digits.trim_end_matches('0'));
    } else {
        let (int, frac) = digits.split_at((before_point as usize).min(digits.len()));
        out.push_str(int);
        out.extend(std::iter::repeat_n('0', before_point as usize - int.len()));
        let frac = frac.trim_end_matches('0');
        if !frac.is_empty() {
            out.push('.');
            out.push_str(frac);
        }
    }
    Some(out)
}

/// A row of text cells, in one buffer (40,000 rows stay a few allocations each, not one per cell).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    text: String,
    ends: Vec<u32>,
}

impl Record {
    pub fn new() -> Record {
        Record::default()
    }

    pub fn push_field(&mut self, field: &str) {
        self.text.push_str(field);
        self.ends.push(self.text.len() as u32);
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Whether every cell is empty or white space.
    pub fn is_blank(&self) -> bool {
        self.iter().all(|c| c.trim().is_empty())
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }

    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        Some(&self.text[start..end])
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &str> + ExactSizeIterator + '_ {
        (0..self.ends.len()).map(move |i| self.get(i).unwrap_or(""))
    }
}

impl<'a> FromIterator<&'a str> for Record {
    fn from_iter<I: IntoIterator<Item = &'a str>>(iter: I) -> Record {
        let mut r = Record::new();
        for f in iter {
            r.push_field(f);
        }
        r
    }
}

/// The rows of a sheet (blank rows left out) and their row numbers (1 = the first row), with what
/// finding the table needs besides the text: merged ranges, and formula cells saved without a value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sheet {
    pub rows: Vec<Record>,
    pub row_numbers: Vec<u32>,
    /// The sheet's name in its workbook (empty for text files).
    pub name: String,
    pub merges: Vec<Merge>,
    /// References (`C5`) of the first formula cells with no cached value (read as empty), at most
    /// `UNCACHED_KEPT`; `uncached_count` counts them all.
    pub uncached: Vec<String>,
    pub uncached_count: usize,
}

/// Formula cells without a value named in the warning; the rest are counted.
pub const UNCACHED_KEPT: usize = 10;

/// A merged range of cells, inclusive, as row numbers (1 = first row) and 0-based columns. Its
/// top-left cell holds the text; the others are empty in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub first_row: u32,
    pub last_row: u32,
    pub first_col: u32,
    pub last_col: u32,
}

impl Merge {
    /// `A1:C2` → the range; `None` if it is not one.
    pub fn parse(range: &str) -> Option<Merge> {
        let (a, b) = range.split_once(':').unwrap_or((range, range));
        let (r1, c1) = cell_ref(a)?;
        let (r2, c2) = cell_ref(b)?;
        Some(Merge { first_row: r1.min(r2), last_row: r1.max(r2), first_col: c1.min(c2), last_col: c1.max(c2) })
    }
}

/// `B12` → (row number 12, column 1); `$B$12` too.
pub fn cell_ref(text: &str) -> Option<(u32, u32)> {
    let text = text.trim().replace('$', "");
    let letters = text.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = text.bytes().take(letters).fold(0u32, |c, b| c * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1);
    let row: u32 = text[letters..].parse().ok()?;
    (row > 0).then_some((row, col - 1))
}

/// Column 0 → `A`, 27 → `AB`.
pub fn column_letters(mut col: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

impl Sheet {
    pub fn push(&mut self, row_number: u32, record: Record) {
        self.rows.push(record);
        self.row_numbers.push(row_number);
    }
}

/// Every sheet of a workbook read by the legacy-format module (crates/web-legacy), with whether it is
/// hidden, as bytes the batch module reads (`encode`, `decode`): the two modules share no memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Workbook {
    /// OpenDocument (else Excel 97–2003).
    pub ods: bool,
    pub sheets: Vec<(Sheet, bool)>,
}

/// What encoded sheets begin with; no text file or workbook does.
const MAGIC: &[u8; 8] = b"\0MZSHEET";

impl Workbook {
    pub fn encode(&self) -> Vec<u8> {
        fn int(out: &mut Vec<u8>, n: usize) {
            out.extend_from_slice(&(n as u32).to_le_bytes());
        }
        fn text(out: &mut Vec<u8>, s: &str) {
            int(out, s.len());
            out.extend_from_slice(s.as_bytes());
        }
        let mut out = MAGIC.to_vec();
        out.push(u8::from(self.ods));
        int(&mut out, self.sheets.len());
        for (sheet, hidden) in &self.sheets {
            text(&mut out, &sheet.name);
            out.push(u8::from(*hidden));
            int(&mut out, sheet.merges.len());
            for m in &sheet.merges {
                for n in [m.first_row, m.last_row, m.first_col, m.last_col] {
                    int(&mut out, n as usize);
                }
            }
            int(&mut out, sheet.uncached.len());
            sheet.uncached.iter().for_each(|r| text(&mut out, r));
            int(&mut out, sheet.rows.len());
            for (record, &number) in sheet.rows.iter().zip(&sheet.row_numbers) {
                int(&mut out, number as usize);
                int(&mut out, record.len());
                record.iter().for_each(|c| text(&mut out, c));
            }
        }
        out
    }

    /// The sheets `encode` wrote; `None` for any other bytes (or a truncated encoding).
    pub fn decode(bytes: &[u8]) -> Option<Workbook> {
        struct Reader<'a>(&'a [u8]);
        impl<'a> Reader<'a> {
            fn take(&mut self, n: usize) -> Option<&'a [u8]> {
                let (head, rest) = (self.0.get(..n)?, self.0.get(n..)?);
                self.0 = rest;
                Some(head)
            }
            fn int(&mut self) -> Option<u32> {
                Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
            }
            fn text(&mut self) -> Option<&'a str> {
                let n = self.int()? as usize;
                std::str::from_utf8(self.take(n)?).ok()
            }
        }
        let mut r = Reader(bytes.strip_prefix(MAGIC)?);
        let ods = r.take(1)? == [1];
        let mut book = Workbook { ods, sheets: Vec::new() };
        for _ in 0..r.int()? {
            let mut sheet = Sheet { name: r.text()?.to_string(), ..Sheet::default() };
            let hidden = r.take(1)? == [1];
            for _ in 0..r.int()? {
                let (first_row, last_row, first_col, last_col) = (r.int()?, r.int()?, r.int()?, r.int()?);
                sheet.merges.push(Merge { first_row, last_row, first_col, last_col });
            }
            for _ in 0..r.int()? {
                sheet.uncached.push(r.text()?.to_string());
            }
            sheet.uncached_count = sheet.uncached.len();
            for _ in 0..r.int()? {
                let number = r.int()?;
                let mut record = Record::new();
                for _ in 0..r.int()? {
                    record.push_field(r.text()?);
                }
                sheet.push(number, record);
            }
            book.sheets.push((sheet, hidden));
        }
        Some(book)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_encoded_sheets_round_trip() {
        assert_eq!(cell_ref("$AB$12"), Some((12, 27)));
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(0), "A");
        assert_eq!(Merge::parse("C3:A1"), Some(Merge { first_row: 1, last_row: 3, first_col: 0, last_col: 2 }));
        let mut sheet = Sheet { name: "数据".into(), ..Sheet::default() };
        sheet.push(3, ["和平区", "", "1000"].into_iter().collect());
        sheet.merges.push(Merge::parse("A1:B2").unwrap());
        sheet.uncached.push("C5".into());
        sheet.uncached_count = 1;
        let book = Workbook { ods: true, sheets: vec![(Sheet::default(), true), (sheet, false)] };
        let bytes = book.encode();
        assert_eq!(Workbook::decode(&bytes), Some(book));
        assert_eq!(Workbook::decode(&bytes[..bytes.len() - 1]), None);
        assert_eq!(Workbook::decode(b"name,resident_population"), None);
    }
}
