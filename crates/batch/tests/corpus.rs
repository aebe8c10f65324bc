//! The corpus (tests/corpus/, made by tests/corpus/make.py): spreadsheets laid out as government
//! offices lay them out, in every format the batch reads. Every locality and figure comes back, no
//! row that is not a locality becomes one, and each file's notes say what was passed over and why.

use minzheng_batch::read::{Format, Skip};
use minzheng_batch::{Batch, Col, EncodingRs};
use minzheng_core::inputs::{field_index, Key};
use minzheng_core::rules::NORMS;
use minzheng_text::Lang;
use std::collections::BTreeMap;
use std::path::Path;

#[path = "support/workbooks.rs"]
mod workbooks;
use workbooks::{raw_zip, stored, RawEntry};

fn corpus() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus"))
}

fn read(file: &str) -> Batch {
    let bytes = std::fs::read(corpus().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    Batch::read(&bytes, &EncodingRs).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// expected.tsv: file → locality → field → value.
fn expected() -> BTreeMap<String, BTreeMap<String, Vec<(String, String)>>> {
    let text = std::fs::read_to_string(corpus().join("expected.tsv")).expect("expected.tsv");
    let mut files: BTreeMap<String, BTreeMap<String, Vec<(String, String)>>> = BTreeMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let [file, name, field, value] = line.split('\t').collect::<Vec<_>>()[..] else { panic!("{line}") };
        files.entry(file.into()).or_default().entry(name.into()).or_default().push((field.into(), value.into()));
    }
    files
}

fn col_of(key: &str) -> Col {
    match Key::parse(key) {
        Some(Key::Current(n)) => Col::Current(n),
        _ => Col::Input(field_index(key).unwrap_or_else(|| panic!("{key}"))),
    }
}

fn skipped(b: &Batch) -> Vec<(u32, Skip)> {
    b.table.skipped.iter().map(|s| (s.row, s.why)).collect()
}

fn notes(b: &Batch) -> Vec<String> {
    b.notes.iter().map(|n| n.message(Lang::Zh)).collect()
}

#[test]
fn every_locality_and_figure_comes_back_from_every_file_and_no_phantom() {
    let files = expected();
    assert_eq!(files.len(), 12, "{:?}", files.keys());
    for (file, localities) in &files {
        let b = read(file);
        let names: Vec<&str> = b.results_names_or_read();
        let mut want: Vec<&str> = localities.keys().map(String::as_str).collect();
        let mut got = names.clone();
        want.sort();
        got.sort();
        assert_eq!(got, want, "{file}: localities (no phantom, none lost); notes {:?}", notes(&b));
        for (name, figures) in localities {
            let row = names.iter().position(|n| n == name).unwrap();
            for (key, value) in figures {
                let col = col_of(key);
                assert!(
                    b.keys.contains(&Some(match col {
                        Col::Current(n) => Key::Current(n),
                        Col::Input(i) => Key::Field(i),
                        _ => unreachable!(),
                    })),
                    "{file}: no column for {key}; headers {:?}",
                    b.table.headers
                );
                assert_eq!(b.typed_text(row, col), value, "{file}: {name} {key}");
            }
        }
        let format = match file.rsplit('.').next() {
            Some("xlsx") => Format::Xlsx,
            Some("xls") => Format::Xls,
            Some("ods") => Format::Ods,
            _ => b.table.format,
        };
        assert_eq!(b.table.format, format, "{file}");
    }
}

/// The names of the rows read, without computing them.
trait Names {
    fn results_names_or_read(&self) -> Vec<&str>;
}

impl Names for Batch {
    fn results_names_or_read(&self) -> Vec<&str> {
        let name = self.roles.iter().rposition(|r| *r == minzheng_batch::read::Role::Field(0)).expect("a name column");
        self.table.rows.iter().map(|r| r.get(name).unwrap_or("").trim()).collect()
    }
}

#[test]
fn titles_units_column_numbers_totals_and_footnotes_are_passed_over_with_their_rows() {
    for file in
        ["title_units_numbers_footnotes.xlsx", "title_units_numbers_footnotes.xls", "title_units_numbers_footnotes.ods"]
    {
        let b = read(file);
        assert_eq!(b.table.header_row, 3, "{file}");
        assert_eq!(b.table.row_numbers, [6, 7, 8, 9, 10], "{file}");
        assert_eq!(
            skipped(&b),
            [
                (1, Skip::Title),
                (2, Skip::Title),
                (4, Skip::Units),
                (5, Skip::ColumnNumbers),
                (11, Skip::Totals),
                (12, Skip::Footnote),
                (13, Skip::Footnote)
            ],
            "{file}"
        );
        let notes = notes(&b);
        assert!(notes.iter().any(|n| n == "读取的工作表：“2025年”"), "{file}: {notes:?}");
        assert!(notes.iter().any(|n| n.starts_with("第 11 行未作为地区计算：合计行")), "{file}: {notes:?}");
        assert!(notes.contains(&"第 1–2 行未作为地区计算：表头上方的标题或说明".to_string()), "{file}: {notes:?}");
        assert!(notes.contains(&"第 12–13 行未作为地区计算：表注或填表人、审核人等落款".to_string()), "{file}");
        assert!(notes.contains(&"第 4 行未作为地区计算：计量单位行".to_string()), "{file}");
        assert!(notes.contains(&"第 5 行未作为地区计算：栏次（列编号）行".to_string()), "{file}");
        assert!(
            notes.iter().any(|n| n.starts_with("列“户藉人口”无法识别，是否指“户籍人口（人）”")),
            "{file}: a typo gets a suggestion: {notes:?}"
        );
        assert!(notes.iter().any(|n| n.contains("以下列不是测算器的字段") && n.contains("序号") && n.contains("备注")));
        // Computed: the synonyms feed the norms (城镇人口 → community workers, 街道数 + 乡镇个数 → T).
        let mut b = b;
        b.compute_all();
        let norm = |id: &str| NORMS.iter().position(|n| n.id == id).unwrap();
        assert_eq!(b.results.required(2, norm("regional_eldercare_centres")), Some(18.into()), "{file}: 0.6 × 29");
        assert_eq!(b.results.errors.len(), 1, "{file}: only 康平县's half an elder: {:?}", b.results.errors);
    }
}

#[test]
fn a_two_level_header_with_merged_cells_is_joined() {
    for file in ["two_level_header.xlsx", "two_level_header.xls", "two_level_header.ods"] {
        let b = read(file);
        assert_eq!((b.table.header_first_row, b.table.header_row), (2, 3), "{file}");
        assert_eq!(
            b.table.headers[..4],
            ["序号", "地区名称", "常住人口", "城镇常住人口"],
            "{file}: 地区名称 is merged down over both rows"
        );
        assert_eq!(b.table.headers[8], "现有城镇社区工作者", "{file}: 现有 over 城镇社区工作者");
        assert_eq!(skipped(&b), [(1, Skip::Title), (7, Skip::Totals), (10, Skip::Totals)], "{file}");
        assert!(notes(&b).iter().any(|n| n.starts_with("表头占第 2–3 行")), "{file}");
    }
}

#[test]
fn the_first_visible_sheet_with_a_table_is_read_and_named() {
    for file in ["later_sheet.xlsx", "later_sheet.xls", "later_sheet.ods"] {
        let b = read(file);
        assert_eq!(b.table.sheet, "数据", "{file}");
        assert_eq!(b.table.passed_over, [("下拉列表".to_string(), true)], "{file}");
        let notes = notes(&b);
        assert!(
            notes.iter().any(|n| n == "读取的工作表：“数据”；未读取（隐藏的工作表）：下拉列表"),
            "{file}: {notes:?}"
        );
        assert!(skipped(&b).is_empty(), "{file}");
    }
}

#[test]
fn formulas_saved_without_values_are_named_in_a_warning() {
    let b = read("formulas_uncached.xlsx");
    assert_eq!(b.table.uncached, ["C2", "C3", "C4", "C5", "C6", "B7", "C7", "D7"]);
    assert_eq!(b.table.uncached_count, 8);
    let notes = notes(&b);
    assert!(
        notes.iter().any(
            |n| n.starts_with("工作表“测算”中有 8 个公式单元格没有保存计算结果（C2、C3、C4、C5、C6、B7、C7、D7…）")
        ),
        "{notes:?}"
    );
    let urban = Col::Input(field_index("urban_resident_population").unwrap());
    assert!((0..b.rows()).all(|r| b.typed_text(r, urban).is_empty()));
    assert_eq!(skipped(&b), [(7, Skip::Totals)]);
}

#[test]
fn gbk_csv_and_unicode_text_as_excel_saves_them() {
    for (file, encoding) in [("gbk.csv", "CSV（GBK/GB18030）"), ("unicode_text.txt", "文本（UTF-16）")] {
        let b = read(file);
        assert!(notes(&b)[0].contains(encoding), "{file}: {:?}", notes(&b));
        assert_eq!(
            skipped(&b),
            [(1, Skip::Title), (3, Skip::Units), (9, Skip::Totals), (10, Skip::Footnote)],
            "{file}"
        );
    }
}

#[test]
fn xlsb_and_unreadable_legacy_files_say_what_to_do() {
    // An .xlsb is a zip with xl/workbook.bin.
    let mut zip = stored_zip(&[("[Content_Types].xml", "<Types/>"), ("xl/workbook.bin", "binary")]);
    let e = Batch::read(&zip, &EncodingRs).unwrap_err();
    assert!(e.message(Lang::Zh).contains("另存为” Excel 工作簿（.xlsx）"), "{e}");
    // An OLE file that is no workbook calamine knows (a WPS .et, a password-protected .xlsx).
    zip.clear();
    zip.extend_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    zip.extend_from_slice(&[0; 600]);
    let e = Batch::read(&zip, &EncodingRs).unwrap_err();
    assert!(e.message(Lang::Zh).contains("另存为 .xlsx"), "{e}");
}

/// A stored (uncompressed) zip of text parts.
fn stored_zip(parts: &[(&str, &str)]) -> Vec<u8> {
    let entries: Vec<RawEntry> = parts.iter().map(|(name, data)| stored(name, data.as_bytes())).collect();
    raw_zip(&entries, false)
}

#[test]
fn a_template_numbered_down_a_thousand_rows_gives_its_localities_and_one_note() {
    let mut csv = String::from("序号,地区名称,常住人口\n1,和平区,645464\n2,沈河区,767360\n");
    for i in 3..=1002 {
        csv.push_str(&format!("{i},,\n"));
    }
    csv.push_str("合计,,1412824\n");
    let b = Batch::read(csv.as_bytes(), &EncodingRs).unwrap();
    assert_eq!(b.rows(), 2);
    assert_eq!(b.table.skipped.len(), 1001);
    let notes = notes(&b);
    assert!(
        notes.contains(&"第 4–1003 行未作为地区计算：没有地区名称，测算器认识的列也都为空".to_string()),
        "{notes:?}"
    );
    assert!(notes.contains(&"第 1004 行未作为地区计算：合计行（各地区之和，不是一个地区；测算器另算合计）".to_string()));
    assert_eq!(notes.iter().filter(|n| n.contains("未作为地区计算")).count(), 2);
}
