//! The exported JavaScript API (`compute`, `norms`, `fields`, `words`, `inputKey`, and a calculator's
//! `start` … `stop`), exercised in headless Chromium by wasm-bindgen-test (`cargo test --target
//! wasm32-unknown-unknown`). Native `cargo test` skips it.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect};
use minzheng_calc::{
    compute, fields, get_inputs, input_key, live_calculators, norms, set_inputs, set_norms, start, stop, update_inputs,
    words,
};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn result(out: &JsValue, id: &str) -> JsValue {
    let results: Array = get(out, "results").into();
    results.iter().find(|r| get(r, "id").as_string().as_deref() == Some(id)).expect(id)
}

#[wasm_bindgen_test]
fn compute_takes_text_and_numbers_and_returns_decimal_strings() {
    let out = compute(object(&[
        ("urban_resident_population", JsValue::from_str("231,109")),
        ("eldercare_beds", JsValue::from_f64(206000.0)),
        ("current.community_workers", JsValue::from_f64(415.0)),
    ]));
    let workers = result(&out, "community_workers");
    assert_eq!(get(&workers, "required").as_string().as_deref(), Some("416"));
    assert_eq!(get(&workers, "threshold").as_string().as_deref(), Some("415.9962"));
    assert_eq!(get(&workers, "status").as_string().as_deref(), Some("unmet"));
    assert_eq!(get(&workers, "gap").as_string().as_deref(), Some("1"));
    let beds = result(&out, "nursing_beds");
    assert_eq!(get(&beds, "required").as_string().as_deref(), Some("113300"));
    assert_eq!(Array::from(&get(&out, "results")).length(), 39);
}

#[wasm_bindgen_test]
fn bad_input_is_an_error_value_not_a_panic() {
    let out = compute(object(&[
        ("resident_population", JsValue::from_str("-5")),
        ("households", JsValue::from_f64(f64::NAN)),
        ("townships", JsValue::from_f64(1e21)),
        ("subdistricts", JsValue::from_str("5")),
    ]));
    let errors: Array = get(&out, "errors").into();
    let fields: Vec<String> = errors.iter().map(|e| get(&e, "field").as_string().unwrap()).collect();
    assert_eq!(fields, ["resident_population", "households", "townships"]);
    assert!(get(&errors.get(0), "message_zh").as_string().unwrap().contains("负数"));
    let stations = result(&out, "comprehensive_eldercare_subdistricts");
    assert_eq!(get(&stations, "required").as_string().as_deref(), Some("4"));
    // Not an object at all: every norm still answers, missing its inputs.
    let out = compute(JsValue::from_str("nonsense"));
    assert_eq!(Array::from(&get(&out, "results")).length(), 39);
}

#[wasm_bindgen_test]
fn norms_and_fields_describe_the_contract() {
    let catalogue: Array = norms().into();
    assert_eq!(catalogue.length(), 39);
    let first = catalogue.get(0);
    assert_eq!(get(&first, "id").as_string().as_deref(), Some("dibao_urban_next_year"));
    assert!(Array::from(&get(&first, "quotes")).length() >= 1);
    // The record and its words (core's NORMS and BASES) in one plain object, as before they were apart.
    assert!(is_plain_object(&first));
    assert_eq!(text(&first, "citation_zh").as_deref(), Some("专栏1 第1项"));
    assert_eq!(text(&first, "comparator").as_deref(), Some(">="));
    let list: Array = fields().into();
    assert_eq!(list.length(), 27);
    let base =
        list.iter().find(|f| get(f, "id").as_string().as_deref() == Some("province_resident_population")).unwrap();
    assert_eq!(get(&base, "default").as_string().as_deref(), Some("42591407"));
}

fn text(v: &JsValue, key: &str) -> Option<String> {
    get(v, key).as_string()
}

/// A plain object (`{}`), as JSON.parse would give: not a Map, not a class instance.
fn is_plain_object(v: &JsValue) -> bool {
    v.is_object() && Object::get_prototype_of(v) == Object::get_prototype_of(&Object::new())
}

#[wasm_bindgen_test]
fn compute_writes_the_working_and_the_messages_in_both_languages() {
    let out = compute(object(&[
        ("urban_resident_population", JsValue::from_str("231109")),
        ("resident_population", JsValue::from_str("-5")),
        ("param.nursing_beds.share", JsValue::from_str("0.6")),
    ]));
    assert!(is_plain_object(&out));
    let workers = result(&out, "community_workers");
    assert!(is_plain_object(&workers));
    assert_eq!(text(&workers, "working_zh").as_deref(), Some("231,109 × 18 ÷ 10,000 = 415.9962 → 416 人"));
    assert_eq!(text(&workers, "working_en").as_deref(), Some("231,109 × 18 ÷ 10,000 = 415.9962 → 416 persons"));
    assert_eq!(text(&workers, "status").as_deref(), Some("unknown"));
    assert_eq!(text(&workers, "bound").as_deref(), Some("≥"));
    // What a result does not have is left out (undefined), not null.
    assert!(!Reflect::has(&workers, &"current".into()).unwrap());
    assert!(!Reflect::has(&workers, &"working_max_zh".into()).unwrap());
    let land = result(&out, "eldercare_land");
    assert_eq!(text(&land, "status").as_deref(), Some("missing-input"));
    assert!(!Reflect::has(&land, &"required".into()).unwrap());
    assert_eq!(text(&land, "gap").as_deref(), Some("0"));
    assert_eq!(Array::from(&get(&land, "missing_inputs")).to_vec(), [JsValue::from_str("resident_population")]);
    let errors: Array = get(&out, "errors").into();
    assert_eq!(errors.length(), 1);
    let error = errors.get(0);
    assert_eq!(text(&error, "field").as_deref(), Some("resident_population"));
    assert_eq!(text(&error, "code").as_deref(), Some("negative"));
    assert_eq!(text(&error, "message_zh").as_deref(), Some("常住人口：不能为负数"));
    assert_eq!(text(&error, "message_en").as_deref(), Some("Resident population: cannot be negative"));
    // A local standard: flagged, with the plan's value beside it.
    let beds = result(&out, "nursing_beds");
    assert_eq!(get(&beds, "local").as_bool(), Some(true));
    let share = Array::from(&get(&beds, "params")).get(0);
    assert_eq!((text(&share, "value"), text(&share, "plan_value")), (Some("0.6".into()), Some("0.55".into())));
    // A range's upper end has its own working.
    let line = result(&compute(object(&[("urban_dibao_monthly", JsValue::from_str("672"))])), "low_income_line_urban");
    assert_eq!(text(&line, "working_max_zh").as_deref(), Some("672 × 2 = 1,344 → 1,344 元/人/月"));
    assert_eq!(text(&line, "required_max").as_deref(), Some("1344"));
}

#[wasm_bindgen_test]
fn fields_have_numbers_and_no_empty_defaults() {
    let list: Array = fields().into();
    let name = list.get(0);
    assert!(is_plain_object(&name));
    let resident = list.iter().find(|f| get(f, "id").as_string().as_deref() == Some("resident_population")).unwrap();
    assert_eq!(get(&resident, "max").as_f64(), Some(2_000_000_000.0));
    assert!(!Reflect::has(&name, &"default".into()).unwrap(), "no default: left out");
}

#[wasm_bindgen_test]
fn words_are_the_catalogue_in_either_language() {
    let zh = words("zh");
    let en = words("en-GB");
    assert!(is_plain_object(&zh) && is_plain_object(&en));
    assert_eq!(text(&zh, "batch.title").as_deref(), Some("批量测算"));
    assert_eq!(text(&en, "batch.title").as_deref(), Some("Batch"));
    assert_eq!(text(&zh, "batch.unit").as_deref(), Some("（{unit}）"));
    assert_eq!(text(&en, "batch.computing").as_deref(), Some("Computing {done} of {total} localities…"));
    // The words scripts use: the batch section's, every one of them.
    for words in [&zh, &en] {
        let ids: Vec<String> =
            Object::keys(words.unchecked_ref::<Object>()).iter().filter_map(|k| k.as_string()).collect();
        assert_eq!(ids.len(), minzheng_text::batch::ALL.len());
        assert!(ids.iter().all(|id| id.starts_with("batch.")), "{ids:?}");
    }
}

#[wasm_bindgen_test]
fn input_key_reads_every_name_compute_reads() {
    let key = |name: &str| input_key(name);
    let field = key(" resident_population ");
    assert!(is_plain_object(&field));
    assert_eq!(
        (text(&field, "kind"), text(&field, "name"), text(&field, "field")),
        (Some("field".into()), Some("resident_population".into()), Some("resident_population".into()))
    );
    let current = key("current.community_workers");
    assert_eq!(
        (text(&current, "kind"), text(&current, "norm")),
        (Some("current".into()), Some("community_workers".into()))
    );
    let param = key("param.community_workers.per_10k");
    assert_eq!(
        (text(&param, "kind"), text(&param, "norm"), text(&param, "param"), text(&param, "name")),
        (
            Some("param".into()),
            Some("community_workers".into()),
            Some("per_10k".into()),
            Some("param.community_workers.per_10k".into())
        )
    );
    for other in ["lang", "norms", "current.nope", "param.community_workers.nope", "param.community_workers", ""] {
        assert!(key(other).is_null(), "{other}");
    }
}

/// What a calculator's card for `id` carries in `attribute`.
fn card(root: &web_sys::Element, id: &str, attribute: &str) -> Option<String> {
    root.query_selector(&format!("[data-norm=\"{id}\"]")).unwrap().and_then(|c| c.get_attribute(attribute))
}

#[wasm_bindgen_test]
fn a_calculator_changes_in_place_runs_calls_from_its_listener_and_is_freed_by_stop() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let before = live_calculators();
    let options = object(&[
        ("embedded", JsValue::TRUE),
        ("norms", JsValue::from_str("community_workers")),
        ("values", object(&[("urban_resident_population", JsValue::from_str("231109"))])),
    ]);
    let handle = start(root.clone().into(), options).unwrap();
    assert_eq!(live_calculators(), before + 1);
    assert_eq!(card(&root, "community_workers", "data-required").as_deref(), Some("416"));

    // updateInputs changes only the fields it names; null empties one.
    update_inputs(handle, object(&[("current.community_workers", JsValue::from_str("400"))])).unwrap();
    assert_eq!(card(&root, "community_workers", "data-status").as_deref(), Some("unmet"));
    let held = get_inputs(handle).unwrap();
    assert_eq!(get(&held, "urban_resident_population").as_string().as_deref(), Some("231109"));
    assert_eq!(get(&held, "current.community_workers").as_string().as_deref(), Some("400"));
    update_inputs(handle, object(&[("current.community_workers", JsValue::NULL)])).unwrap();
    assert_eq!(card(&root, "community_workers", "data-current"), None);

    // Another subset in the same calculator: the values stay, in their boxes too.
    set_norms(handle, JsValue::from_str("community_workers,nursing_beds")).unwrap();
    assert_eq!(root.query_selector_all("[data-norm]").unwrap().length(), 2);
    let urban = root.query_selector("input[name=\"urban_resident_population\"]").unwrap().unwrap();
    assert_eq!(urban.dyn_into::<web_sys::HtmlInputElement>().unwrap().value(), "231109");

    // A call made from a results listener (while the update is under way) runs right after it.
    let ran = Rc::new(Cell::new(0));
    let seen = Rc::clone(&ran);
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
        seen.set(seen.get() + 1);
        if seen.get() == 1 {
            update_inputs(handle, object(&[("eldercare_beds", JsValue::from_str("1000"))])).unwrap();
        }
    });
    root.add_event_listener_with_callback("minzheng-calc:results", listener.as_ref().unchecked_ref()).unwrap();
    set_inputs(handle, object(&[("urban_resident_population", JsValue::from_str("100000"))])).unwrap();
    assert_eq!(ran.get(), 2, "the update's event, then the queued call's");
    assert_eq!(card(&root, "community_workers", "data-required").as_deref(), Some("180"));
    assert_eq!(card(&root, "nursing_beds", "data-required").as_deref(), Some("550"));
    // Setting what is already there changes nothing and sends no event.
    set_inputs(handle, get_inputs(handle).unwrap()).unwrap();
    assert_eq!(ran.get(), 2);
    root.remove_event_listener_with_callback("minzheng-calc:results", listener.as_ref().unchecked_ref()).unwrap();

    // stop empties the element and frees the calculator; its handle is then an error.
    stop(handle).unwrap();
    assert_eq!(root.child_element_count(), 0);
    assert_eq!(live_calculators(), before);
    assert!(set_inputs(handle, object(&[])).is_err());
    assert!(get_inputs(handle).is_err());
    root.remove();
}

/// The result for `id` as (status, required).
fn status_required(out: &JsValue, id: &str) -> (Option<String>, Option<String>) {
    let r = result(out, id);
    (text(&r, "status"), text(&r, "required"))
}

#[wasm_bindgen_test]
fn a_county_level_fills_its_counts_unless_typed_and_city_norms_are_not_applicable() {
    let county = |extra: &[(&str, JsValue)]| {
        let mut pairs = vec![
            ("level", JsValue::from_str("county")),
            ("townships", JsValue::from_f64(12.0)),
            ("subdistricts", JsValue::from_str("3")),
        ];
        pairs.extend(extra.iter().cloned());
        compute(object(&pairs))
    };
    let out = county(&[]);
    assert_eq!(text(&out, "level").as_deref(), Some("county"));
    // The city-level norms: not applicable, no required value, gap 0.
    for id in ["minor_rescue_facilities", "mental_health_welfare_institutions"] {
        assert_eq!(status_required(&out, id), (Some("not-applicable".into()), None), "{id}");
        assert_eq!(text(&result(&out, id), "gap").as_deref(), Some("0"));
    }
    // The counts a county implies, used and listed: 2 × (1 + 0) + 4 × (12 + 3) = 62.
    let defaults = get(&out, "defaults");
    assert!(is_plain_object(&defaults));
    assert_eq!(
        (text(&defaults, "counties"), text(&defaults, "districts"), text(&defaults, "prefecture_cities")),
        (Some("1".into()), Some("0".into()), Some("0".into()))
    );
    assert_eq!(text(&defaults, "province_resident_population").as_deref(), Some("42591407"));
    let staff = result(&out, "social_assistance_staff");
    assert_eq!(text(&staff, "required").as_deref(), Some("62"));
    assert_eq!(text(&staff, "working_zh").as_deref(), Some("2 × (1 + 0) + 4 × (12 + 3) = 62 → 62 人"));
    assert_eq!(status_required(&out, "care_type_institutions"), (Some("unknown".into()), Some("1".into())));
    // Why: the level note travels with the result.
    assert!(text(&result(&out, "minor_rescue_facilities"), "level_note_zh").unwrap().contains("地级市"));

    // A typed count wins over the level: 2 × (2 + 0) + 4 × 15 = 64, and counties is no longer a default.
    let out = county(&[("counties", JsValue::from_str("2"))]);
    assert_eq!(status_required(&out, "social_assistance_staff"), (Some("unknown".into()), Some("64".into())));
    let defaults = get(&out, "defaults");
    assert!(!Reflect::has(&defaults, &"counties".into()).unwrap());
    assert_eq!(text(&defaults, "districts").as_deref(), Some("0"));

    // The Chinese word works as the value; a wrong one is an input error and every norm applies.
    let out = compute(object(&[("level", JsValue::from_str("市辖区"))]));
    assert_eq!(text(&out, "level").as_deref(), Some("district"));
    assert_eq!(status_required(&out, "care_type_institutions"), (Some("not-applicable".into()), None));
    let out = compute(object(&[("level", JsValue::from_str("县级"))]));
    assert!(!Reflect::has(&out, &"level".into()).unwrap());
    let error = Array::from(&get(&out, "errors")).get(0);
    assert_eq!((text(&error, "field"), text(&error, "code")), (Some("level".into()), Some("not-a-level".into())));
    assert!(text(&error, "message_zh").unwrap().starts_with("地区层级：应为以下之一："));
    let results: Array = get(&out, "results").into();
    assert!(results.iter().all(|r| text(&r, "status").as_deref() != Some("not-applicable")));
}

#[wasm_bindgen_test]
fn norms_carry_their_levels_and_fields_the_levels_values() {
    let catalogue: Array = norms().into();
    let care = catalogue.iter().find(|n| text(n, "id").as_deref() == Some("care_type_institutions")).unwrap();
    let levels: Vec<String> = Array::from(&get(&care, "levels")).iter().filter_map(|l| l.as_string()).collect();
    assert_eq!(levels, ["province", "city", "county"]);
    assert!(text(&care, "level_note_zh").unwrap().contains("每个县（市）"));
    assert!(!text(&care, "level_note_en").unwrap().is_empty());
    for n in catalogue.iter() {
        assert!(Array::from(&get(&n, "levels")).length() >= 1);
    }
    let list: Array = fields().into();
    let level = list.iter().find(|f| text(f, "id").as_deref() == Some("level")).unwrap();
    assert_eq!(text(&level, "kind").as_deref(), Some("choice"));
    let options: Array = get(&level, "options").into();
    let values: Vec<(String, String, String)> = options
        .iter()
        .map(|o| (text(&o, "value").unwrap(), text(&o, "label_zh").unwrap(), text(&o, "label_en").unwrap()))
        .collect();
    assert_eq!(
        values.iter().map(|v| v.0.as_str()).collect::<Vec<_>>(),
        ["province", "city", "county", "district", "township"]
    );
    assert_eq!((values[2].1.as_str(), values[4].1.as_str()), ("县/县级市", "乡镇/街道"));
    let county = options.get(2);
    let implies: Array = get(&county, "implies").into();
    assert_eq!(implies.length(), 3);
    assert_eq!(
        (text(&implies.get(0), "field"), text(&implies.get(0), "value")),
        (Some("counties".into()), Some("1".into()))
    );
    // Other fields have no options.
    let resident = list.iter().find(|f| text(f, "id").as_deref() == Some("resident_population")).unwrap();
    assert!(!Reflect::has(&resident, &"options".into()).unwrap());
}
