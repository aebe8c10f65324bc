use super::*;
use minzheng_core::compute;
use minzheng_core::engine::{Computation, NormResult};
use minzheng_core::rules::norm_index;
use std::collections::BTreeSet;

/// The `{name}` places of a text.
fn places(text: &str) -> BTreeSet<&str> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some((_, after)) = rest.split_once('{') {
        if let Some((name, tail)) = after.split_once('}') {
            out.insert(name);
            rest = tail;
        } else {
            break;
        }
    }
    out
}

#[test]
fn every_entry_has_both_languages_and_the_same_places() {
    let mut count = 0;
    for word in all() {
        assert!(!word.zh.trim().is_empty() && !word.en.trim().is_empty(), "{}: both languages", word.id);
        assert_eq!(places(word.zh), places(word.en), "{}: the same {{places}} in zh and en", word.id);
        for name in places(word.zh) {
            assert!(
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{}: place {{{name}}}",
                word.id
            );
        }
        count += 1;
    }
    assert!(count > 150, "{count} entries");
}

#[test]
fn ids_are_unique_and_scoped() {
    let mut seen = BTreeSet::new();
    for word in all() {
        assert!(seen.insert(word.id), "{} twice", word.id);
        let (part, name) = word.id.split_once('.').unwrap_or_else(|| panic!("{}: <part>.<name>", word.id));
        let ok =
            |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        assert!(ok(part) && ok(name), "{}", word.id);
    }
    assert!(batch::ALL.iter().all(|w| w.id.starts_with("batch.")), "the batch section's words are batch.*");
}

#[test]
fn fill_replaces_each_place_once() {
    assert_eq!(
        batch::COMPUTING.fill(Lang::Zh, &[("done", "2,000"), ("total", "40,000")]),
        "正在测算 2,000 / 40,000 个地区…"
    );
    assert_eq!(
        batch::COMPUTING.fill(Lang::En, &[("done", "2,000"), ("total", "40,000")]),
        "Computing 2,000 of 40,000 localities…"
    );
    // A value holding a place of the template (a user's column header) is not filled again.
    assert_eq!(fill("{column} / {unit}", &[("column", "{unit}"), ("unit", "万人")]), "{unit} / 万人");
    // Places with no value, and lone braces, stay as written.
    assert_eq!(fill("{a} {b} {c", &[("a", "1")]), "1 {b} {c");
    assert_eq!(fill("", &[]), "");
}

#[test]
fn one_wording_per_status() {
    assert_eq!(status(Status::Unknown).get(Lang::Zh), "未填现有值");
    assert_eq!(status(Status::MissingInput).get(Lang::En), "Missing input");
    assert_eq!((status(Status::NotApplicable).zh, status(Status::NotApplicable).en), ("不适用", "Not applicable"));
    assert_eq!(binding(Binding::None), None);
    assert_eq!(binding(Binding::Binding).map(|w| w.zh), Some("约束性"));
}

/// A fictional county with every input (the same as crates/core/tests/golden.rs).
fn locality(extra: &[(&'static str, &'static str)]) -> Computation {
    let base: &[(&str, &str)] = &[
        ("resident_population", "500,000"),
        ("urban_resident_population", "231109"),
        ("registered_population", "48万"),
        ("households", "170001"),
        ("elderly_population", "123456"),
        ("prefecture_cities", "2"),
        ("counties", "3"),
        ("districts", "2"),
        ("townships", "10"),
        ("subdistricts", "5"),
        ("urban_communities", "37"),
        ("rural_communities", "101"),
        ("urban_dibao_monthly", "672"),
        ("rural_dibao_annual", "5558"),
        ("urban_consumption_growth_pct", "5.5"),
        ("average_wage_annual", "85,432.10"),
    ];
    compute(base.iter().chain(extra).copied())
}

fn result<'a>(c: &'a Computation, id: &str) -> &'a NormResult {
    &c.results[norm_index(id).unwrap()]
}

fn line(r: &NormResult, lang: Lang) -> String {
    working_line(&r.working, lang.pick(r.norm().unit_zh, r.norm().unit_en))
}

#[test]
fn the_working_line_reads_as_worked_by_hand() {
    let c = locality(&[]);
    let workers = result(&c, "community_workers");
    assert_eq!(line(workers, Lang::Zh), "231,109 × 18 ÷ 10,000 = 415.9962 → 416 人");
    assert_eq!(line(workers, Lang::En), "231,109 × 18 ÷ 10,000 = 415.9962 → 416 persons");
    assert_eq!(line(result(&c, "social_assistance_staff"), Lang::Zh), "2 × (3 + 2) + 4 × (10 + 5) = 70 → 70 人");
    // More than four decimals: ≈ and the first four.
    assert_eq!(line(result(&c, "dibao_rural_for_ratio"), Lang::Zh), "672 × 12 ÷ 1.3 ≈ 6,203.0769 → 6,203.08 元/人/年");
    assert_eq!(line(result(&c, "dibao_urban_next_year"), Lang::Zh), "672 × (1 + 5.5 ÷ 100) = 708.96 → 708.96 元/人/月");
    // A formula that is one figure does not repeat it.
    assert_eq!(line(result(&c, "community_worker_pay"), Lang::Zh), "85,432.1 → 85,432.1 元/年");
    // A range's two ends.
    let range = result(&c, "low_income_line_urban");
    assert_eq!(line(range, Lang::Zh), "672 × 1.5 = 1,008 → 1,008 元/人/月");
    let max = range.working_max.as_ref().expect("a range has an upper end");
    assert_eq!(working_line(max, "元/人/月"), "672 × 2 = 1,344 → 1,344 元/人/月");
}

#[test]
fn a_missing_input_shows_as_a_question_mark() {
    let c = compute([("townships", "10")]);
    assert_eq!(line(result(&c, "social_assistance_staff"), Lang::Zh), "2 × (? + ?) + 4 × (10 + ?)");
    assert_eq!(line(result(&c, "community_workers"), Lang::En), "? × 18 ÷ 10,000");
}

#[test]
fn a_local_standard_shows_in_the_working() {
    let c = locality(&[("param.community_workers.per_10k", "20")]);
    assert_eq!(line(result(&c, "community_workers"), Lang::Zh), "231,109 × 20 ÷ 10,000 = 462.218 → 463 人");
}

#[test]
fn a_formula_reads_in_words() {
    let c = locality(&[]);
    let dibao = result(&c, "dibao_urban_next_year");
    assert_eq!(
        formula_in_words(&dibao.working.tokens, dibao.norm(), Lang::Zh),
        "城市低保标准 × (1 + 城镇居民上年度人均消费支出增速 ÷ 100)"
    );
    let workers = result(&c, "community_workers");
    assert_eq!(
        formula_in_words(&workers.working.tokens, workers.norm(), Lang::En),
        format!("Urban resident population × {} ÷ 10,000", workers.norm().params[0].label_en)
    );
}

/// The message of the first error for these inputs.
fn message(pairs: &[(&str, &str)], lang: Lang) -> String {
    let c = compute(pairs.iter().copied());
    input_error(c.errors.first().expect("an error"), lang)
}

#[test]
fn input_errors_name_the_input_and_the_reason() {
    let both = |pairs: &[(&str, &str)]| (message(pairs, Lang::Zh), message(pairs, Lang::En));
    assert_eq!(
        both(&[("resident_population", "-5")]),
        ("常住人口：不能为负数".into(), "Resident population: cannot be negative".into())
    );
    assert_eq!(
        both(&[("townships", "abc")]),
        (
            "乡镇个数（乡、镇）：不是有效数字，请输入如 12345、12,345 或 1.2万".into(),
            "Townships and towns: not a number; type e.g. 12345, 12,345 or 1.2万".into()
        )
    );
    assert_eq!(
        message(&[("townships", "1e5")], Lang::Zh),
        "乡镇个数（乡、镇）：不接受科学计数法（如 1e5），请写成 100000"
    );
    assert_eq!(
        message(&[("townships", "1,23")], Lang::En),
        "Townships and towns: thousands separators are misplaced; group by three, as in 12,345"
    );
    assert_eq!(message(&[("townships", "99999999999999999999999")], Lang::Zh), "乡镇个数（乡、镇）：数值过大");
    assert_eq!(message(&[("townships", "2.5")], Lang::En), "Townships and towns: must be a whole number");
    assert_eq!(message(&[("province_resident_population", "0")], Lang::Zh), "全省常住人口（分摊基数）：必须大于 0");
    assert_eq!(
        both(&[("resident_population", "3000000000")]),
        (
            "常住人口：超出合理范围（最大 2,000,000,000），请检查是否多输了位数".into(),
            "Resident population: beyond the plausible range (at most 2,000,000,000); check for extra digits".into()
        )
    );
    assert_eq!(
        both(&[("resident_population", "100000"), ("urban_resident_population", "100001")]),
        (
            "城镇常住人口：不能大于常住人口（100,000 人）".into(),
            "Urban resident population: cannot exceed the resident population (100,000)".into()
        )
    );
    let long = "县".repeat(201);
    assert_eq!(
        both(&[("name", &long)]),
        ("地区名称过长（最多 200 个字）".into(), "Locality: the name is too long (at most 200 characters)".into())
    );
}

#[test]
fn current_values_and_local_standards_are_named_as_such() {
    assert_eq!(
        message(&[("current.community_workers", "x")], Lang::Zh),
        "现有城镇社区工作者：不是有效数字，请输入如 12345、12,345 或 1.2万"
    );
    assert!(message(&[("current.community_workers", "-1")], Lang::En).starts_with("Current "));
    let workers = &NORMS[norm_index("community_workers").unwrap()];
    assert_eq!(
        message(&[("param.community_workers.per_10k", "0")], Lang::Zh),
        format!("{}（本地标准）：必须大于 0", workers.params[0].label_zh)
    );
    assert_eq!(
        message(&[("param.community_workers.per_10k", "0")], Lang::En),
        format!("{} (local standard): must be greater than 0", workers.params[0].label_en)
    );
}

#[test]
fn levels_read_in_both_languages() {
    assert_eq!(
        level_list(Lang::Zh),
        "省（province）、地级市（city）、县/县级市（county）、市辖区（district）、乡镇/街道（township）"
    );
    assert_eq!(level(Level::District, Lang::En), "City district");
    let care = &NORMS[norm_index("care_type_institutions").unwrap()];
    assert_eq!(levels_of(care, Lang::Zh), "省、地级市、县/县级市");
    assert_eq!(levels_of(care, Lang::En), "province, city, county");
    let note = export::LEVEL_NOTE.fill(Lang::Zh, &[("levels", &level_list(Lang::Zh))]);
    assert!(note.starts_with("填以下之一：省（province）"), "{note}");
}
