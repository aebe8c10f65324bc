use super::*;
use minzheng_core::engine::Status;
use minzheng_core::rules::BASES;
use minzheng_core::saved::Origin;

fn values(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn view_with(pairs: &[(&str, &str)], lang: Lang, options: &Options) -> PageView {
    let values = values(pairs);
    let computation = engine::compute(values.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    PageView::new(&computation, &values, lang, options, Some(&basis::builtin()))
}

fn view(pairs: &[(&str, &str)], lang: Lang) -> PageView {
    view_with(pairs, lang, &Options::default())
}

fn card<'a>(view: &'a PageView, id: &str) -> &'a CardView {
    view.cards.iter().find(|c| NORMS[c.norm].id == id).unwrap_or_else(|| panic!("no card {id}"))
}

fn attribute<'a>(card: &'a CardView, name: &str) -> Option<&'a str> {
    card.data.attributes().into_iter().find(|(n, _)| *n == name).and_then(|(_, v)| v)
}

fn no_time(_: u64) -> String {
    "12-03 18:05".to_string()
}

#[test]
fn a_card_shows_the_required_value_its_status_and_the_working() {
    let v = view(&[("urban_resident_population", "231,109")], Lang::Zh);
    let c = card(&v, "community_workers");
    assert_eq!(c.data.required.as_deref(), Some("416"));
    assert_eq!(c.data.threshold.as_deref(), Some("415.9962"));
    assert_eq!(c.data.comparator, ">=");
    assert_eq!(c.data.status, Status::Unknown);
    assert_eq!(c.data.gap.as_deref(), Some("0"));
    assert_eq!(c.data.current, None);
    assert_eq!(c.text.status, "未填现有值");
    assert_eq!(c.status_class(), "status unknown");
    assert_eq!((c.text.bound, c.text.value.as_str()), ("≥", "416"));
    assert_eq!(c.text.working, "计算过程：231,109 × 18 ÷ 10,000 = 415.9962 → 416 人");
    assert_eq!([&c.text.gap, &c.text.current, &c.text.missing, &c.text.local], [""; 4]);
    assert_eq!(attribute(c, "data-status"), Some("unknown"));
    assert_eq!(attribute(c, "data-required-max"), None);
    assert_eq!(attribute(c, "data-local"), None);
}

#[test]
fn in_english_the_words_change_and_the_figures_do_not() {
    let v = view(&[("urban_resident_population", "231109"), ("current.community_workers", "400")], Lang::En);
    let c = card(&v, "community_workers");
    assert_eq!(c.data.required.as_deref(), Some("416"));
    assert_eq!(c.data.status, Status::Unmet);
    assert_eq!(c.text.status, "Unmet");
    assert_eq!(c.text.working, "Working: 231,109 × 18 ÷ 10,000 = 415.9962 → 416 persons");
    assert_eq!(c.text.current, "Current: 400 persons");
    assert_eq!(c.text.gap, "Gap: 16 persons");
    assert_eq!((attribute(c, "data-current"), attribute(c, "data-gap")), (Some("400"), Some("16")));
}

#[test]
fn a_local_standard_shows_the_plan_value_beside_it() {
    let v = view(&[("urban_resident_population", "231109"), ("param.community_workers.per_10k", "20")], Lang::Zh);
    let c = card(&v, "community_workers");
    // 231,109 × 20 ÷ 10,000 = 462.218 → 463
    assert_eq!(c.data.required.as_deref(), Some("463"));
    assert!(c.data.local);
    assert_eq!(attribute(c, "data-local"), Some("true"));
    assert_eq!(c.text.local, "本地标准；规划值：416");
    assert_eq!(c.text.working, "计算过程：231,109 × 20 ÷ 10,000 = 462.218 → 463 人");
}

#[test]
fn a_range_shows_both_ends_and_both_workings() {
    let v = view(&[("counties", "3"), ("districts", "2")], Lang::Zh);
    let c = card(&v, "emergency_eldercare_facilities");
    assert_eq!((c.data.required.as_deref(), c.data.required_max.as_deref()), (Some("5"), Some("10")));
    assert_eq!(c.data.comparator, "range");
    assert_eq!((c.text.bound, c.text.value.as_str()), ("", "5 至 10"));
    assert_eq!(c.text.working, "计算过程：1 × (3 + 2) = 5 → 5 所；2 × (3 + 2) = 10 → 10 所");
    let en = view(&[("counties", "3"), ("districts", "2")], Lang::En);
    let c = card(&en, "emergency_eldercare_facilities");
    assert_eq!(c.text.value, "5 to 10");
    assert_eq!(c.text.working, "Working: 1 × (3 + 2) = 5 → 5 facilities; 2 × (3 + 2) = 10 → 10 facilities");
}

#[test]
fn missing_inputs_are_named_by_their_labels() {
    let v = view(&[], Lang::Zh);
    let c = card(&v, "eldercare_land");
    assert_eq!(c.data.status, Status::MissingInput);
    assert_eq!((c.data.required.as_deref(), c.data.threshold.as_deref()), (None, None));
    assert_eq!(c.text.value, "—");
    assert_eq!(c.text.missing, "缺少：常住人口");
    assert_eq!(c.text.working, "计算过程：? × 0.1");
    let en = view(&[], Lang::En);
    assert_eq!(card(&en, "eldercare_land").text.missing, "Needs: Resident population");
}

#[test]
fn the_summary_counts_the_norms_shown() {
    let pairs = [
        ("urban_resident_population", "231109"),
        ("current.community_workers", "400"),
        ("counties", "3"),
        ("districts", "2"),
        ("current.emergency_eldercare_facilities", "6"),
    ];
    let all = view(&pairs, Lang::Zh);
    assert_eq!(all.cards.len(), 39);
    let s = all.summary;
    assert_eq!((s.met, s.unmet), (1, 1));
    assert_eq!(s.met + s.unmet + s.unknown + s.missing_input, 39);
    let only = Options {
        only: Some(vec!["community_workers".into(), "eldercare_land".into(), "emergency_eldercare_facilities".into()]),
        ..Options::default()
    };
    let some = view_with(&pairs, Lang::Zh, &only);
    // The page's order: by the plan's chapters.
    let ids: Vec<&str> = some.cards.iter().map(|c| NORMS[c.norm].id).collect();
    assert_eq!(ids, ["community_workers", "eldercare_land", "emergency_eldercare_facilities"]);
    assert_eq!(some.summary, Summary { met: 1, unmet: 1, unknown: 0, missing_input: 1 });
    assert_eq!(some.summary.text(Lang::Zh), "达标 1 项，未达标 1 项，未填现有值 0 项，缺少输入 1 项");
    assert_eq!(some.summary.text(Lang::En), "1 met, 1 unmet, 0 with no current value, 1 missing inputs");
}

#[test]
fn the_chart_has_a_bar_per_norm_with_a_current_value() {
    let v = view(&[("urban_resident_population", "231109"), ("current.community_workers", "400")], Lang::Zh);
    assert_eq!(v.chart.bars.len(), 1);
    let bar = &v.chart.bars[0];
    assert_eq!((NORMS[bar.norm].id, bar.percent.to_string(), bar.met), ("community_workers", "96.2".into(), false));
    let svg = v.chart.markup(Lang::Zh);
    assert!(svg.contains("城镇社区工作者</text>"), "{svg}");
    assert!(svg.contains("class=\"bar unmet\"") && svg.contains(">96.2%</text>"), "{svg}");
    // Nothing to compare: a note instead of bars.
    assert!(view(&[], Lang::En).chart.markup(Lang::En).contains("class=\"chart-empty\">Enter current values"));
    // A norm not shown has no bar.
    let only = Options { only: Some(vec!["nursing_beds".into()]), ..Options::default() };
    let hidden =
        view_with(&[("urban_resident_population", "231109"), ("current.community_workers", "400")], Lang::Zh, &only);
    assert!(hidden.chart.bars.is_empty());
}

#[test]
fn input_errors_name_the_input_in_both_languages_this_one_first() {
    let v = view(&[("resident_population", "-5"), ("current.nursing_beds", "x")], Lang::Zh);
    let names: Vec<&str> = v.errors.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["resident_population", "current.nursing_beds"]);
    let message = v.error("resident_population").unwrap();
    assert!(message.starts_with("常住人口：") && message.contains(" / Resident population"), "{message}");
    let en = view(&[("resident_population", "-5")], Lang::En);
    assert!(en.error("resident_population").unwrap().starts_with("Resident population"));
    // An input of a norm not shown is not on the form: its error is not either.
    let only = Options { only: Some(vec!["community_workers".into()]), ..Options::default() };
    let some = view_with(&[("resident_population", "-5"), ("current.nursing_beds", "x")], Lang::Zh, &only);
    assert_eq!(some.errors.len(), 1);
    assert_eq!(some.error("current.nursing_beds"), None);
}

#[test]
fn the_printed_list_has_what_was_typed_with_its_unit() {
    let v = view(&[("urban_resident_population", "231,109"), ("name", "某县")], Lang::Zh);
    assert_eq!(v.printed.len(), FIELDS.len());
    let line = |id: &str| v.printed.iter().find(|p| p.field == id).unwrap().text.clone();
    assert_eq!(line("urban_resident_population").as_deref(), Some("231,109 人"));
    assert_eq!(line("resident_population"), None);
    assert_eq!(line("name").as_deref(), Some("某县"));
    let v = view(&[("level", "county")], Lang::Zh);
    assert_eq!(v.printed.iter().find(|p| p.field == "level").unwrap().text.as_deref(), Some("县/县级市"));
    let v = view(&[("level", "乡镇")], Lang::En);
    assert_eq!(v.printed.iter().find(|p| p.field == "level").unwrap().text.as_deref(), Some("Township or subdistrict"));
}

#[test]
fn the_notice_says_what_happened_and_offers_its_button() {
    let reset = Note::new(NoteKind::Reset(values(&[("townships", "3")])));
    let n = NoticeView::new(Lang::Zh, true, &[], Some(&reset), &no_time);
    assert_eq!(n.text, "已清空所有数据。");
    let action = n.action.unwrap();
    assert_eq!((action.action, action.text.as_str()), ("undo", "撤销"));

    let kept =
        Note { kind: NoteKind::LinkKeptApart, name: "某县".into(), origin: Origin::Link(1), entry: "e1".into() };
    let n = NoticeView::new(Lang::Zh, false, &["urban_resident_population".into()], Some(&kept), &no_time);
    assert_eq!(
        n.text,
        "本机未能保存数据（浏览器不允许，或存储空间已满）：数据只在本页的链接中，请复制分享链接或将本页加入收藏。 \
         链接中以下数据过长（超过 1000 个字符），未能读入：「城镇常住人口」。 \
         链接中「某县」的数据与本机保存的不同，已另存为「某县（链接 12-03 18:05）」。"
    );
    let action = n.action.unwrap();
    assert_eq!((action.action, action.entry.as_str(), action.text.as_str()), ("open", "e1", "打开本机的「某县」"));
    assert_eq!(NoticeView::new(Lang::En, true, &[], None, &no_time), NoticeView::default());
}

#[test]
fn the_saved_list_labels_each_entry_and_marks_the_one_on_the_page() {
    let entries = [
        Entry { id: "a".into(), name: "某县".into(), origin: Origin::Typed, saved: 5 },
        Entry { id: "b".into(), name: String::new(), origin: Origin::Copy(7), saved: 7 },
    ];
    let list = SavedListView::new(Lang::Zh, &entries, "a", true, &no_time);
    assert_eq!(list.rows.len(), 2);
    assert_eq!(
        (list.rows[0].label.as_str(), list.rows[0].when.as_str(), list.rows[0].current),
        ("某县", "正在编辑", true)
    );
    assert_eq!(list.rows[1].label, "未命名地区（副本 12-03 18:05）");
    assert_eq!(list.rows[1].open_label, "打开「未命名地区（副本 12-03 18:05）」");
    assert_eq!((list.empty, list.can_add, list.delete), ("", true, "删除"));
    let none = SavedListView::new(Lang::En, &[], "", false, &no_time);
    assert_eq!((none.empty, none.can_add), (text::page::NO_STORAGE.en, false));
}

#[test]
fn the_embed_snippets_carry_the_figures_escaped() {
    let s = embed::snippets(
        "https://example.org/calc/",
        &values(&[("name", "A \"county\" <b>"), ("townships", "3")]),
        Lang::En,
    );
    assert_eq!(
        s.element,
        "<script type=\"module\" src=\"https://example.org/calc/embed.js\"></script>\n<minzheng-calc lang=\"en\"\
         \n  name=\"A &quot;county&quot; &lt;b&gt;\"\n  townships=\"3\"></minzheng-calc>"
    );
    assert!(s.iframe.starts_with("<iframe src=\"https://example.org/calc/index.html?embed=1#name=A%20%22county%22%20%3Cb%3E&amp;townships=3&amp;lang=en\""), "{}", s.iframe);
}

#[test]
fn the_prerendered_page_is_a_fresh_page_in_chinese() {
    let html = markup::prerender();
    assert_eq!(html.matches("<article class=\"norm\" data-norm=").count(), 39);
    assert!(html.contains(
        "data-norm=\"community_workers\" data-comparator=\"&gt;=\" data-gap=\"0\" data-status=\"missing-input\">"
    ));
    assert!(html.contains("<p class=\"missing\">缺少：城镇常住人口</p>"));
    assert!(html.contains("<p class=\"summary\" role=\"status\" aria-live=\"polite\">达标 0 项，未达标 0 项，"));
    assert!(html.contains("<footer class=\"bottom\">") && html.contains("<ul class=\"saved-list\"></ul>"));
    assert!(!html.contains("<script"));
    // The same view in markup and in `PageView`: the page's first update compares against it.
    let fresh =
        PageView::fresh(Lang::Zh, &Options { chrome: true, persist: true, only: None, export_locality: true }, None);
    assert!(html.contains(&fresh.summary.text(Lang::Zh)));
    // With every norm's words (the page's module gets them later, the single file has them at once).
    assert_eq!(html.matches("<div class=\"plan-words\"><blockquote lang=\"zh-CN\">").count(), 39);
    assert!(
        html.contains("<p class=\"cite\">出处：第三章第二节；期限：规划期内（2021—2025年）</p>"),
        "community workers' citation"
    );
}

#[test]
fn a_card_shows_its_norms_words_once_the_page_has_them() {
    let options = Options::default();
    let values = values(&[("level", "county"), ("urban_resident_population", "231109")]);
    let computation = engine::compute(values.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let without = PageView::new(&computation, &values, Lang::En, &options, None);
    let bases = basis::builtin();
    let with = PageView::new(&computation, &values, Lang::En, &options, Some(&bases));
    let workers = NORMS.iter().position(|n| n.id == "community_workers").unwrap();
    let (a, b) = (card(&without, "community_workers"), card(&with, "community_workers"));
    assert_eq!(a.basis, None);
    assert_eq!(a.data, b.data, "the same result either way");
    let words = b.basis.as_ref().expect("words");
    assert_eq!(words.quotes, BASES[workers].quotes);
    assert_eq!(
        words.cite,
        format!("Citation: {}; Deadline: {}", BASES[workers].citation_en, BASES[workers].deadline_en)
    );
    let html = markup::page(&with, &options, false);
    assert!(html.contains(&format!("<div class=\"plan-words\">{}</div>", markup::plan_words(words))));
    assert!(markup::page(&without, &options, false).contains("<div class=\"plan-words\"></div><p class=\"working\">"));
    // Not applicable at a county: why, once the words are there.
    let n = with.cards.iter().position(|c| c.data.status == Status::NotApplicable).expect("one at county level");
    assert_eq!(without.cards[n].text.missing, "");
    assert_eq!(with.cards[n].text.missing, format!("Note: {}", BASES[with.cards[n].norm].level_note_en));
}

#[test]
fn an_embedded_calculator_has_no_title_footer_or_saved_list() {
    let options =
        Options { chrome: false, persist: false, only: Some(vec!["nursing_beds".into()]), export_locality: false };
    let html = markup::page(&PageView::fresh(Lang::En, &options, None), &options, true);
    assert!(html.starts_with("<header class=\"top embedded\">"));
    assert!(!html.contains("<footer") && !html.contains("saved-list") && !html.contains("embed-code"));
    assert_eq!(html.matches("data-norm=").count(), 1);
    assert!(html.contains("data-action=\"elder\" aria-pressed=\"true\""));
    // Groups with no norm shown are there, hidden.
    assert_eq!(html.matches("<section class=\"norm-group\" hidden=\"\">").count(), 3);
}

#[test]
fn the_link_body_holds_the_figures_and_english() {
    assert_eq!(link_body(&values(&[("townships", "3")]), Lang::Zh), "townships=3");
    assert_eq!(link_body(&values(&[("townships", "3")]), Lang::En), "townships=3&lang=en");
}

fn row<'a>(view: &'a PageView, id: &str) -> &'a table::Row {
    view.table.rows.iter().find(|r| NORMS[r.norm].id == id).unwrap_or_else(|| panic!("no row {id}"))
}

/// A strict bound (＞) met exactly is unmet with a gap of 0 (requirement − current): the table and the card
/// say why, the data attribute keeps the contract's 0.
#[test]
fn a_strict_bound_met_exactly_says_it_must_be_more() {
    // 187,654 households × 30 ÷ 100 = 56,296.2 m², to be exceeded.
    let v = view(&[("households", "187654"), ("current.community_service_floor_area", "56296.2")], Lang::Zh);
    let r = row(&v, "community_service_floor_area");
    assert_eq!(r.status, Status::Unmet);
    assert_eq!(r.cells(Lang::Zh)[4..], ["＞ 56,296.2", "56,296.2", "0（须大于要求）", "未达标"]);
    assert_eq!(r.cells(Lang::En)[6], "0 (must be more than the requirement)");
    let card = v.cards.iter().find(|c| NORMS[c.norm].id == "community_service_floor_area").unwrap();
    assert_eq!(card.data.gap.as_deref(), Some("0"));
    assert_eq!(card.text.gap, "差距：0（须大于要求）");
}

#[test]
fn the_summary_table_puts_the_computed_norms_first_with_their_figures() {
    let v = view(&[("urban_resident_population", "231,109"), ("current.community_workers", "400")], Lang::Zh);
    let t = &v.table;
    assert_eq!(t.rows.len(), NORMS.len(), "a row per norm");
    let computed = t.rows.iter().take_while(|r| r.computed()).count();
    assert!(computed >= 1);
    assert!(t.rows[computed..].iter().all(|r| !r.computed()), "the computed part first");
    assert_eq!(t.rows.iter().map(|r| r.number).collect::<Vec<_>>(), (1..=NORMS.len()).collect::<Vec<_>>());
    let r = row(&v, "community_workers");
    assert!(r.computed());
    assert_eq!(r.status, Status::Unmet);
    assert_eq!(
        r.cells(Lang::Zh),
        [
            r.number.to_string(),
            "城镇社区工作者".into(),
            String::new(),
            "人".into(),
            "≥ 416".into(),
            "400".into(),
            "16".into(),
            "未达标".into()
        ]
        .map(|s: String| s)
    );
    assert_eq!(r.cells(Lang::En)[7], "Unmet");
    // Within the computed part, the plan's chapters in order.
    let groups: Vec<usize> =
        t.rows[..computed].iter().map(|r| Group::ALL.iter().position(|&g| g == NORMS[r.norm].group).unwrap()).collect();
    assert!(groups.windows(2).all(|w| w[0] <= w[1]), "{groups:?}");
}

#[test]
fn the_norms_waiting_for_input_collapse_into_a_line_per_missing_field() {
    let v = view(&[], Lang::Zh);
    assert!(v.table.rows.iter().all(|r| !r.computed()));
    let first = v.table.waiting[0];
    let field = FIELDS[first.field].id;
    // Every norm waiting for the first line's field alone is counted there, and no other.
    let alone = v
        .cards
        .iter()
        .filter(|c| c.data.status == Status::MissingInput)
        .filter(|c| {
            let r = engine::compute([]);
            r.results[c.norm].missing == [first.field]
        })
        .count();
    assert_eq!(first.only, alone);
    assert!(first.only > 0, "{field}");
    let label = FIELDS[first.field].label_zh;
    assert!(
        first.text(Lang::Zh).starts_with(&format!("填写 {label} 可再算 {} 项", first.only)),
        "{}",
        first.text(Lang::Zh)
    );
    // Lines are ordered by how many norms they free.
    assert!(v.table.waiting.windows(2).all(|w| (w[0].only, w[0].all) >= (w[1].only, w[1].all)));
    let markup = v.table.markup(Lang::Zh);
    assert!(markup.contains(&format!("data-action=\"focus-field\" data-entry=\"{field}\"")));
}

#[test]
fn urban_population_alone_frees_the_community_norms() {
    let v = view(&[("resident_population", "600000")], Lang::Zh);
    let w = v.table.waiting.iter().find(|w| FIELDS[w.field].id == "urban_resident_population").expect("a line");
    let typed = view(&[("resident_population", "600000"), ("urban_resident_population", "231109")], Lang::Zh);
    let freed = v
        .table
        .rows
        .iter()
        .filter(|r| r.status == Status::MissingInput && row(&typed, NORMS[r.norm].id).status != Status::MissingInput)
        .count();
    assert_eq!(w.only, freed, "the line's count is what typing the field frees");
}

#[test]
fn the_clipboard_gets_the_computed_rows_as_tab_separated_text_and_html() {
    let v = view(&[("urban_resident_population", "231109"), ("current.community_workers", "400")], Lang::Zh);
    let tsv = v.table.tsv(Lang::Zh);
    let lines: Vec<&str> = tsv.trim_end().split("\r\n").collect();
    assert_eq!(lines[0], "序号\t指标\t属性\t单位\t规划要求\t现有\t差距\t状态");
    let computed = v.table.rows.iter().filter(|r| r.computed()).count();
    assert_eq!(lines.len(), 1 + computed);
    let n = row(&v, "community_workers").number;
    assert!(lines.contains(&format!("{n}\t城镇社区工作者\t\t人\t≥ 416\t400\t16\t未达标").as_str()), "{tsv}");
    let html = v.table.clipboard_html(Lang::Zh);
    assert!(html.starts_with("<table"));
    assert!(html
        .contains("<td>城镇社区工作者</td><td></td><td>人</td><td>≥ 416</td><td>400</td><td>16</td><td>未达标</td>"));
    assert_eq!(html.matches("<tr>").count(), 1 + computed);
}

#[test]
fn a_county_leaves_city_norms_not_applicable_and_out_of_the_counts() {
    let v = view(&[("level", "county"), ("resident_population", "600000")], Lang::Zh);
    let na: Vec<&table::Row> = v.table.rows.iter().filter(|r| r.status == Status::NotApplicable).collect();
    assert!(!na.is_empty());
    assert!(na.iter().all(|r| !r.computed()), "not applicable: after the computed part");
    assert_eq!(na[0].cells(Lang::Zh)[7], "不适用");
    let s = v.summary;
    assert_eq!(s.met + s.unmet + s.unknown + s.missing_input + na.len(), NORMS.len());
    assert_eq!(report_title(&values(&[("name", "某县")]), Lang::Zh), "某县民政规划指标测算报告");
    assert_eq!(report_title(&[], Lang::Zh), "民政规划指标测算报告");
}

#[test]
fn the_markup_has_the_level_select_the_summary_table_and_its_buttons() {
    let options = Options { chrome: true, persist: true, only: None, export_locality: true };
    let v = view_with(&[("urban_resident_population", "231109")], Lang::Zh, &options);
    let html = markup::page(&v, &options, false);
    assert!(html.contains(
        "<select name=\"level\" id=\"in-level\" aria-describedby=\"err-level\"><option value=\"\">（请选择）</option>\
         <option value=\"province\">省</option><option value=\"city\">地级市</option>\
         <option value=\"county\">县/县级市</option><option value=\"district\">市辖区</option>\
         <option value=\"township\">乡镇/街道</option></select>"
    ));
    assert_eq!(html.matches("<tr data-summary-norm=\"").count(), NORMS.len());
    assert!(html.contains("<tr data-summary-norm=\"community_workers\" data-status=\"unknown\" data-binding=\"none\">"));
    assert!(html.contains("data-copy-summary=\"\""));
    assert!(html.contains("data-export-locality=\"xlsx\""));
    assert!(html.contains("<input type=\"checkbox\" class=\"filter f-missing\" id=\"f-missing\" checked=\"\">"));
    // An embedded calculator has the export when its host writes the workbook (embed.js, the iframe mode).
    let embedded = Options { chrome: false, persist: false, only: None, export_locality: false };
    let html = markup::page(&view_with(&[], Lang::Zh, &embedded), &embedded, false);
    assert!(html.contains("data-copy-summary") && !html.contains("data-export-locality"));
    let embedded = Options { export_locality: true, ..embedded };
    let html = markup::page(&view_with(&[], Lang::Zh, &embedded), &embedded, false);
    assert!(html.contains("data-export-locality=\"xlsx\""));
}

#[test]
fn a_county_implies_its_counts_for_the_boxes_left_empty() {
    let v = view(&[("level", "county"), ("districts", "2")], Lang::Zh);
    let implied: Vec<(&str, &str)> = v.implied.iter().map(|(f, x)| (FIELDS[*f].id, x.as_str())).collect();
    assert_eq!(implied, [("prefecture_cities", "0"), ("counties", "1")], "a typed count wins");
    assert!(view(&[], Lang::Zh).implied.is_empty(), "the census bases keep their own placeholders");
}

#[test]
fn a_norm_not_applicable_at_the_level_says_why() {
    let v = view(&[("level", "county"), ("resident_population", "600000")], Lang::Zh);
    let c = v.cards.iter().find(|c| c.data.status == Status::NotApplicable).expect("one at county level");
    let basis = &BASES[c.norm];
    assert!(!basis.level_note_zh.is_empty());
    assert_eq!(c.text.missing, format!("说明：{}", basis.level_note_zh));
    assert_eq!(c.text.status, "不适用");
}
