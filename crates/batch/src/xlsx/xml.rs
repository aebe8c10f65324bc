//! The XML that XLSX parts need, by hand: a pull scanner over the bytes of a part (elements by local
//! name, attributes, text, CDATA; comments, processing instructions and a DOCTYPE are skipped, and no
//! entity is ever defined or expanded beyond XML's five and character references), and escaping for
//! the writer. Malformed input ends the scan with an error; nothing here can panic or loop forever.

/// What the scanner meets next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event<'a> {
    /// `<name attrs>` or, with `empty`, `<name attrs/>`. `name` is the local name (no prefix).
    Start {
        name: &'a [u8],
        attrs: &'a [u8],
        empty: bool,
    },
    End {
        name: &'a [u8],
    },
    /// Raw character data (entities still escaped).
    Text(&'a [u8]),
    /// The content of a CDATA section (taken literally).
    CData(&'a [u8]),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Malformed;

pub struct Scanner<'a> {
    buf: &'a [u8],
    pos: usize,
}

/// Where `needle` next occurs in `hay` from `from` on (for the ends of comments, processing
/// instructions and CDATA sections, which are short and rare in a part).
fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|i| from + i)
}

/// The part after a namespace prefix: `x:row` → `row`.
pub fn local(name: &[u8]) -> &[u8] {
    match name.iter().position(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

impl<'a> Scanner<'a> {
    pub fn new(buf: &'a [u8]) -> Scanner<'a> {
        // A UTF-8 byte-order mark is allowed before the declaration.
        let pos = if buf.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
        Scanner { buf, pos }
    }

    /// The next event, `Ok(None)` at the end of the part.
    pub fn next(&mut self) -> Result<Option<Event<'a>>, Malformed> {
        let buf = self.buf;
        loop {
            let start = self.pos;
            if start >= buf.len() {
                return Ok(None);
            }
            if buf[start] != b'<' {
                let end = buf[start..].iter().position(|&b| b == b'<').map_or(buf.len(), |i| start + i);
                self.pos = end;
                return Ok(Some(Event::Text(&buf[start..end])));
            }
            let rest = &buf[start..];
            if rest.starts_with(b"<?") {
                self.pos = find(buf, start + 2, b"?>").ok_or(Malformed)? + 2;
                continue;
            }
            if rest.starts_with(b"<!--") {
                self.pos = find(buf, start + 4, b"-->").ok_or(Malformed)? + 3;
                continue;
            }
            if rest.starts_with(b"<![CDATA[") {
                let end = find(buf, start + 9, b"]]>").ok_or(Malformed)?;
                self.pos = end + 3;
                return Ok(Some(Event::CData(&buf[start + 9..end])));
            }
            if rest.starts_with(b"<!") {
                // A DOCTYPE (its internal subset in brackets is skipped whole, never interpreted).
                let mut depth = 0u32;
                let mut i = start + 2;
                loop {
                    match buf.get(i) {
                        None => return Err(Malformed),
                        Some(b'[') => depth += 1,
                        Some(b']') => depth = depth.saturating_sub(1),
                        Some(b'>') if depth == 0 => break,
                        _ => {}
                    }
                    i += 1;
                }
                self.pos = i + 1;
                continue;
            }
            if rest.starts_with(b"</") {
                let end = start + 2 + rest[2..].iter().position(|&b| b == b'>').ok_or(Malformed)?;
                self.pos = end + 1;
                let name = buf[start + 2..end].trim_ascii_end();
                return Ok(Some(Event::End { name: local(name) }));
            }
            // A start tag: `>` may appear inside quoted attribute values.
            let mut i = start + 1;
            loop {
                i += buf
                    .get(i..)
                    .ok_or(Malformed)?
                    .iter()
                    .position(|&b| matches!(b, b'>' | b'"' | b'\'' | b'<'))
                    .ok_or(Malformed)?;
                match buf[i] {
                    b'>' => break,
                    b'<' => return Err(Malformed),
                    quote => {
                        i += 2 + buf.get(i + 1..).ok_or(Malformed)?.iter().position(|&b| b == quote).ok_or(Malformed)?
                    }
                }
            }
            self.pos = i + 1;
            let mut inner = &buf[start + 1..i];
            let empty = inner.last() == Some(&b'/');
            if empty {
                inner = &inner[..inner.len() - 1];
            }
            let name_end = inner.iter().position(|b| b.is_ascii_whitespace()).unwrap_or(inner.len());
            if name_end == 0 {
                return Err(Malformed);
            }
            return Ok(Some(Event::Start { name: local(&inner[..name_end]), attrs: &inner[name_end..], empty }));
        }
    }

    /// Skips to the end of the element whose start tag was just read (not self-closing).
    pub fn skip_element(&mut self) -> Result<(), Malformed> {
        let mut depth = 1usize;
        while let Some(e) = self.next()? {
            match e {
                Event::Start { empty: false, .. } => depth += 1,
                Event::End { .. } => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        Err(Malformed)
    }
}

/// The attributes of a start tag: (local name, raw value with entities still escaped). Stops at the
/// first malformed one.
pub fn attrs(region: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    let mut rest = region;
    std::iter::from_fn(move || {
        let start = rest.iter().position(|b| !b.is_ascii_whitespace())?;
        let eq = start + rest[start..].iter().position(|&b| b == b'=')?;
        let name = rest[start..eq].trim_ascii_end();
        let after = eq + 1 + rest.get(eq + 1..)?.iter().position(|b| !b.is_ascii_whitespace())?;
        let quote = rest[after];
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let len = rest.get(after + 1..)?.iter().position(|&b| b == quote)?;
        let value = &rest[after + 1..after + 1 + len];
        rest = &rest[after + 2 + len..];
        // `xmlns:x` declares a prefix; it is not the attribute `x`.
        let local_name = if name.starts_with(b"xmlns:") { name } else { local(name) };
        Some((local_name, value))
    })
}

/// An attribute's raw value by local name (`r:id` matches `id`), entities still escaped.
pub fn attr<'a>(region: &'a [u8], want: &[u8]) -> Option<&'a [u8]> {
    attrs(region).find(|(name, _)| *name == want).map(|(_, v)| v)
}

/// Appends text with XML's entities and character references resolved and line ends normalised
/// (`\r\n` and a lone `\r` become `\n`, as an XML parser does; `&#13;` stays a carriage return).
/// Invalid UTF-8 and unknown entities do not fail: the former becomes U+FFFD, the latter stays as written.
pub fn unescape_into(raw: &[u8], out: &mut String) {
    if !raw.iter().any(|&b| b == b'&' || b == b'\r') {
        push_lossy(raw, out);
        return;
    }
    let mut i = 0;
    let mut plain = 0;
    while i < raw.len() {
        match raw[i] {
            b'\r' => {
                push_lossy(&raw[plain..i], out);
                out.push('\n');
                i += if raw.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                plain = i;
            }
            b'&' => {
                let Some(len) = raw[i..].iter().take(12).position(|&b| b == b';') else {
                    i += 1;
                    continue;
                };
                let entity = &raw[i + 1..i + len];
                let c = match entity {
                    b"lt" => Some('<'),
                    b"gt" => Some('>'),
                    b"amp" => Some('&'),
                    b"quot" => Some('"'),
                    b"apos" => Some('\''),
                    [b'#', b'x' | b'X', hex @ ..] => Some(number(hex, 16)),
                    [b'#', dec @ ..] => Some(number(dec, 10)),
                    _ => None,
                };
                match c {
                    Some(c) => {
                        push_lossy(&raw[plain..i], out);
                        out.push(c);
                        i += len + 1;
                        plain = i;
                    }
                    None => i += 1,
                }
            }
            _ => i += 1,
        }
    }
    push_lossy(&raw[plain..], out);
}

fn number(digits: &[u8], radix: u32) -> char {
    let mut v: u32 = 0;
    if digits.is_empty() {
        return char::REPLACEMENT_CHARACTER;
    }
    for &d in digits {
        let Some(x) = (d as char).to_digit(radix) else { return char::REPLACEMENT_CHARACTER };
        v = match v.checked_mul(radix).and_then(|v| v.checked_add(x)) {
            Some(v) => v,
            None => return char::REPLACEMENT_CHARACTER,
        };
    }
    match char::from_u32(v) {
        Some('\0') | None => char::REPLACEMENT_CHARACTER,
        Some(c) => c,
    }
}

fn push_lossy(bytes: &[u8], out: &mut String) {
    match std::str::from_utf8(bytes) {
        Ok(s) => out.push_str(s),
        Err(_) => out.push_str(&String::from_utf8_lossy(bytes)),
    }
}

/// Resolves Office's `_xHHHH_` escapes in a string (a UTF-16 code unit each; `_x005F_` is `_`),
/// as Excel reads them in shared and inline strings.
pub fn unescape_office(text: String) -> String {
    if !text.contains("_x") {
        return text;
    }
    let bytes = text.as_bytes();
    let unit_at = |i: usize| -> Option<u16> {
        let b = bytes.get(i..i + 7)?;
        if &b[..2] != b"_x" || b[6] != b'_' {
            return None;
        }
        let mut v = 0u16;
        for &h in &b[2..6] {
            v = v * 16 + (h as char).to_digit(16)? as u16;
        }
        Some(v)
    };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut plain = 0;
    while i < bytes.len() {
        let Some(unit) = unit_at(i) else {
            i += 1;
            continue;
        };
        out.push_str(&text[plain..i]);
        i += 7;
        let c = match unit {
            0xD800..=0xDBFF => match unit_at(i) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    i += 7;
                    char::from_u32(0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00))
                }
                _ => None,
            },
            _ => char::from_u32(u32::from(unit)),
        };
        out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
        plain = i;
    }
    out.push_str(&text[plain..]);
    out
}

/// Appends text escaped for element content or a double-quoted attribute. Characters XML 1.0 cannot
/// hold (C0 controls other than tab and line feed) are written as Office's `_xHHHH_` escapes, a
/// carriage return as `&#13;`, and text that already looks like such an escape gets its `_`
/// escaped (`_x005F_`), so every string reads back exactly.
pub fn escape_into(text: &str, out: &mut Vec<u8>) {
    let bytes = text.as_bytes();
    let mut plain = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let rep: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\r' => b"&#13;",
            b'\t' | b'\n' => continue,
            0..=0x1F => {
                out.extend_from_slice(&bytes[plain..i]);
                out.extend_from_slice(b"_x00");
                out.push(HEX[(b >> 4) as usize]);
                out.push(HEX[(b & 15) as usize]);
                out.push(b'_');
                plain = i + 1;
                continue;
            }
            b'_' if looks_escaped(&bytes[i..]) => b"_x005F_",
            _ => continue,
        };
        out.extend_from_slice(&bytes[plain..i]);
        out.extend_from_slice(rep);
        plain = i + 1;
    }
    out.extend_from_slice(&bytes[plain..]);
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn looks_escaped(b: &[u8]) -> bool {
    b.len() >= 7 && b[1] == b'x' && b[6] == b'_' && b[2..6].iter().all(u8::is_ascii_hexdigit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(xml: &str) -> Vec<String> {
        let mut s = Scanner::new(xml.as_bytes());
        let mut out = Vec::new();
        while let Ok(Some(e)) = s.next() {
            out.push(match e {
                Event::Start { name, attrs, empty } => {
                    format!(
                        "<{}{}{}>",
                        String::from_utf8_lossy(name),
                        String::from_utf8_lossy(attrs),
                        if empty { "/" } else { "" }
                    )
                }
                Event::End { name } => format!("</{}>", String::from_utf8_lossy(name)),
                Event::Text(t) => format!("T{}", String::from_utf8_lossy(t)),
                Event::CData(t) => format!("C{}", String::from_utf8_lossy(t)),
            });
        }
        out
    }

    #[test]
    fn scans_elements_text_and_skips_the_rest() {
        let xml = "\u{FEFF}<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><!-- c --><x:a k='>' r=\"1\"><b/>t&amp;<![CDATA[<z>]]></x:a >";
        assert_eq!(events(xml), ["<a k='>' r=\"1\">", "<b/>", "Tt&amp;", "C<z>", "</a>"]);
        assert!(Scanner::new(b"<a").next().is_err());
        assert!(Scanner::new(b"<!-- x").next().is_err());
    }

    #[test]
    fn attributes_by_local_name() {
        let attrs = b" name=\"S &amp; P\" sheetId='1' r:id=\"rId3\" xmlns:r=\"urn\"";
        assert_eq!(attr(attrs, b"id"), Some(&b"rId3"[..]));
        assert_eq!(attr(attrs, b"sheetId"), Some(&b"1"[..]));
        assert_eq!(attr(attrs, b"name"), Some(&b"S &amp; P"[..]));
        assert_eq!(attr(attrs, b"r"), None);
        assert_eq!(attr(b" a=1", b"a"), None);
        assert_eq!(attr(b" xmlns:t=\"u\" t = 's'", b"t"), Some(&b"s"[..]));
    }

    #[test]
    fn unescapes_and_escapes_round_trip() {
        let mut s = String::new();
        unescape_into(b"a&lt;b&gt;&amp;&quot;&apos;&#x4E2D;&#25991;&bogus;&#0;\r\nx\ry&#13;", &mut s);
        assert_eq!(s, "a<b>&\"'中文&bogus;\u{FFFD}\nx\ny\r");
        assert_eq!(unescape_office("_x000D__x005F_x0041_ _xD83D__xDE00_ _xZZZZ_".into()), "\r_x0041_ 😀 _xZZZZ_");
        for text in ["plain", "<a href=\"x\">&</a>", "tab\tline\nret\r", "\u{1}bell\u{7}", "_x0041_", "_x", "中文_x12"]
        {
            let mut xml = Vec::new();
            escape_into(text, &mut xml);
            let mut back = String::new();
            unescape_into(&xml, &mut back);
            assert_eq!(unescape_office(back), text, "{}", String::from_utf8_lossy(&xml));
        }
    }
}
