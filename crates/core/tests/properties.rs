//! Property tests on the engine: no text makes it panic, and no required value falls when a
//! population or a count of units grows.
#![cfg(not(target_arch = "wasm32"))]

use minzheng_core::inputs::{field_index, FieldKind, FIELDS, FIELD_IDS};
use minzheng_core::number::parse_number;
use minzheng_core::{compute, NORMS};
use proptest::prelude::*;

/// Texts people (and attackers) might type: number-like pieces mixed with anything.
fn typed_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[-+]?[0-9０-９,，. ]{0,30}(万|亿|千|万亿)?(人|元|%|平方米)?",
        "[0-9]{1,40}(\\.[0-9]{0,40})?([eE][-+]?[0-9]{1,4})?",
        prop::collection::vec(
            prop::sample::select(vec!["1", "0", ".", ",", "万", "亿", "-", "e", " ", "９", "．"]),
            0..25
        )
        .prop_map(|v| v.concat()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn no_text_makes_the_number_parser_panic(text in typed_text()) {
        let _ = parse_number(&text);
    }

    #[test]
    fn no_text_in_any_field_makes_the_engine_panic(
        texts in prop::collection::vec(typed_text(), FIELD_IDS.len()),
        current in typed_text(),
        param in typed_text(),
    ) {
        let mut pairs: Vec<(&str, &str)> = FIELD_IDS.iter().copied().zip(texts.iter().map(String::as_str)).collect();
        pairs.push(("current.community_workers", &current));
        pairs.push(("param.community_workers.per_10k", &param));
        let c = compute(pairs.iter().copied());
        prop_assert_eq!(c.results.len(), NORMS.len());
        for e in &c.errors {
            prop_assert!(pairs.iter().any(|(k, _)| k.trim() == e.key.to_string()), "error for {} which was not given", e.key);
            prop_assert!(!minzheng_text::input_error(e, minzheng_text::Lang::Zh).is_empty());
            prop_assert!(!minzheng_text::input_error(e, minzheng_text::Lang::En).is_empty());
        }
    }

    #[test]
    fn no_required_value_falls_when_a_figure_grows(
        base in prop::collection::vec(0u64..5_000_000, FIELD_IDS.len()),
        field in 1usize..FIELD_IDS.len(),
        growth in 1u64..1_000_000,
    ) {
        // Keep the parts within the whole so no cross-field error hides a result, and grow the
        // resident population with its parts so the grown input stays consistent.
        let field_name = FIELD_IDS[field];
        let figure = |i: usize| !matches!(FIELDS[i].kind, FieldKind::Text | FieldKind::Choice);
        prop_assume!(!field_name.starts_with("province_") && figure(field));
        // Each figure within its field's plausible bound; the province bases keep their census
        // defaults (a larger base means a smaller share, so they are not monotone). No level: every norm
        // applies.
        let text = |values: &[u64]| -> Vec<(String, String)> {
            FIELD_IDS.iter().zip(values).enumerate()
                .filter(|&(i, (f, _))| figure(i) && !f.starts_with("province_"))
                .map(|(_, (f, v))| (f.to_string(), v.to_string())).collect()
        };
        let [resident, urban, elderly] =
            ["resident_population", "urban_resident_population", "elderly_population"].map(|f| field_index(f).unwrap());
        let mut before: Vec<u64> = base.iter().zip(FIELDS.iter()).map(|(v, spec)| v % (spec.max / 2 + 1)).collect();
        before[resident] = before[resident].max(before[urban]).max(before[elderly]);
        let mut after = before.clone();
        after[field] = (after[field] + growth).min(FIELDS[field].max);
        after[resident] = after[resident].max(after[urban]).max(after[elderly]);
        let (b, a) = (text(&before), text(&after));
        let cb = compute(b.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let ca = compute(a.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        prop_assert!(cb.errors.is_empty() && ca.errors.is_empty(), "{:?} {:?}", cb.errors, ca.errors);
        for (rb, ra) in cb.results.iter().zip(&ca.results) {
            // Every formula is monotone non-decreasing in every input except the province bases (a
            // larger base means a smaller share), which are excluded above.
            if let (Some(x), Some(y)) = (rb.required, ra.required) {
                prop_assert!(y >= x, "{} fell from {} to {} when {} grew by {}", rb.id(), x, y, field_name, growth);
            }
        }
    }
}

proptest! {
    /// The engine's own rounding of a threshold to its required value is rust_decimal's, exactly:
    /// up (towards +∞) for minimums, down for a range's upper end, to 0 or 2 places.
    #[test]
    fn required_rounding_matches_rust_decimal(
        mantissa in prop_oneof![-(1i128 << 96) + 1..(1i128 << 96), -1_000_000_000_000i128..1_000_000_000_000],
        scale in 0u32..=28,
        up in any::<bool>(),
        count in any::<bool>(),
    ) {
        use minzheng_core::engine::round_required;
        use minzheng_core::rules::Rounding;
        use rust_decimal::{Decimal, RoundingStrategy};
        let value = Decimal::from_i128_with_scale(mantissa, scale);
        let rounding = if count { Rounding::Count } else { Rounding::Money };
        let strategy = if up { RoundingStrategy::ToPositiveInfinity } else { RoundingStrategy::ToNegativeInfinity };
        let expected = value.round_dp_with_strategy(rounding.places(), strategy).normalize();
        prop_assert_eq!(round_required(value, rounding, up), expected, "{} places {} up {}", value, rounding.places(), up);
    }
}
