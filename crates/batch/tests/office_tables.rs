//! Tables as statistics offices lay them out, which a first version misread without a word: a two-level
//! header whose second row says 合计 and 其中：城镇 under 常住人口; figures in 万人 given by a row of units
//! or a 单位：万人 line above the header; 全市 and 其中：市辖区 rows among the localities; a 续表 title
//! inside the table; percentages shown as 5.2% and stored as 0.052; a formula's cached 455120.00000000006.
//! Each one is written with rust_xlsxwriter (an independent writer) and read as a whole batch.

#[path = "support/common.rs"]
mod common;

use common::{dec, field, norm};
use minzheng_batch::read::{Format as FileFormat, Skip};
use minzheng_batch::Note;
use minzheng_batch::{Batch, EncodingRs};
use rust_xlsxwriter::{Format, Workbook, Worksheet};

const PLACES: [(&str, u32, u32, u32, u32, u32); 3] = [
    // name, 常住人口, 其中城镇, 60岁及以上, 其中80岁及以上, 养老床位
    ("铁东区", 462_345, 455_120, 128_456, 18_350, 3_200),
    ("台安县", 285_119, 121_543, 79_980, 11_425, 1_320),
    ("海城市", 1_018_320, 583_402, 262_871, 37_553, 5_230),
];

fn read(bytes: &[u8]) -> Batch {
    let mut b = Batch::read(bytes, &EncodingRs).unwrap_or_else(|e| panic!("{e}"));
    b.compute_all();
    b
}

fn text(ws: &mut Worksheet, row: u32, col: u16, s: &str) {
    ws.write_string(row, col, s).unwrap();
}

fn skipped(b: &Batch, why: Skip) -> Vec<u32> {
    b.table.skipped.iter().filter(|s| s.why == why).map(|s| s.row).collect()
}

#[test]
fn a_second_header_row_of_totals_and_parts_under_merged_groups() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let plain = Format::new();
    ws.merge_range(0, 0, 1, 0, "地区", &plain).unwrap();
    ws.merge_range(0, 1, 0, 2, "常住人口（人）", &plain).unwrap();
    ws.merge_range(0, 3, 0, 4, "60岁及以上人口（人）", &plain).unwrap();
    ws.merge_range(0, 5, 1, 5, "养老床位数（张）", &plain).unwrap();
    for (c, s) in [(1, "合计"), (2, "其中：城镇"), (3, "小计"), (4, "其中：80岁及以上")] {
        text(ws, 1, c, s);
    }
    for (i, p) in PLACES.iter().enumerate() {
        let r = 2 + i as u32;
        text(ws, r, 0, p.0);
        for (c, v) in [p.1, p.2, p.3, p.4, p.5].into_iter().enumerate() {
            ws.write_number(r, 1 + c as u16, v).unwrap();
        }
    }
    let b = read(&wb.save_to_buffer().unwrap());
    assert_eq!((b.table.header_first_row, b.table.header_row), (1, 2));
    assert_eq!(b.results.names, ["铁东区", "台安县", "海城市"]);
    for (i, p) in PLACES.iter().enumerate() {
        assert_eq!(b.input_text(i, field("resident_population")), p.1.to_string(), "{}", p.0);
        assert_eq!(b.input_text(i, field("urban_resident_population")), p.2.to_string(), "{}", p.0);
        assert_eq!(b.input_text(i, field("elderly_population")), p.3.to_string(), "{}", p.0);
        assert_eq!(b.input_text(i, field("eldercare_beds")), p.5.to_string(), "{}", p.0);
    }
    // 铁东区: 455,120 × 18 ÷ 10,000 = 819.216 → 820; 128,456 ÷ 1,000 → 129 (not 18,350's 19).
    assert_eq!(b.results.required(0, norm("community_workers")), Some(dec("820")));
    assert_eq!(b.results.required(0, norm("eldercare_social_workers_elderly")), Some(dec("129")));
}

#[test]
fn a_second_header_row_of_urban_rural_and_count_share() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let plain = Format::new();
    ws.merge_range(0, 0, 0, 6, "各县（市、区）常住人口及老龄化情况", &plain).unwrap();
    ws.merge_range(1, 0, 2, 0, "地区", &plain).unwrap();
    ws.merge_range(1, 1, 1, 3, "常住人口（人）", &plain).unwrap();
    ws.merge_range(1, 4, 1, 5, "60岁及以上老年人口", &plain).unwrap();
    ws.merge_range(1, 6, 2, 6, "养老机构床位数（张）", &plain).unwrap();
    for (c, s) in [(1, "合计"), (2, "城镇"), (3, "乡村"), (4, "人数"), (5, "占比（%）")] {
        text(ws, 2, c, s);
    }
    let p = PLACES[1];
    text(ws, 3, 0, p.0);
    for (c, v) in [p.1 as f64, p.2 as f64, (p.1 - p.2) as f64, p.3 as f64, 28.05, p.5 as f64].into_iter().enumerate() {
        ws.write_number(3, 1 + c as u16, v).unwrap();
    }
    let b = read(&wb.save_to_buffer().unwrap());
    assert_eq!(b.results.names, ["台安县"]);
    assert_eq!(b.input_text(0, field("resident_population")), "285119");
    assert_eq!(b.input_text(0, field("urban_resident_population")), "121543");
    assert_eq!(b.input_text(0, field("elderly_population")), "79980");
    assert_eq!(b.input_text(0, field("eldercare_beds")), "1320");
}

#[test]
fn figures_in_ten_thousands_by_a_row_of_units_are_refused_not_read_as_people() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    text(ws, 0, 0, "鞍山市各县（市、区）民政基础数据统计表");
    for (c, s) in
        ["地区", "常住人口", "城镇常住人口", "60岁及以上人口", "养老床位数", "城市低保标准"].iter().enumerate()
    {
        text(ws, 2, c as u16, s);
    }
    for (c, s) in ["", "万人", "万人", "万人", "张", "元"].iter().enumerate() {
        text(ws, 3, c as u16, s);
    }
    text(ws, 4, 0, "台安县");
    for (c, v) in [28.51, 12.15, 8.0, 1320.0, 780.0].into_iter().enumerate() {
        ws.write_number(4, 1 + c as u16, v).unwrap();
    }
    let b = read(&wb.save_to_buffer().unwrap());
    assert_eq!(b.results.names, ["台安县"]);
    assert_eq!(skipped(&b, Skip::Units), [4]);
    for id in ["resident_population", "urban_resident_population", "elderly_population"] {
        assert_eq!(b.input_text(0, field(id)), "", "{id} is in 万人: not read");
    }
    let refused: Vec<&str> = b
        .notes
        .iter()
        .filter_map(|n| match n {
            Note::WrongUnit { header, unit } if unit == "万人" => Some(header.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(refused.len(), 3, "{:?}", b.notes);
    // 8 万人 is not 8 people: no requirement from it. The beds and the 低保 standard (元) are read.
    assert_eq!(b.results.required(0, norm("eldercare_social_workers_elderly")), None);
    assert_eq!(b.results.required(0, norm("nursing_beds")), Some(dec("726")));
    assert_eq!(b.input_text(0, field("urban_dibao_monthly")), "780");
}

#[test]
fn a_units_line_above_the_header_applies_to_what_it_counts() {
    let csv =
        "表2  各县（市、区）常住人口情况\n,,,单位：万人\n地区,常住人口,城镇常住人口,养老床位数\n铁东区,46,46,3200\n";
    let b = read(csv.as_bytes());
    assert_eq!(b.results.names, ["铁东区"]);
    assert_eq!(b.input_text(0, field("resident_population")), "");
    assert_eq!(b.input_text(0, field("urban_resident_population")), "");
    // 床位 are counted in 张, not people: the line is not theirs.
    assert_eq!(b.input_text(0, field("eldercare_beds")), "3200");
    assert_eq!(b.results.required(0, norm("community_workers")), None);
}

#[test]
fn the_whole_area_its_parts_and_a_continued_title_are_not_localities() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, s) in ["地区", "常住人口（人）", "城镇常住人口（人）"].iter().enumerate() {
        text(ws, 0, c as u16, s);
    }
    let rows: [(&str, u32, u32); 7] = [
        ("全市", 1_765_784, 1_160_065),
        ("其中：市辖区", 730_665, 714_122),
        ("铁东区", 462_345, 455_120),
        ("表3 养老服务设施情况（续表）", 0, 0),
        ("台安县", 285_119, 121_543),
        ("全州县", 800_000, 300_000),
        ("全 省", 42_591_407, 30_000_000),
    ];
    for (i, (name, a, u)) in rows.iter().enumerate() {
        let r = 1 + i as u32;
        text(ws, r, 0, name);
        if *a > 0 {
            ws.write_number(r, 1, *a).unwrap();
            ws.write_number(r, 2, *u).unwrap();
        }
    }
    let b = read(&wb.save_to_buffer().unwrap());
    // 全州县 is a county of Guangxi, not 全州 (the whole prefecture).
    assert_eq!(b.results.names, ["铁东区", "台安县", "全州县"]);
    assert_eq!(skipped(&b, Skip::Totals), [2, 3, 8]);
    assert_eq!(skipped(&b, Skip::Continued), [5]);
}

#[test]
fn percentages_are_read_as_shown_and_cached_results_as_excel_shows_them() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let percent = Format::new().set_num_format("0.0%");
    let builtin = Format::new().set_num_format_index(10); // 0.00%
    let quoted = Format::new().set_num_format("0.0\"%\""); // a % in quotes is text: the number is as stored
    for (c, s) in [
        "地区",
        "城市低保标准",
        "城镇居民人均消费支出增速",
        "农村低保标准",
        "农村居民人均消费支出增速",
        "常住人口",
        "城镇常住人口",
    ]
    .iter()
    .enumerate()
    {
        text(ws, 0, c as u16, s);
    }
    text(ws, 1, 0, "铁东区");
    ws.write_number(1, 1, 780).unwrap();
    ws.write_number_with_format(1, 2, 0.052, &percent).unwrap();
    ws.write_number(1, 3, 6000).unwrap();
    ws.write_number_with_format(1, 4, 0.048, &builtin).unwrap();
    // What a formula leaves in its cell (Excel shows 455120 and 1850).
    ws.write_number(1, 5, 455_120.000_000_000_06).unwrap();
    ws.write_number(1, 6, 1_849.999_999_999_999_8).unwrap();
    text(ws, 2, 0, "台安县");
    ws.write_number_with_format(2, 2, 5.2, &quoted).unwrap();
    let b = read(&wb.save_to_buffer().unwrap());
    assert_eq!(b.input_text(0, field("urban_consumption_growth_pct")), "5.2%");
    assert_eq!(b.input_text(0, field("rural_consumption_growth_pct")), "4.8%");
    // 780 × 1.052 = 820.56; 6,000 × 1.048 = 6,288.
    assert_eq!(b.results.required(0, norm("dibao_urban_next_year")), Some(dec("820.56")));
    assert_eq!(b.results.required(0, norm("dibao_rural_next_year")), Some(dec("6288")));
    assert_eq!(b.input_text(0, field("resident_population")), "455120");
    assert_eq!(b.input_text(0, field("urban_resident_population")), "1850");
    // 1,850 × 18 ÷ 10,000 = 3.33 → 4
    assert_eq!(b.results.required(0, norm("community_workers")), Some(dec("4")));
    assert_eq!(b.input_text(1, field("urban_consumption_growth_pct")), "5.2");
}

/// What a web system exports as 统计表.xls: an HTML page in GBK, a two-level header by colspan and rowspan.
#[test]
fn a_web_page_table_saved_as_xls_is_read_as_its_table() {
    let page = "<html><head><meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">\
        <style>.x{mso-number-format:\"\\@\";}</style></head><body>\
        <table border=1><tr><td colspan=4>各县（市、区）人口情况</td></tr>\
        <tr><th rowspan=2>地区</th><th colspan=2>常住人口（人）</th><th rowspan=2>养老床位数（张）</th></tr>\
        <tr><th>合计</th><th>其中：城镇</th></tr>\
        <tr><td>铁东区</td><td x:num>462,345</td><td>455120</td><td>3200</td></tr>\
        <tr><td>台安县</td><td>285119</td><td>121543</td><td>1320</td></tr>\
        <tr><td>合计</td><td>747464</td><td>576663</td><td>4520</td></tr></table></body></html>";
    let (gbk, _, _) = encoding_rs::GBK.encode(page);
    let b = read(&gbk);
    assert_eq!(b.table.format, FileFormat::Html);
    assert_eq!(b.results.names, ["铁东区", "台安县"]);
    assert_eq!(b.input_text(0, field("resident_population")), "462,345");
    assert_eq!(b.input_text(1, field("urban_resident_population")), "121543");
    // 455,120 × 18 ÷ 10,000 = 819.216 → 820; 0.55 × 1,320 = 726.
    assert_eq!(b.results.required(0, norm("community_workers")), Some(dec("820")));
    assert_eq!(b.results.required(1, norm("nursing_beds")), Some(dec("726")));
    assert_eq!(skipped(&b, Skip::Totals), [6]);
}

#[test]
fn an_xml_spreadsheet_2003_is_read_as_a_workbook() {
    let book = r#"<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Styles><Style ss:ID="p"><NumberFormat ss:Format="Percent"/></Style></Styles>
 <Worksheet ss:Name="数据"><Table>
  <Row><Cell><Data ss:Type="String">地区</Data></Cell><Cell><Data ss:Type="String">城市低保标准</Data></Cell>
   <Cell><Data ss:Type="String">城镇居民人均消费支出增速</Data></Cell><Cell><Data ss:Type="String">城镇常住人口</Data></Cell></Row>
  <Row><Cell><Data ss:Type="String">铁东区</Data></Cell><Cell><Data ss:Type="Number">780</Data></Cell>
   <Cell ss:StyleID="p"><Data ss:Type="Number">0.052</Data></Cell><Cell><Data ss:Type="Number">455120.00000000006</Data></Cell></Row>
 </Table></Worksheet></Workbook>"#;
    let b = read(book.as_bytes());
    assert_eq!(b.table.format, FileFormat::Xml2003);
    assert_eq!(b.results.names, ["铁东区"]);
    // 780 × 1.052 = 820.56; 455,120 × 18 ÷ 10,000 → 820
    assert_eq!(b.results.required(0, norm("dibao_urban_next_year")), Some(dec("820.56")));
    assert_eq!(b.results.required(0, norm("community_workers")), Some(dec("820")));
}

#[test]
fn a_pdf_is_refused_saying_what_it_is() {
    let Err(e) = Batch::read(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj", &EncodingRs) else {
        panic!("a PDF read as a table")
    };
    assert_eq!(e, minzheng_batch::BatchError::Pdf);
    assert!(
        e.message(minzheng_text::Lang::Zh).starts_with("这是 PDF 文件，不是表格"),
        "{}",
        e.message(minzheng_text::Lang::Zh)
    );
}
