//! Delimited text (CSV, tab- or semicolon-separated) in and out, and the record type rows are kept
//! in. Reading follows the `csv` crate's rules (RFC 4180 quoting with doubled quotes, `\r\n`, `\n`
//! or `\r` ending a record, blank lines skipped, a quote in an unquoted field taken literally, any
//! number of fields per record) and writing quotes what needs it, as that crate does; this module is
//! a few hundred bytes of WebAssembly instead of its ten thousand.

/// A row of text fields, in one buffer.
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

    pub fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }

    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.text.get(start..end)
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

/// Every record of the text with the row number a spreadsheet shows for it: 1 + the line breaks
/// before it outside quoted fields (so blank lines count, and a quoted field spanning lines is one
/// row). Blank lines give no record.
pub fn parse(text: &str, delimiter: u8) -> (Vec<Record>, Vec<u32>) {
    let b = text.as_bytes();
    let n = b.len();
    let mut records = Vec::new();
    let mut numbers = Vec::new();
    let mut i = 0;
    let mut row: u32 = 1;
    let mut field = Vec::<u8>::new();
    // Consumes one record terminator (`\r\n`, `\n` or `\r`) at `i`.
    let terminator = |i: &mut usize, row: &mut u32| {
        if b[*i] == b'\r' && b.get(*i + 1) == Some(&b'\n') {
            *i += 1;
        }
        *i += 1;
        *row = row.saturating_add(1);
    };
    loop {
        while i < n && (b[i] == b'\r' || b[i] == b'\n') {
            terminator(&mut i, &mut row);
        }
        if i >= n {
            break;
        }
        let mut record = Record::new();
        let number = row;
        loop {
            field.clear();
            if b[i] == b'"' {
                i += 1;
                loop {
                    let Some(q) = b[i..].iter().position(|&c| c == b'"') else {
                        field.extend_from_slice(&b[i..]); // unterminated: the rest of the text
                        i = n;
                        break;
                    };
                    field.extend_from_slice(&b[i..i + q]);
                    i += q + 1;
                    if b.get(i) == Some(&b'"') {
                        field.push(b'"');
                        i += 1;
                    } else {
                        break;
                    }
                }
            }
            // Unquoted text (or what follows a closing quote), taken literally.
            let start = i;
            while i < n && b[i] != delimiter && b[i] != b'\r' && b[i] != b'\n' {
                i += 1;
            }
            field.extend_from_slice(&b[start..i]);
            // Splits happen only at ASCII bytes, so the field is UTF-8 as the text was.
            record.push_field(std::str::from_utf8(&field).unwrap_or_default());
            if i < n && b[i] == delimiter {
                i += 1;
                if i < n {
                    continue;
                }
                record.push_field(""); // a delimiter at the very end: one more, empty field
            } else if i < n {
                terminator(&mut i, &mut row);
            }
            break;
        }
        records.push(record);
        numbers.push(number);
    }
    (records, numbers)
}

/// Appends a record: fields quoted when they hold the delimiter, a quote or a line break (quotes
/// doubled), `\n` at the end.
pub fn write_record<'a>(out: &mut Vec<u8>, fields: impl IntoIterator<Item = &'a str>) {
    let mut count = 0;
    let mut last_empty = false;
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        count += 1;
        last_empty = f.is_empty();
        if f.bytes().any(|c| matches!(c, b',' | b'"' | b'\r' | b'\n')) {
            out.push(b'"');
            for (j, part) in f.split('"').enumerate() {
                if j > 0 {
                    out.extend_from_slice(b"\"\"");
                }
                out.extend_from_slice(part.as_bytes());
            }
            out.push(b'"');
        } else {
            out.extend_from_slice(f.as_bytes());
        }
    }
    if count == 1 && last_empty {
        out.extend_from_slice(b"\"\""); // a record of one empty field is not a blank line
    }
    out.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<(u32, Vec<String>)> {
        let (r, n) = parse(text, b',');
        n.into_iter().zip(r).map(|(n, r)| (n, r.iter().map(str::to_string).collect())).collect()
    }

    #[test]
    fn parses_like_the_csv_crate() {
        assert_eq!(rows("a,b\n1,2"), [(1, vec!["a".into(), "b".into()]), (2, vec!["1".into(), "2".into()])]);
        assert_eq!(
            rows("\"x,\"\"y\"\"\nz\",2\r\n\r\nq\"r,\"s\"t,\n\"open"),
            [
                (1, vec!["x,\"y\"\nz".to_string(), "2".into()]),
                (3, vec!["q\"r".into(), "st".into(), "".into()]),
                (4, vec!["open".into()]),
            ]
        );
        assert_eq!(rows("a\rb\n\nc"), [(1, vec!["a".to_string()]), (2, vec!["b".into()]), (4, vec!["c".into()])]);
        assert_eq!(rows(""), []);
        assert_eq!(rows("中文,“引号”"), [(1, vec!["中文".to_string(), "“引号”".into()])]);
    }

    #[test]
    fn writes_what_it_reads() {
        let fields = ["plain", "a,b", "say \"hi\"", "two\nlines", "", "中文"];
        let mut out = Vec::new();
        write_record(&mut out, fields);
        assert_eq!(out, b"plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,\xE4\xB8\xAD\xE6\x96\x87\n");
        let (r, _) = parse(std::str::from_utf8(&out).unwrap(), b',');
        assert_eq!(r[0].iter().collect::<Vec<_>>(), fields);
        let mut one = Vec::new();
        write_record(&mut one, [""]);
        assert_eq!(one, b"\"\"\n");
    }
}
