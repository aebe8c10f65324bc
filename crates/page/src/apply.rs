//! Applying a view to the page. `Shown` remembers what each part of the page shows now (as the view
//! that put it there) and its elements, so an update writes only the attributes and texts that changed,
//! and never reads the DOM back. Elements are looked up by name when first needed.
//!
//! Cards, the summary and the chart are written by the markup too, so after a full render the page
//! shows the view the markup was written from. Input errors and the printed list of inputs hold what
//! the user typed, which never goes into markup: each control and print line remembers what it shows.

use crate::dom::{find, set_opt, set_text_in, set_value_in};
use minzheng_core::inputs::{Key, FIELDS};
use minzheng_text::Lang;
use minzheng_view::{CardView, Chart, Options, PageView, Summary, SummaryTable};
use web_sys::Element;

/// What the page shows of a view now, and where.
#[derive(Default)]
pub struct Shown {
    /// Whether `cards`, `summary` and `chart` hold what the page shows. Not while it shows the
    /// prerendered fresh page, whose view is worked out when first needed (start-up does not wait for it).
    known: bool,
    cards: Vec<Card>,
    summary: (Summary, Option<Element>),
    chart: (Chart, Option<Element>),
    /// The summary table: rewritten whole when it changes (its rows move between the parts).
    table: (SummaryTable, Option<Element>),
    /// The printed report's title (it holds the locality's name: text only).
    title: (String, Option<Element>),
    /// The implied counts shown as placeholders (see `PageView::implied`).
    implied: Vec<(usize, String)>,
    controls: Vec<Control>,
    printed: Vec<PrintLine>,
}

/// A result card: what it shows, its element and its parts, by class, once looked up.
struct Card {
    shown: CardView,
    root: Option<Element>,
    parts: Vec<(&'static str, Element)>,
}

/// An input of the form (a field, a current value, or a parameter): its name, the error message it
/// shows now, and its elements once looked up.
struct Control {
    name: String,
    error: Option<String>,
    input: Option<Element>,
    error_line: Option<Element>,
}

/// A line of the printed report's list of inputs (one per field; hidden while the field is empty).
#[derive(Default)]
struct PrintLine {
    shown: Option<String>,
    dt: Option<Element>,
    dd: Option<Element>,
}

impl Shown {
    /// The page shows the markup written from `view`.
    pub fn written(view: &PageView) -> Shown {
        let mut shown = Shown::default();
        shown.know(view);
        shown
    }

    /// The page shows the prerendered fresh page (see `known`).
    pub fn prerendered() -> Shown {
        Shown::default()
    }

    fn know(&mut self, view: &PageView) {
        self.cards = view.cards.iter().map(|c| Card { shown: c.clone(), root: None, parts: Vec::new() }).collect();
        self.summary = (view.summary, None);
        self.chart = (view.chart.clone(), None);
        self.table = (view.table.clone(), None);
        // The markup's title has no name: the name is set as text.
        self.title = (minzheng_view::report_title(&[], view.lang), None);
        self.printed = FIELDS.iter().map(|_| PrintLine::default()).collect();
        self.known = true;
    }

    /// Writes to the page what differs between what it shows and `view`.
    pub fn apply(&mut self, root: &Element, view: &PageView, options: &Options) {
        if !self.known {
            self.know(&PageView::fresh(Lang::Zh, options, crate::app::bases().as_deref()));
        }
        for (card, now) in self.cards.iter_mut().zip(&view.cards) {
            card.apply(root, now);
        }
        if view.summary != self.summary.0 {
            self.summary.0 = view.summary;
            set_text_in(&mut self.summary.1, root, ".summary", &view.summary.text(view.lang));
        }
        if view.chart != self.chart.0 {
            if let Some(figure) = find(&mut self.chart.1, root, "figure.chart") {
                figure.set_inner_html(&view.chart.markup(view.lang));
            }
            self.chart.0 = view.chart.clone();
        }
        if view.table != self.table.0 {
            if let Some(table) = find(&mut self.table.1, root, "table[data-summary]") {
                let caption = table.query_selector("caption").ok().flatten();
                table.set_inner_html(&view.table.markup(view.lang));
                if let Some(caption) = caption {
                    let _ = table.prepend_with_node_1(&caption);
                }
            }
            self.table.0 = view.table.clone();
        }
        if view.implied != self.implied {
            self.show_implied(root, view);
        }
        if view.report_title != self.title.0 {
            set_text_in(&mut self.title.1, root, ".report-title", &view.report_title);
            self.title.0 = view.report_title.clone();
        }
        self.show_errors(root, view, options);
        self.show_printed(root, view);
    }

    /// Shows each input error next to its input, and clears the ones that are gone.
    fn show_errors(&mut self, root: &Element, view: &PageView, options: &Options) {
        for e in &view.errors {
            self.control(options, &e.name);
        }
        for control in &mut self.controls {
            let now = view.error(&control.name);
            if now == control.error.as_deref() {
                continue;
            }
            let name = &control.name;
            if let Some(input) = find(&mut control.input, root, &format!("[name=\"{name}\"]")) {
                set_opt(input, "aria-invalid", now.is_some().then_some("true"));
            }
            set_text_in(&mut control.error_line, root, &format!("[data-error-for=\"{name}\"]"), now.unwrap_or(""));
            control.error = now.map(str::to_string);
        }
    }

    /// A box left empty shows the count the level implies as its placeholder; once none is implied, its own
    /// default again (or none).
    fn show_implied(&mut self, root: &Element, view: &PageView) {
        let before = std::mem::take(&mut self.implied);
        for &(field, _) in before.iter().chain(&view.implied) {
            let now = view.implied.iter().find(|(f, _)| *f == field).map(|(_, v)| v.clone());
            let placeholder = now.or_else(|| FIELDS[field].default.map(minzheng_core::format::group_thousands));
            if let Ok(Some(input)) = root.query_selector(&format!("input[name=\"{}\"]", FIELDS[field].id)) {
                set_opt(&input, "placeholder", placeholder.as_deref());
            }
        }
        self.implied = view.implied.clone();
    }

    /// Keeps the printed list of inputs in step with the values (as text: they are what the user typed).
    fn show_printed(&mut self, root: &Element, view: &PageView) {
        for (line, now) in self.printed.iter_mut().zip(&view.printed) {
            if now.text == line.shown {
                continue;
            }
            find(&mut line.dt, root, &format!("dt[data-print=\"{}\"]", now.field));
            find(&mut line.dd, root, &format!("dd[data-print=\"{}\"]", now.field));
            if let (Some(dt), Some(dd)) = (&line.dt, &line.dd) {
                dd.set_text_content(now.text.as_deref());
                set_opt(dt, "hidden", now.text.is_none().then_some(""));
                set_opt(dd, "hidden", now.text.is_none().then_some(""));
            }
            line.shown = now.text.clone();
        }
    }

    /// Puts `value` in the box named `name`, if the form has one (as a value, never as markup).
    pub fn put_value(&mut self, root: &Element, options: &Options, name: &str, value: &str) {
        if let Some(c) = self.control(options, name) {
            set_value_in(&mut c.input, root, &format!("[name=\"{name}\"]"), value);
        }
    }

    /// The control named `name`, if the form has one (a field, or a current value or parameter of a
    /// norm shown); recorded on first use. Only such names go into a selector.
    fn control(&mut self, options: &Options, name: &str) -> Option<&mut Control> {
        if !Key::parse(name).is_some_and(|key| options.has_input(key)) {
            return None;
        }
        let i = match self.controls.iter().position(|c| c.name == name) {
            Some(i) => i,
            None => {
                self.controls.push(Control { name: name.to_string(), error: None, input: None, error_line: None });
                self.controls.len() - 1
            }
        };
        self.controls.get_mut(i)
    }
}

impl Card {
    /// Writes to the card only what differs from what it shows.
    fn apply(&mut self, root: &Element, now: &CardView) {
        if *now == self.shown {
            return;
        }
        let selector = format!("[data-norm=\"{}\"]", minzheng_core::rules::NORMS[now.norm].id);
        let Some(card) = find(&mut self.root, root, &selector).cloned() else {
            return;
        };
        for ((name, value), (_, before)) in now.data.attributes().into_iter().zip(self.shown.data.attributes()) {
            if value != before {
                set_opt(&card, name, value);
            }
        }
        if now.basis != self.shown.basis {
            if let (Some(words), Some(slot)) = (&now.basis, part(&mut self.parts, &card, "plan-words")) {
                slot.set_inner_html(&minzheng_view::markup::plan_words(words));
            }
        }
        let status_changed = now.data.status != self.shown.data.status;
        for ((class, text), (_, before)) in now.text.parts().into_iter().zip(self.shown.text.parts()) {
            let restyle = class == "status" && status_changed;
            if text == before && !restyle {
                continue;
            }
            let Some(part) = part(&mut self.parts, &card, class) else {
                continue;
            };
            if text != before {
                part.set_text_content(Some(text));
            }
            if restyle {
                part.set_class_name(&now.status_class());
            }
        }
        self.shown = now.clone();
    }
}

/// The card's element of `class`, found on first use and kept in `parts`.
fn part(parts: &mut Vec<(&'static str, Element)>, card: &Element, class: &'static str) -> Option<Element> {
    if let Some((_, e)) = parts.iter().find(|(c, _)| *c == class) {
        return Some(e.clone());
    }
    let e = card.query_selector(&format!(".{class}")).ok().flatten()?;
    parts.push((class, e.clone()));
    Some(e)
}
