//! The workbooks people read and print, read back with calamine (values, statuses) and as XML (the marking
//! of 未达标, the print setup): one locality's workbook, the batch export's marking and print setup, its
//! 指标依据 sheet's formulas in words, and the final evaluation's template.

use calamine::{Data, Reader};
use minzheng_batch::{write, Batch, EncodingRs};
use minzheng_core::engine::Status;
use minzheng_core::NORMS;
use minzheng_text::Lang;
use rust_decimal::Decimal;
use std::str::FromStr;

#[path = "support/common.rs"]
mod common;
#[path = "support/county.rs"]
mod county;
use common::{norm, read_xlsx, sheet as rows};
use county::COUNTY;

fn sheet_names(bytes: &[u8]) -> Vec<String> {
    read_xlsx(bytes).sheet_names()
}

/// A part of the workbook as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = minzheng_batch::xlsx::zip::Archive::new(bytes).unwrap();
    let i = archive.find(name).unwrap();
    String::from_utf8(archive.read(i).unwrap()).unwrap()
}

fn s(text: &str) -> Data {
    Data::String(text.into())
}

fn n(v: f64) -> Data {
    Data::Float(v)
}

/// The row whose column `col` is `text`.
fn row_of<'a>(rows: &'a [Vec<Data>], col: usize, text: &str) -> (usize, &'a Vec<Data>) {
    rows.iter().enumerate().find(|(_, r)| r.get(col) == Some(&s(text))).unwrap_or_else(|| panic!("a row {text}"))
}

/// The style index of cell `cell` (`H18`) in a sheet's XML.
fn style_of(sheet: &str, cell: &str) -> String {
    let at = sheet.find(&format!("<c r=\"{cell}\"")).unwrap_or_else(|| panic!("cell {cell}"));
    let rest = &sheet[at..];
    let end = rest.find('>').unwrap();
    let tag = &rest[..end];
    tag.split(" s=\"").nth(1).map(|t| t.split('"').next().unwrap().to_string()).unwrap_or_else(|| "0".into())
}

/// The `cellXfs` entry `index` of the styles.
fn xf(styles: &str, index: usize) -> String {
    let xfs = styles.split("<cellXfs").nth(1).unwrap();
    let entries: Vec<&str> = xfs.split("<xf ").skip(1).collect();
    entries[index].to_string()
}

#[test]
fn a_locality_workbook_is_the_summary_table_then_the_working() {
    let bytes = write::locality_xlsx(COUNTY, Lang::Zh, "2026-12-03").unwrap();
    assert_eq!(sheet_names(&bytes), ["主要指标完成情况", "输入与测算依据"]);
    let summary = rows(&bytes, 0);
    assert_eq!(summary[0][0], s("示例县民政规划主要指标完成情况表"));
    let Data::String(subtitle) = &summary[1][0] else { panic!("a subtitle") };
    assert!(subtitle.contains("2026-12-03") && subtitle.contains("县/县级市") && subtitle.contains("第十四个五年规划"));
    assert_eq!(summary[2][0], s("达标 2 项，未达标 2 项，未填现有值 21 项，缺少输入 12 项"));
    let header: Vec<Data> = ["序号", "指标", "属性", "单位", "规划要求", "现有", "差距", "状态"].map(s).to_vec();
    assert_eq!(summary[3], header);
    assert_eq!(summary[4][0], s("基本民生保障"));
    // 231,109 × 18 ÷ 10,000 = 415.9962 → 416; 400 is 16 short.
    let (_, workers) = row_of(&summary, 1, "城镇社区工作者");
    assert_eq!(
        workers[2..],
        [s(""), s("人"), s("≥ 416"), n(400.0), n(16.0), s("未达标")].map(|d| if d == s("") { Data::Empty } else { d })
    );
    // 0.55 × 3,200 = 1,760 beds; 1,800 meet it.
    let (_, beds) = row_of(&summary, 1, "护理型床位");
    assert_eq!(beds[2..], [s("约束性"), s("张"), s("≥ 1,760"), n(1800.0), n(0.0), s("达标")]);
    // 672 × 1.05 = 705.6 yuan; 700 is 5.60 short.
    let (_, dibao) = row_of(&summary, 1, "城市低保标准（下年度）");
    assert_eq!(dibao[4..], [s("≥ 705.6"), n(700.0), n(5.6), s("未达标")]);
    let (_, emergency) = row_of(&summary, 1, "应急储备养老服务设施");
    assert_eq!(emergency[4], s("1 至 2"));
    let (_, rescue) = row_of(&summary, 1, NORMS[norm("minor_rescue_facilities")].name_zh);
    assert_eq!((&rescue[4], &rescue[7]), (&s("不适用"), &s("不适用")), "a county has no city-level norm");
    let (_, pay) = row_of(&summary, 1, NORMS[norm("community_worker_pay")].name_zh);
    assert_eq!((&pay[4], &pay[7]), (&s("缺少：上年度当地社会平均工资"), &s("缺少输入")));
    // Every norm once, numbered 1–39 as the page's table numbers them: the norms worked out first, then those
    // waiting for an input or not applicable; each part in the plan's chapter order, then the ruleset's.
    let numbered: Vec<&Vec<Data>> = summary.iter().filter(|r| matches!(r[0], Data::Float(_))).collect();
    assert_eq!(numbered.len(), NORMS.len());
    for (i, r) in numbered.iter().enumerate() {
        assert_eq!(r[0], n(i as f64 + 1.0));
    }
    let c = minzheng_core::compute(COUNTY.iter().copied());
    let mut expected = Vec::new();
    for worked_out in [true, false] {
        for group in minzheng_core::rules::Group::ALL {
            expected.extend(
                c.results.iter().filter(|r| r.status.has_required() == worked_out && NORMS[r.norm].group == group),
            );
        }
    }
    for (k, r) in expected.iter().enumerate() {
        assert_eq!(numbered[k][1], s(NORMS[r.norm].name_zh), "序号 {}", k + 1);
    }
    assert!(summary
        .iter()
        .any(|r| r[0] == s("填报单位（盖章）：　　　　　　　　填表人：　　　　　　审核人：　　　　　　日期：")));

    // The 未达标 rows are shaded and say so; the others are not.
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    let styles = part(&bytes, "xl/styles.xml");
    let (r, _) = row_of(&summary, 1, "城镇社区工作者");
    let (met, _) = row_of(&summary, 1, "护理型床位");
    let unmet_status = style_of(&sheet, &format!("H{}", r + 1));
    assert!(xf(&styles, unmet_status.parse().unwrap()).contains(r#"fillId="4""#), "the status cell is filled");
    for col in ["A", "B", "E", "F", "G"] {
        let style: usize = style_of(&sheet, &format!("{col}{}", r + 1)).parse().unwrap();
        assert!(xf(&styles, style).contains(r#"fillId="4""#), "{col}: the unmet row is filled");
        let style: usize = style_of(&sheet, &format!("{col}{}", met + 1)).parse().unwrap();
        assert!(!xf(&styles, style).contains(r#"fillId="4""#), "{col}: a met row is not");
    }
    assert!(styles.contains(r#"<fgColor rgb="FFFFC7CE"/>"#));
    // A4 portrait, one page wide, the header row on every page, page numbers, the title merged over the table.
    assert!(sheet.contains(r#"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#));
    assert!(sheet.contains(r#"<pageSetup paperSize="9" orientation="portrait" fitToWidth="1" fitToHeight="0"/>"#));
    assert!(sheet.contains("<oddFooter>&amp;C第 &amp;P 页 共 &amp;N 页</oddFooter>"));
    assert!(sheet.contains(r#"<mergeCell ref="A1:H1"/>"#));
    assert!(sheet.contains(r#"<pane ySplit="4" topLeftCell="A5" activePane="bottomLeft" state="frozen"/>"#));
    let workbook = part(&bytes, "xl/workbook.xml");
    assert!(workbook
        .contains(r#"<definedName name="_xlnm.Print_Titles" localSheetId="0">'主要指标完成情况'!$4:$4</definedName>"#));
    let details = part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(details.contains(r#"orientation="landscape" fitToWidth="1" fitToHeight="0""#));

    // Sheet 2: the inputs (typed or default), then each norm's formula in words, working, citation and quote.
    let detail = rows(&bytes, 1);
    assert_eq!(detail[0][0], s("示例县民政规划指标测算依据"));
    let (_, urban) = row_of(&detail, 1, "城镇常住人口");
    assert_eq!(urban[2..], [n(231109.0), s("人"), s("填写"), s("urban_resident_population")]);
    let (_, counties) = row_of(&detail, 1, "县和县级市个数");
    assert_eq!((&counties[2], &counties[4]), (&n(1.0), &s("默认值")), "a county's count from its level");
    let (_, base) = row_of(&detail, 1, "全省常住人口（分摊基数）");
    assert_eq!(base[2], n(42591407.0));
    let (_, workers) = row_of(&detail, 1, "城镇社区工作者");
    assert_eq!(workers[2], s("城镇常住人口 × 每万名城镇常住人口社区工作者数（18） ÷ 10,000"));
    assert_eq!(workers[3], s("231,109 × 18 ÷ 10,000 = 415.9962 → 416 人"));
    assert_eq!(workers[4], s(NORMS[norm("community_workers")].basis().citation_zh));
    assert_eq!(workers[5], s(&NORMS[norm("community_workers")].basis().quotes.join("\n")));
    let (_, dibao) = row_of(&detail, 1, "城市低保标准（下年度）");
    assert_eq!(dibao[2], s("城市低保标准 × (1 + 城镇居民上年度人均消费支出增速 ÷ 100)"));
    let (_, range) = row_of(&detail, 1, "应急储备养老服务设施");
    let Data::String(working) = &range[3] else { panic!("a working") };
    assert_eq!(working.lines().count(), 2, "both ends of a range: {working}");
    let (_, rescue) = row_of(&detail, 1, NORMS[norm("minor_rescue_facilities")].name_zh);
    assert!(matches!(&rescue[3], Data::String(t) if t.starts_with("不适用\n")), "with the level note: {:?}", rescue[3]);
}

#[test]
fn a_locality_workbook_in_english_unnamed_and_with_a_bad_figure() {
    let mut pairs: Vec<(&str, &str)> = COUNTY.iter().copied().filter(|(k, _)| *k != "name").collect();
    pairs.push(("households", "abc"));
    let bytes = write::locality_xlsx(pairs.iter().copied(), Lang::En, "2026-12-03").unwrap();
    assert_eq!(sheet_names(&bytes), ["Targets", "Inputs and working"]);
    let summary = rows(&bytes, 0);
    assert_eq!(summary[0][0], s("This locality: civil-affairs plan targets"));
    assert_eq!(summary[3][7], s("Status"));
    let (_, workers) = row_of(&summary, 1, "Community workers");
    assert_eq!(workers[4..], [s("≥ 416"), n(400.0), n(16.0), s("Unmet")]);
    // The bad figure is named on the second sheet; what needs it says so; the rest still computes.
    let detail = rows(&bytes, 1);
    assert!(detail.iter().any(|r| matches!(&r[0], Data::String(t) if t.starts_with("Households"))), "the error");
    let floor = NORMS[norm("community_service_floor_area")].name_en;
    let (_, area) = row_of(&summary, 1, floor);
    assert_eq!(area[7], s("Missing input"));
    assert_eq!(write::locality_file_name("", Lang::Zh), "本地区-民政规划指标");
    assert_eq!(write::locality_file_name(" 铁岭/开原 ", Lang::Zh), "铁岭_开原-民政规划指标");
    assert_eq!(write::locality_file_name("Kaiyuan", Lang::En), "Kaiyuan-civil-affairs-targets");
}

fn batch_csv() -> String {
    "name,resident_population,urban_resident_population,townships,subdistricts,current.community_workers\n\
     甲县,500000,231109,12,5,400\n\
     乙区,300000,100000,0,8,200\n"
        .to_string()
}

#[test]
fn the_batch_export_marks_unmet_in_words_and_prints_on_a4() {
    let b = Batch::from_bytes(batch_csv().as_bytes(), &EncodingRs).unwrap();
    let bytes = write::to_xlsx(&b).unwrap();
    let results = rows(&bytes, 0);
    let status = results[0].iter().position(|h| *h == s("城镇社区工作者达标情况")).unwrap();
    let gap = results[0].iter().position(|h| *h == s("城镇社区工作者缺口（人）")).unwrap();
    // 416 required, 400 current: unmet; 100,000 × 18 ÷ 10,000 = 180 ≤ 200: met.
    assert_eq!((&results[1][status], &results[1][gap]), (&s("未达标"), &n(16.0)));
    assert_eq!((&results[2][status], &results[2][gap]), (&s("达标"), &n(0.0)));
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    let styles = part(&bytes, "xl/styles.xml");
    let cell = |col: usize, row: u32| {
        let mut name = Vec::new();
        minzheng_batch::xlsx::column_name(col as u32, &mut name);
        format!("{}{row}", String::from_utf8(name).unwrap())
    };
    let filled = |cell: &str| xf(&styles, style_of(&sheet, cell).parse().unwrap()).contains(r#"fillId="4""#);
    assert!(filled(&cell(status, 2)) && filled(&cell(gap, 2)), "the unmet status and gap are filled");
    assert!(!filled(&cell(status, 3)) && !filled(&cell(gap, 3)), "the met ones are not");
    assert!(sheet.contains(r#"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#));
    assert!(sheet.contains(r#"<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>"#));
    assert!(sheet.contains(r#"<pane xSplit="2" ySplit="1" topLeftCell="C2" activePane="bottomRight" state="frozen"/>"#));
    let workbook = part(&bytes, "xl/workbook.xml");
    assert!(workbook.contains(
        r#"<definedName name="_xlnm.Print_Titles" localSheetId="0">'测算结果'!$A:$B,'测算结果'!$1:$1</definedName>"#
    ));
    assert!(workbook.contains(r#"<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">"#));
    assert!(
        workbook.contains(r#"<definedName name="_xlnm.Print_Titles" localSheetId="1">'指标依据'!$1:$1</definedName>"#)
    );
    let basis_xml = part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(basis_xml.contains(r#"<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>"#));
    assert!(basis_xml.contains(r#"customHeight="1""#), "rows as tall as their quotes");

    // 指标依据: each formula in words, with the quote and the clause; the ruleset's own form in the last column.
    let basis = rows(&bytes, 1);
    assert_eq!((&basis[0][3], &basis[0][14]), (&s("计算公式"), &s("计算公式（字段 id）")));
    let dibao = norm("dibao_urban_next_year");
    assert_eq!(basis[1 + dibao][3], s("城市低保标准 × (1 + 城镇居民上年度人均消费支出增速 ÷ 100)"));
    assert_eq!(basis[1 + dibao][8], s(NORMS[dibao].basis().citation_zh));
    assert_eq!(basis[1 + dibao][9], s(&NORMS[dibao].basis().quotes.join("\n")));
    assert_eq!(basis[1 + dibao][14], s(NORMS[dibao].formula));
    for (i, norm) in NORMS.iter().enumerate() {
        let Data::String(words) = &basis[1 + i][3] else { panic!("{}: a formula", norm.id) };
        assert!(!words.contains('_') && !words.contains('*'), "{}: {words}", norm.id);
    }
}

#[test]
fn the_template_has_every_field_and_all_39_current_columns_grouped() {
    let bytes = write::template_xlsx().unwrap();
    let sheet = rows(&bytes, 0);
    let (groups, headers, example) = (&sheet[0], &sheet[1], &sheet[2]);
    let currents = headers.iter().filter(|h| matches!(h, Data::String(t) if t.starts_with("现有"))).count();
    assert_eq!(currents, NORMS.len());
    assert_eq!(headers.len(), minzheng_core::inputs::FIELDS.len() + NORMS.len());
    assert_eq!((&groups[0], &groups[2]), (&s("地区"), &s("人口")));
    for group in ["现有配置：基本民生保障", "现有配置：基层社会治理", "现有配置：基本社会服务", "现有配置：养老服务"]
    {
        assert_eq!(groups.iter().filter(|g| **g == s(group)).count(), 1, "{group}: one merged cell");
    }
    assert!(headers.contains(&s("现有城镇社区工作者（人）")) && headers.contains(&s("常住人口（人）")));
    assert_eq!(example[0], s("示例县"));
    let xml = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(xml.contains(r#"<mergeCell ref="A1:B1"/>"#), "地区 over name and level");
    assert!(xml.contains(r#"<pane xSplit="1" ySplit="2" topLeftCell="B3" activePane="bottomRight" state="frozen"/>"#));

    // Read back: the header is row 2 (the groups above it are passed over), every column is recognised, one
    // example locality, and the example's current values are judged.
    let b = Batch::from_bytes(&bytes, &EncodingRs).unwrap();
    assert_eq!((b.table.header_row, b.rows(), b.error_rows()), (2, 1, 0));
    assert!(b.keys.iter().all(Option::is_some), "every column recognised: {:?}", b.table.headers);
    assert!((0..NORMS.len()).all(|n| b.has_current(n)));
    assert_eq!(b.results.names, ["示例县"]);
    let workers = norm("community_workers");
    assert_eq!(b.results.status(0, workers), Status::Unmet);
    assert_eq!(b.results.gap(0, workers), Some(Decimal::from_str("16").unwrap()));
    let unmet: Vec<&str> =
        (0..NORMS.len()).filter(|&n| b.results.status(0, n) == Status::Unmet).map(|n| NORMS[n].id).collect();
    assert_eq!(unmet, ["social_work_stations", "community_workers", "nursing_beds"]);
    let not_applicable = (0..NORMS.len()).filter(|&n| b.results.status(0, n) == Status::NotApplicable).count();
    let met = (0..NORMS.len()).filter(|&n| b.results.status(0, n) == Status::Met).count();
    assert_eq!(met + not_applicable + unmet.len(), NORMS.len(), "the rest meet their requirement or do not apply");
    assert!(not_applicable > 0);

    // The CSV template: the same columns (no group row), the same example, the same results.
    let csv = write::template_csv();
    let c = Batch::from_bytes(&csv, &EncodingRs).unwrap();
    assert_eq!(c.table.headers.len(), headers.len());
    for (h, x) in c.table.headers.iter().zip(headers) {
        assert_eq!(&s(h), x);
    }
    for (n, norm) in NORMS.iter().enumerate() {
        assert_eq!(
            (c.results.required(0, n), c.results.status(0, n)),
            (b.results.required(0, n), b.results.status(0, n)),
            "{}",
            norm.id
        );
    }

    // 填表说明: what 现有 means for the evaluation, and each 现有 column's unit and requirement in words.
    assert_eq!(sheet_names(&bytes), ["填报", "填表说明"]);
    let guide = rows(&bytes, 1);
    assert!(guide.iter().any(|r| matches!(&r[0], Data::String(t) if t.contains("2025 年末实际数"))));
    let (_, row) = row_of(&guide, 1, "current.community_workers");
    assert_eq!(row[3], s("人"));
    assert_eq!(
        row[4],
        s("规划要求：不低于 城镇常住人口 × 每万名城镇常住人口社区工作者数（18） ÷ 10,000（第三章第二节）")
    );
}

/// A locality's name is a text cell in the text format (`@`) in its workbook, as in the batch export: a name
/// such as `=HYPERLINK("x")` is stored as text, and editing the cell keeps it text.
#[test]
fn a_locality_name_is_text_that_stays_text() {
    let bytes = write::locality_xlsx(
        [("name", "=HYPERLINK(\"x\",\"y\")"), ("resident_population", "1000")],
        Lang::Zh,
        "2026-12-03",
    )
    .unwrap();
    let mut archive = minzheng_batch::xlsx::zip::Archive::new(&bytes).unwrap();
    let part = |a: &mut minzheng_batch::xlsx::zip::Archive, name: &str| {
        let i = a.find(name).unwrap();
        String::from_utf8(a.read(i).unwrap()).unwrap()
    };
    let styles = part(&mut archive, "xl/styles.xml");
    let xfs: Vec<&str> = styles.split("<cellXfs").nth(1).unwrap().split("<xf ").skip(1).collect();
    let details = part(&mut archive, "xl/worksheets/sheet2.xml");
    assert!(!details.contains("<f>"), "no formula");
    // The sheet's title names the locality too; its figures list has the name on its own.
    let cell = details.split("<c ").filter(|c| c.contains("HYPERLINK")).nth(1).expect("the name's cell");
    let style: usize = cell.split("s=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
    assert!(xfs[style].starts_with(r#"numFmtId="49""#), "{}", xfs[style]);
}
