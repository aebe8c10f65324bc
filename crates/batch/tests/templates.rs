//! The templates people fill in (CSV and XLSX): read back, each is one clean row, the example county with
//! its level.

#[path = "support/common.rs"]
mod common;

use calamine::Data;
use common::{field, norm, sheet};
use minzheng_batch::{write, Batch, EncodingRs};
use minzheng_core::engine::Status;
use minzheng_core::NORMS;

#[test]
fn the_templates_carry_the_level() {
    let csv = write::template_csv();
    let b = Batch::from_bytes(&csv, &EncodingRs).unwrap();
    let level =
        b.keys.iter().position(|k| *k == Some(minzheng_core::Key::Field(field("level")))).expect("a level column");
    assert_eq!(b.table.headers[level], "地区层级");
    assert_eq!(b.input_text(0, field("level")), "县");
    let xlsx = write::template_xlsx().unwrap();
    let bx = Batch::from_bytes(&xlsx, &EncodingRs).unwrap();
    assert_eq!(bx.input_text(0, field("level")), "县", "a text cell in the workbook");
    // The example is a county (县): the city-level norms are not applicable to it; the guide explains the column.
    assert_eq!(bx.results.status(0, norm("minor_rescue_facilities")), Status::NotApplicable);
    let guide = sheet(&xlsx, 1);
    let row = guide.iter().find(|r| r[1] == Data::String("level".into())).expect("the level in the guide");
    assert!(matches!(&row[4], Data::String(t) if t.starts_with("填以下之一：省（province）")), "{:?}", row[4]);
}

#[test]
fn templates_read_back_as_one_clean_row() {
    let csv = write::template_csv();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    let b = Batch::from_bytes(&csv, &EncodingRs).unwrap();
    assert_eq!(b.rows(), 1);
    assert_eq!(b.error_rows(), 0);
    assert!(b.keys.iter().all(Option::is_some), "every template column is recognised: {:?}", b.table.headers);
    assert_eq!(b.results.names, ["示例县"]);
    let xlsx = write::template_xlsx().unwrap();
    let bx = Batch::from_bytes(&xlsx, &EncodingRs).unwrap();
    assert_eq!(bx.rows(), 1);
    assert_eq!(bx.error_rows(), 0);
    for (n, norm) in NORMS.iter().enumerate() {
        assert_eq!(b.results.required(0, n), bx.results.required(0, n), "{}", norm.id);
    }
}
