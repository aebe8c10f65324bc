//! Reading XLSX: a workbook written by rust_xlsxwriter, and workbooks written by hand (every cell type, odd
//! layouts, hostile and damaged archives).

#[path = "support/common.rs"]
mod common;

#[path = "support/workbooks.rs"]
mod workbooks;

use common::{dec, norm};
use minzheng_batch::read::Format;
use minzheng_batch::{Batch, EncodingRs};
use minzheng_text::Lang;
use workbooks::{raw_zip, stored, workbook_with, zip_parts, RawEntry, CT, NS, REL};

#[test]
fn xlsx_written_with_rust_xlsxwriter_is_read() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "地区名称").unwrap();
    ws.write_string(0, 1, "常住人口（人）").unwrap();
    ws.write_string(0, 2, "城市低保标准（元/人/月）").unwrap();
    ws.write_string(0, 3, "城镇居民上年度人均消费支出增速（%）").unwrap();
    ws.write_string(1, 0, "抚顺市").unwrap();
    ws.write_number(1, 1, 1_850_000).unwrap();
    ws.write_number(1, 2, 672.5).unwrap();
    ws.write_number(1, 3, 5.2).unwrap();
    ws.write_string(3, 0, "=1+1").unwrap(); // row 4; row 3 is blank
    ws.write_string(3, 1, "12,345").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let b = Batch::from_bytes(&bytes, &EncodingRs).unwrap();
    assert_eq!(b.table.format, Format::Xlsx);
    assert_eq!(b.rows(), 2);
    assert_eq!(b.table.row_numbers, [2, 4]);
    assert_eq!(b.results.names, ["抚顺市", "=1+1"]);
    // 672.5 × 1.052 = 707.47
    assert_eq!(b.results.required(0, norm("dibao_urban_next_year")), Some(dec("707.47")));
    assert_eq!(b.results.required(1, norm("eldercare_land")), Some(dec("1234.5")));
}

fn rows_of(bytes: &[u8]) -> Vec<Vec<String>> {
    let b = Batch::read(bytes, &EncodingRs).unwrap_or_else(|e| panic!("{e}"));
    let mut out = vec![b.table.headers.clone()];
    out.extend(b.table.rows.iter().map(|r| r.iter().map(str::to_string).collect::<Vec<_>>()));
    out
}

#[test]
fn xlsx_cells_of_every_type_shared_and_rich_strings() {
    let shared = concat!(
        "<si><t>地区名称</t></si>",
        r#"<si><r><rPr><b/></rPr><t>常住</t></r><r><t xml:space="preserve">人口 </t></r><rPh sb="0" eb="1"><t>ジン</t></rPh></si>"#,
        "<si><t>  trimmed\n</t></si>",
        "<si><t>A &amp; B &lt;x&gt; &#x4E2D;_x000D_end</t></si>",
        "<si/>",
    );
    let sheet = concat!(
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>备注</t></is></c></row>"#,
        r#"<row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3"><v>1.5E+3</v></c><c r="C3" t="b"><v>1</v></c></row>"#,
        // No cell references: positions follow the row's order.
        r#"<row><c t="str"><f>A1</f><v>公式结果</v></c><c t="n"><v>672.50999999999999</v></c><c t="e"><v>#DIV/0!</v></c><c t="d"><v>2024-01-31</v></c></row>"#,
        r#"<row r="9"><c r="a9" t="s"><v>2</v></c><c r="b9"><v>  12 </v></c><c r="C9" t="s"><v>4</v></c></row>"#,
    );
    let rows = rows_of(&workbook_with(sheet, Some(shared)));
    assert_eq!(
        rows,
        [
            vec!["地区名称", "常住人口 ", "备注"],
            vec!["A & B <x> 中\rend", "1500", "TRUE"],
            vec!["公式结果", "672.51", "#DIV/0!", "2024-01-31"],
            vec!["trimmed", "  12 ", ""],
        ]
    );
    let b = Batch::read(&workbook_with(sheet, Some(shared)), &EncodingRs).unwrap();
    assert_eq!(b.table.row_numbers, [3, 4, 9], "row 4 has no r: it follows row 3");
    assert_eq!(b.keys[1].map(|k| k.to_string()).as_deref(), Some("resident_population"));
}

#[test]
fn xlsx_prefixed_names_first_worksheet_after_a_chart_and_package_paths() {
    let sheet = r#"<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>地区名称</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>常住人口</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>乙县</x:t></x:is></x:c><x:c r="B2"><x:v>5000</x:v></x:c></x:row></x:sheetData></x:worksheet>"#;
    let workbook = format!(
        r#"<workbook {NS}><sheets><sheet name="图" sheetId="2" r:id="rId2"/><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    );
    let rels = format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="{REL}/chartsheet" Target="chartsheets/sheet1.xml"/><Relationship Id="rId1" Type="{REL}/worksheet" Target="../data/one.xml"/></Relationships>"#
    );
    let pkg = format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="{REL}/officeDocument" Target="/book/main.xml"/></Relationships>"#
    );
    let bytes = zip_parts(&[
        ("[Content_Types].xml", CT),
        ("_rels/.rels", &pkg),
        ("book/main.xml", &workbook),
        ("book/_rels/main.xml.rels", &rels),
        ("data/one.xml", sheet),
    ]);
    assert_eq!(rows_of(&bytes), [vec!["地区名称", "常住人口"], vec!["乙县", "5000"]]);
}

fn refusal(bytes: &[u8]) -> String {
    let e = Batch::read(bytes, &EncodingRs).expect_err("refused");
    format!("{} / {}", e.message(Lang::Zh), e.message(Lang::En))
}

#[test]
fn hostile_and_damaged_workbooks_are_refused_with_a_message() {
    let ok_sheet = |data: &str| workbook_with(data, None);
    let wb = format!(r#"<workbook {NS}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#);
    // ZIP64, encryption, an unknown method.
    let zip64 = raw_zip(&[stored("xl/workbook.xml", wb.as_bytes())], true);
    assert!(refusal(&zip64).contains("ZIP64"), "{}", refusal(&zip64));
    let mut enc = stored("xl/workbook.xml", wb.as_bytes());
    enc.flags = 1;
    assert!(refusal(&raw_zip(&[enc], false)).contains("加密"));
    let mut bzip = stored("xl/workbook.xml", wb.as_bytes());
    bzip.method = 12;
    assert!(refusal(&raw_zip(&[bzip], false)).contains("12"));
    // A checksum that does not match, a size that lies, a "bomb" that claims gigabytes.
    let mut bad_crc = stored("xl/workbook.xml", wb.as_bytes());
    bad_crc.crc ^= 1;
    assert!(refusal(&raw_zip(&[bad_crc], false)).contains("校验和"));
    let deflated = miniz_oxide::deflate::compress_to_vec(&[b'x'; 100_000], 6);
    let lying = RawEntry { name: "xl/workbook.xml", method: 8, flags: 0, data: deflated.clone(), size: 10, crc: 0 };
    assert!(refusal(&raw_zip(&[lying], false)).contains("损坏"));
    let bomb = RawEntry { name: "xl/workbook.xml", method: 8, flags: 0, data: deflated, size: u32::MAX - 1, crc: 0 };
    assert!(refusal(&raw_zip(&[bomb], false)).contains("256 MB"));
    // Truncated archives, a zip that is not a workbook, an old .xls.
    let good = ok_sheet(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>地区名称</t></is></c></row>"#);
    for cut in [4, 30, good.len() / 2, good.len() - 1] {
        assert!(Batch::read(&good[..cut], &EncodingRs).is_err(), "cut at {cut}");
    }
    assert!(refusal(&raw_zip(&[stored("word/document.xml", b"<w/>")], false)).contains("workbook.xml"));
    assert!(refusal(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0").contains(".xls"));
    // References beyond Excel's grid (calamine overflowed on seven letters), malformed XML, a missing shared string.
    for r in ["XFE1", "ZZZZZZZ1", "A1048577", "A99999999999"] {
        let sheet = ok_sheet(&format!(r#"<row><c r="{r}"><v>1</v></c></row>"#));
        assert!(refusal(&sheet).contains("超出 Excel 的范围"), "{r}: {}", refusal(&sheet));
    }
    assert!(refusal(&ok_sheet(r#"<row><c r="A0"><v>1</v></c></row>"#)).contains("单元格位置"));
    // (No relationships part: the first sheet is found by its conventional name.)
    assert!(refusal(&zip_parts(&[
        (
            "xl/workbook.xml",
            &format!(r#"<workbook {NS}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#)
        ),
        ("xl/worksheets/sheet1.xml", r#"<worksheet><sheetData><row><c r="A1"><v>1</v></c><c r="B1"><v>2"#),
    ]))
    .contains("XML"));
    assert!(refusal(&ok_sheet(r#"<row><c r="A1" t="s"><v>7</v></c></row>"#)).contains("共享字符串"));
    // The last cell of the grid is fine.
    let corner = ok_sheet(
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>地区名称</t></is></c></row><row r="1048576"><c r="A1048576" t="inlineStr"><is><t>末行</t></is></c></row>"#,
    );
    let b = Batch::read(&corner, &EncodingRs).unwrap();
    assert_eq!(b.table.row_numbers, [1_048_576]);
}
