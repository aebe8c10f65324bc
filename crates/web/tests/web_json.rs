//! The page module's JSON writer (crates/web/src/json.rs, wasm-only in the crate) checked natively.
#[path = "../src/json.rs"]
#[allow(dead_code)]
mod json;

use json::to_string;
use serde::Serialize;

#[derive(Serialize)]
struct S<'a> {
    a: Option<&'a str>,
    b: u32,
    c: Option<String>,
    d: Vec<&'a str>,
    e: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
enum Status {
    NotMet,
}

#[test]
fn writes_json_as_serde_wasm_bindgen_shaped_it() {
    let s = S { a: None, b: 42, c: Some("x\"\\\n\u{1}é".into()), d: vec!["≥", ""], e: true };
    assert_eq!(to_string(&s).unwrap(), r#"{"b":42,"c":"x\"\\\n\u0001é","d":["≥",""],"e":true}"#);
    let nones = S { a: None, b: 0, c: None, d: vec![], e: false };
    assert_eq!(to_string(&nones).unwrap(), r#"{"b":0,"d":[],"e":false}"#);
    assert_eq!(to_string(&[Some(1u64), None]).unwrap(), "[1,null]");
    assert_eq!(to_string(&Status::NotMet).unwrap(), r#""not-met""#);
    assert!(to_string(&1.5f64).is_err());
    assert!(to_string(&(1u64 << 60)).is_err());
}

#[test]
fn the_engine_records_are_valid_json() {
    let c = minzheng_core::compute([("urban_resident_population", "231109"), ("households", "-1")]);
    let text = to_string(&c).unwrap();
    assert!(text.starts_with(r#"{"name":"","results":[{"id":"#));
    assert!(text.contains(r#""required":"416""#));
    assert!(text.contains(r#""field":"households""#));
    assert!(text.matches(r#"{"id":"#).count() >= 39);
    let norms = to_string(minzheng_core::NORMS).unwrap();
    assert!(norms.starts_with(r#"[{"id":"dibao_urban_next_year""#));
}
