//! Delimited text (CSV, tab- or semicolon-separated) in and out, through `csv-core`: RFC 4180 quoting
//! with doubled quotes, `\r\n`, `\n` or `\r` ending a record, a quote in an unquoted field taken
//! literally, any number of fields per record. What this module adds is what a spreadsheet user
//! sees: the delimiter the file uses, and each record's row number as the spreadsheet shows it. (A
//! U+FEFF left at the start of the first record, by a file saved with two byte-order marks, is taken
//! off, as csv-core does with a mark.)

use crate::sheet::{Record, Sheet};
use csv_core::{ReadRecordResult, WriteResult};

/// The delimiter of a text: a comma unless the first non-blank line has tabs or semicolons and no comma.
pub fn sniff_delimiter(text: &str) -> u8 {
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first_line.contains(',') {
        b','
    } else if first_line.contains('\t') {
        b'\t'
    } else if first_line.contains(';') {
        b';'
    } else {
        b','
    }
}

/// Every non-blank record of the text with the row number a spreadsheet shows for it: 1 + the line
/// breaks before it outside quoted fields (so blank lines count, and a quoted field spanning lines is
/// one row).
pub fn parse(text: &str, delimiter: u8) -> Sheet {
    let mut reader = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let input = text.as_bytes();
    let mut sheet = Sheet::default();
    let (mut output, mut ends) = (vec![0; 4096], vec![0; 64]);
    let mut pos = 0;
    let mut row: u32 = 1;
    loop {
        // Line breaks before a record are blank lines: rows of their own, without a record. (Skipped
        // here rather than by csv-core, which would not count them.)
        while let Some(&b) = input.get(pos).filter(|&&b| b == b'\r' || b == b'\n') {
            pos += if b == b'\r' && input.get(pos + 1) == Some(&b'\n') { 2 } else { 1 };
            row = row.saturating_add(1);
        }
        let (mut out_len, mut end_count) = (0, 0);
        loop {
            let (result, read, written, ended) =
                reader.read_record(&input[pos..], &mut output[out_len..], &mut ends[end_count..]);
            pos += read;
            out_len += written;
            end_count += ended;
            match result {
                ReadRecordResult::Record => break,
                ReadRecordResult::End => return sheet,
                // At the end of the text: the next call, with no input left, ends the record.
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => output.resize(output.len() * 2, 0),
                ReadRecordResult::OutputEndsFull => ends.resize(ends.len() * 2, 0),
            }
        }
        let mut record = Record::new();
        let mut start = 0;
        for &end in &ends[..end_count] {
            // Fields end where the text had a delimiter, a quote or a line break (ASCII), so each is
            // UTF-8 as the text was.
            record.push_field(std::str::from_utf8(&output[start..end]).unwrap_or_default());
            start = end;
        }
        if !record.is_blank() {
            sheet.push(row, record);
        }
        // The line break that ended the record (csv-core takes only the `\r` of a `\r\n`).
        match pos.checked_sub(1).map(|last| input[last]) {
            Some(b'\r') => {
                if input.get(pos) == Some(&b'\n') {
                    pos += 1;
                }
                row = row.saturating_add(1);
            }
            Some(b'\n') => row = row.saturating_add(1),
            _ => {}
        }
    }
}

/// Appends a record as the `csv` crate writes it: fields quoted when they hold a comma, a quote or a
/// line break (quotes doubled), `\n` at the end, and a record of one empty field as `""` (not a blank line).
pub fn write_record<'a>(out: &mut Vec<u8>, fields: impl IntoIterator<Item = &'a str>) {
    let mut writer = csv_core::Writer::new();
    let mut buf = [0; 1024];
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            write_step(out, &mut buf, |buf| writer.delimiter(buf));
        }
        let mut input = field.as_bytes();
        write_step(out, &mut buf, |buf| {
            let (result, read, written) = writer.field(input, buf);
            input = &input[read..];
            (result, written)
        });
    }
    write_step(out, &mut buf, |buf| writer.terminator(buf));
}

/// Runs a step of csv-core's writer through `buf` onto the end of `out`, again until it is done.
fn write_step(out: &mut Vec<u8>, buf: &mut [u8], mut step: impl FnMut(&mut [u8]) -> (WriteResult, usize)) {
    loop {
        let (result, written) = step(buf);
        out.extend_from_slice(&buf[..written]);
        if result == WriteResult::InputEmpty {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<(u32, Vec<String>)> {
        let sheet = parse(text, b',');
        sheet
            .row_numbers
            .into_iter()
            .zip(sheet.rows)
            .map(|(n, r)| (n, r.iter().map(str::to_string).collect()))
            .collect()
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
        assert_eq!(rows("\u{FEFF}a,\u{FEFF}"), [(1, vec!["a".to_string(), "\u{FEFF}".into()])]);
    }

    #[test]
    fn blank_records_are_rows_without_a_record() {
        assert_eq!(rows(",,\n \n\r\n\"\"\na,"), [(5, vec!["a".to_string(), "".into()])]);
        assert_eq!(rows("\r\n\r\na\r\r\nb\n"), [(3, vec!["a".to_string()]), (5, vec!["b".into()])]);
        let sheet = parse("a;b\tc\n1;2\t3", b';');
        assert_eq!(sheet.rows[1].iter().collect::<Vec<_>>(), ["1", "2\t3"]);
    }

    #[test]
    fn delimiter_is_the_first_lines() {
        assert_eq!(sniff_delimiter("\n a\tb;c\n1,2"), b'\t');
        assert_eq!(sniff_delimiter("a;b\n"), b';');
        assert_eq!(sniff_delimiter("a;b,c"), b',');
        assert_eq!(sniff_delimiter("name"), b',');
    }

    #[test]
    fn writes_what_it_reads() {
        let fields = ["plain", "a,b", "say \"hi\"", "two\nlines", "", "中文"];
        let mut out = Vec::new();
        write_record(&mut out, fields);
        assert_eq!(out, b"plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,\xE4\xB8\xAD\xE6\x96\x87\n");
        let sheet = parse(std::str::from_utf8(&out).unwrap(), b',');
        assert_eq!(sheet.rows[0].iter().collect::<Vec<_>>(), fields);
        let mut one = Vec::new();
        write_record(&mut one, [""]);
        assert_eq!(one, b"\"\"\n");
        let mut cr = Vec::new();
        write_record(&mut cr, ["a\rb", "'=1"]);
        assert_eq!(cr, b"\"a\rb\",'=1\n");
    }
}
