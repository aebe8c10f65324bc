//! The locality's level (the `level` field, CONTRACT.md §1): which of the five administrative levels a
//! locality is, the words people type for it, and the administrative counts it implies. Which norms apply
//! at which level is data of the ruleset (each norm's `levels`, see `rules::Norm::applies_at`).

use crate::inputs::LEVEL_IDS;
use serde::Serialize;

/// An administrative level, from the top down (the order of `LEVEL_IDS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// 省
    Province,
    /// 地级市
    City,
    /// 县、县级市
    County,
    /// 市辖区
    District,
    /// 乡镇、街道
    Township,
}

/// A count a level implies, as the field's id and its value in plain decimal text (like a field's `default`).
#[derive(Debug, Serialize)]
pub struct Implied {
    pub field: &'static str,
    pub value: &'static str,
}

/// One level: its value (`LEVEL_IDS`), labels, the words accepted for it, and what it implies.
#[derive(Debug, Serialize)]
pub struct LevelSpec {
    pub value: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    /// What people also write for it in a sheet, a link or the form, besides `value` (compared without
    /// spaces, with full-width letters and brackets as half-width and letters in lower case).
    pub words: &'static [&'static str],
    /// Counts the level fixes, used where the user typed none: a county is 1 county, 0 districts and
    /// 0 prefecture cities. A typed value always wins.
    pub implies: &'static [Implied],
    /// Fields of which the locality is exactly one unit of one: once one of them is typed, the others
    /// (if not typed) are 0. A township-level unit is one 乡镇 or one 街道, and which one only the user knows.
    pub one_of: &'static [&'static str],
}

const fn implied(field: &'static str, value: &'static str) -> Implied {
    Implied { field, value }
}

/// Every level, in the order of `LEVEL_IDS` (a test checks the two agree).
///
/// Not accepted on purpose: 县级, which in Chinese administration also covers 市辖区 (and the norms of 每个县（市）
/// and 每个县（市、区） differ on exactly that), and place names (辽宁省, 沈阳市), which are the `name`.
pub static LEVELS: [LevelSpec; 5] = [
    LevelSpec {
        value: "province",
        label_zh: "省",
        label_en: "Province",
        words: &["省", "省级", "全省"],
        // A province's counts are its own figures (14 cities, 41 counties, 59 districts in Liaoning): typed.
        implies: &[],
        one_of: &[],
    },
    LevelSpec {
        value: "city",
        label_zh: "地级市",
        label_en: "Prefecture-level city",
        words: &["地级市", "市", "市级", "地级", "地市", "设区的市", "prefecture"],
        // Its counties, districts, townships and subdistricts vary: typed.
        implies: &[implied("prefecture_cities", "1")],
        one_of: &[],
    },
    LevelSpec {
        value: "county",
        label_zh: "县/县级市",
        label_en: "County or county-level city",
        words: &["县/县级市", "县", "县级市", "县(市)", "县市", "自治县", "county-level city"],
        implies: &[implied("counties", "1"), implied("districts", "0"), implied("prefecture_cities", "0")],
        one_of: &[],
    },
    LevelSpec {
        value: "district",
        label_zh: "市辖区",
        label_en: "City district",
        words: &["市辖区", "区", "区级"],
        implies: &[implied("districts", "1"), implied("counties", "0"), implied("prefecture_cities", "0")],
        one_of: &[],
    },
    LevelSpec {
        value: "township",
        label_zh: "乡镇/街道",
        label_en: "Township or subdistrict",
        words: &[
            "乡镇/街道",
            "乡镇(街道)",
            "乡镇街道",
            "乡镇",
            "乡",
            "镇",
            "街道",
            "街道办事处",
            "town",
            "subdistrict",
        ],
        implies: &[implied("counties", "0"), implied("districts", "0"), implied("prefecture_cities", "0")],
        one_of: &["townships", "subdistricts"],
    },
];

impl Level {
    pub const ALL: [Level; 5] = [Level::Province, Level::City, Level::County, Level::District, Level::Township];

    /// The contract's value: `county`.
    pub fn id(self) -> &'static str {
        LEVEL_IDS[self as usize]
    }

    pub fn spec(self) -> &'static LevelSpec {
        &LEVELS[self as usize]
    }

    /// The level a typed text names (its value or one of its words, see `LevelSpec::words`); `Ok(None)` for
    /// empty text, `Err(())` for anything else.
    #[allow(clippy::result_unit_err)] // the caller turns it into its own error with the field's key
    pub fn parse(text: &str) -> Result<Option<Level>, ()> {
        let typed = normalise(text);
        if typed.is_empty() {
            return Ok(None);
        }
        Level::ALL
            .into_iter()
            .find(|l| {
                let spec = l.spec();
                std::iter::once(spec.value).chain(spec.words.iter().copied()).any(|w| normalise(w) == typed)
            })
            .map(Some)
            .ok_or(())
    }
}

/// Text compared as a level: no spaces, full-width ASCII (letters, brackets, `／`) as half-width, lower case.
fn normalise(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::field_index;

    #[test]
    fn the_table_follows_the_ids_and_names_real_fields() {
        for (level, id) in Level::ALL.into_iter().zip(LEVEL_IDS) {
            assert_eq!(level.spec().value, id);
            assert_eq!(level.id(), id);
            for i in level.spec().implies {
                assert!(field_index(i.field).is_some(), "{id}: {} is a field", i.field);
                assert!(i.value.bytes().all(|b| b.is_ascii_digit()), "{id}: {}", i.value);
            }
            for f in level.spec().one_of {
                assert!(field_index(f).is_some(), "{id}: {f} is a field");
            }
        }
    }

    #[test]
    fn every_word_names_one_level() {
        let mut seen = std::collections::HashSet::new();
        for level in Level::ALL {
            for word in std::iter::once(level.spec().value).chain(level.spec().words.iter().copied()) {
                assert!(seen.insert(normalise(word)), "{word} twice");
                assert_eq!(Level::parse(word), Ok(Some(level)), "{word}");
            }
        }
    }

    #[test]
    fn reads_what_people_type() {
        for (text, level) in [
            ("county", Level::County),
            (" County ", Level::County),
            ("ＣＯＵＮＴＹ", Level::County),
            ("县", Level::County),
            ("县（市）", Level::County),
            ("县 / 县级市", Level::County),
            ("市", Level::City),
            ("地级市", Level::City),
            ("区", Level::District),
            ("市辖区", Level::District),
            ("镇", Level::Township),
            ("街道", Level::Township),
            ("乡镇（街道）", Level::Township),
            ("乡镇／街道", Level::Township),
            ("省", Level::Province),
        ] {
            assert_eq!(Level::parse(text), Ok(Some(level)), "{text:?}");
        }
        assert_eq!(Level::parse(""), Ok(None));
        assert_eq!(Level::parse(" \u{3000}"), Ok(None));
        for wrong in ["县级", "沈阳市", "village", "村", "1", "countyx", "省市"] {
            assert_eq!(Level::parse(wrong), Err(()), "{wrong:?}");
        }
    }
}
