//! Prints every sheet of a workbook as calamine reads it, as JSON, for the browser tests (a reader
//! independent of the calculator's own): `{"<sheet>": [[cell, ...], ...], ...}` in sheet order, a cell
//! being a string, a number, a boolean or null (empty).
//!
//! `cargo run --quiet -p minzheng-batch --example xlsx_cells -- <file.xlsx>`

use calamine::{open_workbook, Data, Reader, Xlsx};

fn json(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn cell(data: &Data) -> String {
    match data {
        Data::Empty => "null".into(),
        Data::String(s) => json(s),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        other => json(&format!("{other:?}")),
    }
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: xlsx_cells <file.xlsx>");
    let mut workbook: Xlsx<_> = open_workbook(&path).expect("a workbook calamine can read");
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&name).expect("a worksheet");
        // Rows from A1, so that row and column indices are the sheet's own.
        let (rows, cols) = range.end().map_or((0, 0), |(r, c)| (r as usize + 1, c as usize + 1));
        let mut out = Vec::with_capacity(rows);
        for r in 0..rows {
            let cells: Vec<String> =
                (0..cols).map(|c| range.get_value((r as u32, c as u32)).map_or("null".into(), cell)).collect();
            out.push(format!("[{}]", cells.join(",")));
        }
        sheets.push(format!("{}:[{}]", json(&name), out.join(",")));
    }
    println!("{{{}}}", sheets.join(","));
}
