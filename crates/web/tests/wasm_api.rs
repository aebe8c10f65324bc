//! The exported JavaScript API (`compute`, `norms`, `fields`, and a calculator's `start` … `stop`), exercised in headless Chromium by
//! wasm-bindgen-test (`cargo test --target wasm32-unknown-unknown`). Native `cargo test` skips it.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect};
use minzheng_calc::{
    compute, fields, get_inputs, live_calculators, norms, set_inputs, set_norms, start, stop, update_inputs,
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
    let list: Array = fields().into();
    assert_eq!(list.length(), 26);
    let base =
        list.iter().find(|f| get(f, "id").as_string().as_deref() == Some("province_resident_population")).unwrap();
    assert_eq!(get(&base, "default").as_string().as_deref(), Some("42591407"));
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
