//! A whole calculator's markup, written from a `PageView`: the header and its tools, the form (every
//! field, empty: the page puts typed values in as `value`), the results (summary, chart, a card per
//! norm shown), the embed-code panel and the footer. See `html` for what may go into it.

use crate::card::labelled;
use crate::html::Html;
use crate::{basis, CardBasis, CardView, Options, PageView};
use minzheng_core::format::group_thousands;
use minzheng_core::inputs::{FieldGroup, FieldKind, FieldSpec, Key, FIELDS};
use minzheng_core::rules::{Comparator, Group, NORMS};
use minzheng_text::{self as text, page as t, Lang};

/// The markup of a calculator showing `view`; `elder`: 长辈模式 is on.
pub fn page(view: &PageView, options: &Options, elder: bool) -> String {
    let lang = view.lang;
    let mut h = Html::with_capacity(96 * 1024);
    header(&mut h, lang, options, elder);
    h.fill(
        "<main class=\"calc\"><form class=\"inputs\" autocomplete=\"off\" novalidate=\"\" \
         aria-labelledby=\"inputs-title\"><h2 id=\"inputs-title\">{}</h2>",
        &[t::INPUTS.get(lang)],
    );
    for group in [
        FieldGroup::Population,
        FieldGroup::Divisions,
        FieldGroup::Facilities,
        FieldGroup::Standards,
        FieldGroup::ProvinceBase,
    ] {
        field_set(&mut h, lang, group);
    }
    h.raw("</form>");
    print_head(&mut h, lang);
    h.fill(
        "<section class=\"results\" aria-labelledby=\"results-title\"><h2 id=\"results-title\">{}</h2>",
        &[t::RESULTS.get(lang)],
    );
    overview(&mut h, view, options);
    h.fill(
        "<p class=\"summary\" role=\"status\" aria-live=\"polite\">{}</p><figure class=\"chart\">",
        &[&view.summary.text(lang)],
    );
    h.raw(&view.chart.markup(lang)).raw("</figure>");
    h.fill("<h2 class=\"print-only appendix-title\">{}</h2>", &[t::APPENDIX.get(lang)]);
    for group in Group::ALL {
        let cards: Vec<&CardView> = view.cards.iter().filter(|c| NORMS[c.norm].group == group).collect();
        let hidden = if cards.is_empty() { " hidden=\"\"" } else { "" };
        h.raw("<section class=\"norm-group\"").raw(hidden).fill("><h3>{}</h3>", &[text::group(group).get(lang)]);
        for card_view in cards {
            card(&mut h, lang, card_view);
        }
        h.raw("</section>");
    }
    h.raw("</section></main>");
    if options.chrome {
        embed_panel(&mut h, lang);
        h.fill("<footer class=\"bottom\"><p>{}</p><p>{}</p></footer>", &[t::FOOTER.get(lang), t::PLAN.get(lang)]);
    }
    h.out
}

/// The summary table (主要指标完成情况) with its period note, tools, filters and, for the printed
/// report, the signature lines. The filters are check boxes before the table: style.css hides rows by
/// their `:checked` state, so filtering needs no script.
fn overview(h: &mut Html, view: &PageView, options: &Options) {
    let lang = view.lang;
    h.fill(
        "<section class=\"overview\" aria-labelledby=\"overview-title\"><h3 id=\"overview-title\">{}</h3>\
         <p class=\"period\">{}</p><div class=\"table-tools\">\
         <button class=\"tool\" type=\"button\" data-action=\"copy-summary\" data-copy-summary=\"\">{}</button>",
        &[t::OVERVIEW.get(lang), t::PERIOD.get(lang), t::COPY_SUMMARY.get(lang)],
    );
    if options.export_locality {
        // The host handles it (www/app.js, www/embed.js): the workbook is written by the batch module (www/batch.js).
        h.fill(
            "<button class=\"tool\" type=\"button\" data-export-locality=\"xlsx\">{}</button>",
            &[t::EXPORT_XLSX.get(lang)],
        );
    }
    h.raw("<span class=\"table-status\" role=\"status\" aria-live=\"polite\"></span></div>");
    for (class, word, checked) in [
        ("f-unmet", t::FILTER_UNMET, ""),
        ("f-binding", t::FILTER_BINDING, ""),
        ("f-missing", t::FILTER_MISSING, " checked=\"\""),
    ] {
        h.fill("<input type=\"checkbox\" class=\"filter {}\" id=\"{}\"", &[class, class]).raw(checked);
        h.fill("><label class=\"filter-label\" for=\"{}\">{}</label>", &[class, word.get(lang)]);
    }
    // In a box of its own width: on a narrow screen the table scrolls sideways, not the page.
    h.fill(
        "<div class=\"table-scroll\"><table class=\"summary-table\" data-summary=\"\">\
         <caption class=\"print-only\">{}</caption>",
        &[t::OVERVIEW.get(lang)],
    );
    h.raw(&view.table.markup(lang)).raw("</table></div>");
    h.raw("<div class=\"print-only signature\">");
    for word in [t::SIGN_UNIT, t::SIGN_FILLER, t::SIGN_REVIEWER, t::SIGN_DATE] {
        h.fill("<p><span>{}</span><span class=\"sign-line\"></span></p>", &[&labelled(word, lang, "")]);
    }
    h.raw("</div></section>");
}

/// The markup of a fresh page in Chinese (no figures yet), which the single file carries so that the
/// page need not build it at start-up (scripts/build.mjs), with every norm's words.
pub fn prerender() -> String {
    let options = Options { chrome: true, persist: true, only: None, export_locality: true };
    page(&PageView::fresh(Lang::Zh, &options, Some(&basis::builtin())), &options, false)
}

fn header(h: &mut Html, lang: Lang, options: &Options, elder: bool) {
    if options.chrome {
        h.fill("<header class=\"top\"><h1>{}</h1><p class=\"plan\">{}</p>", &[t::TITLE.get(lang), t::PLAN.get(lang)]);
    } else {
        h.raw("<header class=\"top embedded\">");
    }
    let other = if lang == Lang::Zh { "en" } else { "zh-CN" };
    let pressed = if elder { "true" } else { "false" };
    h.fill(
        "<div class=\"tools\">\
         <button class=\"tool\" type=\"button\" data-action=\"lang\" aria-label=\"{}\" lang=\"{}\">{}</button>\
         <button class=\"tool\" type=\"button\" data-action=\"elder\" aria-pressed=\"{}\">{}</button>\
         <button class=\"tool\" type=\"button\" data-action=\"copy\">{}</button>\
         <button class=\"tool\" type=\"button\" data-action=\"print\">{}</button>\
         <button class=\"tool\" type=\"button\" data-action=\"reset\">{}</button>\
         <input class=\"share-link\" type=\"text\" readonly=\"\" hidden=\"\" aria-label=\"{}\"></div>\
         <p class=\"notice\" role=\"status\" aria-live=\"polite\"></p>\
         <button class=\"tool notice-action\" type=\"button\" data-action=\"notice\" hidden=\"\"></button>\
         <p class=\"intro\">{}</p>",
        &[
            t::SWITCH_LANG_LABEL.get(lang),
            other,
            t::SWITCH_LANG.get(lang),
            pressed,
            t::ELDER_MODE.get(lang),
            t::COPY_LINK.get(lang),
            t::PRINT.get(lang),
            t::RESET.get(lang),
            t::COPY_LINK.get(lang),
            t::INTRO.get(lang),
        ],
    );
    if options.persist {
        // The rows are the user's names: the page adds them as text once it is up.
        h.fill(
            "<section class=\"saved\" aria-labelledby=\"saved-title\"><h2 id=\"saved-title\">{}</h2>\
             <p class=\"saved-empty\"></p><ul class=\"saved-list\"></ul>\
             <button class=\"tool\" type=\"button\" data-action=\"new\">{}</button></section>",
            &[t::SAVED_TITLE.get(lang), t::NEW_ENTRY.get(lang)],
        );
    }
    h.raw("</header>");
}

/// One labelled text box with its error line.
struct Control<'a> {
    class: &'a str,
    name: &'a str,
    label: &'a str,
    unit: &'a str,
    hint: Option<&'a str>,
    inputmode: &'a str,
    /// Ours (a default or the plan's parameter value), never typed text.
    placeholder: Option<&'a str>,
}

fn control(h: &mut Html, c: Control<'_>) {
    let key = c.name.replace('.', "-");
    let mut described = format!("err-{key}");
    if !c.unit.is_empty() {
        described = format!("unit-{key} {described}");
    }
    if c.hint.is_some() {
        described = format!("{described} hint-{key}");
    }
    h.fill(
        "<div class=\"{}\"><label for=\"in-{}\">{}</label><div class=\"entry\">\
         <input type=\"text\" name=\"{}\" inputmode=\"{}\" spellcheck=\"false\" id=\"in-{}\" aria-describedby=\"{}\"",
        &[c.class, &key, c.label, c.name, c.inputmode, &key, &described],
    );
    if let Some(p) = c.placeholder {
        h.fill(" placeholder=\"{}\"", &[p]);
    }
    h.raw(">");
    if !c.unit.is_empty() {
        h.fill("<span class=\"unit\" id=\"unit-{}\">{}</span>", &[&key, c.unit]);
    }
    h.raw("</div>");
    if let Some(text) = c.hint {
        h.fill("<p class=\"hint\" id=\"hint-{}\">{}</p>", &[&key, text]);
    }
    h.fill("<p class=\"error\" id=\"err-{}\" data-error-for=\"{}\" aria-live=\"polite\"></p></div>", &[&key, c.name]);
}

fn field_set(h: &mut Html, lang: Lang, group: FieldGroup) {
    h.fill("<fieldset class=\"group\"><legend>{}</legend>", &[text::field_group(group).get(lang)]);
    for spec in FIELDS.iter().filter(|f| f.group == group) {
        if spec.kind == FieldKind::Choice {
            choice(h, lang, spec);
            continue;
        }
        let hint = spec.default.map(|d| {
            format!(
                "{}{}（{}）",
                t::DEFAULT_FROM.get(lang),
                lang.pick(spec.default_source_zh, spec.default_source_en),
                group_thousands(d)
            )
        });
        let placeholder = spec.default.map(group_thousands);
        control(
            h,
            Control {
                class: "field",
                name: spec.id,
                label: lang.pick(spec.label_zh, spec.label_en),
                unit: lang.pick(spec.unit_zh, spec.unit_en),
                hint: hint.as_deref(),
                inputmode: match spec.kind {
                    FieldKind::Text => "text",
                    FieldKind::Amount => "decimal",
                    _ => "numeric",
                },
                placeholder: placeholder.as_deref(),
            },
        );
    }
    h.raw("</fieldset>");
}

/// A field with a few values (the locality's level, `select[name="level"]`): the page sets the value
/// (`Level::parse` gives it from what was typed or linked); the first option is none.
fn choice(h: &mut Html, lang: Lang, spec: &FieldSpec) {
    let key = spec.id;
    h.fill(
        "<div class=\"field\"><label for=\"in-{}\">{}</label><div class=\"entry\">\
         <select name=\"{}\" id=\"in-{}\" aria-describedby=\"err-{}\"><option value=\"\">{}</option>",
        &[key, lang.pick(spec.label_zh, spec.label_en), key, key, key, t::LEVEL_CHOOSE.get(lang)],
    );
    for option in spec.options {
        h.fill("<option value=\"{}\">{}</option>", &[option.value, lang.pick(option.label_zh, option.label_en)]);
    }
    h.fill(
        "</select></div><p class=\"error\" id=\"err-{}\" data-error-for=\"{}\" aria-live=\"polite\"></p></div>",
        &[key, key],
    );
}

/// The printed report's head: the date (written on beforeprint), and a line per field (shown once the
/// field has a value).
fn print_head(h: &mut Html, lang: Lang) {
    h.fill(
        "<div class=\"print-only print-head\"><p class=\"report-title\">{}</p><p class=\"report-plan\">{}</p>\
         <dl class=\"print-inputs\"><dt>{}</dt><dd class=\"print-date\"></dd>",
        &[t::REPORT_TITLE_NO_NAME.get(lang), t::PLAN.get(lang), t::REPORT_DATE.get(lang)],
    );
    for spec in FIELDS.iter() {
        h.fill(
            "<dt data-print=\"{}\" hidden=\"\">{}</dt><dd data-print=\"{}\" hidden=\"\"></dd>",
            &[spec.id, lang.pick(spec.label_zh, spec.label_en), spec.id],
        );
    }
    h.raw("</dl></div>");
}

fn card(h: &mut Html, lang: Lang, view: &CardView) {
    let norm = &NORMS[view.norm];
    let text = &view.text;
    h.fill("<article class=\"norm\" data-norm=\"{}\"", &[norm.id]);
    for (name, value) in view.data.attributes() {
        if let Some(v) = value {
            h.raw(" ").raw(name).fill("=\"{}\"", &[v]);
        }
    }
    h.fill("><div class=\"norm-head\"><h4>{}</h4>", &[lang.pick(norm.name_zh, norm.name_en)]);
    if let Some(tag) = text::binding(norm.binding) {
        let class = if tag == t::BINDING_TAG { "binding" } else { "expected" };
        h.fill("<span class=\"tag {}\">{}</span>", &[class, tag.get(lang)]);
    }
    let unit = lang.pick(norm.unit_zh, norm.unit_en);
    h.fill(
        "<span class=\"{}\">{}</span></div>\
         <p class=\"required\"><span class=\"label\">{}</span><span class=\"bound\">{}</span>\
         <strong class=\"value\">{}</strong><span class=\"unit\">{}</span></p>\
         <p class=\"missing\">{}</p><p class=\"local\">{}</p><p class=\"extras\">{}</p>",
        &[
            &view.status_class(),
            text.status,
            t::REQUIRED.get(lang),
            text.bound,
            &text.value,
            unit,
            &text.missing,
            &text.local,
            &text.extras,
        ],
    );
    let current_name = Key::Current(view.norm).to_string();
    control(
        h,
        Control {
            class: "field current",
            name: &current_name,
            label: t::CURRENT.get(lang),
            unit,
            hint: None,
            inputmode: "decimal",
            placeholder: None,
        },
    );
    h.fill(
        "<p class=\"print-only current-text\">{}</p><p class=\"gap\">{}</p>\
         <details class=\"basis\"><summary>{}</summary><div class=\"plan-words\">",
        &[&text.current, &text.gap, t::BASIS.get(lang)],
    );
    if let Some(words) = &view.basis {
        h.raw(&plan_words(words));
    }
    h.fill("</div><p class=\"working\">{}</p>", &[&text.working]);
    if norm.indicative {
        h.fill("<p class=\"note\">{}</p>", &[t::INDICATIVE.get(lang)]);
    }
    if norm.comparator == Comparator::About {
        h.fill("<p class=\"note\">{}</p>", &[t::APPROXIMATE.get(lang)]);
    }
    if !norm.params.is_empty() {
        h.fill("<fieldset class=\"params\"><legend>{}</legend>", &[t::PARAMS.get(lang)]);
        for (param, p) in norm.params.iter().enumerate() {
            let name = Key::Param(view.norm, param).to_string();
            control(
                h,
                Control {
                    class: "field",
                    name: &name,
                    label: lang.pick(p.label_zh, p.label_en),
                    unit: "",
                    hint: None,
                    inputmode: "decimal",
                    placeholder: Some(p.value),
                },
            );
        }
        h.raw("</fieldset>");
    }
    h.raw("</details></article>");
}

/// A card's `.plan-words`: the plan's words, their citation and deadline, and our note on them (the
/// page writes them in when it has them).
pub fn plan_words(words: &CardBasis) -> String {
    let mut h = Html::with_capacity(1024);
    for quote in &words.quotes {
        h.fill("<blockquote lang=\"zh-CN\">{}</blockquote>", &[quote]);
    }
    h.fill("<p class=\"cite\">{}</p>", &[&words.cite]);
    if !words.note.is_empty() {
        h.fill("<p class=\"note\">{}</p>", &[&words.note]);
    }
    h.out
}

/// The 嵌入代码 panel; the page fills its two boxes in (they hold typed values).
fn embed_panel(h: &mut Html, lang: Lang) {
    h.fill(
        "<details class=\"embed-code\"><summary>{}</summary><p class=\"hint\">{}</p>",
        &[t::EMBED_CODE.get(lang), t::EMBED_HINT.get(lang)],
    );
    for (kind, label) in [("element", t::EMBED_ELEMENT), ("iframe", t::EMBED_IFRAME)] {
        h.fill(
            "<div class=\"field\"><label for=\"embed-{}\">{}</label><textarea class=\"snippet\" id=\"embed-{}\" \
             readonly=\"\" rows=\"5\" spellcheck=\"false\" data-embed=\"{}\"></textarea></div>",
            &[kind, label.get(lang), kind, kind],
        );
    }
    h.raw("</details>");
}
