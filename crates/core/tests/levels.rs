//! Which norm applies at which level (issue 19.2), written out here by hand from the plan's words and checked
//! against the ruleset and the engine: for every norm and every level, applies or not. A change to a norm's
//! `levels` must change this table too, deliberately.
#![cfg(not(target_arch = "wasm32"))]

use minzheng_core::rules::{norm_index, NORMS};
use minzheng_core::{compute, Level, Status};

/// P province, C city, K county (县、县级市), D district (市辖区), T township (乡镇、街道).
const TABLE: [(&str, &str); 39] = [
    // Standards: “当地低保标准” is in force at county or district level and above (a province or city looks at
    // its average); a township applies its county's and sets none.
    ("dibao_urban_next_year", "PCKD"),
    ("dibao_rural_next_year", "PCKD"),
    ("dibao_rural_for_ratio", "PCKD"),
    ("low_income_line_urban", "PCKD"),
    ("low_income_line_rural", "PCKD"),
    ("extreme_poverty_standard_urban", "PCKD"),
    ("extreme_poverty_standard_rural", "PCKD"),
    ("orphan_standard_next_year", "PCKD"),
    // 建立乡镇(街道）临时救助备用金制度: every township holds one; the levels above total theirs.
    ("temporary_relief_reserve", "PCKDT"),
    // 县级民政部门和乡镇政府（街道办事处）…2名和4名
    ("social_assistance_staff", "PCKDT"),
    // 乡镇（街道）…服务站全覆盖
    ("social_work_stations", "PCKDT"),
    // Ratios over what every area has: households, urban residents, communities, facilities.
    ("community_service_floor_area", "PCKDT"),
    ("community_workers", "PCKDT"),
    // 上年度当地社会平均工资: published at county level and above.
    ("community_worker_pay", "PCKD"),
    ("community_social_organizations", "PCKDT"),
    ("volunteer_stations", "PCKDT"),
    // Province totals: shares down to counties and districts, not to townships.
    ("social_org_staff_share", "PCKD"),
    ("social_work_professionals_share", "PCKD"),
    ("lottery_outlets_share", "PCKD"),
    // 县级以上婚姻登记机关
    ("marriage_cross_province", "PCKD"),
    ("marriage_counselling_rooms", "PCKD"),
    // 50 % of townships: a share of many, not a rule for one.
    ("minor_protection_stations", "PCKD"),
    // 工作站或工作专干实现全覆盖: every township.
    ("minor_protection_coverage", "PCKDT"),
    ("child_director_training", "PCKDT"),
    // 县级儿童福利机构
    ("child_welfare_transformation", "PCKD"),
    // 地级市全覆盖
    ("minor_rescue_facilities", "PC"),
    // 县级公益性安葬（放）设施覆盖率: counties, county-level cities and districts.
    ("public_burial_facilities", "PCKD"),
    ("eco_burials", "PCKDT"),
    // 市级覆盖率
    ("mental_health_welfare_institutions", "PC"),
    ("eldercare_land", "PCKDT"),
    ("nursing_beds", "PCKDT"),
    ("eldercare_social_workers_elderly", "PCKDT"),
    ("eldercare_social_workers_beds", "PCKDT"),
    // 80 % of subdistricts, 60 % of townships: shares of many.
    ("comprehensive_eldercare_subdistricts", "PCKD"),
    ("regional_eldercare_centres", "PCKD"),
    // 每个县（市）: not city districts.
    ("care_type_institutions", "PCK"),
    // 每个县（市、区）
    ("emergency_eldercare_facilities", "PCKD"),
    ("care_worker_training_share", "PCKD"),
    ("aging_retrofit_share", "PCKD"),
];

const LEVELS: [(Level, char, &str); 5] = [
    (Level::Province, 'P', "province"),
    (Level::City, 'C', "city"),
    (Level::County, 'K', "county"),
    (Level::District, 'D', "district"),
    (Level::Township, 'T', "township"),
];

/// Every input, every administrative count typed (so no level fills any), and a current value for every norm.
fn locality(level: Option<&'static str>) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = [
        ("resident_population", "500000"),
        ("urban_resident_population", "231109"),
        ("registered_population", "480000"),
        ("households", "170001"),
        ("elderly_population", "123456"),
        ("prefecture_cities", "2"),
        ("counties", "3"),
        ("districts", "2"),
        ("townships", "10"),
        ("subdistricts", "5"),
        ("urban_communities", "37"),
        ("rural_communities", "101"),
        ("community_service_facilities", "138"),
        ("marriage_registries", "6"),
        ("county_child_welfare_institutions", "3"),
        ("eldercare_beds", "206000"),
        ("annual_ashes_placements", "1234"),
        ("urban_dibao_monthly", "672"),
        ("rural_dibao_annual", "5558"),
        ("urban_consumption_growth_pct", "5.5"),
        ("rural_consumption_growth_pct", "3.3"),
        ("orphan_standard_monthly", "1500"),
        ("average_wage_annual", "85432.1"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    pairs.extend(NORMS.iter().map(|n| (format!("current.{}", n.id), "7".to_string())));
    pairs.extend(level.map(|l| ("level".to_string(), l.to_string())));
    pairs
}

#[test]
fn the_table_is_the_rulesets() {
    assert_eq!(TABLE.len(), NORMS.len());
    for ((id, letters), norm) in TABLE.iter().zip(NORMS.iter()) {
        assert_eq!(*id, norm.id, "the table follows the ruleset's order");
        let expected: Vec<Level> = LEVELS.iter().filter(|(_, c, _)| letters.contains(*c)).map(|l| l.0).collect();
        assert_eq!(norm.levels, &expected[..], "{id}");
    }
}

#[test]
fn every_norm_at_every_level_applies_or_not_as_the_table_says() {
    let plain = compute(locality(None).iter().map(|(k, v)| (k.as_str(), v.as_str())));
    assert!(plain.errors.is_empty() && plain.results.iter().all(|r| r.status != Status::NotApplicable));
    let mut checked = 0;
    for (level, letter, value) in LEVELS {
        let pairs = locality(Some(value));
        let c = compute(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert!(c.errors.is_empty(), "{value}: {:?}", c.errors);
        assert_eq!(c.level, Some(level));
        for (id, letters) in TABLE {
            let (r, without) = (&c.results[norm_index(id).unwrap()], &plain.results[norm_index(id).unwrap()]);
            if letters.contains(letter) {
                // Applies: exactly the result with no level (every count was typed, so the level filled none).
                assert_eq!(r, without, "{id} at {value}");
                assert!(matches!(r.status, Status::Met | Status::Unmet), "{id} at {value}: {:?}", r.status);
            } else {
                assert_eq!(r.status, Status::NotApplicable, "{id} at {value}");
                assert_eq!((r.required, r.required_max, r.gap), (None, None, Some(0.into())), "{id} at {value}");
                assert_eq!(r.current, without.current, "{id} at {value}: the typed current value is kept");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 39 * 5);
}

#[test]
fn every_norm_says_why_in_both_languages() {
    for norm in NORMS {
        let (level_note_zh, level_note_en) = (norm.basis().level_note_zh, norm.basis().level_note_en);
        assert!(!level_note_zh.trim().is_empty(), "{}: level_note_zh", norm.id);
        assert!(!level_note_en.trim().is_empty(), "{}: level_note_en", norm.id);
        assert!(!norm.levels.is_empty(), "{}: applies somewhere", norm.id);
        // A note for a norm that is not applicable somewhere says where (不适用 / does not apply, not for).
        if norm.levels.len() < 5 {
            assert!(level_note_zh.contains("不适用"), "{}: {}", norm.id, level_note_zh);
            assert!(
                level_note_en.contains("not apply") || level_note_en.contains("not for"),
                "{}: {}",
                norm.id,
                level_note_en
            );
        }
    }
}

/// The plan, and text compared with it: no whitespace (the plan's in-line spaces, `不少于 2名`, and its line
/// breaks), no page numbers (`—17—`).
fn squeezed(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !(l.starts_with('—') && l.ends_with('—') && l.chars().any(|c| c.is_ascii_digit())))
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[test]
fn the_plans_words_in_the_level_notes_are_the_plans() {
    let plan = squeezed(include_str!("../rules/plan/liaoning-civil-affairs-14th-fyp.txt"));
    let mut quoted = 0;
    for norm in NORMS {
        // Each “…” of a Chinese note is plan text; … inside marks words left out.
        let mut rest = norm.basis().level_note_zh;
        while let Some((_, after)) = rest.split_once('“') {
            let (quote, tail) = after.split_once('”').unwrap_or_else(|| panic!("{}: an unclosed “", norm.id));
            for piece in quote.split('…').filter(|p| !p.is_empty()) {
                assert!(plan.contains(&squeezed(piece)), "{}: “{piece}” is not in the plan", norm.id);
                quoted += 1;
            }
            rest = tail;
        }
    }
    assert!(quoted >= 35, "{quoted} quoted pieces");
}
