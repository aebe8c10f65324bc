//! The locality's level (issue 19.2): a level column makes norms not applicable row by row, in the
//! results, the unmet filter, the totals and both exports.

#[path = "support/common.rs"]
mod common;

use calamine::Data;
use common::{dec, field, norm, sheet};
use minzheng_batch::{write, Batch, Col, EncodingRs};
use minzheng_core::engine::Status;
use minzheng_core::NORMS;
use minzheng_text::{input_error, Lang};

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
