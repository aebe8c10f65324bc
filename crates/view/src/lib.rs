//! What the calculator page shows, as plain Rust. A `PageView` is built from the engine's typed
//! results, the figures as typed, the language and the page's options: a `CardView` per norm shown
//! (the contract's `data-*` attributes and the card's texts), the summary's counts, the chart's bars,
//! the input errors and the printed list of inputs. The notice and the list of saved localities follow
//! the saved entries rather than the figures: `NoticeView` and `SavedListView`. `markup` writes a whole
//! calculator from a view (the first render, and the single file's prerendered page).
//!
//! Nothing here knows of browsers: crates/page applies views to the DOM, writing only what changed
//! from the view it applied before, and the tests here run natively (`cargo test`).

pub mod basis;
pub mod card;
pub mod chart;
pub mod embed;
pub mod html;
pub mod markup;
pub mod notice;
pub mod table;

pub use basis::{BasisText, CardBasis};
pub use card::{CardData, CardText, CardView};
pub use chart::{Bar, Chart};
pub use notice::{Entry, Note, NoteKind, NoticeAction, NoticeView, SavedListView, SavedRow};
pub use table::SummaryTable;

use minzheng_core::engine::{self, Computation, NormResult, Status};
use minzheng_core::fragment;
use minzheng_core::inputs::{Key, FIELDS};
use minzheng_core::rules::{Group, NORMS};
use minzheng_text::{self as text, Lang};

/// How a calculator is shown: the page itself, its iframe mode, or a custom element in a host page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// The page's title, footer and embed-code panel (the page itself, not an embedded calculator).
    pub chrome: bool,
    /// The figures are kept (link, localStorage): the list of localities saved on this computer is shown.
    pub persist: bool,
    /// Only these norms, by id (the custom element's `norms`); all when `None`.
    pub only: Option<Vec<String>>,
    /// The 导出本地区 XLSX button: its host writes the workbook with the batch module (www/app.js for the page
    /// and its iframe mode, www/embed.js for the custom element).
    pub export_locality: bool,
}

impl Options {
    /// Whether the norm `id` is shown.
    pub fn shows(&self, id: &str) -> bool {
        self.only.as_ref().is_none_or(|only| only.iter().any(|o| o == id))
    }

    /// Whether the input `key` is on the form: every field, and a norm's current value and parameters
    /// when the norm is shown.
    pub fn has_input(&self, key: Key) -> bool {
        match key {
            Key::Field(_) => true,
            Key::Current(norm) | Key::Param(norm, _) => self.shows(NORMS[norm].id),
        }
    }

    /// The norms shown, by index into `NORMS`, in the page's order (by the plan's chapters).
    pub fn norms_shown(&self) -> Vec<usize> {
        Group::ALL
            .iter()
            .flat_map(|&group| (0..NORMS.len()).filter(move |&i| NORMS[i].group == group))
            .filter(|&i| self.shows(NORMS[i].id))
            .collect()
    }
}

/// Everything on the page that follows the figures.
#[derive(Debug, Clone, PartialEq)]
pub struct PageView {
    pub lang: Lang,
    /// A card per norm shown, in the page's order.
    pub cards: Vec<CardView>,
    pub summary: Summary,
    /// The summary table above the cards.
    pub table: SummaryTable,
    pub chart: Chart,
    /// The inputs on the form that have an error, with its message.
    pub errors: Vec<InputErrorView>,
    /// The printed report's list of inputs: one line per field, in `FIELDS` order.
    pub printed: Vec<PrintedInput>,
    /// The printed report's title, with the locality's name (user text: set as text, never markup).
    pub report_title: String,
    /// The counts the locality's level implies for fields left empty (`counties` → `1` for a county): shown
    /// as the boxes' placeholders, as a census base's default is.
    pub implied: Vec<(usize, String)>,
}

impl PageView {
    /// What the page shows for `computation`, worked out from `values` (as typed) in `lang`; `bases`:
    /// every norm's words (in the order of `NORMS`), where the page has them.
    pub fn new(
        computation: &Computation,
        values: &[(String, String)],
        lang: Lang,
        options: &Options,
        bases: Option<&[BasisText]>,
    ) -> PageView {
        let shown: Vec<&NormResult> = options.norms_shown().into_iter().map(|i| &computation.results[i]).collect();
        let basis = |r: &NormResult| bases.and_then(|b| b.get(r.norm));
        PageView {
            lang,
            cards: shown.iter().map(|r| CardView::new(r, lang, basis(r))).collect(),
            summary: Summary::count(shown.iter().copied()),
            table: SummaryTable::new(shown.iter().copied()),
            chart: Chart::new(computation.results.iter().filter(|r| options.shows(r.id()))),
            errors: computation
                .errors
                .iter()
                .filter(|e| options.has_input(e.key))
                .map(|e| InputErrorView::new(e, lang))
                .collect(),
            printed: FIELDS.iter().map(|f| PrintedInput::new(f.id, values, lang)).collect(),
            report_title: report_title(values, lang),
            implied: computation
                .defaults
                .iter()
                .filter(|&&(field, _)| FIELDS[field].default.is_none())
                .map(|&(field, value)| (field, minzheng_core::format::grouped(value)))
                .collect(),
        }
    }

    /// A fresh page: no figures (what the single file's prerendered markup shows).
    pub fn fresh(lang: Lang, options: &Options, bases: Option<&[BasisText]>) -> PageView {
        PageView::new(&engine::compute([]), &[], lang, options, bases)
    }

    /// The error message for the input `name`, if it has one.
    pub fn error(&self, name: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.name == name).map(|e| e.message.as_str())
    }
}

/// How many of the norms shown are met, unmet, without a current value, or missing an input.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub met: usize,
    pub unmet: usize,
    pub unknown: usize,
    pub missing_input: usize,
}

impl Summary {
    pub fn count<'a>(results: impl Iterator<Item = &'a NormResult>) -> Summary {
        let mut counts = Summary::default();
        for r in results {
            match r.status {
                Status::Met => counts.met += 1,
                Status::Unmet => counts.unmet += 1,
                Status::Unknown => counts.unknown += 1,
                Status::MissingInput => counts.missing_input += 1,
                // Neither met nor unmet: left out of the counts.
                Status::NotApplicable => {}
            }
        }
        counts
    }

    /// The summary line: `达标 1 项，未达标 0 项，…`.
    pub fn text(&self, lang: Lang) -> String {
        let [met, unmet, unknown, missing] =
            [self.met, self.unmet, self.unknown, self.missing_input].map(|n| n.to_string());
        text::page::SUMMARY
            .fill(lang, &[("met", &met), ("unmet", &unmet), ("unknown", &unknown), ("missing", &missing)])
    }
}

/// An input with an error: its name on the form, and the message in both languages, this one first.
#[derive(Debug, Clone, PartialEq)]
pub struct InputErrorView {
    pub name: String,
    pub message: String,
}

impl InputErrorView {
    fn new(error: &minzheng_core::InputError, lang: Lang) -> InputErrorView {
        let [first, second] = match lang {
            Lang::Zh => [Lang::Zh, Lang::En],
            Lang::En => [Lang::En, Lang::Zh],
        };
        let message = format!("{} / {}", text::input_error(error, first), text::input_error(error, second));
        InputErrorView { name: error.key.to_string(), message }
    }
}

/// A line of the printed report's list of inputs: the field, and what was typed in it with its unit
/// (`None`: the field is empty, and its line is hidden).
#[derive(Debug, Clone, PartialEq)]
pub struct PrintedInput {
    pub field: &'static str,
    pub text: Option<String>,
}

impl PrintedInput {
    fn new(field: &'static str, values: &[(String, String)], lang: Lang) -> PrintedInput {
        let text = values.iter().find(|(k, _)| k == field).map(|(_, v)| {
            // The level by its name (县/县级市), as the form's list shows it, not its value (county).
            if field == "level" {
                if let Ok(Some(level)) = minzheng_core::level::Level::parse(v) {
                    let spec = level.spec();
                    return lang.pick(spec.label_zh, spec.label_en).to_string();
                }
            }
            let unit = FIELDS.iter().find(|f| f.id == field).map_or("", |f| lang.pick(f.unit_zh, f.unit_en));
            format!("{v} {unit}").trim_end().to_string()
        });
        PrintedInput { field, text }
    }
}

/// `某县民政规划指标测算报告`, or the title without a name while none is typed.
pub fn report_title(values: &[(String, String)], lang: Lang) -> String {
    match minzheng_core::saved::name_of(values) {
        "" => text::page::REPORT_TITLE_NO_NAME.get(lang).to_string(),
        name => text::page::REPORT_TITLE.fill(lang, &[("name", name)]),
    }
}

/// The share link's fragment body for these figures (`lang=en` when in English).
pub fn link_body(values: &[(String, String)], lang: Lang) -> String {
    let lang_pair = (lang == Lang::En).then_some(("lang", "en"));
    fragment::write(values.iter().map(|(k, v)| (k.as_str(), v.as_str())).chain(lang_pair))
}

#[cfg(test)]
mod tests;
