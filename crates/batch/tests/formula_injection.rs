//! Formula injection (issue 17.6): the CSV export puts a `'` before text a spreadsheet would run as a
//! formula, reading CSV takes it off again, and XLSX text cells keep every text exactly as it is.

#[path = "support/common.rs"]
mod common;

use calamine::{Data, Reader};
use common::{field, read_xlsx, sheet};
use minzheng_batch::read;
use minzheng_batch::{write, Batch, Col, EncodingRs};

#[test]
fn formula_injection_is_neutralised_in_the_csv_export() {
    for (text, expected) in [
        ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("沈阳", "沈阳"),
    ] {
        assert_eq!(write::neutralise(text), expected);
    }
    let text = "name,resident_population,townships\n\"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",100000,-5\n@SUM(1),1000,1\n<img src=x onerror=alert(1)>,10,1\n";
    let b = Batch::from_bytes(text.as_bytes(), &EncodingRs).unwrap();
    let csv = write::to_csv(&b);
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "CSV has a BOM");
    let csv_text = std::str::from_utf8(&csv[3..]).unwrap();
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(csv_text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(&rows[0][1], "'=HYPERLINK(\"http://evil\",\"x\")");
    assert_eq!(&rows[1][1], "'@SUM(1)");
    assert_eq!(&rows[2][1], "<img src=x onerror=alert(1)>");
    let townships = b.export_columns().iter().position(|c| *c == Col::Input(field("townships"))).unwrap();
    assert_eq!(&rows[0][townships], "'-5", "a bad input is kept as neutralised text");
    assert_eq!(rows.len(), 3, "one row per locality, no totals row in the CSV");

    // XLSX text cells are never evaluated: the text is written exactly as it is (issue 17.6).
    let xlsx = write::to_xlsx(&b).unwrap();
    let cells = sheet(&xlsx, 0);
    assert_eq!(cells[1][1], Data::String("=HYPERLINK(\"http://evil\",\"x\")".into()));
    assert_eq!(cells[2][1], Data::String("@SUM(1)".into()));
    assert_eq!(cells[1][townships], Data::String("-5".into()));
    // No cell of any sheet is a formula.
    let mut wb = read_xlsx(&xlsx);
    for name in wb.sheet_names() {
        let formulas = wb.worksheet_formula(&name).unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "sheet {name} has a formula");
    }
}

const FORMULA_NAMES: [&str; 4] = ["=SUM(A1)", "+86", "-1", "@x"];

fn names_sheet() -> String {
    let mut text = String::from("name,resident_population,townships\n");
    for name in FORMULA_NAMES {
        text.push_str(&format!("{name},100000,3\n"));
    }
    text.push_str("沈阳市,200000,-5\n'已有引号,1000,1\n");
    text
}

/// Issue 17.6: XLSX text cells (inline or shared strings) are never evaluated, so the workbook keeps every
/// text exactly as it is: no `'` before a name, or an input, that begins with `=`, `+`, `-` or `@`.
#[test]
fn xlsx_export_keeps_text_exactly() {
    let b = Batch::from_bytes(names_sheet().as_bytes(), &EncodingRs).unwrap();
    let xlsx = write::to_xlsx(&b).unwrap();
    let cells = sheet(&xlsx, 0);
    let names: Vec<&Data> = cells[1..=6].iter().map(|r| &r[1]).collect();
    let expected: Vec<Data> =
        FORMULA_NAMES.iter().chain(&["沈阳市", "'已有引号"]).map(|n| Data::String(n.to_string())).collect();
    assert_eq!(names, expected.iter().collect::<Vec<_>>());
    let townships = b.export_columns().iter().position(|c| c.id() == "townships").unwrap();
    assert_eq!(cells[5][townships], Data::String("-5".into()), "a bad input's text, as typed");
    let errors = sheet(&xlsx, 2);
    assert_eq!(errors[1][2], Data::String("townships".into()));
    let mut wb = read_xlsx(&xlsx);
    for name in wb.sheet_names() {
        let formulas = wb.worksheet_formula(&name).unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "sheet {name} has a formula");
    }
}

/// Issue 17.6: the CSV export keeps the protection (a leading `'`), and the calculator reading its own CSV
/// export gets the names and inputs back unchanged.
#[test]
fn csv_export_protects_formulas_and_reads_back_unchanged() {
    let b = Batch::from_bytes(names_sheet().as_bytes(), &EncodingRs).unwrap();
    let csv = write::to_csv(&b);
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(&csv[3..]);
    let names: Vec<String> = reader.records().map(|r| r.unwrap()[1].to_string()).collect();
    assert_eq!(names, ["'=SUM(A1)", "'+86", "'-1", "'@x", "沈阳市", "'已有引号"]);
    let again = Batch::from_bytes(&csv, &EncodingRs).unwrap();
    assert_eq!(again.results.names, b.results.names);
    assert_eq!(again.results.names[..4], FORMULA_NAMES);
    assert_eq!(again.results.names[5], "'已有引号", "an apostrophe that protects nothing is the name's own");
    let codes = |b: &Batch| {
        b.results.errors.iter().map(|e| (e.row, e.error.key.to_string(), e.error.kind.code())).collect::<Vec<_>>()
    };
    assert_eq!(codes(&again), codes(&b), "the bad input reads back as typed (-5: negative), not as '-5");
    assert_eq!(codes(&b), [(6, "townships".to_string(), "negative")]);
}

/// Reading CSV, a `'` comes off only where it protects a character a spreadsheet would start a formula
/// with (as the export writes it, and as other programs protect their CSV); XLSX cells are read as they are.
#[test]
fn a_protecting_apostrophe_comes_off_csv_cells_only() {
    let text = "name,resident_population\n'=x,1\n'abc,1\n''=y,1\n',1\n'＝全角,1\n'@,1\n";
    let b = Batch::from_bytes(text.as_bytes(), &EncodingRs).unwrap();
    assert_eq!(b.results.names, ["=x", "'abc", "'=y", "'", "＝全角", "@"]);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "地区名称").unwrap();
    ws.write_string(1, 0, "'=x").unwrap();
    let x = Batch::from_bytes(&wb.save_to_buffer().unwrap(), &EncodingRs).unwrap();
    assert_eq!(x.results.names, ["'=x"], "an XLSX cell's text is its own");
    // Text that itself begins with `'` and then a formula character gets one more `'` in the CSV, so that
    // it too reads back as it was.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "地区名称").unwrap();
    let names = ["'=x", "''+1", "'abc", "'", "=y"];
    for (r, name) in names.iter().enumerate() {
        ws.write_string(r as u32 + 1, 0, *name).unwrap();
    }
    let b = Batch::from_bytes(&wb.save_to_buffer().unwrap(), &EncodingRs).unwrap();
    let csv = write::to_csv(&b);
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(&csv[3..]);
    let written: Vec<String> = reader.records().map(|r| r.unwrap()[1].to_string()).collect();
    assert_eq!(written, ["''=x", "'''+1", "'abc", "'", "'=y"]);
    assert_eq!(Batch::from_bytes(&csv, &EncodingRs).unwrap().results.names, names);
    for text in names.iter().chain(&["", "-", "'-", "''", "a'=b", "\t", "＝", "'＠"]) {
        assert_eq!(read::unprotect(&write::neutralise(text)), *text);
    }
}
