//! Text → `Decimal`, as people type numbers into a Chinese government form.
//!
//! Accepted: ASCII and full-width digits (`１２３４５`), thousands separators (`12,345`, `12，345`,
//! `12 345`), a decimal point (`.` or `．`), Chinese magnitudes (`1.2万`, `0.5亿`, `3千`), and a
//! trailing unit (`人`, `元/人/月`, `%`, `平方米` …). Refused, each with its own reason: empty text,
//! negatives, exponent notation, misplaced separators, anything else that is not a plain number.
//! Whether a value must be whole, and how large it may be, is the field's business (`inputs`).

use rust_decimal::Decimal;

/// Why a text is not a number. The field layer turns these into messages in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    Empty,
    NotANumber,
    Negative,
    Exponent,
    BadSeparator,
    TooLarge,
}

/// Units people type after a figure; stripped before parsing. Longer units first, so that
/// `元/人/月` is not taken for `月` and `平方米` is removed whole.
const UNIT_SUFFIXES: [&str; 19] = [
    "元/人/月",
    "元/人/年",
    "元/月",
    "元/年",
    "平方米",
    "人次",
    "m²",
    "m2",
    "㎡",
    "元",
    "人",
    "户",
    "个",
    "张",
    "所",
    "例",
    "家",
    "%",
    "名",
];

/// The unit typed after a figure (`672元/人/月` → `元/人/月`), the one `parse_number` strips; `None` if none.
pub fn typed_unit(text: &str) -> Option<&'static str> {
    let ascii = to_ascii_form(text);
    let body = ascii.trim();
    UNIT_SUFFIXES.iter().copied().find(|unit| body.ends_with(unit))
}

/// Whether a unit typed after a figure is the figure's own, or another way of writing it: 元 for 元/人/月,
/// 名 for 人, 所 for 个, ㎡ for 平方米. `%` fits a rate only, so that `5%` typed into a population is an
/// error rather than 5 people. A figure whose unit is none of these (a local standard's) takes any.
pub fn unit_fits(typed: &str, unit: &str) -> bool {
    fn kind(unit: &str) -> Option<u8> {
        Some(match unit {
            "%" => 1,
            u if u.starts_with('元') => 2,
            "人" | "名" | "人次" => 3,
            "户" => 4,
            "个" | "所" | "家" => 5,
            "张" => 6,
            "例" => 7,
            "平方米" | "m²" | "m2" | "㎡" => 8,
            _ => return None,
        })
    }
    kind(unit).is_none_or(|k| kind(typed) == Some(k))
}

/// Chinese magnitudes, longest first (`万亿` before `亿` and `万`).
const MAGNITUDES: [(&str, u32); 4] = [("万亿", 12), ("亿", 8), ("万", 4), ("千", 3)];

/// Maps full-width forms to ASCII and drops the thin and no-break spaces people paste from documents.
fn to_ascii_form(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            // Not 、 (顿号), which separates the items of a list: `12、345` is two numbers, not one.
            '，' | '\'' | '’' => ',',
            '－' | '−' | '–' | '—' => '-',
            '＋' => '+',
            '％' => '%',
            'Ｅ' | 'ｅ' => 'e',
            '\u{3000}' | '\u{00A0}' | '\u{2009}' | '\u{202F}' | '\t' => ' ',
            _ => c,
        })
        .collect()
}

/// Parses a number as typed. The result is exact: `1.2万` is 12000, never 11999.999….
pub fn parse_number(text: &str) -> Result<Decimal, NumberError> {
    // Fast path for the common case (plain ASCII digits, as a spreadsheet gives them): no allocation.
    if (1..=18).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse::<u64>().map(Decimal::from).map_err(|_| NumberError::NotANumber);
    }
    let ascii = to_ascii_form(text);
    let mut body = ascii.trim();
    if body.is_empty() {
        return Err(NumberError::Empty);
    }
    for unit in UNIT_SUFFIXES {
        if let Some(rest) = body.strip_suffix(unit) {
            body = rest.trim_end();
            break;
        }
    }
    let mut exponent = 0u32;
    for (word, power) in MAGNITUDES {
        if let Some(rest) = body.strip_suffix(word) {
            body = rest.trim_end();
            exponent = power;
            break;
        }
    }
    // A unit may also come after the magnitude's number, as in `1.2万元` (handled above) or `3万 人`.
    let body = body.trim();
    let (negative, unsigned) = match body.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, body.strip_prefix('+').unwrap_or(body).trim_start()),
    };
    let digits = strip_separators(unsigned)?;
    if digits.is_empty() || digits == "." {
        return Err(NumberError::NotANumber);
    }
    if digits.bytes().any(|b| b == b'e' || b == b'E') {
        let mantissa_like = digits.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'));
        return Err(if mantissa_like { NumberError::Exponent } else { NumberError::NotANumber });
    }
    if !digits.bytes().all(|b| b.is_ascii_digit() || b == b'.') || digits.bytes().filter(|&b| b == b'.').count() > 1 {
        return Err(NumberError::NotANumber);
    }
    // Very long digit strings cannot be a plausible figure and would overflow 96-bit decimals.
    if digits.trim_start_matches('0').split('.').next().map_or(0, str::len) > 20 {
        return Err(NumberError::TooLarge);
    }
    // Leading zeros go before the cut to 28 characters, which must only ever drop far fraction digits
    // (`0000…0006.5` is 6.5, not 0).
    let trimmed = digits.trim_start_matches('0');
    let digits =
        if trimmed.is_empty() || trimmed.starts_with('.') { format!("0{trimmed}") } else { trimmed.to_string() };
    let digits = digits.get(..28).unwrap_or(&digits);
    let value = decimal_from_digits(digits).ok_or(NumberError::NotANumber)?;
    let value = value.checked_mul(Decimal::from(10u64.pow(exponent))).ok_or(NumberError::TooLarge)?;
    if negative && !value.is_zero() {
        return Err(NumberError::Negative);
    }
    Ok(value.normalize())
}

/// Plain decimal text (ASCII digits with at most one `.`, 1 to 28 digits) → its exact value, scale as written.
/// Not `Decimal::from_str`, which also reads exponents and rounds overlong fractions: code (8.8 kB of the page's
/// wasm, 10 kB of the batch module's) that text cleaned up by `parse_number`, or written by the engine, never needs.
pub fn decimal_from_digits(text: &str) -> Option<Decimal> {
    let (mut mantissa, mut digits, mut scale, mut point) = (0u128, 0u32, 0u32, false);
    for b in text.bytes() {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u128::from(b - b'0');
                digits += 1;
                scale += u32::from(point);
                if digits > 28 {
                    return None;
                }
            }
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    if digits == 0 {
        return None;
    }
    // 28 digits are below 10^28 < 2^96: always a valid mantissa.
    Decimal::try_from_i128_with_scale(mantissa as i128, scale).ok()
}

/// Removes thousands separators (`,` and spaces), which must stand between groups of three digits
/// in the whole part: `12,345` and `1 234 567` pass, `1,23` and `12,34.5` are refused.
fn strip_separators(text: &str) -> Result<String, NumberError> {
    if !text.contains([',', ' ']) {
        return Ok(text.to_string());
    }
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text, None),
    };
    if fraction.is_some_and(|f| f.contains([',', ' '])) {
        return Err(NumberError::BadSeparator);
    }
    let groups: Vec<&str> = whole.split([',', ' ']).collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    if !first_ok || !rest_ok {
        return Err(NumberError::BadSeparator);
    }
    let mut digits = groups.concat();
    if let Some(f) = fraction {
        digits.push('.');
        digits.push_str(f);
    }
    Ok(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> String {
        parse_number(text).unwrap().to_string()
    }

    #[test]
    fn accepts_what_people_type() {
        assert_eq!(ok("12345"), "12345");
        assert_eq!(ok("１２３４５"), "12345");
        assert_eq!(ok("12,345"), "12345");
        assert_eq!(ok("12，345"), "12345");
        assert_eq!(ok("1 234 567"), "1234567");
        assert_eq!(ok("12,345.67"), "12345.67");
        assert_eq!(ok("1 234 567.5万"), "12345675000");
        assert_eq!(ok("1.2万"), "12000");
        assert_eq!(ok("１．２万"), "12000");
        assert_eq!(ok("0.5亿"), "50000000");
        assert_eq!(ok("3千"), "3000");
        assert_eq!(ok("231,109人"), "231109");
        assert_eq!(ok("672 元/人/月"), "672");
        assert_eq!(ok("6.5%"), "6.5");
        assert_eq!(ok("1.2万元"), "12000");
        assert_eq!(ok("  42 "), "42");
        assert_eq!(ok("+7"), "7");
        assert_eq!(ok("-0"), "0");
        assert_eq!(ok(".5"), "0.5");
        // Found by fuzzing (fuzz/README.md): leading zeros once pushed the digits past the 28-character cut.
        assert_eq!(ok("0000000000000000000000000000006.5%"), "6.5");
        assert_eq!(ok("000000000000000000000000000000.5"), "0.5");
        assert_eq!(ok("000000000000000000000000000000"), "0");
    }

    #[test]
    fn plain_digits_read_exactly() {
        let read = |t: &str| decimal_from_digits(t).map(|d| d.to_string());
        assert_eq!(read("415.9962").as_deref(), Some("415.9962"));
        assert_eq!(read("0.50").as_deref(), Some("0.50"));
        assert_eq!(read("5.").as_deref(), Some("5"));
        assert_eq!(read("9999999999999999999999999999").as_deref(), Some("9999999999999999999999999999"));
        assert_eq!(read("0.000000000000000000000000001").as_deref(), Some("0.000000000000000000000000001"));
        for bad in ["", ".", "1.2.3", "-1", "1e5", "12a", "99999999999999999999999999999"] {
            assert_eq!(read(bad), None, "{bad}");
        }
    }

    #[test]
    fn refuses_with_a_reason() {
        assert_eq!(parse_number(""), Err(NumberError::Empty));
        assert_eq!(parse_number("  "), Err(NumberError::Empty));
        assert_eq!(parse_number("abc"), Err(NumberError::NotANumber));
        assert_eq!(parse_number("-5"), Err(NumberError::Negative));
        assert_eq!(parse_number("－５"), Err(NumberError::Negative));
        assert_eq!(parse_number("1e5"), Err(NumberError::Exponent));
        assert_eq!(parse_number("1,23"), Err(NumberError::BadSeparator));
        assert_eq!(parse_number("12,34.5"), Err(NumberError::BadSeparator));
        assert_eq!(parse_number("12,345.6,7"), Err(NumberError::BadSeparator));
        assert_eq!(parse_number("1.2.3"), Err(NumberError::NotANumber));
        assert_eq!(parse_number("12、345"), Err(NumberError::NotANumber));
        for (text, unit, fits) in [
            ("672元", "元/人/月", true),
            ("１２人", "人", true),
            ("12名", "人", true),
            ("3所", "个", true),
            ("56.5㎡", "平方米", true),
            ("5%", "%", true),
            ("５％", "人", false),
            ("12345元", "人", false),
            ("12个", "%", false),
            ("672元/人/月", "户", false),
            ("8张", "个", false),
        ] {
            let typed = typed_unit(text).expect(text);
            assert_eq!(unit_fits(typed, unit), fits, "{text} for {unit}");
        }
        assert_eq!(typed_unit("1.2万"), None);
        assert!(unit_fits("%", ""), "a figure with no unit of its own takes any");
        assert_eq!(parse_number("12万3"), Err(NumberError::NotANumber));
        assert_eq!(parse_number("99999999999999999999999"), Err(NumberError::TooLarge));
        assert_eq!(parse_number("."), Err(NumberError::NotANumber));
        assert_eq!(parse_number("万"), Err(NumberError::NotANumber));
    }
}
