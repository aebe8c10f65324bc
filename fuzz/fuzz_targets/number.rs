//! `number::parse_number` on arbitrary UTF-8 (invalid bytes become U+FFFD, so no input is wasted).
//! Properties: never panics; a value is never negative; the value re-reads as itself from its plain
//! form and from the grouped form the page shows (`1,234,567.5`); leading zeros change nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minzheng_core::format::{group_thousands, plain};
use minzheng_core::number::parse_number;
use rust_decimal::Decimal;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let result = parse_number(&text);
    let Ok(value) = result else {
        return;
    };
    assert!(!value.is_sign_negative() || value.is_zero(), "negative value {value} from {text:?}");
    // Magnitudes can lift a value past the 20 whole digits a plain figure may have (`1e19万`).
    if value >= Decimal::from(10u128.pow(20) as i128) {
        return;
    }
    let shown = plain(value);
    assert_eq!(parse_number(&shown), Ok(value), "plain form {shown:?} of {text:?}");
    let grouped = group_thousands(&shown);
    assert_eq!(parse_number(&grouped), Ok(value), "grouped form {grouped:?} of {text:?}");
    // A leading zero is not a different number (nor does it turn a number into an error).
    let trimmed = text.trim_start();
    let separators = |c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | '\'' | '’');
    if trimmed.as_bytes().first().is_some_and(u8::is_ascii_digit) && !trimmed.contains(separators) {
        let padded = format!("000000000000000000000000000000{trimmed}");
        match parse_number(&padded) {
            Ok(again) => assert_eq!(again, value, "{padded:?} vs {text:?}"),
            Err(e) => panic!("{padded:?} refused ({e:?}) but {text:?} gave {value}"),
        }
    }
});
