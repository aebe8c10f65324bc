//! Bytes of a file that is not a workbook → text: UTF-8 with or without a byte-order mark, UTF-16 with
//! a mark (Excel's "Unicode text"), or else GB18030 (a superset of GBK, which Excel on Chinese Windows
//! writes for "CSV"). GB18030 is decoded by the host, through `LegacyDecoder`.

/// What the batch needs from its host: text in a legacy encoding. In the browser that is the
/// browser's own `TextDecoder` (crates/web-batch), so the batch module carries no encoding tables;
/// natively it is encoding_rs (`EncodingRs`, the default feature `encoding_rs`).
pub trait LegacyDecoder {
    /// GB18030 text (and so GBK and GB2312) as the WHATWG Encoding Standard decodes it: malformed
    /// bytes become U+FFFD.
    fn decode_gb18030(&self, bytes: &[u8]) -> String;
}

/// The legacy decoder natively: encoding_rs (the Encoding Standard's decoders; in Firefox it *is*
/// the browser's `TextDecoder`).
#[cfg(feature = "encoding_rs")]
#[derive(Debug, Clone, Copy, Default)]
pub struct EncodingRs;

#[cfg(feature = "encoding_rs")]
impl LegacyDecoder for EncodingRs {
    fn decode_gb18030(&self, bytes: &[u8]) -> String {
        encoding_rs::GB18030.decode_without_bom_handling(bytes).0.into_owned()
    }
}

/// The encoding a text file was in, for the user to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16,
    Gb18030,
}

/// Text of a file that is not XLSX, and the encoding it was in.
pub fn decode_text(bytes: &[u8], legacy: &dyn LegacyDecoder) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), Encoding::Utf8Bom);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return (decode_utf16(rest, u16::from_le_bytes), Encoding::Utf16);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return (decode_utf16(rest, u16::from_be_bytes), Encoding::Utf16);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), Encoding::Utf8),
        Err(_) => (legacy.decode_gb18030(bytes), Encoding::Gb18030),
    }
}

/// UTF-16 without its byte-order mark; an unpaired surrogate or a last odd byte becomes U+FFFD (as
/// the Encoding Standard's decoder does).
fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text: String = char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect();
    if bytes.len() % 2 == 1 {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A decoder that says what it was asked to decode.
    struct Marked;

    impl LegacyDecoder for Marked {
        fn decode_gb18030(&self, bytes: &[u8]) -> String {
            format!("gb18030:{}", bytes.len())
        }
    }

    #[test]
    fn byte_order_marks_decide_and_the_host_decodes_the_rest() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFa,b", &Marked), ("a,b".to_string(), Encoding::Utf8Bom));
        assert_eq!(decode_text(b"\xFF\xFEa\0\x2d\x4e", &Marked), ("a中".to_string(), Encoding::Utf16));
        assert_eq!(decode_text(b"\xFE\xFF\0a\x4e\x2d\xd8", &Marked), ("a中\u{FFFD}".to_string(), Encoding::Utf16));
        assert_eq!(decode_text(b"\xFF\xFE\x00\xD8a\0", &Marked), ("\u{FFFD}a".to_string(), Encoding::Utf16));
        assert_eq!(decode_text("中文".as_bytes(), &Marked), ("中文".to_string(), Encoding::Utf8));
        assert_eq!(decode_text(b"\xD6\xD0\xCE\xC4", &Marked), ("gb18030:4".to_string(), Encoding::Gb18030));
    }
}
