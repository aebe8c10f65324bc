//! The URL fragment that carries a locality's inputs (`#resident_population=1000000&lang=en`), and
//! the same text kept in localStorage. Pure text in, pairs out: the browser layer only reads and
//! writes `location.hash`. Hostile fragments (bad escapes, huge, repeated keys) give a usable result.

use crate::inputs::Key;

/// Fragments longer than this are cut before parsing: a real one is a few hundred bytes.
pub const MAX_FRAGMENT_BYTES: usize = 64 * 1024;
/// Values longer than this are dropped (the longest real value is a locality name).
pub const MAX_VALUE_CHARS: usize = 1000;
/// At most this many pairs are read.
pub const MAX_PAIRS: usize = 400;

/// Whether a key is one the calculator keeps: an input's name (`inputs::Key`) or `lang`. Everything
/// else in a fragment is ignored.
pub fn is_known_key(key: &str) -> bool {
    key == "lang" || Key::parse(key).is_some()
}

/// Parses `a=1&b=2` (with or without the leading `#`). A later repeat of a key wins; unknown keys,
/// empty keys and over-long values are dropped; broken percent escapes are kept as typed.
pub fn parse(fragment: &str) -> Vec<(String, String)> {
    parse_checked(fragment).pairs
}

/// What a fragment gave, and the known keys it had to leave out.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Parsed {
    pub pairs: Vec<(String, String)>,
    /// Known keys whose value was over `MAX_VALUE_CHARS` and that have no other value in the fragment,
    /// in the order met (as often as met): the page names them, so a cut link is never taken for the
    /// whole one.
    pub too_long: Vec<String>,
}

/// `parse`, also saying which known keys lost their value to the length limit.
pub fn parse_checked(fragment: &str) -> Parsed {
    let text = fragment.strip_prefix('#').unwrap_or(fragment);
    let text = text.get(..text.floor_char_boundary(MAX_FRAGMENT_BYTES)).unwrap_or(text);
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut too_long: Vec<String> = Vec::new();
    for piece in text.split('&').take(MAX_PAIRS) {
        let (key, value) = piece.split_once('=').unwrap_or((piece, ""));
        let key = decode(key);
        if !is_known_key(&key) {
            continue;
        }
        let value = decode(value);
        if value.chars().count() > MAX_VALUE_CHARS {
            too_long.push(key);
            continue;
        }
        pairs.retain(|(k, _)| *k != key);
        pairs.push((key, value));
    }
    too_long.retain(|key| !pairs.iter().any(|(k, _)| k == key));
    Parsed { pairs, too_long }
}

/// Writes pairs as a fragment body (no `#`), skipping empty values.
pub fn write<'a, I: IntoIterator<Item = (&'a str, &'a str)>>(pairs: I) -> String {
    let mut out = String::new();
    for (key, value) in pairs {
        if value.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('&');
        }
        encode_into(key, &mut out);
        out.push('=');
        encode_into(value, &mut out);
    }
    out
}

/// Percent-encodes all but the unreserved characters of RFC 3986, as encodeURIComponent does.
fn encode_into(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
}

/// Decodes `%XX` escapes; a `%` not followed by two hex digits stays as it is, and bytes that are
/// not UTF-8 become U+FFFD, so no fragment is refused whole.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_chinese_and_symbols() {
        let pairs = [("name", "沈阳市 & <b>"), ("resident_population", "1.2万"), ("current.community_workers", "900")];
        let text = write(pairs);
        assert_eq!(parse(&format!("#{text}")), pairs.map(|(k, v)| (k.to_string(), v.to_string())));
    }

    #[test]
    fn the_level_goes_into_the_link() {
        assert!(is_known_key("level"));
        let pairs = [("level", "county"), ("resident_population", "500000")];
        assert_eq!(write(pairs), "level=county&resident_population=500000");
        // As a spreadsheet or a person writes it: 县, percent-encoded.
        assert_eq!(parse("#level=%E5%8E%BF&lang=en"), [("level".into(), "县".into()), ("lang".into(), "en".into())]);
    }

    #[test]
    fn hostile_fragments_leave_a_usable_result() {
        assert_eq!(parse("#%E0%A4%A"), vec![]);
        assert_eq!(parse("#name=%E0%A4%A"), vec![("name".into(), "\u{FFFD}%A".into())]);
        assert_eq!(
            parse("#townships=1&townships=2&evil=3&=4&lang=en"),
            vec![("townships".into(), "2".into()), ("lang".into(), "en".into())]
        );
        let huge = format!("#name={}", "a".repeat(200_000));
        assert_eq!(parse(&huge), vec![]);
        assert_eq!(parse_checked(&huge).too_long, vec!["name".to_string()]);
        assert_eq!(
            parse("#param.community_workers.per_10k=20&param.community_workers.nope=1"),
            vec![("param.community_workers.per_10k".into(), "20".into())]
        );
    }

    #[test]
    fn names_the_keys_cut_by_the_length_limit() {
        let long = "x".repeat(MAX_VALUE_CHARS + 1);
        let fit = "y".repeat(MAX_VALUE_CHARS);
        let parsed = parse_checked(&format!("#name={long}&townships=3&evil={long}&current.community_workers={long}"));
        assert_eq!(parsed.pairs, vec![("townships".to_string(), "3".to_string())]);
        assert_eq!(parsed.too_long, vec!["name".to_string(), "current.community_workers".to_string()]);
        // A later value that fits wins, and then nothing was lost.
        let parsed = parse_checked(&format!("#name={long}&name={fit}"));
        assert_eq!(parsed.pairs, vec![("name".to_string(), fit.clone())]);
        assert!(parsed.too_long.is_empty());
        // 1,000 characters (not bytes) is the limit: 1,000 Chinese characters fit.
        let parsed = parse_checked(&format!("#name={}", "县".repeat(MAX_VALUE_CHARS)));
        assert_eq!(parsed.pairs.len(), 1);
        assert!(parsed.too_long.is_empty());
    }
}
