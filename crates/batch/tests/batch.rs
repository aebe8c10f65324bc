//! The batch feature natively: decoding, header mapping, per-row computation and errors, export
//! with formula-injection neutralised, and a CSV → results → XLSX round trip read back with calamine.

use calamine::{Data, Reader, Xlsx};
use minzheng_batch::read::{self, decode_text, normalize_header, Encoding, Format};
use minzheng_batch::{write, Batch, Col, EncodingRs};
use minzheng_core::engine::Status;
use minzheng_core::{compute, NORMS};
use minzheng_text::{input_error, Lang};
use rust_decimal::Decimal;
use std::io::Cursor;
use std::str::FromStr;

const HEADER_IDS: &str = "name,resident_population,urban_resident_population,elderly_population,townships,subdistricts,counties,districts,households,current.community_workers";

fn row(name: &str, i: u32) -> String {
    format!("{name},{},{},{},{},5,1,0,{},{}", 500_000 + i, 231_109 + i, 123_456 + i, 10 + i % 7, 170_001 + i, 300 + i)
}

fn csv_text(names: &[&str]) -> String {
    let mut s = String::from(HEADER_IDS);
    s.push('\n');
    for (i, n) in names.iter().enumerate() {
        s.push_str(&row(n, i as u32));
        s.push('\n');
    }
    s
}

fn norm(id: &str) -> usize {
    NORMS.iter().position(|n| n.id == id).unwrap()
}

fn field(id: &str) -> usize {
    minzheng_core::inputs::field_index(id).unwrap()
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn utf8_csv_is_read_and_computed() {
    let text = csv_text(&["沈阳市和平区", "大连市", "鞍山市"]);
    let b = Batch::from_bytes(text.as_bytes(), &EncodingRs).unwrap();
    assert_eq!(b.table.format, Format::Csv(Encoding::Utf8));
    assert_eq!(b.rows(), 3);
    assert_eq!(b.error_rows(), 0);
    assert_eq!(b.results.names, ["沈阳市和平区", "大连市", "鞍山市"]);
    // 231,109 × 18 ÷ 10,000 = 415.9962 → 416
    assert_eq!(b.results.required(0, norm("community_workers")), Some(dec("416")));
    assert_eq!(b.results.status(0, norm("community_workers")), Status::Unmet);
    assert_eq!(b.results.gap(0, norm("community_workers")), Some(dec("116")));
    assert_eq!(b.table.row_numbers, [2, 3, 4]);
}

#[test]
fn utf8_bom_csv_is_read() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(csv_text(&["铁岭县"]).as_bytes());
    let b = Batch::from_bytes(&bytes, &EncodingRs).unwrap();
    assert_eq!(b.table.format, Format::Csv(Encoding::Utf8Bom));
    assert_eq!(b.table.headers[0], "name", "the BOM is not part of the first header");
    assert_eq!(b.results.names, ["铁岭县"]);
}

#[test]
fn gbk_csv_is_detected_and_decoded() {
    let text = "地区名称,常住人口,城镇常住人口\n沈阳市和平区,645000,645000\n朝阳县,400000,120000\n";
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&gbk).is_err(), "the test bytes really are not UTF-8");
    let (decoded, encoding) = decode_text(&gbk, &EncodingRs);
    assert_eq!(encoding, Encoding::Gb18030);
    assert_eq!(decoded, text);
    let b = Batch::from_bytes(&gbk, &EncodingRs).unwrap();
    assert_eq!(b.table.format, Format::Csv(Encoding::Gb18030));
    assert_eq!(b.results.names, ["沈阳市和平区", "朝阳县"]);
    assert_eq!(b.results.required(1, norm("community_workers")), Some(dec("216")));
    assert_eq!(b.results.required(1, norm("eldercare_land")), Some(dec("40000")));
}

#[test]
fn utf16_text_is_read() {
    let text = "地区名称\t常住人口\n新民市\t600000\n";
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let b = Batch::from_bytes(&bytes, &EncodingRs).unwrap();
    assert_eq!(b.table.format, Format::Csv(Encoding::Utf16));
    assert_eq!(b.results.names, ["新民市"]);
    assert_eq!(b.results.required(0, norm("eldercare_land")), Some(dec("60000")));
}

#[test]
fn chinese_headers_tolerate_spaces_brackets_and_units() {
    let text = concat!(
        " 地区 名称 ,常住人口(人),城镇常住人口（人）,乡镇个数(乡、镇)（个）,街道个数 【个】,",
        "现有城镇社区工作者（人）,current.nursing_beds,户籍人口（万人）,备注\n",
        "本溪县,300000,100000,8,2,150,10,30,任意文字\n",
    );
    let b = Batch::from_bytes(text.as_bytes(), &EncodingRs).unwrap();
    let keys: Vec<Option<String>> = b.keys.iter().map(|k| k.map(|k| k.to_string())).collect();
    assert_eq!(
        keys,
        [
            Some("name".to_string()),
            Some("resident_population".into()),
            Some("urban_resident_population".into()),
            Some("townships".into()),
            Some("subdistricts".into()),
            Some("current.community_workers".into()),
            Some("current.nursing_beds".into()),
            None,
            None,
        ]
    );
    assert_eq!(b.results.required(0, norm("social_work_stations")), Some(dec("10")));
    assert_eq!(b.results.gap(0, norm("community_workers")), Some(dec("30")));
    let notes: Vec<_> = b.notes.iter().map(|n| n.message(Lang::Zh)).collect();
    assert!(notes.iter().any(|n| n.contains("备注")), "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("户籍人口（万人）") && n.contains("单位")), "{notes:?}");
    assert_eq!(normalize_header("（ 人 ）"), "(人)");
}

#[test]
fn a_title_row_above_the_header_is_skipped() {
    let text = "2024年各县基础数据,,\n地区名称,常住人口,街道个数\n甲县,100000,3\n";
    let b = Batch::from_bytes(text.as_bytes(), &EncodingRs).unwrap();
    assert_eq!(b.table.header_row, 2);
    assert_eq!(b.rows(), 1);
    assert_eq!(b.table.row_numbers, [3]);
}

#[test]
fn a_file_without_known_columns_is_refused() {
    let err = Batch::from_bytes("a,b,c\n1,2,3\n".as_bytes(), &EncodingRs).unwrap_err();
    assert!(err.message(Lang::Zh).contains("表头"), "{err}");
    assert!(Batch::from_bytes(b"", &EncodingRs).is_err());
}

#[test]
fn bad_rows_are_listed_with_their_row_numbers_and_the_others_compute() {
    let text = concat!(
        "name,resident_population,urban_resident_population,townships,subdistricts\n",
        "甲,100000,50000,10,2\n",
        "乙,abc,50000,10,2\n",
        "\n",
        "丙,100000,200000,-3,2\n",
        "丁,100000,50000,10,2\n",
    );
    let crlf = text.replace('\n', "\r\n");
    for text in [text, &crlf] {
        let b = Batch::from_bytes(text.as_bytes(), &EncodingRs).unwrap();
        assert_eq!(b.rows(), 4, "the blank line is not a locality");
        assert_eq!(b.error_rows(), 2);
        let errors: Vec<_> =
            b.results.errors.iter().map(|e| (e.row, e.error.key.to_string(), e.error.kind.code())).collect();
        assert_eq!(
            errors,
            [
                (3, "resident_population".to_string(), "not-a-number"),
                (5, "townships".to_string(), "negative"),
                (5, "urban_resident_population".to_string(), "exceeds-resident"),
            ]
        );
        let e = &b.results.errors[0];
        assert_eq!(e.column, "resident_population");
        assert!(input_error(&e.error, Lang::Zh).contains("常住人口"));
        assert!(input_error(&e.error, Lang::En).contains("Resident population"));
        // Row 3 still computes what does not need the resident population.
        assert_eq!(b.results.required(1, norm("social_work_stations")), Some(dec("12")));
        assert_eq!(b.results.status(1, norm("eldercare_land")), Status::MissingInput);
        assert_eq!(b.results.required(3, norm("eldercare_land")), Some(dec("10000")));
    }
}

#[test]
fn row_count_equals_data_rows_even_with_quoted_newlines() {
    let mut text = String::from("name,resident_population\n");
    for i in 0..1000 {
        if i == 500 {
            text.push_str("\"两行\n的名称\",1000\n");
        } else {
            text.push_str(&format!("地区{i},{}\n", 1000 + i));
        }
    }
    text.push_str(",\n,,\n"); // blank rows Excel sometimes leaves at the end
    let b = Batch::from_bytes(text.as_bytes(), &EncodingRs).unwrap();
    assert_eq!(b.rows(), 1000);
    assert_eq!(b.results.names[500], "两行\n的名称");
    assert_eq!(b.table.row_numbers[499..502], [501, 502, 503]);
    assert_eq!(b.table.row_numbers[999], 1001);
    let crlf = Batch::from_bytes(text.replace('\n', "\r\n").as_bytes(), &EncodingRs).unwrap();
    assert_eq!(crlf.table.row_numbers, b.table.row_numbers);
    let unterminated = Batch::from_bytes(text.trim_end_matches([',', '\n']).as_bytes(), &EncodingRs).unwrap();
    assert_eq!(unterminated.table.row_numbers, b.table.row_numbers);
}

fn read_xlsx(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes.to_vec())).expect("a valid XLSX workbook")
}

fn sheet(bytes: &[u8], index: usize) -> Vec<Vec<Data>> {
    let mut wb = read_xlsx(bytes);
    let range = wb.worksheet_range_at(index).unwrap().unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

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

/// Issue 19.2: a sheet of one city's localities, each with its level as people write it (县, 市辖区, 镇, 地级市,
/// and a wrong one), and 地级市个数 filled in as 1 on every row. Worked by hand:
/// - 地级市未成年人救助保护设施 (地级市全覆盖) applies only to 丁市 (1 × 1 = 1, current 0: unmet, gap 1) and, its level
///   being wrong so that every norm applies, to 戊地 (unmet, gap 1); 甲县, 乙区 and 丙镇 are not applicable, so
///   neither unmet nor in the totals (required total 2, gap total 2).
/// - 照护型特困人员供养服务机构 (每个县（市）): 甲县 1 × 1 (counties implied by 县) = 1, current 1: met; 丁市 1 × 3 = 3,
///   current 2: unmet, gap 1; 戊地 1 × 1 = 1, current 1: met; 乙区 (a district) and 丙镇 not applicable.
///   Required total 1 + 3 + 1 = 5.
/// - 城镇社区工作者 applies everywhere: 231,109 × 18 ÷ 10,000 = 415.9962 → 416 (current 420: met); 350,000 → 630
///   (600: unmet, gap 30); 12,345 → 22.221 → 23 (23: met); 1,500,000 → 2,700 (2,700: met); 50,000 → 90 (90: met).
///   Required total 416 + 630 + 23 + 2,700 + 90 = 3,859.
/// - Rows with an unmet norm: 乙区, 丁市, 戊地 (without the levels, all five would be: 0 < 1 救助保护设施).
#[test]
fn a_level_column_makes_norms_not_applicable_row_by_row() {
    let text = "地区名称,层级,常住人口,城镇常住人口,乡镇个数（乡、镇）,街道个数,县和县级市个数,地级市个数,\
                现有地级市未成年人救助保护设施,现有城镇社区工作者,现有照护型特困人员供养服务机构\n\
                甲县,县,500000,231109,12,3,,1,0,420,1\n\
                乙区,市辖区,380000,350000,2,9,,1,0,600,0\n\
                丙镇,镇,42000,12345,1,,,1,0,23,0\n\
                丁市,地级市,2000000,1500000,40,30,3,1,0,2700,2\n\
                戊地,县级,100000,50000,5,0,1,1,0,90,1\n";
    let b = Batch::from_bytes(text.as_bytes(), &EncodingRs).unwrap();
    assert_eq!(b.keys[1], Some(minzheng_core::Key::Field(field("level"))), "层级 is the level column");
    assert_eq!(b.rows(), 5);
    let (rescue, care, workers) =
        (norm("minor_rescue_facilities"), norm("care_type_institutions"), norm("community_workers"));
    let r = &b.results;
    use Status::{Met, NotApplicable as Na, Unmet};
    assert_eq!((0..5).map(|i| r.status(i, rescue)).collect::<Vec<_>>(), [Na, Na, Na, Unmet, Unmet]);
    assert_eq!((0..5).map(|i| r.status(i, care)).collect::<Vec<_>>(), [Met, Na, Na, Unmet, Met]);
    assert_eq!((0..5).map(|i| r.status(i, workers)).collect::<Vec<_>>(), [Met, Unmet, Met, Met, Met]);
    assert_eq!(
        (0..5).map(|i| r.required(i, care)).collect::<Vec<_>>(),
        [Some(dec("1")), None, None, Some(dec("3")), Some(dec("1"))]
    );
    assert_eq!(r.gap(0, rescue), None, "no gap where the norm does not apply");
    // Not applicable is not unmet: three rows with an unmet norm, and only those under 只看未达标.
    assert_eq!(r.unmet, [false, true, false, true, true]);
    assert_eq!(b.unmet_rows(), 3);
    assert_eq!(b.order(None, false, true), [1, 3, 4]);
    // The wrong level is the one input error; that row computes every norm.
    assert_eq!(b.error_rows(), 1);
    let e = &r.row_errors(4)[0];
    assert_eq!((e.row, e.column.as_str(), e.error.key.to_string()), (6, "层级", "level".to_string()));
    assert!(input_error(&e.error, Lang::Zh).starts_with("地区层级：应为以下之一：省（province）"));
    // Totals: a not-applicable row adds nothing.
    assert_eq!(b.total(Col::Required(rescue)), Some(dec("2")));
    assert_eq!(b.total(Col::Gap(rescue)), Some(dec("2")));
    assert_eq!(b.total(Col::Current(rescue)), Some(dec("0")));
    assert_eq!(b.total(Col::Required(care)), Some(dec("5")));
    assert_eq!(b.total(Col::Gap(care)), Some(dec("1")));
    assert_eq!(b.total(Col::Required(workers)), Some(dec("3859")));
    // The typed counts only (甲县's implied 1 county is not a typed figure): 3 + 1.
    assert_eq!(b.total(Col::Input(field("counties"))), Some(dec("4")));
    assert_eq!(b.total(Col::Input(field("level"))), None, "a level does not add up");

    // CSV, for programs: the level as typed, the contract's status values, empty where nothing applies.
    let csv = write::to_csv(&b);
    let mut reader = csv::ReaderBuilder::new().from_reader(&csv[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let column = |id: &str| header.iter().position(|h| h == id).unwrap_or_else(|| panic!("no column {id}"));
    let cells = |id: &str| rows.iter().map(|r| r[column(id)].to_string()).collect::<Vec<_>>();
    assert_eq!(cells("level"), ["县", "市辖区", "镇", "地级市", "县级"]);
    assert_eq!(
        cells("status.minor_rescue_facilities"),
        ["not-applicable", "not-applicable", "not-applicable", "unmet", "unmet"]
    );
    assert_eq!(cells("minor_rescue_facilities"), ["", "", "", "1", "1"]);
    assert_eq!(cells("gap.minor_rescue_facilities"), ["", "", "", "1", "1"]);
    assert_eq!(cells("status.care_type_institutions"), ["met", "not-applicable", "not-applicable", "unmet", "met"]);
    // Read back in, the same levels and statuses.
    let again = Batch::from_bytes(&csv, &EncodingRs).unwrap();
    assert_eq!((0..5).map(|i| again.results.status(i, rescue)).collect::<Vec<_>>(), [Na, Na, Na, Unmet, Unmet]);
    assert_eq!(again.unmet_rows(), 3);

    // XLSX, for people: 不适用, the level as text, the totals row, and each norm's levels on the basis sheet.
    let xlsx = write::to_xlsx(&b).unwrap();
    let cells = sheet(&xlsx, 0);
    let ids = sheet(&xlsx, 3);
    let at = |id: &str| ids.iter().skip(1).position(|r| r[2] == Data::String(id.into())).unwrap();
    let status = at("status.minor_rescue_facilities");
    let shown: Vec<&Data> = (1..=5).map(|i| &cells[i][status]).collect();
    let s = |t: &str| Data::String(t.into());
    assert_eq!(shown, [&s("不适用"), &s("不适用"), &s("不适用"), &s("未达标"), &s("未达标")]);
    assert_eq!(cells[0][at("level")], s("地区层级"));
    assert_eq!(cells[1][at("level")], s("县"));
    assert_eq!(cells[1][at("minor_rescue_facilities")], Data::Empty);
    assert_eq!(cells[6][0], s("合计"));
    assert_eq!(cells[6][at("minor_rescue_facilities")], Data::Float(2.0));
    assert_eq!(cells[6][at("care_type_institutions")], Data::Float(5.0));
    let basis = sheet(&xlsx, 1);
    assert_eq!((basis[0][12].clone(), basis[0][13].clone()), (s("适用层级"), s("层级说明")));
    let row = &basis[1 + rescue];
    assert_eq!(row[12], s("省、地级市"));
    assert_eq!(row[13], s(NORMS[rescue].basis().level_note_zh));
    assert_eq!(basis[1 + workers][12], s("省、地级市、县/县级市、市辖区、乡镇/街道"));
}

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

// ---------- the XLSX reader on workbooks written by hand (every cell type, odd layouts, hostile archives) ----------

use minzheng_batch::xlsx::zip::ZipWriter;

const CT: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#;
const NS: &str = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A workbook of the given parts, deflated by the crate's own writer.
fn zip_parts(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut w = ZipWriter::new(6);
    for (name, body) in parts {
        w.start(name).unwrap();
        w.write(body.as_bytes());
    }
    w.finish().unwrap()
}

/// The usual parts around one sheet (and optional shared strings).
fn workbook_with(sheet_data: &str, shared: Option<&str>) -> Vec<u8> {
    let sheet = format!(r#"<?xml version="1.0"?><worksheet {NS}><sheetData>{sheet_data}</sheetData></worksheet>"#);
    let mut rels = format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>"#
    );
    if shared.is_some() {
        rels.push_str(&format!(
            r#"<Relationship Id="rId9" Type="{REL}/sharedStrings" Target="/xl/sharedStrings.xml"/>"#
        ));
    }
    rels.push_str("</Relationships>");
    let workbook = format!(r#"<workbook {NS}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#);
    let mut parts = vec![
        ("[Content_Types].xml", CT.to_string()),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", rels),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    if let Some(s) = shared {
        parts.push(("xl/sharedStrings.xml", format!(r#"<sst {NS}>{s}</sst>"#)));
    }
    let parts: Vec<(&str, &str)> = parts.iter().map(|(n, b)| (*n, b.as_str())).collect();
    zip_parts(&parts)
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

/// A zip archive written field by field, to make the damaged and hostile ones.
struct RawEntry<'a> {
    name: &'a str,
    method: u16,
    flags: u16,
    data: Vec<u8>,
    size: u32,
    crc: u32,
}

fn raw_zip(entries: &[RawEntry], zip64_locator: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let fields = |v: &mut Vec<u8>| {
            v.extend_from_slice(&20u16.to_le_bytes());
            v.extend_from_slice(&e.flags.to_le_bytes());
            v.extend_from_slice(&e.method.to_le_bytes());
            v.extend_from_slice(&[0, 0, 0x21, 0]);
            v.extend_from_slice(&e.crc.to_le_bytes());
            v.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
            v.extend_from_slice(&e.size.to_le_bytes());
            v.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            v.extend_from_slice(&[0, 0]);
        };
        out.extend_from_slice(b"PK\x03\x04");
        fields(&mut out);
        out.extend_from_slice(e.name.as_bytes());
        out.extend_from_slice(&e.data);
        central.extend_from_slice(b"PK\x01\x02\x14\x00");
        fields(&mut central);
        central.extend_from_slice(&[0; 10]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(e.name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    if zip64_locator {
        out.extend_from_slice(b"PK\x06\x07");
        out.extend_from_slice(&[0; 16]);
    }
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

fn stored<'a>(name: &'a str, data: &[u8]) -> RawEntry<'a> {
    RawEntry { name, method: 0, flags: 0, data: data.to_vec(), size: data.len() as u32, crc: crc32fast::hash(data) }
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
    for format in [r#"numFmtId="3""#, r#"numFmtId="4""#, r#"numFmtId="49""#, "#,##0.##", "FFDDEBF7", "<b/>"] {
        assert!(styles.contains(format), "{format}");
    }
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

// ---------- every field and every norm, the columns in a random order (issue 17, point 1) ----------

#[path = "support/every_norm.rs"]
mod every_norm;

use minzheng_core::Computation;

const SEEDS: [u64; 6] = [1, 2, 3, 17, 2021, 0x5EED];
const EVERY_NORM_ROWS: usize = 16;

/// The gap as the batch shows and writes it: only where the status is met or unmet (the engine says 0
/// when the current value or an input is missing; the batch leaves the cell empty).
fn shown_gap(r: &minzheng_core::NormResult) -> Option<Decimal> {
    matches!(r.status, Status::Met | Status::Unmet).then(|| r.gap.expect("a gap when met or unmet"))
}

fn exact_sum(values: impl Iterator<Item = Option<Decimal>>) -> Option<Decimal> {
    values.flatten().reduce(|a, b| a + b)
}

/// A figure as the exports write it: plain decimal text.
fn text(value: Option<Decimal>) -> Option<String> {
    value.map(minzheng_core::format::plain)
}

fn status_zh_of(status: Status) -> &'static str {
    match status {
        Status::Met => "达标",
        Status::Unmet => "未达标",
        Status::Unknown => "未填现有值",
        Status::MissingInput => "缺少输入",
        Status::NotApplicable => "不适用",
    }
}

/// A name as the CSV export writes it: with a leading `'` where a spreadsheet would run it as a formula.
fn csv_name(name: &str) -> String {
    if name.starts_with(['=', '+', '-', '@']) {
        format!("'{name}")
    } else {
        name.to_string()
    }
}

/// The batch's results for every row and norm against the engine's single-locality results.
fn check_against_engine(label: &str, b: &Batch, refs: &[Computation], tally: &mut [[usize; 5]]) {
    assert_eq!(b.rows(), refs.len(), "{label}: rows");
    assert_eq!(b.results.names, refs.iter().map(|r| r.name.clone()).collect::<Vec<_>>(), "{label}: names");
    for (i, reference) in refs.iter().enumerate() {
        let mut fields: Vec<String> = b.results.row_errors(i).iter().map(|e| e.error.key.to_string()).collect();
        let mut expected: Vec<String> = reference.errors.iter().map(|e| e.key.to_string()).collect();
        fields.sort_unstable();
        expected.sort_unstable();
        assert_eq!(fields, expected, "{label}: row {i}'s input errors");
        for (n, r) in reference.results.iter().enumerate() {
            let at = format!("{label}: row {i} ({}), {}", reference.name, r.id());
            assert_eq!(NORMS[n].id, r.id());
            assert_eq!(b.results.status(i, n), r.status, "{at}: status");
            assert_eq!(b.results.required(i, n), r.required, "{at}: required");
            assert_eq!(b.results.required_max(i, n), r.required_max, "{at}: required max");
            assert_eq!(b.results.current(i, n), r.current, "{at}: current");
            assert_eq!(b.results.gap(i, n), shown_gap(r), "{at}: gap");
            tally[n][r.status as usize] += 1;
        }
    }
    // The totals row's current and gap columns.
    for (n, norm) in NORMS.iter().enumerate() {
        let currents = exact_sum(refs.iter().map(|c| c.results[n].current));
        let gaps = exact_sum(refs.iter().map(|c| shown_gap(&c.results[n])));
        assert_eq!(b.total(Col::Current(n)), currents, "{label}: total current {}", norm.id);
        assert_eq!(b.total(Col::Gap(n)), gaps, "{label}: total gap {}", norm.id);
    }
}

/// A current value as the exports write it: the engine's value, or the text as typed where it is wrong.
fn exported_current(sheet: &every_norm::Sheet, refs: &[Computation], i: usize, n: usize) -> Option<String> {
    let key = format!("current.{}", NORMS[n].id);
    if let Some(v) = refs[i].results[n].current {
        return text(Some(v));
    }
    let typed = &sheet.rows[i][sheet.keys.iter().position(|k| *k == key).unwrap()];
    refs[i].errors.iter().any(|e| e.key.to_string() == key).then(|| typed.clone())
}

/// The CSV export, read back with the `csv` crate, against the engine, cell by cell by column id.
fn check_csv_export(label: &str, csv: &[u8], sheet: &every_norm::Sheet, refs: &[Computation], row_numbers: &[u32]) {
    let body = csv.strip_prefix(b"\xEF\xBB\xBF").expect("a BOM");
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(body);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), refs.len(), "{label}: one row per locality");
    let column = |id: &str| header.iter().position(|h| h == id);
    for (i, reference) in refs.iter().enumerate() {
        let at = |id: &str| rows[i][column(id).unwrap_or_else(|| panic!("{label}: no column {id}"))].to_string();
        assert_eq!(at("row"), row_numbers[i].to_string(), "{label}: row {i}");
        assert_eq!(at("name"), csv_name(&reference.name), "{label}: row {i} name");
        for (n, r) in reference.results.iter().enumerate() {
            let cell = |id: String, expected: Option<&str>| {
                assert_eq!(at(&id), expected.unwrap_or(""), "{label}: row {i} ({}), column {id}", reference.name);
            };
            let id = r.id();
            cell(id.to_string(), text(r.required).as_deref());
            if r.required_max.is_some() || column(&format!("{id}.max")).is_some() {
                cell(format!("{id}.max"), text(r.required_max).as_deref());
            }
            cell(format!("current.{id}"), exported_current(sheet, refs, i, n).as_deref());
            cell(format!("gap.{id}"), text(shown_gap(r)).as_deref());
            cell(format!("status.{id}"), Some(r.status.as_str()));
        }
    }
}

/// The XLSX export, read back with calamine, against the engine: columns found by their id on the
/// 列说明 sheet, numbers as numbers, status in Chinese, names exactly as typed, and the totals row.
fn check_xlsx_export(label: &str, xlsx: &[u8], typed: &every_norm::Sheet, refs: &[Computation], row_numbers: &[u32]) {
    let cells = sheet(xlsx, 0);
    let columns = sheet(xlsx, 3);
    assert_eq!(columns.len(), cells[0].len() + 1, "{label}: 列说明 names every column");
    let column = |id: &str| {
        let c = columns.iter().skip(1).position(|r| r[2] == Data::String(id.into()));
        if let Some(c) = c {
            assert_eq!(cells[0][c], columns[c + 1][0], "{label}: the header of {id}");
        }
        c
    };
    let number = |v: Option<&str>| v.map_or(Data::Empty, |v| Data::Float(v.parse().unwrap()));
    assert_eq!(cells.len(), 1 + refs.len() + 1, "{label}: header, one row per locality, totals");
    for (i, reference) in refs.iter().enumerate() {
        let row = &cells[i + 1];
        let at = |id: &str| &row[column(id).unwrap_or_else(|| panic!("{label}: no column {id}"))];
        assert_eq!(at("row"), &Data::Float(f64::from(row_numbers[i])), "{label}: row {i}");
        assert_eq!(at("name"), &Data::String(reference.name.clone()), "{label}: row {i} name, exactly as typed");
        for (n, r) in reference.results.iter().enumerate() {
            let cell = |id: String, expected: Data| {
                assert_eq!(at(&id), &expected, "{label}: row {i} ({}), column {id}", reference.name);
            };
            let id = r.id();
            cell(id.to_string(), number(text(r.required).as_deref()));
            if r.required_max.is_some() || column(&format!("{id}.max")).is_some() {
                cell(format!("{id}.max"), number(text(r.required_max).as_deref()));
            }
            let current = match (r.current, exported_current(typed, refs, i, n)) {
                (None, Some(typed)) => Data::String(typed), // a wrong value, as typed
                (current, _) => number(text(current).as_deref()),
            };
            cell(format!("current.{id}"), current);
            cell(format!("gap.{id}"), number(text(shown_gap(r)).as_deref()));
            cell(format!("status.{id}"), Data::String(status_zh_of(r.status).into()));
        }
    }
    let totals = &cells[refs.len() + 1];
    assert_eq!(totals[0], Data::String("合计".into()));
    for (n, norm) in NORMS.iter().enumerate() {
        let currents = exact_sum(refs.iter().map(|c| c.results[n].current)).map(|d| d.to_string());
        let gaps = exact_sum(refs.iter().map(|c| shown_gap(&c.results[n]))).map(|d| d.to_string());
        let current_col = column(&format!("current.{}", norm.id)).unwrap();
        let gap_col = column(&format!("gap.{}", norm.id)).unwrap();
        assert_eq!(totals[current_col], number(currents.as_deref()), "{label}: total current {}", norm.id);
        assert_eq!(totals[gap_col], number(gaps.as_deref()), "{label}: total gap {}", norm.id);
    }
}

/// Issue 17.1: a sheet with every input field and a current value for every norm, its columns in a random
/// order, imported as CSV and as XLSX: each row's required value, current value, gap and status for all 39
/// norms are the engine's single-locality results, on screen (the batch's results and totals) and in both
/// exports read back with independent readers; the CSV export read in again gives the same.
#[test]
fn every_norm_in_shuffled_columns_matches_the_engine_in_results_and_exports() {
    let mut tally = vec![[0usize; 5]; NORMS.len()]; // per norm: met, unmet, unknown, missing input, not applicable
    for seed in SEEDS {
        let sheet = every_norm::sheet(seed, EVERY_NORM_ROWS);
        let currents: Vec<usize> = sheet.keys.iter().filter_map(|k| k.strip_prefix("current.")).map(norm).collect();
        assert_eq!(currents.len(), NORMS.len(), "a current column for every norm");
        assert!(currents.windows(2).any(|w| w[0] > w[1]), "seed {seed}: current columns out of catalogue order");
        let refs: Vec<Computation> = (0..EVERY_NORM_ROWS).map(|r| compute(sheet.pairs(r))).collect();
        for (format, bytes) in [("csv", sheet.csv().into_bytes()), ("xlsx", sheet.xlsx())] {
            let label = format!("seed {seed}, {format}");
            let mut b = Batch::read(&bytes, &EncodingRs).unwrap_or_else(|e| panic!("{label}: {e}"));
            let keys: Vec<String> = b.keys.iter().map(|k| k.as_ref().map_or("?".into(), ToString::to_string)).collect();
            assert_eq!(keys, sheet.keys, "{label}: every column recognised ({:?})", b.table.headers);
            b.compute_all();
            check_against_engine(&label, &b, &refs, &mut tally);
            let rows = &b.table.row_numbers;
            assert_eq!(*rows, (2..2 + EVERY_NORM_ROWS as u32).collect::<Vec<_>>());
            let csv = write::to_csv(&b);
            check_csv_export(&format!("{label} → CSV"), &csv, &sheet, &refs, rows);
            check_xlsx_export(&format!("{label} → XLSX"), &write::to_xlsx(&b).unwrap(), &sheet, &refs, rows);
            // The CSV export read in again: the same localities, names and results.
            let again = Batch::from_bytes(&csv, &EncodingRs).unwrap();
            check_against_engine(&format!("{label} → CSV → read again"), &again, &refs, &mut vec![[0; 5]; NORMS.len()]);
        }
    }
    // Every norm is met somewhere and unmet somewhere, and each status occurs often.
    for (n, [met, unmet, _, _, _]) in tally.iter().enumerate() {
        assert!(*met > 0 && *unmet > 0, "{}: met {met}, unmet {unmet}", NORMS[n].id);
    }
    let sum = |k: usize| tally.iter().map(|t| t[k]).sum::<usize>();
    assert!(sum(0) > 1000 && sum(1) > 1000 && sum(2) > 300 && sum(3) > 300 && sum(4) > 300, "varied: {tally:?}");
}
