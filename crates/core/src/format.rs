//! Writing decimals: the contract's plain form (`"113300"`), and with thousands separators for
//! people (`"113,300"`). The value is never rounded here.

use rust_decimal::Decimal;

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

/// `value` with exactly `decimals` digits after the point (`1.4000`), as the contract gives the current
/// dibao ratio: to 4 decimals.
pub fn with_decimals(value: Decimal, decimals: u32) -> String {
    let mut v = value.round_dp_with_strategy(decimals, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    v.rescale(decimals);
    v.to_string()
}

/// `value` as people read it: plain, with thousands separators (`231,109`, `415.9962`).
pub fn grouped(value: Decimal) -> String {
    group_thousands(&plain(value))
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
    fn plain_has_no_trailing_zeros_and_grouped_has_separators() {
        assert_eq!(plain(Decimal::from_str("113300.00").unwrap()), "113300");
        assert_eq!(plain(Decimal::from_str("0.50").unwrap()), "0.5");
        assert_eq!(grouped(Decimal::from_str("1234567.8900").unwrap()), "1,234,567.89");
    }

    #[test]
    fn with_decimals_pads_and_rounds_to_the_digits_asked() {
        // 700 × 12 ÷ 6,000.07 = 1.39998…; 8,400 ÷ 7,000 = 1.2; 8,064 ÷ 5,558 = 1.45088…
        assert_eq!(with_decimals(Decimal::from_str("1.39998").unwrap(), 4), "1.4000");
        assert_eq!(with_decimals(Decimal::from_str("1.2").unwrap(), 4), "1.2000");
        assert_eq!(with_decimals(Decimal::from_str("1.450881612").unwrap(), 4), "1.4509");
        assert_eq!(with_decimals(Decimal::from_str("0.00005").unwrap(), 4), "0.0001");
    }
}
