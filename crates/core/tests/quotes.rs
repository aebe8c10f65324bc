//! The ruleset's data checks: every quote is verbatim plan text, the 39 norm ids are the contract's, in the
//! contract's order, and every enumerated value and parameter is well formed.
//!
//! The plan is `rules/plan/liaoning-civil-affairs-14th-fyp.txt`, the public document verbatim with the
//! reviewers' margin notes taken out (see `rules/plan/README.md`). Plan text is normalised the way the
//! catalogue verified its quotes: page numbers (`—17—`) are dropped, each line is trimmed, and the lines are
//! joined with no separator. In-line spaces are kept.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;

const RULESET: &str = include_str!("../rules/liaoning-2021-2025.toml");
const PLAN: &str = include_str!("../rules/plan/liaoning-civil-affairs-14th-fyp.txt");

/// CONTRACT.md §2, in order.
const CONTRACT_IDS: [&str; 39] = [
    "dibao_urban_next_year",
    "dibao_rural_next_year",
    "dibao_rural_for_ratio",
    "low_income_line_urban",
    "low_income_line_rural",
    "extreme_poverty_standard_urban",
    "extreme_poverty_standard_rural",
    "orphan_standard_next_year",
    "temporary_relief_reserve",
    "social_assistance_staff",
    "social_work_stations",
    "community_service_floor_area",
    "community_workers",
    "community_worker_pay",
    "community_social_organizations",
    "volunteer_stations",
    "social_org_staff_share",
    "social_work_professionals_share",
    "lottery_outlets_share",
    "marriage_cross_province",
    "marriage_counselling_rooms",
    "minor_protection_stations",
    "minor_protection_coverage",
    "child_director_training",
    "child_welfare_transformation",
    "minor_rescue_facilities",
    "public_burial_facilities",
    "eco_burials",
    "mental_health_welfare_institutions",
    "eldercare_land",
    "nursing_beds",
    "eldercare_social_workers_elderly",
    "eldercare_social_workers_beds",
    "comprehensive_eldercare_subdistricts",
    "regional_eldercare_centres",
    "care_type_institutions",
    "emergency_eldercare_facilities",
    "care_worker_training_share",
    "aging_retrofit_share",
];

const COMPARATORS: [&str; 5] = [">=", ">", "<=", "~", "range"];
const ROUNDINGS: [&str; 3] = ["count", "money", "area"];
const BINDINGS: [&str; 3] = ["binding", "expected", "none"];
const GROUPS: [&str; 4] = ["basic_livelihood", "grassroots_governance", "social_services", "eldercare"];
/// CONTRACT.md §1 `level`, from the top down.
const LEVELS: [&str; 5] = ["province", "city", "county", "district", "township"];

fn norms() -> Vec<toml::Value> {
    let ruleset: toml::Value = toml::from_str(RULESET).expect("rules/liaoning-2021-2025.toml is not valid TOML");
    ruleset.get("norm").and_then(toml::Value::as_array).expect("the ruleset has no [[norm]] array").clone()
}

fn id(norm: &toml::Value) -> String {
    norm.get("id").and_then(toml::Value::as_str).unwrap_or("<norm without an id>").to_string()
}

fn str_field<'a>(norm: &'a toml::Value, key: &str) -> Option<&'a str> {
    norm.get(key).and_then(toml::Value::as_str)
}

/// A page number such as `—17—`.
fn is_page_number(line: &str) -> bool {
    line.strip_prefix('—')
        .and_then(|rest| rest.strip_suffix('—'))
        .map(str::trim)
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

fn normalised_plan() -> String {
    PLAN.lines().map(str::trim).filter(|line| !is_page_number(line)).collect()
}

/// A plain decimal: digits with at most one decimal point between digits (no sign, exponent or separators).
fn is_decimal(s: &str) -> bool {
    let mut parts = s.split('.');
    let whole = parts.next().unwrap_or("");
    let frac = parts.next();
    let digits = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit());
    parts.next().is_none() && digits(whole) && frac.is_none_or(digits)
}

#[test]
fn the_plan_has_no_margin_notes_and_normalises_page_numbers() {
    // Margin notes are a line `HUAWEI` or `杨明` and the reviewer's remark after it: taken out of the copy.
    assert!(
        PLAN.lines().map(str::trim).all(|line| !line.starts_with("HUAWEI") && !line.starts_with("杨明")),
        "a reviewer's margin note is in the repository's copy of the plan"
    );
    let plan = normalised_plan();
    assert!(!plan.contains("—17—") && !plan.contains("—22—"), "a page number survived normalisation");
    assert!(
        plan.contains("推动城乡社区全部制定或修订居民自治章程、村民自治章程和居民公约、村规民约"),
        "a sentence broken by a margin note should read through once the note is dropped"
    );
    assert!(is_page_number("—17—") && !is_page_number("——坚持党的全面领导。"));
}

#[test]
fn every_quote_is_verbatim_plan_text() {
    let plan = normalised_plan();
    let mut failures = Vec::new();
    for norm in norms() {
        let id = id(&norm);
        let quotes = match norm.get("quotes").and_then(toml::Value::as_array) {
            Some(q) if !q.is_empty() => q,
            _ => {
                failures.push(format!("{id}: has no quotes"));
                continue;
            }
        };
        for quote in quotes {
            match quote.as_str().map(str::trim) {
                None => failures.push(format!("{id}: a quote is not a string: {quote}")),
                Some("") => failures.push(format!("{id}: a quote is empty")),
                Some(q) if !plan.contains(q) => failures.push(format!("{id}: quote not found in the plan: 「{q}」")),
                Some(_) => {}
            }
        }
    }
    assert!(failures.is_empty(), "{} quote problem(s):\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_ids_are_the_contracts_39_in_order() {
    let norms = norms();
    assert_eq!(norms.len(), 39, "the ruleset must hold exactly the 39 norms of CONTRACT.md §2");
    let ids: Vec<String> = norms.iter().map(id).collect();
    let mut seen = HashSet::new();
    for id in &ids {
        assert!(seen.insert(id.as_str()), "norm id {id} appears more than once");
    }
    for (i, (got, want)) in ids.iter().zip(CONTRACT_IDS).enumerate() {
        assert_eq!(got, want, "norm #{} is {got}, but CONTRACT.md §2 has {want} there", i + 1);
    }
}

#[test]
fn enumerated_values_are_allowed() {
    let mut failures = Vec::new();
    for norm in norms() {
        let id = id(&norm);
        for (key, allowed) in [
            ("comparator", &COMPARATORS[..]),
            ("rounding", &ROUNDINGS[..]),
            ("binding", &BINDINGS[..]),
            ("group", &GROUPS[..]),
        ] {
            match str_field(&norm, key) {
                Some(v) if allowed.contains(&v) => {}
                Some(v) => failures.push(format!("{id}: {key} `{v}` is not one of {allowed:?}")),
                None => failures.push(format!("{id}: {key} is missing or not a string")),
            }
        }
        for key in [
            "name_zh",
            "name_en",
            "formula",
            "unit_zh",
            "unit_en",
            "deadline_zh",
            "deadline_en",
            "citation_zh",
            "citation_en",
            "level_note_zh",
            "level_note_en",
        ] {
            if str_field(&norm, key).is_none_or(|v| v.trim().is_empty()) {
                failures.push(format!("{id}: {key} is missing or empty"));
            }
        }
        // `levels`: a non-empty list of the contract's levels, from the top down, each once.
        match norm.get("levels").and_then(toml::Value::as_array) {
            Some(list) if !list.is_empty() => {
                let at: Vec<Option<usize>> =
                    list.iter().map(|v| v.as_str().and_then(|l| LEVELS.iter().position(|x| *x == l))).collect();
                if at.iter().any(Option::is_none) {
                    failures.push(format!("{id}: levels {list:?} has a value not among {LEVELS:?}"));
                } else if at.windows(2).any(|w| w[0] >= w[1]) {
                    failures.push(format!("{id}: levels {list:?} are not from the top down, each once"));
                }
            }
            _ => failures.push(format!("{id}: levels is missing or empty")),
        }
    }
    assert!(failures.is_empty(), "{} problem(s):\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn only_range_norms_have_an_upper_end() {
    let mut failures = Vec::new();
    for norm in norms() {
        let id = id(&norm);
        let range = str_field(&norm, "comparator") == Some("range");
        match (range, str_field(&norm, "formula_max")) {
            (true, Some(f)) if !f.trim().is_empty() => {}
            (true, _) => failures.push(format!("{id}: a range norm needs formula_max")),
            (false, None) if norm.get("formula_max").is_none() => {}
            (false, _) => failures.push(format!("{id}: formula_max goes with the range comparator only")),
        }
    }
    assert!(failures.is_empty(), "{} problem(s):\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_param_value_is_a_decimal() {
    let mut failures = Vec::new();
    for norm in norms() {
        let id = id(&norm);
        let params = match norm.get("param") {
            None => continue,
            Some(p) => match p.as_array() {
                Some(p) => p.clone(),
                None => {
                    failures.push(format!("{id}: param is not an array of tables"));
                    continue;
                }
            },
        };
        let mut names = HashSet::new();
        for p in params {
            let name = str_field(&p, "name").unwrap_or("<unnamed>").to_string();
            if !names.insert(name.clone()) {
                failures.push(format!("{id}: parameter {name} is defined twice"));
            }
            match str_field(&p, "value") {
                Some(v) if is_decimal(v) => {}
                Some(v) => failures.push(format!("{id}: parameter {name} value `{v}` is not a plain decimal")),
                None => failures.push(format!("{id}: parameter {name} value is missing or not a string")),
            }
            for key in ["label_zh", "label_en"] {
                if str_field(&p, key).is_none_or(|v| v.trim().is_empty()) {
                    failures.push(format!("{id}: parameter {name} has no {key}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} problem(s):\n{}", failures.len(), failures.join("\n"));
}
