//! The figures saved on this computer, one entry per locality: the text of an entry's record, of the
//! mark saying which entry a tab edits, and the rules that tell entries apart. Pure text, no browser:
//! `web::state` keeps these in localStorage and `history.state` and applies the rules.
//!
//! Storage keys (the browser's, per origin; every `file://` page shares one):
//! - `minzheng-calc:v2:<id>` in localStorage: one entry. A header line, then the figures as a link
//!   fragment body (`fragment::write`, `lang=en` included):
//!   `rev=7&by=1764756000000-42&saved=1764756900000&from=link&at=1764756900000` `\n`
//!   `name=%E6%9F%90%E5%8E%BF&townships=3`. `rev` counts the entry's writes and `by` names the tab that
//!   made the last one (the two-tab rule in `web::state` compares both); `saved` is when it was last
//!   written, `from`/`at` how and when it began if not by typing (`link`: a share link whose
//!   locality was saved here with other figures; `copy`: a tab's figures kept apart because another tab
//!   had changed the entry meanwhile). Unknown header keys are ignored, so later versions may add some.
//! - `minzheng-calc:v1` in localStorage: the first version's one state; moved to the entry `v1` once.
//! - `minzheng-calc:elder` in localStorage: 长辈模式 on (`1`), as before.
//! - Not a key: the tab's history entry holds, as its `history.state`, the entry the tab edits,
//!   `<id> <rev> <sum> <by>` (see `TabMark`).
//!
//! An entry is listed under its locality's name (the `name` field); ids are never shown, so two entries
//! may carry the same name (a link's figures beside the user's own) without one replacing the other.

use crate::fragment;

/// The prefix of every entry's localStorage key.
pub const ENTRY_PREFIX: &str = "minzheng-calc:v2:";
/// The first version's single state (a fragment body).
pub const V1_KEY: &str = "minzheng-calc:v1";

/// The sessionStorage key under which a calculator in an iframe (`?embed=1`) notes the entry it edits for
/// the figures its host page gave it (`checksum` of their link): the host page reloaded, the frame goes on
/// with that entry rather than with the host's figures again.
pub fn prefill_key(sum: u32) -> String {
    format!("minzheng-calc:prefill:{sum:08x}")
}
/// The id the first version's state is moved to (fixed, so two tabs migrating at once write one entry).
pub const V1_ID: &str = "v1";

/// How an entry began.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Typed on this computer (or a share link for a locality not saved here yet).
    Typed,
    /// A share link opened at this time (ms since 1970) whose locality was already saved with other figures.
    Link(u64),
    /// A tab's figures set aside at this time because another tab had changed the entry.
    Copy(u64),
}

/// One saved entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub rev: u64,
    /// The tab that wrote this version (its token; empty for the first version's state).
    pub by: String,
    /// When last written (ms since 1970).
    pub saved: u64,
    pub origin: Origin,
    /// The figures, as a link fragment body.
    pub body: String,
}

impl Record {
    pub fn to_text(&self) -> String {
        let mut text = String::with_capacity(self.body.len() + 64);
        text.push_str("rev=");
        push_number(&mut text, self.rev);
        text.push_str("&by=");
        text.push_str(&self.by);
        text.push_str("&saved=");
        push_number(&mut text, self.saved);
        let (from, at) = match self.origin {
            Origin::Typed => ("", 0),
            Origin::Link(at) => ("&from=link&at=", at),
            Origin::Copy(at) => ("&from=copy&at=", at),
        };
        if !from.is_empty() {
            text.push_str(from);
            push_number(&mut text, at);
        }
        text.push('\n');
        text.push_str(&self.body);
        text
    }

    /// Reads a record; `None` for text that is not one (no header line or no `rev`).
    pub fn parse(text: &str) -> Option<Record> {
        let (head, body) = text.split_once('\n')?;
        let mut rev = None;
        let (mut saved, mut from, mut at, mut by) = (0, "", 0, "");
        for pair in head.split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "rev" => rev = number(value),
                "by" => by = value,
                "saved" => saved = number(value).unwrap_or(0),
                "from" => from = value,
                "at" => at = number(value).unwrap_or(0),
                _ => {}
            }
        }
        let origin = match from {
            "link" => Origin::Link(at),
            "copy" => Origin::Copy(at),
            _ => Origin::Typed,
        };
        Some(Record { rev: rev?, by: by.to_string(), saved, origin, body: body.to_string() })
    }

    /// The figures (without `lang`), and the keys whose values were too long to keep.
    pub fn figures(&self) -> fragment::Parsed {
        figures(&self.body)
    }
}

/// The figures of a fragment body, without `lang`.
pub fn figures(body: &str) -> fragment::Parsed {
    let mut parsed = fragment::parse_checked(body);
    parsed.pairs.retain(|(k, v)| k != "lang" && !v.is_empty());
    parsed
}

/// The locality's name among the figures (empty when unnamed), trimmed.
pub fn name_of(pairs: &[(String, String)]) -> &str {
    pairs.iter().find(|(k, _)| k == "name").map_or("", |(_, v)| v.trim())
}

/// Whether two sets of figures are the same, whatever the order they were typed in (`lang` aside).
/// (Without a sort: core's sort routines would add 7 kB to the page's module for lists of a few dozen.)
pub fn same_figures(a: &[(String, String)], b: &[(String, String)]) -> bool {
    let kept = |pairs: &[(String, String)]| pairs.iter().filter(|(k, v)| k != "lang" && !v.is_empty()).count();
    let within = |x: &[(String, String)], y: &[(String, String)]| {
        x.iter().filter(|(k, v)| k != "lang" && !v.is_empty()).all(|pair| y.contains(pair))
    };
    kept(a) == kept(b) && within(a, b)
}

/// The entry's key in localStorage.
pub fn key(id: &str) -> String {
    format!("{ENTRY_PREFIX}{id}")
}

/// The id of an entry's key; `None` for other keys.
pub fn id_of(key: &str) -> Option<&str> {
    key.strip_prefix(ENTRY_PREFIX).filter(|id| !id.is_empty())
}

/// A new entry id: the time and a random number (never shown; only unique on this computer).
pub fn new_id(now_ms: u64, random: u32) -> String {
    let mut id = String::new();
    push_number(&mut id, now_ms);
    id.push('-');
    push_number(&mut id, u64::from(random));
    id
}

/// Appends `n` in decimal. (By hand, like `number`: the page's module then needs neither core's integer
/// formatting nor its generic parser for these.)
pub fn push_number(out: &mut String, n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in digits.get(at..).unwrap_or_default() {
        out.push(char::from(d));
    }
}

/// Reads a decimal number of at most 19 digits (so it cannot overflow).
pub fn number(text: &str) -> Option<u64> {
    if text.is_empty() || text.len() > 19 {
        return None;
    }
    text.bytes().try_fold(0u64, |n, b| b.is_ascii_digit().then(|| n * 10 + u64::from(b - b'0')))
}

/// FNV-1a of a fragment body: lets a reloaded tab recognise the link it wrote itself.
pub fn checksum(body: &str) -> u32 {
    body.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// Which entry a tab edits, and what it last read or wrote of it: the entry's version then (`rev` and
/// `by`), and the `checksum` of the body it put in the link. Kept as the state of the tab's history entry, which a
/// reload, Back and Forward bring back with the link, and a new tab does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TabMark {
    pub id: String,
    pub rev: u64,
    pub sum: u32,
    pub by: String,
}

impl TabMark {
    pub fn to_text(&self) -> String {
        let mut text = self.id.clone();
        text.push(' ');
        push_number(&mut text, self.rev);
        text.push(' ');
        push_number(&mut text, u64::from(self.sum));
        text.push(' ');
        text.push_str(&self.by);
        text
    }

    pub fn parse(text: &str) -> Option<TabMark> {
        let (id, rest) = text.split_once(' ')?;
        let (rev, rest) = rest.split_once(' ')?;
        let (sum, by) = rest.split_once(' ')?;
        let (rev, sum) = (number(rev)?, u32::try_from(number(sum)?).ok()?);
        (!id.is_empty()).then(|| TabMark { id: id.to_string(), rev, sum, by: by.to_string() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn records_round_trip() {
        let body = fragment::write([("name", "某县 & <b>"), ("townships", "3"), ("lang", "en")]);
        for origin in [Origin::Typed, Origin::Link(1_764_756_900_000), Origin::Copy(5)] {
            let record =
                Record { rev: 7, by: "1764756000000-42".into(), saved: 1_764_756_960_000, origin, body: body.clone() };
            assert_eq!(Record::parse(&record.to_text()), Some(record));
        }
        let record = Record::parse("rev=2&saved=9&later=1\nname=%E6%9F%90%E5%8E%BF&lang=en").unwrap();
        assert_eq!((record.rev, record.by.as_str(), record.saved, record.origin), (2, "", 9, Origin::Typed));
        assert_eq!(record.figures().pairs, pairs(&[("name", "某县")]));
        assert_eq!(Record::parse("name=x"), None, "no header line");
        assert_eq!(Record::parse("saved=1\nname=x"), None, "no rev");
        assert_eq!(Record::parse("rev=x\nname=x"), None);
        // An empty body is a record with no figures.
        assert_eq!(Record::parse("rev=1\n").map(|r| r.figures().pairs), Some(vec![]));
    }

    #[test]
    fn the_level_is_saved_with_the_figures() {
        let body = fragment::write([("name", "某县"), ("level", "county"), ("townships", "12")]);
        let record = Record { rev: 1, by: "t".into(), saved: 1, origin: Origin::Typed, body };
        let read = Record::parse(&record.to_text()).expect("a record");
        assert_eq!(read.figures().pairs, pairs(&[("name", "某县"), ("level", "county"), ("townships", "12")]));
        assert!(!same_figures(&read.figures().pairs, &pairs(&[("name", "某县"), ("townships", "12")])));
    }

    #[test]
    fn figures_compare_whatever_their_order_and_language() {
        let a = pairs(&[("name", "某县"), ("townships", "3"), ("lang", "en")]);
        let b = pairs(&[("townships", "3"), ("name", "某县")]);
        assert!(same_figures(&a, &b));
        assert!(!same_figures(&a, &pairs(&[("name", "某县"), ("townships", "4")])));
        assert!(!same_figures(&a, &pairs(&[("name", "某县")])));
        assert!(!same_figures(&pairs(&[("name", "某县")]), &a));
        assert!(same_figures(&pairs(&[("townships", "")]), &pairs(&[("lang", "en")])));
        assert_eq!(name_of(&a), "某县");
        assert_eq!(name_of(&pairs(&[("name", "  某县 ")])), "某县");
        assert_eq!(name_of(&pairs(&[("townships", "3")])), "");
    }

    #[test]
    fn ids_keys_and_marks() {
        let id = new_id(1_764_756_900_000, 123_456);
        assert_eq!(id, "1764756900000-123456");
        assert_eq!(id_of(&key(&id)), Some(id.as_str()));
        assert_eq!(id_of("minzheng-calc:v1"), None);
        assert_eq!(id_of(ENTRY_PREFIX), None);
        let mark = TabMark { id, rev: 12, sum: checksum("name=x"), by: "1764756000000-42".into() };
        assert_eq!(TabMark::parse(&mark.to_text()), Some(mark));
        let first = TabMark { id: "v1".into(), rev: 1, sum: 0, by: String::new() };
        assert_eq!(TabMark::parse(&first.to_text()), Some(first));
        assert_eq!(TabMark::parse(""), None);
        assert_eq!(TabMark::parse("a 1"), None);
        assert_ne!(checksum("townships=3"), checksum("townships=4"));
        assert_eq!(TabMark::parse("a 1 99999999999 x"), None, "a checksum is 32 bits");
        assert_eq!(TabMark::parse("a 1 2"), None, "no writer");
        for n in [0, 7, 10, 1_764_756_900_000, u64::MAX / 10] {
            let mut text = String::new();
            push_number(&mut text, n);
            assert_eq!(text, n.to_string());
            assert_eq!(number(&text), Some(n));
        }
        assert_eq!(number(""), None);
        assert_eq!(number("12a"), None);
        assert_eq!(number("-1"), None);
        assert_eq!(number(&"9".repeat(20)), None);
    }
}
