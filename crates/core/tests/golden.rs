//! Golden cases: every norm of CONTRACT.md §2 worked by hand from the plan's words for one fictional
//! county-level locality, plus the edges the contract names. The expected figures below were worked
//! out on paper (and the long divisions checked with Python's decimal module), not taken from the code.
#![cfg(not(target_arch = "wasm32"))]

use minzheng_core::inputs::{field_index, Key};
use minzheng_core::rules::{norm_index, Binding, Comparator};
use minzheng_core::{compute, Computation, ErrorKind, Level, NormResult, Status};
use minzheng_text::{input_error, working_line, Lang};
use rust_decimal::Decimal;

/// A fictional locality with every input given. T = 10 + 5 = 15 township-level units,
/// K = 3 + 2 = 5 county-level units.
const LOCALITY: &[(&str, &str)] = &[
    ("name", "示例县"),
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
    ("community_service_facilities", "138"),
    ("marriage_registries", "6"),
    ("county_child_welfare_institutions", "3"),
    ("eldercare_beds", "206000"),
    ("annual_ashes_placements", "1234"),
    ("urban_dibao_monthly", "672"),
    ("rural_dibao_annual", "5558"),
    ("urban_consumption_growth_pct", "5.5"),
    ("rural_consumption_growth_pct", "3.3%"),
    ("orphan_standard_monthly", "1500"),
    ("average_wage_annual", "85,432.10"),
];

fn result<'a>(c: &'a Computation, id: &str) -> &'a NormResult {
    c.results.iter().find(|r| r.id() == id).unwrap_or_else(|| panic!("no result for {id}"))
}

/// A figure as worked by hand.
fn d(text: &str) -> Decimal {
    text.parse().unwrap_or_else(|_| panic!("{text} is a decimal"))
}

fn some(text: &str) -> Option<Decimal> {
    Some(d(text))
}

/// The field ids a result is missing.
fn missing(r: &NormResult) -> Vec<&'static str> {
    r.missing.iter().map(|&i| minzheng_core::inputs::FIELD_IDS[i]).collect()
}

fn with(extra: &[(&'static str, &'static str)]) -> Computation {
    compute(LOCALITY.iter().chain(extra.iter()).copied())
}

/// (norm id, required, required_max) worked by hand.
const EXPECTED: &[(&str, &str, Option<&str>)] = &[
    // 672 × (1 + 5.5/100) = 708.96
    ("dibao_urban_next_year", "708.96", None),
    // 5558 × 1.033 = 5741.414 → up to the fen: 5741.42
    ("dibao_rural_next_year", "5741.42", None),
    // 672 × 12 ÷ 1.3 = 6203.0769… → 6203.08
    ("dibao_rural_for_ratio", "6203.08", None),
    // 1.5 × 672 = 1008 to 2 × 672 = 1344
    ("low_income_line_urban", "1008", Some("1344")),
    // 1.5 × 5558 = 8337 to 2 × 5558 = 11116
    ("low_income_line_rural", "8337", Some("11116")),
    // 1.3 × 672 = 873.6
    ("extreme_poverty_standard_urban", "873.6", None),
    // 1.3 × 5558 = 7225.4
    ("extreme_poverty_standard_rural", "7225.4", None),
    // 1500 × 1.06 = 1590 (strictly more)
    ("orphan_standard_next_year", "1590", None),
    // 480,000 × 2 = 960,000 (about)
    ("temporary_relief_reserve", "960000", None),
    // 2 × 5 + 4 × 15 = 70
    ("social_assistance_staff", "70", None),
    // T = 15
    ("social_work_stations", "15", None),
    // 170,001 × 30 ÷ 100 = 51,000.3 m²
    ("community_service_floor_area", "51000.3", None),
    // 231,109 × 18 ÷ 10,000 = 415.9962 → 416
    ("community_workers", "416", None),
    ("community_worker_pay", "85432.1", None),
    // 10 × 37 + 3 × 101 = 673
    ("community_social_organizations", "673", None),
    // 0.8 × 138 = 110.4 → 111
    ("volunteer_stations", "111", None),
    // 245,000 × 500,000 ÷ 42,591,407 = 2876.167… → 2877
    ("social_org_staff_share", "2877", None),
    // 70,000 × 500,000 ÷ 42,591,407 = 821.762… → 822
    ("social_work_professionals_share", "822", None),
    // 12,000 × 500,000 ÷ 42,591,407 = 140.873… → 141
    ("lottery_outlets_share", "141", None),
    ("marriage_cross_province", "6", None),
    // 0.8 × 6 = 4.8 → 5
    ("marriage_counselling_rooms", "5", None),
    // 0.5 × 15 = 7.5 → 8
    ("minor_protection_stations", "8", None),
    ("minor_protection_coverage", "15", None),
    // 37 + 101 = 138
    ("child_director_training", "138", None),
    // 0.75 × 3 = 2.25 → 3
    ("child_welfare_transformation", "3", None),
    ("minor_rescue_facilities", "2", None),
    // K = 5
    ("public_burial_facilities", "5", None),
    // 0.6 × 1234 = 740.4 → 741
    ("eco_burials", "741", None),
    ("mental_health_welfare_institutions", "2", None),
    // 500,000 × 0.1 = 50,000 m²
    ("eldercare_land", "50000", None),
    // 0.55 × 206,000 = 113,300 exactly (binary floating point gives 113,300.00000000001 → 113,301)
    ("nursing_beds", "113300", None),
    // 123,456 ÷ 1000 = 123.456 → 124
    ("eldercare_social_workers_elderly", "124", None),
    // 206,000 ÷ 100 = 2060
    ("eldercare_social_workers_beds", "2060", None),
    // 0.8 × 5 = 4
    ("comprehensive_eldercare_subdistricts", "4", None),
    // 0.6 × 15 = 9
    ("regional_eldercare_centres", "9", None),
    // one per county (市): 3
    ("care_type_institutions", "3", None),
    // K to 2K: 5 to 10
    ("emergency_eldercare_facilities", "5", Some("10")),
    // 80,000 × 123,456 ÷ 10,954,467 = 901.593… → 902
    ("care_worker_training_share", "902", None),
    // 20,000 × 123,456 ÷ 10,954,467 = 225.398… → 226
    ("aging_retrofit_share", "226", None),
];

#[test]
fn every_norm_matches_the_hand_worked_value() {
    let c = with(&[]);
    assert!(c.errors.is_empty(), "unexpected input errors: {:?}", c.errors);
    assert_eq!(c.results.len(), 39);
    assert_eq!(EXPECTED.len(), 39);
    for (id, required, required_max) in EXPECTED {
        let r = result(&c, id);
        assert_eq!(r.required, some(required), "{id}: required");
        assert_eq!(r.required_max, required_max.map(d), "{id}: required_max");
        assert_eq!(r.status, Status::Unknown, "{id}: no current value given");
        assert_eq!(r.gap, Some(Decimal::ZERO), "{id}: gap is 0 unless unmet");
        assert!(r.missing.is_empty(), "{id}: missing {:?}", missing(r));
    }
}

#[test]
fn results_come_in_contract_order() {
    let c = with(&[]);
    let ids: Vec<&str> = c.results.iter().map(|r| r.id()).collect();
    let expected: Vec<&str> = EXPECTED.iter().map(|e| e.0).collect();
    assert_eq!(ids, expected);
}

#[test]
fn working_shows_the_users_numbers() {
    let c = with(&[]);
    let workers = result(&c, "community_workers");
    let outcome = workers.working.outcome.expect("every input given");
    assert_eq!(
        (outcome.exact, outcome.shown, outcome.shown_is_exact, outcome.rounded),
        (d("415.9962"), d("415.9962"), true, d("416"))
    );
    assert_eq!(working_line(&workers.working, workers.norm().unit_zh), "231,109 × 18 ÷ 10,000 = 415.9962 → 416 人");
    let staff = result(&c, "social_assistance_staff");
    let line = working_line(&staff.working, staff.norm().unit_zh);
    assert!(line.starts_with("2 × (3 + 2) + 4 × (10 + 5) = 70 → 70"), "{line}");
    // 672 × 12 ÷ 1.3 = 6203.076923…: four places shown, and flagged as rounded.
    let ratio = result(&c, "dibao_rural_for_ratio").working.outcome.expect("given");
    assert_eq!((ratio.shown, ratio.shown_is_exact, ratio.rounded), (d("6203.0769"), false, d("6203.08")));
}

#[test]
fn the_threshold_is_kept_unrounded() {
    let c = with(&[]);
    assert_eq!(result(&c, "community_workers").threshold, some("415.9962"));
    assert_eq!(result(&c, "volunteer_stations").threshold, some("110.4"));
    let ratio = result(&c, "dibao_rural_for_ratio");
    assert_eq!(ratio.extras[0], some("1.4509"), "8064 ÷ 5558 = 1.45088…");
}

#[test]
fn ten_thousand_and_one_urban_residents_need_nineteen_workers() {
    let c = compute([("urban_resident_population", "10001")]);
    // 10,001 × 18 ÷ 10,000 = 18.0018 → 19
    assert_eq!(result(&c, "community_workers").required, some("19"));
    let c = compute([("urban_resident_population", "10000")]);
    assert_eq!(result(&c, "community_workers").required, some("18"));
}

#[test]
fn status_compares_with_the_unrounded_threshold() {
    // 415.9962 needed: 416 meets it, 415 does not and is 1 short.
    let c = with(&[("current.community_workers", "416")]);
    let r = result(&c, "community_workers");
    assert_eq!((r.status, r.gap), (Status::Met, some("0")));
    let c = with(&[("current.community_workers", "415")]);
    let r = result(&c, "community_workers");
    assert_eq!((r.status, r.gap, r.current), (Status::Unmet, some("1"), some("415")));
    // 0.55 × 206,000 = 113,300 exactly: 113,300 nursing beds meet it.
    let c = with(&[("current.nursing_beds", "113300")]);
    assert_eq!(result(&c, "nursing_beds").status, Status::Met);
    let c = with(&[("current.nursing_beds", "113299")]);
    assert_eq!(result(&c, "nursing_beds").gap, some("1"));
}

#[test]
fn a_strict_bound_at_equality_is_unmet() {
    // More than 30 m² per 100 households: exactly 51,000.3 m² for 170,001 households is not enough.
    let c = with(&[("current.community_service_floor_area", "51000.3")]);
    let r = result(&c, "community_service_floor_area");
    assert_eq!(r.norm().comparator, Comparator::MoreThan);
    assert_eq!(r.status, Status::Unmet);
    let c = with(&[("current.community_service_floor_area", "51000.31")]);
    assert_eq!(result(&c, "community_service_floor_area").status, Status::Met);
    // Orphan standard must grow by more than 6 %: 1590 is not more than 1590.
    let c = with(&[("current.orphan_standard_next_year", "1590")]);
    assert_eq!(result(&c, "orphan_standard_next_year").status, Status::Unmet);
}

#[test]
fn a_range_is_judged_on_its_lower_end() {
    // 5 to 10 emergency facilities: 5 meets, 4 is 1 short, 12 (above the upper end) still meets.
    for (current, status, gap) in [("5", Status::Met, "0"), ("4", Status::Unmet, "1"), ("12", Status::Met, "0")] {
        let c = with(&[("current.emergency_eldercare_facilities", current)]);
        let r = result(&c, "emergency_eldercare_facilities");
        assert_eq!((r.status, r.gap), (status, some(gap)), "current {current}");
    }
    // The low-income line: 1.5 to 2 × 672; 1008 meets it.
    let c = with(&[("current.low_income_line_urban", "1008")]);
    assert_eq!(result(&c, "low_income_line_urban").status, Status::Met);
}

#[test]
fn a_range_rounds_its_lower_end_up_and_its_upper_end_down() {
    // 1.5 × 672.01 = 1008.015 → 1008.02; 2 × 672.01 = 1344.02.
    let c = compute([("urban_dibao_monthly", "672.01")]);
    let r = result(&c, "low_income_line_urban");
    assert_eq!((r.required, r.required_max), (some("1008.02"), some("1344.02")));
    // 1.5 × 0.333 = 0.4995 → 0.5; 2 × 0.333 = 0.666 → down to 0.66.
    let c = compute([("urban_dibao_monthly", "0.333")]);
    let r = result(&c, "low_income_line_urban");
    assert_eq!((r.required, r.required_max), (some("0.5"), some("0.66")));
}

#[test]
fn the_whole_province_gets_exactly_the_province_total() {
    let c = compute([("resident_population", "42591407"), ("elderly_population", "10954467")]);
    for (id, total) in [
        ("social_org_staff_share", "245000"),
        ("social_work_professionals_share", "70000"),
        ("lottery_outlets_share", "12000"),
        ("care_worker_training_share", "80000"),
        ("aging_retrofit_share", "20000"),
    ] {
        let r = result(&c, id);
        assert_eq!(r.threshold, some(total), "{id}");
        assert_eq!(r.required, some(total), "{id}");
        assert!(r.norm().indicative, "{id} is a pro-rata share and must say so");
    }
}

#[test]
fn the_approximate_reserve_is_judged_like_at_least() {
    let c = with(&[("current.temporary_relief_reserve", "960000")]);
    let r = result(&c, "temporary_relief_reserve");
    assert_eq!((r.norm().comparator, r.status), (Comparator::About, Status::Met));
    let c = with(&[("current.temporary_relief_reserve", "959999.99")]);
    assert_eq!(result(&c, "temporary_relief_reserve").gap, some("0.01"));
}

#[test]
fn missing_inputs_are_named_and_the_rest_still_computes() {
    let c = compute([("urban_resident_population", "231109"), ("townships", "10")]);
    let staff = result(&c, "social_assistance_staff");
    assert_eq!(staff.status, Status::MissingInput);
    assert_eq!(missing(staff), ["counties", "districts", "subdistricts"]);
    assert_eq!(staff.required, None);
    assert_eq!(staff.gap, some("0"), "the contract's gap is 0 unless unmet");
    assert_eq!(result(&c, "community_workers").required, some("416"));
}

#[test]
fn a_bad_field_leaves_every_other_result() {
    let c = with(&[("resident_population", "五十万"), ("current.community_workers", "abc")]);
    let fields: Vec<String> = c.errors.iter().map(|e| e.key.to_string()).collect();
    assert_eq!(fields, ["resident_population", "current.community_workers"]);
    assert_eq!(c.errors[1].key, Key::Current(norm_index("community_workers").unwrap()));
    assert_eq!(result(&c, "eldercare_land").status, Status::MissingInput);
    assert_eq!(missing(result(&c, "eldercare_land")), ["resident_population"]);
    // urban (231,109) and elderly (123,456) are no longer checked against a resident population.
    assert_eq!(result(&c, "community_workers").required, some("416"));
    assert_eq!(result(&c, "community_workers").status, Status::Unknown);
}

#[test]
fn urban_above_resident_is_an_error_on_urban() {
    let c = compute([("resident_population", "100000"), ("urban_resident_population", "100001")]);
    assert_eq!(c.errors.len(), 1);
    assert_eq!(c.errors[0].key, Key::Field(field_index("urban_resident_population").unwrap()));
    assert_eq!(c.errors[0].kind, ErrorKind::ExceedsResident { resident: d("100000") });
    assert!(input_error(&c.errors[0], Lang::Zh).contains("不能大于常住人口"));
    assert!(input_error(&c.errors[0], Lang::En).contains("cannot exceed"));
    assert_eq!(result(&c, "community_workers").status, Status::MissingInput);
    assert_eq!(result(&c, "eldercare_land").required, some("10000"));
}

#[test]
fn a_local_standard_is_flagged_and_the_plan_value_stays() {
    let c = with(&[("param.community_workers.per_10k", "20")]);
    let r = result(&c, "community_workers");
    // 231,109 × 20 ÷ 10,000 = 462.218 → 463; the plan's 18 gives 416.
    assert!(r.local);
    assert_eq!(r.required, some("463"));
    assert_eq!(r.plan.as_ref().and_then(|p| p.required), some("416"));
    let per_10k = r.norm().params.iter().position(|p| p.name == "per_10k").expect("the parameter");
    assert_eq!(r.norm().params[per_10k].value, "18");
    assert_eq!((r.params[per_10k].value, r.params[per_10k].local), (d("20"), true));
    assert!(!result(&c, "eldercare_land").local);
}

#[test]
fn census_bases_can_be_overridden() {
    // A base of 50,000,000: 245,000 × 500,000 ÷ 50,000,000 = 2450.
    let c = with(&[("province_resident_population", "5000万")]);
    assert_eq!(result(&c, "social_org_staff_share").required, some("2450"));
}

#[test]
fn every_result_carries_its_citation_and_quote() {
    let c = with(&[]);
    for r in &c.results {
        let n = r.norm();
        let b = n.basis();
        assert!(!b.citation_zh.is_empty() && !b.citation_en.is_empty(), "{}", n.id);
        assert!(!b.quotes.is_empty(), "{}", n.id);
        assert!(!n.name_zh.is_empty() && !n.name_en.is_empty(), "{}", n.id);
    }
    assert_eq!(result(&c, "nursing_beds").norm().binding, Binding::Binding);
}

// ---------- the locality's level (issue 19.2) ----------
//
// A level makes the norms that do not apply there `NotApplicable` (no required value, gap 0) and fills the
// administrative counts it implies where none was typed. Each figure below is worked by hand.

/// The ids of the norms not applicable in a computation.
fn not_applicable(c: &Computation) -> Vec<&'static str> {
    c.results.iter().filter(|r| r.status == Status::NotApplicable).map(|r| r.id()).collect()
}

/// The values the computation took from a default, as (field id, value).
fn defaults(c: &Computation) -> Vec<(&'static str, Decimal)> {
    c.defaults.iter().map(|&(i, v)| (minzheng_core::inputs::FIELD_IDS[i], v)).collect()
}

const CENSUS_DEFAULTS: [(&str, &str); 2] =
    [("province_resident_population", "42591407"), ("province_elderly_population", "10954467")];

fn with_census(mut list: Vec<(&'static str, Decimal)>) -> Vec<(&'static str, Decimal)> {
    list.extend(CENSUS_DEFAULTS.map(|(f, v)| (f, d(v))));
    list.sort_by_key(|(f, _)| minzheng_core::inputs::field_index(f));
    list
}

/// The county: eight figures typed, no administrative counts.
const COUNTY: &[(&str, &str)] = &[
    ("name", "示例县"),
    ("level", "county"),
    ("resident_population", "500000"),
    ("urban_resident_population", "231109"),
    ("registered_population", "480000"),
    ("households", "170001"),
    ("elderly_population", "123456"),
    ("townships", "12"),
    ("subdistricts", "3"),
    ("eldercare_beds", "3200"),
];

#[test]
fn a_county_gets_its_counts_from_its_level_and_city_norms_do_not_apply() {
    let c = compute(COUNTY.iter().copied());
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    assert_eq!(c.level, Some(Level::County));
    // county → 1 county, 0 districts, 0 prefecture cities, shown as used (defaults), not typed.
    assert_eq!(
        defaults(&c),
        with_census(vec![("prefecture_cities", d("0")), ("counties", d("1")), ("districts", d("0"))])
    );
    // K = 1 + 0 = 1, T = 12 + 3 = 15.
    // 2 × (1 + 0) + 4 × (12 + 3) = 2 + 60 = 62
    let staff = result(&c, "social_assistance_staff");
    assert_eq!((staff.required, staff.status), (some("62"), Status::Unknown));
    assert_eq!(working_line(&staff.working, staff.norm().unit_zh), "2 × (1 + 0) + 4 × (12 + 3) = 62 → 62 人");
    for (id, required, required_max) in [
        // one facility per county-level unit: 1 × (1 + 0) = 1
        ("public_burial_facilities", "1", None),
        // 1 × (1 + 0) = 1 to 2 × (1 + 0) = 2
        ("emergency_eldercare_facilities", "1", Some("2")),
        // one per county (市): 1 × 1 = 1
        ("care_type_institutions", "1", None),
        // 1 × (12 + 3) = 15
        ("social_work_stations", "15", None),
        // 0.5 × 15 = 7.5 → 8
        ("minor_protection_stations", "8", None),
        // 0.8 × 3 = 2.4 → 3
        ("comprehensive_eldercare_subdistricts", "3", None),
        // 0.6 × 15 = 9
        ("regional_eldercare_centres", "9", None),
        // 231,109 × 18 ÷ 10,000 = 415.9962 → 416
        ("community_workers", "416", None),
        // 0.55 × 3,200 = 1,760
        ("nursing_beds", "1760", None),
        // 245,000 × 500,000 ÷ 42,591,407 = 2,876.167… → 2,877
        ("social_org_staff_share", "2877", None),
    ] {
        let r = result(&c, id);
        assert_eq!((r.required, r.required_max), (some(required), required_max.map(d)), "{id}");
        assert_eq!(r.status, Status::Unknown, "{id}");
    }
    // The city-level norms (地级市全覆盖, 市级覆盖率) do not apply to a county: no "≥ 0 个".
    assert_eq!(not_applicable(&c), ["minor_rescue_facilities", "mental_health_welfare_institutions"]);
    for id in ["minor_rescue_facilities", "mental_health_welfare_institutions"] {
        let r = result(&c, id);
        assert_eq!((r.required, r.threshold, r.gap, r.missing.len()), (None, None, some("0"), 0), "{id}");
        assert_eq!(r.working.outcome, None, "{id}: nothing worked out");
    }
    // Not met even when a 0 is typed as the current value (it used to count as 达标 against ≥ 0).
    let c = compute(COUNTY.iter().copied().chain([("current.minor_rescue_facilities", "0")]));
    let r = result(&c, "minor_rescue_facilities");
    assert_eq!((r.status, r.current, r.gap), (Status::NotApplicable, some("0"), some("0")));
}

#[test]
fn a_typed_count_wins_over_the_level() {
    // The county as above with 县和县级市个数 typed as 2: 2 × (2 + 0) + 4 × 15 = 64.
    let c = compute(COUNTY.iter().copied().chain([("counties", "2")]));
    assert_eq!(result(&c, "social_assistance_staff").required, some("64"));
    assert_eq!(defaults(&c), with_census(vec![("prefecture_cities", d("0")), ("districts", d("0"))]));
    // A typed 0 wins too; a wrong count is an error and is not replaced by the level's.
    let c = compute(COUNTY.iter().copied().chain([("districts", "0"), ("counties", "很多")]));
    assert_eq!(c.errors.len(), 1);
    let staff = result(&c, "social_assistance_staff");
    assert_eq!((staff.status, missing(staff)), (Status::MissingInput, vec!["counties"]));
}

#[test]
fn a_district_is_one_district_and_each_county_norm_of_xian_shi_does_not_apply() {
    let c = compute([
        ("level", "市辖区"),
        ("resident_population", "380000"),
        ("urban_resident_population", "350000"),
        ("elderly_population", "95000"),
        ("townships", "2"),
        ("subdistricts", "9"),
    ]);
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    assert_eq!(c.level, Some(Level::District));
    assert_eq!(
        defaults(&c),
        with_census(vec![("prefecture_cities", d("0")), ("counties", d("0")), ("districts", d("1"))])
    );
    // 2 × (0 + 1) + 4 × (2 + 9) = 2 + 44 = 46
    assert_eq!(result(&c, "social_assistance_staff").required, some("46"));
    // 每个县（市、区）: 1 × (0 + 1) = 1 to 2
    let emergency = result(&c, "emergency_eldercare_facilities");
    assert_eq!((emergency.required, emergency.required_max), (some("1"), some("2")));
    assert_eq!(result(&c, "public_burial_facilities").required, some("1"));
    // 0.8 × 9 = 7.2 → 8; 0.6 × (2 + 9) = 6.6 → 7
    assert_eq!(result(&c, "comprehensive_eldercare_subdistricts").required, some("8"));
    assert_eq!(result(&c, "regional_eldercare_centres").required, some("7"));
    // 350,000 × 18 ÷ 10,000 = 630; 95,000 ÷ 1,000 = 95
    assert_eq!(result(&c, "community_workers").required, some("630"));
    assert_eq!(result(&c, "eldercare_social_workers_elderly").required, some("95"));
    // 每个县（市） leaves city districts out (专栏5第5项), and the city-level norms do not apply.
    assert_eq!(
        not_applicable(&c),
        ["minor_rescue_facilities", "mental_health_welfare_institutions", "care_type_institutions"]
    );
}

/// A town (镇): one township-level unit, its own figures.
const TOWN: &[(&str, &str)] = &[
    ("level", "镇"),
    ("townships", "1"),
    ("resident_population", "42000"),
    ("urban_resident_population", "12345"),
    ("registered_population", "45500"),
    ("households", "15001"),
    ("elderly_population", "10500"),
    ("urban_communities", "3"),
    ("rural_communities", "18"),
    ("community_service_facilities", "21"),
    ("eldercare_beds", "120"),
    ("annual_ashes_placements", "310"),
    ("urban_dibao_monthly", "672"),
    ("rural_dibao_annual", "5558"),
];

#[test]
fn a_township_checks_its_own_units_and_not_the_shares_of_many() {
    let c = compute(TOWN.iter().copied());
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    assert_eq!(c.level, Some(Level::Township));
    // township → 0 counties, 0 districts, 0 prefecture cities; 乡镇个数 typed 1, so 街道个数 is 0.
    assert_eq!(
        defaults(&c),
        with_census(vec![
            ("prefecture_cities", d("0")),
            ("counties", d("0")),
            ("districts", d("0")),
            ("subdistricts", d("0")),
        ])
    );
    let staff = result(&c, "social_assistance_staff");
    // 2 × (0 + 0) + 4 × (1 + 0) = 4
    assert_eq!(working_line(&staff.working, staff.norm().unit_zh), "2 × (0 + 0) + 4 × (1 + 0) = 4 → 4 人");
    let applies: Vec<(&str, &str)> = vec![
        // 45,500 × 2 = 91,000 (about)
        ("temporary_relief_reserve", "91000"),
        ("social_assistance_staff", "4"),
        // 1 × (1 + 0) = 1
        ("social_work_stations", "1"),
        // 15,001 × 30 ÷ 100 = 4,500.3 m²
        ("community_service_floor_area", "4500.3"),
        // 12,345 × 18 ÷ 10,000 = 22.221 → 23
        ("community_workers", "23"),
        // 10 × 3 + 3 × 18 = 84
        ("community_social_organizations", "84"),
        // 0.8 × 21 = 16.8 → 17
        ("volunteer_stations", "17"),
        // 1 × (1 + 0) = 1
        ("minor_protection_coverage", "1"),
        // 3 + 18 = 21
        ("child_director_training", "21"),
        // 0.6 × 310 = 186
        ("eco_burials", "186"),
        // 42,000 × 0.1 = 4,200 m²
        ("eldercare_land", "4200"),
        // 0.55 × 120 = 66
        ("nursing_beds", "66"),
        // 10,500 ÷ 1,000 = 10.5 → 11
        ("eldercare_social_workers_elderly", "11"),
        // 120 ÷ 100 = 1.2 → 2
        ("eldercare_social_workers_beds", "2"),
    ];
    for (id, required) in &applies {
        let r = result(&c, id);
        assert_eq!((r.required, r.status), (some(required), Status::Unknown), "{id}");
    }
    // Everything else does not apply to a township: the standards (the dibao standard typed is the county's),
    // the shares of province totals, the county- and city-level facilities, the coverage rates below 100 %
    // over many townships (50 %, 60 %, 80 %).
    let na = not_applicable(&c);
    assert_eq!(na.len(), 39 - applies.len());
    for id in [
        "dibao_urban_next_year",
        "extreme_poverty_standard_urban",
        "community_worker_pay",
        "social_org_staff_share",
        "marriage_counselling_rooms",
        "minor_protection_stations",
        "public_burial_facilities",
        "comprehensive_eldercare_subdistricts",
        "regional_eldercare_centres",
        "care_type_institutions",
        "emergency_eldercare_facilities",
    ] {
        assert!(na.contains(&id), "{id} applies to a township");
    }
    // An extra figure beside a result that does not apply is not shown either (the current dibao ratio,
    // 672 × 12 ÷ 5,558 = 1.4509 with no level).
    assert_eq!(result(&c, "dibao_rural_for_ratio").extras, [None]);
    let no_level = compute(TOWN.iter().copied().filter(|(k, _)| *k != "level"));
    assert_eq!(result(&no_level, "dibao_rural_for_ratio").extras, [some("1.4509")]);
}

#[test]
fn a_subdistrict_is_one_jiedao_and_an_untyped_township_count_stays_missing() {
    // 街道: 街道个数 typed 1, so 乡镇个数 is 0: 2 × (0 + 0) + 4 × (0 + 1) = 4.
    let c = compute([("level", "街道"), ("subdistricts", "1")]);
    let staff = result(&c, "social_assistance_staff");
    assert_eq!(working_line(&staff.working, staff.norm().unit_zh), "2 × (0 + 0) + 4 × (0 + 1) = 4 → 4 人");
    assert!(defaults(&c).contains(&("townships", d("0"))));
    // Whether a township-level unit is a 乡镇 or a 街道 only its user knows: with neither typed, both are asked for.
    let c = compute([("level", "township")]);
    let stations = result(&c, "social_work_stations");
    assert_eq!((stations.status, missing(stations)), (Status::MissingInput, vec!["townships", "subdistricts"]));
    let staff = result(&c, "social_assistance_staff");
    assert_eq!(working_line(&staff.working, staff.norm().unit_zh), "2 × (0 + 0) + 4 × (? + ?)");
    assert_eq!(missing(staff), ["townships", "subdistricts"]);
}

#[test]
fn a_city_is_one_prefecture_city_and_every_norm_applies() {
    let c = compute([
        ("level", "地级市"),
        ("counties", "3"),
        ("districts", "4"),
        ("townships", "40"),
        ("subdistricts", "30"),
        ("resident_population", "2000000"),
    ]);
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    assert_eq!(c.level, Some(Level::City));
    assert_eq!(defaults(&c), with_census(vec![("prefecture_cities", d("1"))]));
    assert!(not_applicable(&c).is_empty());
    for (id, required, required_max) in [
        // 地级市全覆盖, 市级覆盖率: 1 × 1 = 1
        ("minor_rescue_facilities", "1", None),
        ("mental_health_welfare_institutions", "1", None),
        // 2 × (3 + 4) + 4 × (40 + 30) = 14 + 280 = 294
        ("social_assistance_staff", "294", None),
        // K = 3 + 4 = 7
        ("public_burial_facilities", "7", None),
        ("emergency_eldercare_facilities", "7", Some("14")),
        // 每个县（市）: 3
        ("care_type_institutions", "3", None),
        // 0.8 × 30 = 24; 0.6 × 70 = 42; 0.5 × 70 = 35
        ("comprehensive_eldercare_subdistricts", "24", None),
        ("regional_eldercare_centres", "42", None),
        ("minor_protection_stations", "35", None),
        // 245,000 × 2,000,000 ÷ 42,591,407 = 11,504.668… → 11,505
        ("social_org_staff_share", "11505", None),
    ] {
        let r = result(&c, id);
        assert_eq!((r.required, r.required_max), (some(required), required_max.map(d)), "{id}");
    }
}

#[test]
fn a_province_implies_no_count_and_every_norm_applies() {
    // Liaoning: 14 prefecture-level cities, 41 counties and county-level cities, 59 city districts.
    let c = compute([
        ("level", "省"),
        ("prefecture_cities", "14"),
        ("counties", "41"),
        ("districts", "59"),
        ("resident_population", "42591407"),
        ("elderly_population", "10954467"),
    ]);
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    assert_eq!(c.level, Some(Level::Province));
    assert_eq!(defaults(&c), with_census(vec![]));
    assert!(not_applicable(&c).is_empty());
    for (id, required, required_max) in [
        ("minor_rescue_facilities", "14", None),
        ("mental_health_welfare_institutions", "14", None),
        // K = 41 + 59 = 100
        ("public_burial_facilities", "100", None),
        ("emergency_eldercare_facilities", "100", Some("200")),
        ("care_type_institutions", "41", None),
        // The whole province's own population: the province totals exactly.
        ("social_org_staff_share", "245000", None),
        ("care_worker_training_share", "80000", None),
    ] {
        let r = result(&c, id);
        assert_eq!((r.required, r.required_max), (some(required), required_max.map(d)), "{id}");
    }
    // Nothing typed: the counts stay missing (a province's are its own figures).
    let c = compute([("level", "province")]);
    assert_eq!(missing(result(&c, "minor_rescue_facilities")), ["prefecture_cities"]);
    assert_eq!(missing(result(&c, "public_burial_facilities")), ["counties", "districts"]);
}

#[test]
fn a_wrong_level_is_an_error_and_every_norm_still_applies() {
    let c = compute(COUNTY.iter().copied().filter(|(k, _)| *k != "level").chain([("level", "县级")]));
    assert_eq!(c.errors.len(), 1);
    assert_eq!((c.errors[0].key.to_string(), c.errors[0].kind), ("level".to_string(), ErrorKind::NotALevel));
    assert_eq!(c.errors[0].kind.code(), "not-a-level");
    assert_eq!(
        input_error(&c.errors[0], Lang::Zh),
        "地区层级：应为以下之一：省（province）、地级市（city）、县/县级市（county）、市辖区（district）、乡镇/街道（township）"
    );
    assert_eq!(
        input_error(&c.errors[0], Lang::En),
        "Administrative level: must be one of: province (省), city (地级市), county (县/县级市), district (市辖区), township (乡镇/街道)"
    );
    assert_eq!(c.level, None);
    assert!(not_applicable(&c).is_empty());
    // No level, no implied counts: as before the level existed.
    assert_eq!(result(&c, "social_assistance_staff").status, Status::MissingInput);
    assert_eq!(defaults(&c), with_census(vec![]));
}

/// A unit typed after a figure must be the figure's own: `5%` is not 5 people, `672元` is 672 元/人/月.
#[test]
fn a_unit_that_is_not_the_figures_is_an_error() {
    let c = compute([
        ("resident_population", "５％"),
        ("households", "12345元"),
        ("urban_dibao_monthly", "672元"),
        ("urban_consumption_growth_pct", "5.2%"),
        ("current.community_workers", "400名"),
        ("current.nursing_beds", "300个"),
    ]);
    let kinds: Vec<(String, ErrorKind)> = c.errors.iter().map(|e| (e.key.to_string(), e.kind)).collect();
    assert_eq!(
        kinds,
        [
            ("resident_population".to_string(), ErrorKind::WrongUnit { typed: "%" }),
            ("households".to_string(), ErrorKind::WrongUnit { typed: "元" }),
            ("current.nursing_beds".to_string(), ErrorKind::WrongUnit { typed: "个" }),
        ]
    );
    assert_eq!(c.errors[0].kind.code(), "wrong-unit");
    assert_eq!(input_error(&c.errors[0], Lang::Zh), "常住人口：所填单位“%”不是本项的单位（人），请只填数字");
    let en = input_error(&c.errors[2], Lang::En);
    assert!(en.contains("“个” is not this figure's unit (beds)"), "{en}");
    // 672 × 1.052 = 706.944 → 706.95; the others still compute.
    assert_eq!(result(&c, "dibao_urban_next_year").required, some("706.95"));
    assert_eq!(result(&c, "eldercare_land").status, Status::MissingInput);
}
