//! A norm's 依据 (basis) on its card: the plan's words, where they are and by when, our reading
//! notes, and why the norm applies at its levels (`minzheng_core::rules::BASES`).
//!
//! The page's start-up module does not carry these words: it is handed them after its first results
//! (crates/page `set_bases`, from the words module, crates/web-words), and a card shows them once they are there. The
//! public module carries them (`builtin`), and the single file's prerendered page holds them already.

use crate::card::{labelled, semicolon};
use minzheng_core::rules::{self, BASES};
use minzheng_text::{page as t, Lang};

/// A norm's words beside its result, in both languages (`rules::Basis`, held as owned text: the page's
/// module receives them from JavaScript).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BasisText {
    pub quotes: Vec<String>,
    pub citation_zh: String,
    pub citation_en: String,
    pub deadline_zh: String,
    pub deadline_en: String,
    pub note_zh: String,
    pub note_en: String,
    pub level_note_zh: String,
    pub level_note_en: String,
}

impl From<&rules::Basis> for BasisText {
    fn from(b: &rules::Basis) -> BasisText {
        BasisText {
            quotes: b.quotes.iter().map(|q| q.to_string()).collect(),
            citation_zh: b.citation_zh.into(),
            citation_en: b.citation_en.into(),
            deadline_zh: b.deadline_zh.into(),
            deadline_en: b.deadline_en.into(),
            note_zh: b.note_zh.into(),
            note_en: b.note_en.into(),
            level_note_zh: b.level_note_zh.into(),
            level_note_en: b.level_note_en.into(),
        }
    }
}

/// Every norm's words, in the order of `NORMS`, from the ruleset built into this module.
pub fn builtin() -> Vec<BasisText> {
    BASES.iter().map(BasisText::from).collect()
}

/// What a card shows of its norm's words, in the page's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardBasis {
    /// The plan's words, verbatim (Chinese).
    pub quotes: Vec<String>,
    /// `出处：第二章第一节；期限：2025 年`.
    pub cite: String,
    /// `说明：…`, or nothing.
    pub note: String,
}

impl CardBasis {
    pub fn new(b: &BasisText, lang: Lang) -> CardBasis {
        let citation = labelled(t::CITATION, lang, lang.pick(&b.citation_zh, &b.citation_en));
        let deadline = labelled(t::DEADLINE, lang, lang.pick(&b.deadline_zh, &b.deadline_en));
        let note = lang.pick(&b.note_zh, &b.note_en);
        CardBasis {
            quotes: b.quotes.clone(),
            cite: format!("{citation}{}{deadline}", semicolon(lang)),
            note: if note.is_empty() { String::new() } else { labelled(t::NOTE, lang, note) },
        }
    }
}
