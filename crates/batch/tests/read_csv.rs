//! Reading delimited text: encodings (UTF-8 with and without a BOM, GBK, UTF-16), headers as people write
//! them, a title row above the header, bad rows listed by row number while the others compute, and quoted
//! newlines.

#[path = "support/common.rs"]
mod common;

use common::{csv_text, dec, norm};
use minzheng_batch::read::{decode_text, normalize_header, Encoding, Format};
use minzheng_batch::{Batch, EncodingRs};
use minzheng_core::engine::Status;
use minzheng_text::{input_error, Lang};

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
