//! Helpers shared by the batch's integration tests: a CSV of localities (`csv_text`), norm and field
//! indices by id, exact decimals, and a workbook's sheets read back with calamine.

#![allow(dead_code)] // each test file takes what it needs

use calamine::{Data, Reader, Xlsx};
use minzheng_core::NORMS;
use rust_decimal::Decimal;
use std::io::Cursor;
use std::str::FromStr;

const HEADER_IDS: &str = "name,resident_population,urban_resident_population,elderly_population,townships,subdistricts,counties,districts,households,current.community_workers";

fn row(name: &str, i: u32) -> String {
    format!("{name},{},{},{},{},5,1,0,{},{}", 500_000 + i, 231_109 + i, 123_456 + i, 10 + i % 7, 170_001 + i, 300 + i)
}

pub fn csv_text(names: &[&str]) -> String {
    let mut s = String::from(HEADER_IDS);
    s.push('\n');
    for (i, n) in names.iter().enumerate() {
        s.push_str(&row(n, i as u32));
        s.push('\n');
    }
    s
}

pub fn norm(id: &str) -> usize {
    NORMS.iter().position(|n| n.id == id).unwrap()
}

pub fn field(id: &str) -> usize {
    minzheng_core::inputs::field_index(id).unwrap()
}

pub fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

pub fn read_xlsx(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes.to_vec())).expect("a valid XLSX workbook")
}

pub fn sheet(bytes: &[u8], index: usize) -> Vec<Vec<Data>> {
    let mut wb = read_xlsx(bytes);
    let range = wb.worksheet_range_at(index).unwrap().unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}
