//! `fragment::parse` → `fragment::write` → `fragment::parse`, on two kinds of input:
//!   1. an arbitrary fragment (hostile links): what was read is written and read back unchanged,
//!      every key read is a known key, no key twice, no value over the limit;
//!   2. arbitrary values under known keys (what the page saves): they come back as saved, the last
//!      of a repeated key winning, whenever the link is within the size the reader accepts.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use minzheng_core::fragment::{is_known_key, parse, write, MAX_FRAGMENT_BYTES, MAX_PAIRS, MAX_VALUE_CHARS};
use minzheng_core::inputs::{Key, FIELD_IDS};
use minzheng_core::rules::NORMS;
use std::sync::OnceLock;

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    raw: &'a [u8],
    saved: Vec<(u16, String)>,
}

fn known_keys() -> &'static [String] {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut keys: Vec<String> = FIELD_IDS.iter().map(|s| s.to_string()).collect();
        keys.push("lang".into());
        for (n, norm) in NORMS.iter().enumerate() {
            keys.push(Key::Current(n).to_string());
            for p in 0..norm.params.len() {
                keys.push(Key::Param(n, p).to_string());
            }
        }
        keys
    })
}

fn as_refs(pairs: &[(String, String)]) -> impl Iterator<Item = (&str, &str)> {
    pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))
}

fuzz_target!(|input: Input| {
    // 1. A hostile fragment.
    let raw = String::from_utf8_lossy(input.raw);
    let read = parse(&raw);
    assert!(read.len() <= MAX_PAIRS);
    for (i, (key, value)) in read.iter().enumerate() {
        assert!(is_known_key(key), "unknown key {key:?} kept");
        assert!(value.chars().count() <= MAX_VALUE_CHARS);
        assert!(read[..i].iter().all(|(k, _)| k != key), "key {key:?} twice");
    }
    let written = write(as_refs(&read));
    if written.len() <= MAX_FRAGMENT_BYTES {
        let expected: Vec<_> = read.iter().filter(|(_, v)| !v.is_empty()).cloned().collect();
        assert_eq!(parse(&format!("#{written}")), expected, "round trip of {raw:?}");
    }

    // 2. Values the page saves under known keys.
    let keys = known_keys();
    let saved: Vec<(String, String)> =
        input.saved.iter().map(|(k, v)| (keys[*k as usize % keys.len()].clone(), v.clone())).collect();
    let written = write(as_refs(&saved));
    let mut expected: Vec<(String, String)> = Vec::new();
    for (k, v) in saved.iter().filter(|(_, v)| !v.is_empty()) {
        expected.retain(|(e, _)| e != k);
        expected.push((k.clone(), v.clone()));
    }
    let fits = written.len() <= MAX_FRAGMENT_BYTES
        && saved.iter().filter(|(_, v)| !v.is_empty()).count() <= MAX_PAIRS
        && expected.iter().all(|(_, v)| v.chars().count() <= MAX_VALUE_CHARS);
    if fits {
        assert_eq!(parse(&written), expected, "saved state {saved:?} came back different");
    }
});
