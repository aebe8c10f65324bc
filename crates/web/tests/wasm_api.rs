//! The exported JavaScript API (`compute`, `norms`, `fields`), exercised in headless Chromium by
//! wasm-bindgen-test (`cargo test --target wasm32-unknown-unknown`). Native `cargo test` skips it.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect};
use minzheng_calc::{compute, fields, norms};
use wasm_bindgen::JsValue;
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
    let list: Array = fields().into();
    assert_eq!(list.length(), 26);
    let base =
        list.iter().find(|f| get(f, "id").as_string().as_deref() == Some("province_resident_population")).unwrap();
    assert_eq!(get(&base, "default").as_string().as_deref(), Some("42591407"));
}
