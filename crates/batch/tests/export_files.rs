//! The batch's CSV and XLSX exports read back by independent readers (csv, calamine): the engine's values
//! in a CSV → results → XLSX round trip, one CSV column per norm id (CONTRACT.md §3), the workbook's
//! frozen header, autofilter and number formats, and a text too long for an XLSX cell. The workbooks
//! people read and print are in exports.rs.

#[path = "support/common.rs"]
mod common;

use calamine::{Data, Reader};
use common::{csv_text, read_xlsx, sheet};
use minzheng_batch::{write, Batch, Col, EncodingRs};
use minzheng_core::{compute, NORMS};
use minzheng_text::Lang;

#[test]
fn csv_to_results_to_xlsx_round_trip_matches_engine_compute() {
    let header = [
        "地区名称",
        "常住人口（人）",
        "城镇常住人口（人）",
        "户籍人口（人）",
        "居民户数（户）",
        "60周岁及以上老年人口（人）",
        "地级市个数（个）",
        "县和县级市个数（个）",
        "市辖区个数（个）",
        "乡镇个数（乡、镇）（个）",
        "街道个数（个）",
        "城市社区个数（个）",
        "农村社区（行政村）个数（个）",
        "城乡社区综合服务设施个数（个）",
        "县级以上婚姻登记机关个数（个）",
        "县级儿童福利机构个数（个）",
        "养老机构床位数（张）",
        "年新增骨灰安葬（放）数（例）",
        "城市低保标准（元/人/月）",
        "农村低保标准（元/人/年）",
        "城镇居民上年度人均消费支出增速（%）",
        "农村居民上年度人均消费支出增速（%）",
        "孤儿基本生活养育标准（元/人/月）",
        "上年度当地社会平均工资（元/年）",
        "现有城镇社区工作者（人）",
    ];
    let ids = [
        "name",
        "resident_population",
        "urban_resident_population",
        "registered_population",
        "households",
        "elderly_population",
        "prefecture_cities",
        "counties",
        "districts",
        "townships",
        "subdistricts",
        "urban_communities",
        "rural_communities",
        "community_service_facilities",
        "marriage_registries",
        "county_child_welfare_institutions",
        "eldercare_beds",
        "annual_ashes_placements",
        "urban_dibao_monthly",
        "rural_dibao_annual",
        "urban_consumption_growth_pct",
        "rural_consumption_growth_pct",
        "orphan_standard_monthly",
        "average_wage_annual",
        "current.community_workers",
    ];
    let mut rows: Vec<Vec<String>> = Vec::new();
    for i in 0..60u64 {
        let mut r = vec![format!("地区{i}")];
        for (k, _) in ids.iter().enumerate().skip(1) {
            let v = match k {
                18 | 19 | 22 => format!("{}.{}", 500 + i * 7 + k as u64, i % 100),
                20 | 21 => format!("{}.{}", 3 + i % 5, i % 10),
                24 => format!("{}", 100 + i * 3),
                2 | 5 => format!("{}", 10_000 + i * 977),
                _ => format!("{}", 20_000 + i * 1_231 + k as u64 * 17),
            };
            r.push(v);
        }
        if i == 7 {
            r[1] = "很多".into(); // an input error on row 9
        }
        rows.push(r);
    }
    let mut text = header.join(",");
    text.push('\n');
    for r in &rows {
        text.push_str(&r.join(","));
        text.push('\n');
    }
    let b = Batch::from_bytes(text.as_bytes(), &EncodingRs).unwrap();
    assert_eq!(b.rows(), 60);
    assert_eq!(b.error_rows(), 1);
    assert_eq!(b.results.errors[0].row, 9);
    let xlsx = write::to_xlsx(&b).unwrap();
    let cells = sheet(&xlsx, 0);
    let cols = b.export_columns();
    let headers: Vec<String> = cells[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(headers, cols.iter().map(|c| c.header_zh()).collect::<Vec<_>>());
    assert_eq!(cells.len(), 1 + 60 + 1, "header, rows, totals");
    let mut compared = 0;
    for (i, r) in rows.iter().enumerate() {
        let values: Vec<&str> = r.iter().map(String::as_str).collect();
        let engine = compute(ids.iter().copied().zip(values.iter().copied()));
        for (c, col) in cols.iter().enumerate() {
            let (Col::Required(n) | Col::RequiredMax(n)) = *col else { continue };
            let result = &engine.results[n];
            let expected = if matches!(col, Col::Required(_)) { &result.required } else { &result.required_max };
            let got = &cells[i + 1][c];
            match expected {
                Some(v) => {
                    assert_eq!(got, &Data::Float(v.to_string().parse::<f64>().unwrap()), "row {i} column {}", col.id());
                    compared += 1;
                }
                None => assert_eq!(got, &Data::Empty, "row {i} column {}", col.id()),
            }
        }
    }
    assert!(compared > 60 * 30, "compared {compared} values");
    // Totals row and the quotes sheet.
    assert_eq!(cells[61][0], Data::String("合计".into()));
    let quotes = sheet(&xlsx, 1);
    assert_eq!(quotes.len(), 1 + NORMS.len());
    assert_eq!(quotes[1][0], Data::String(NORMS[0].id.into()));
    assert_eq!(quotes[1][9], Data::String(NORMS[0].basis().quotes.join("\n")));
    let errors = sheet(&xlsx, 2);
    assert_eq!(errors[1][0], Data::Float(9.0));
    assert_eq!(errors[1][2], Data::String("resident_population".into()));
}

#[test]
fn a_text_longer_than_a_cell_holds_refuses_the_xlsx_but_not_the_csv() {
    let long = "长".repeat(32_768);
    let b = Batch::from_bytes(format!("name,resident_population\n{long},1000\n").as_bytes(), &EncodingRs).unwrap();
    let e = write::to_xlsx(&b).unwrap_err();
    assert!(e.message(Lang::Zh).contains("32767") && e.message(Lang::En).contains("CSV"), "{e}");
    assert!(write::to_csv(&b).len() > 32_768 * 3);
    let fits =
        Batch::from_bytes(format!("name,resident_population\n{},1000\n", &long[3..]).as_bytes(), &EncodingRs).unwrap();
    assert!(write::to_xlsx(&fits).is_ok());
}

#[test]
fn exported_workbook_has_frozen_header_autofilter_and_number_formats() {
    let b = Batch::from_bytes(csv_text(&["甲", "乙"]).as_bytes(), &EncodingRs).unwrap();
    let xlsx = write::to_xlsx(&b).unwrap();
    let mut wb = read_xlsx(&xlsx);
    assert_eq!(wb.sheet_names(), ["测算结果", "指标依据", "输入错误", "列说明"]);
    let mut archive = minzheng_batch::xlsx::zip::Archive::new(&xlsx).unwrap();
    let part = |a: &mut minzheng_batch::xlsx::zip::Archive, name: &str| {
        let i = a.find(name).unwrap();
        String::from_utf8(a.read(i).unwrap()).unwrap()
    };
    let sheet = part(&mut archive, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"<pane xSplit="2" ySplit="1" topLeftCell="C2" activePane="bottomRight" state="frozen"/>"#));
    assert!(sheet.contains(r#"<row r="1" ht="48" customHeight="1">"#));
    assert!(sheet.contains(r#"<autoFilter ref="A1:"#));
    assert!(!sheet.contains("<f>"), "no formulas");
    let styles = part(&mut archive, "xl/styles.xml");
    for format in [r#"numFmtId="3""#, r#"numFmtId="4""#, r#"numFmtId="49""#, "FFDDEBF7", "<b/>"] {
        assert!(styles.contains(format), "{format}");
    }
    // No `#,##0.##`: Excel shows a whole number in it with a trailing point ("2.").
    assert!(!styles.contains("#,##0.##"));
    let xfs = styles.matches("<xf ").count() - 1; // less the one cell style
    assert!(styles.contains(&format!(r#"<cellXfs count="{xfs}">"#)), "the count names every cell format");
    let workbook = part(&mut archive, "xl/workbook.xml");
    assert!(workbook.contains("_xlnm._FilterDatabase"));
    let _ = wb.worksheet_range_at(0).unwrap().unwrap();
}

/// CONTRACT.md §3 "Spreadsheet": results come back with one column per norm id (the required value),
/// plus the inputs and per-row errors. The CSV is headed by those ids; the values are the engine's.
#[test]
fn csv_export_has_one_column_per_norm_id() {
    let text = "name,urban_resident_population,eldercare_beds,current.community_workers,townships\n甲,231109,206000,400,x\n乙,10001,,500,3\n";
    let b = Batch::from_bytes(text.as_bytes(), &EncodingRs).unwrap();
    let csv = write::to_csv(&b);
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(&csv[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    for n in NORMS.iter() {
        assert!(header.iter().any(|h| h == n.id), "a column for {}", n.id);
    }
    for id in [
        "row",
        "name",
        "urban_resident_population",
        "eldercare_beds",
        "townships",
        "current.community_workers",
        "gap.community_workers",
        "status.community_workers",
        "emergency_eldercare_facilities.max",
        "errors",
    ] {
        assert!(header.iter().any(|h| h == id), "a column {id}");
    }
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 2);
    let at = |row: usize, id: &str| rows[row][header.iter().position(|h| h == id).unwrap()].to_string();
    assert_eq!(at(0, "name"), "甲");
    // 231,109 × 18 ÷ 10,000 = 415.9962 → 416 people; 206,000 beds ÷ 100 → 2,060; 10,001 → 18.0018 → 19.
    assert_eq!(at(0, "community_workers"), "416");
    assert_eq!(at(0, "eldercare_social_workers_beds"), "2060");
    assert_eq!(at(1, "community_workers"), "19");
    assert_eq!(at(0, "gap.community_workers"), "16");
    assert_eq!(at(1, "gap.community_workers"), "0");
    assert_eq!(at(0, "status.community_workers"), "unmet", "the contract's status values");
    assert_eq!(at(1, "status.community_workers"), "met");
    assert_eq!(at(1, "eldercare_social_workers_beds"), "", "no beds given: no value");
    assert!(
        at(0, "errors").contains("townships") || at(0, "errors").contains("乡镇"),
        "the row's error: {}",
        at(0, "errors")
    );
    assert_eq!(at(1, "errors"), "");
}
