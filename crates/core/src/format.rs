//! Showing decimals to people: thousands separators and a bounded number of places. The engine's
//! values are never rounded for display here; this is only how a figure reads in a working line.

use rust_decimal::{Decimal, RoundingStrategy};

/// `"1234567.891"` → `"1,234,567.891"`. Works on any plain decimal text.
pub fn group_thousands(plain: &str) -> String {
    let (sign, unsigned) = plain.strip_prefix('-').map_or(("", plain), |rest| ("-", rest));
    let (whole, fraction) = unsigned.split_once('.').map_or((unsigned, None), |(w, f)| (w, Some(f)));
    let mut out = String::with_capacity(plain.len() + whole.len() / 3);
    out.push_str(sign);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// The plain ASCII form of the contract: no separators, `.` as the decimal point, no trailing zeros.
pub fn plain(value: Decimal) -> String {
    value.normalize().to_string()
}

/// A figure for a working line: exact when it has at most `places` decimals, otherwise rounded
/// half-up to `places` and flagged so the line can say `≈` rather than `=`.
pub fn readable(value: Decimal, places: u32) -> (String, bool) {
    let shown = value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    let exact = shown == value;
    (group_thousands(&plain(shown)), exact)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn groups_by_three() {
        assert_eq!(group_thousands("231109"), "231,109");
        assert_eq!(group_thousands("10000"), "10,000");
        assert_eq!(group_thousands("999"), "999");
        assert_eq!(group_thousands("1234567.8912"), "1,234,567.8912");
        assert_eq!(group_thousands("-1000"), "-1,000");
    }

    #[test]
    fn readable_says_when_it_rounded() {
        assert_eq!(readable(Decimal::from_str("415.9962").unwrap(), 4), ("415.9962".into(), true));
        assert_eq!(readable(Decimal::from_str("2.123456").unwrap(), 4), ("2.1235".into(), false));
        assert_eq!(plain(Decimal::from_str("113300.00").unwrap()), "113300");
    }
}
