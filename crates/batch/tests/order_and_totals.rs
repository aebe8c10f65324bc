//! The results as the page orders, filters and totals them; an export read back, its 合计 row is not a
//! locality and its result columns are worked out afresh.

#[path = "support/common.rs"]
mod common;

use common::{csv_text, dec, norm};
use minzheng_batch::{write, Batch, Col, EncodingRs};
use minzheng_text::Lang;

#[test]
fn sorting_filtering_and_totals() {
    let text = csv_text(&["甲", "乙", "丙", ""]);
    let b = Batch::from_bytes(text.as_bytes(), &EncodingRs).unwrap();
    let cw = b.view_columns().into_iter().find(|c| *c == Col::Required(norm("community_workers"))).unwrap();
    // 231,109…231,112 urban residents × 18 ÷ 10,000 → 416, 416, 416, 417 (ties keep the file's order).
    assert_eq!(b.order(Some(cw), true, false), [3, 0, 1, 2]);
    assert_eq!(b.order(Some(cw), false, false), [0, 1, 2, 3]);
    assert_eq!(b.order(Some(Col::Name), false, false), [2, 1, 0, 3], "an empty name sorts last");
    assert_eq!(b.order(None, false, true).len(), 4);
    assert_eq!(b.total(cw), Some(dec("1665")));
    assert_eq!(b.total(Col::Required(norm("dibao_urban_next_year"))), None, "per-person standards do not add up");
}

#[test]
fn a_totals_row_is_not_a_locality_and_an_export_reads_back() {
    let b = Batch::from_bytes(csv_text(&["甲", "乙"]).as_bytes(), &EncodingRs).unwrap();
    let again = Batch::from_bytes(&write::to_csv(&b), &EncodingRs).unwrap();
    assert_eq!(again.rows(), 2);
    let notes: Vec<String> = again.notes.iter().map(|n| n.message(Lang::Zh)).collect();
    assert!(notes.iter().any(|n| n.contains("列是测算器导出的结果")), "{notes:?}");
    assert!(!notes.iter().any(|n| n.contains("不是测算器的字段")), "no result column is listed as unknown: {notes:?}");
    assert_eq!(again.results.names, ["甲", "乙"]);
    let cw = norm("community_workers");
    assert_eq!(again.results.required(0, cw), b.results.required(0, cw));
    let again = Batch::from_bytes(&write::to_xlsx(&b).unwrap(), &EncodingRs).unwrap();
    assert_eq!(again.rows(), 2, "the workbook's 合计 row is skipped");
    let notes: Vec<String> = again.notes.iter().map(|n| n.message(Lang::Zh)).collect();
    assert!(!notes.iter().any(|n| n.contains("不是测算器的字段")), "no result column is listed as unknown: {notes:?}");
    assert_eq!(again.results.gap(1, cw), b.results.gap(1, cw));
}

/// What is had and the gap add up over the localities whose requirement does: not where the norm does not apply
/// at the locality's level or waits for an input; and never for a per-person standard.
#[test]
fn current_and_gap_totals_count_the_rows_the_requirement_counts() {
    let csv = "name,level,townships,subdistricts,current.care_type_institutions,urban_dibao_monthly,current.low_income_line_urban\n\
               X县,county,10,0,1,600,800\n\
               Y区,district,0,5,5,600,800\n\
               Z镇,township,1,0,,,700\n\
               W,,,,4,,\n";
    let mut b = Batch::read(csv.as_bytes(), &EncodingRs).unwrap();
    b.compute_all();
    let care = norm("care_type_institutions");
    // Only the county needs one (a district has none of its own, W has no counts): 1 required, 1 had, gap 0.
    assert_eq!(b.total(Col::Required(care)), Some(dec("1")));
    assert_eq!(b.total(Col::Current(care)), Some(dec("1")), "not the district's 5 nor W's 4");
    assert_eq!(b.total(Col::Gap(care)), Some(dec("0")));
    let line = norm("low_income_line_urban");
    assert_eq!(b.total(Col::Required(line)), None);
    assert_eq!(b.total(Col::Current(line)), None, "standards per person do not add up");
    assert_eq!(b.total(Col::Gap(line)), None);
}
