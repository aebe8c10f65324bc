//! `engine::compute` on arbitrary (key, text) pairs: known keys with numbers of every size, raw
//! text, unknown keys, repeats. Properties: never panics; always one result per norm (39), in the
//! ruleset's order; statuses agree with the figures; a norm is not applicable exactly where the level given
//! is not one of its levels; every figure is a plain decimal; every error names a key that was given.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use minzheng_core::engine::{compute, Status};
use minzheng_core::format::plain;
use minzheng_core::inputs::{Key as InputKey, FIELD_IDS};
use minzheng_core::level::LEVELS;
use minzheng_core::rules::NORMS;
use rust_decimal::Decimal;
use std::str::FromStr;
use std::sync::OnceLock;

#[derive(Debug, Arbitrary)]
enum Key {
    Known(u16),
    Raw(String),
}

#[derive(Debug, Arbitrary)]
enum Value {
    Text(String),
    /// A level's value or word (`county`, 县 …), so that `level` is not only ever wrong.
    Level(u8),
    Whole(u64),
    Small(u16),
    Scaled(u64, u8),
    Huge(u128),
    Empty,
}

fn known_keys() -> &'static [String] {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut keys: Vec<String> = FIELD_IDS.iter().map(|s| s.to_string()).collect();
        for (n, norm) in NORMS.iter().enumerate() {
            keys.push(InputKey::Current(n).to_string());
            for p in 0..norm.params.len() {
                keys.push(InputKey::Param(n, p).to_string());
            }
        }
        keys
    })
}

fn text(value: &Value) -> String {
    match value {
        Value::Text(s) => s.clone(),
        Value::Level(i) => {
            let words: Vec<&str> =
                LEVELS.iter().flat_map(|l| std::iter::once(l.value).chain(l.words.iter().copied())).collect();
            words[*i as usize % words.len()].to_string()
        }
        Value::Whole(n) => n.to_string(),
        Value::Small(n) => n.to_string(),
        Value::Scaled(m, s) => {
            let digits = m.to_string();
            let s = (*s as usize % 12).min(digits.len());
            let (whole, frac) = digits.split_at(digits.len() - s);
            if frac.is_empty() {
                whole.to_string()
            } else {
                format!("{}.{frac}", if whole.is_empty() { "0" } else { whole })
            }
        }
        Value::Huge(n) => n.to_string(),
        Value::Empty => String::new(),
    }
}

/// The figure as scripts read it (`plain`): a decimal with no exponent and no separators.
fn decimal(field: &str, value: Option<Decimal>) {
    if let Some(s) = value.map(plain) {
        assert!(Decimal::from_str(&s).is_ok(), "{field} = {s:?} is not a plain decimal");
        assert!(!s.contains(['e', 'E', ',']), "{field} = {s:?}");
    }
}

fuzz_target!(|pairs: Vec<(Key, Value)>| {
    let keys = known_keys();
    let pairs: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| {
            let key = match k {
                Key::Known(i) => keys[*i as usize % keys.len()].clone(),
                Key::Raw(s) => s.clone(),
            };
            (key, text(v))
        })
        .collect();
    let c = compute(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    assert_eq!(c.results.len(), 39);
    assert_eq!(c.results.len(), NORMS.len());
    for (r, norm) in c.results.iter().zip(NORMS.iter()) {
        assert_eq!(r.id(), norm.id);
        for (name, value) in [
            ("required", r.required),
            ("required_max", r.required_max),
            ("threshold", r.threshold),
            ("threshold_max", r.threshold_max),
            ("current", r.current),
            ("gap", r.gap),
            ("plan_required", r.plan.as_ref().and_then(|p| p.required)),
        ] {
            decimal(name, value);
        }
        // CONTRACT.md §2: the gap is 0 unless the norm is unmet.
        let zero = Some(Decimal::ZERO);
        match r.status {
            Status::MissingInput => assert!(r.required.is_none() && r.gap == zero, "{r:?}"),
            Status::Unknown => assert!(r.required.is_some() && r.current.is_none() && r.gap == zero, "{r:?}"),
            Status::Met => assert_eq!(r.gap, zero, "{r:?}"),
            Status::Unmet => assert!(r.required.is_some() && r.current.is_some() && r.gap.is_some(), "{r:?}"),
            Status::NotApplicable => {
                assert!(r.required.is_none() && r.gap == zero && r.missing.is_empty(), "{r:?}");
                assert!(!norm.applies_at(c.level) && c.level.is_some(), "{r:?}");
            }
        }
        if c.level.is_some_and(|l| !norm.levels.contains(&l)) {
            assert_eq!(r.status, Status::NotApplicable, "{r:?}");
        }
        if !r.missing.is_empty() {
            assert_eq!(r.status, Status::MissingInput);
        }
    }
    for e in &c.errors {
        let name = e.key.to_string();
        assert!(pairs.iter().any(|(k, _)| k.trim() == name), "error for {name:?} which was not given");
    }
});
