//! Exported spreadsheets and templates (crates/batch). The workbooks are written in Chinese, with
//! English beside it where a sheet has a column for it; the batch section shows the totals row and
//! column headers in the page's language.

words! {
    RESULTS_SHEET = "export.results_sheet" { "测算结果", "Results" }
    NORMS_SHEET = "export.norms_sheet" { "指标依据", "Basis" }
    /// The errors sheet, and the results' column of each row's errors.
    INPUT_ERRORS = "export.input_errors" { "输入错误", "Input errors" }
    COLUMNS_SHEET = "export.columns_sheet" { "列说明", "Columns" }
    TEMPLATE_SHEET = "export.template_sheet" { "填报", "Data entry" }
    GUIDE_SHEET = "export.guide_sheet" { "填表说明", "How to fill in" }

    ROW = "export.row" { "行号", "Row" }
    LOCALITY = "export.locality" { "地区名称", "Locality" }
    /// A header with its unit: `常住人口（人）`.
    WITH_UNIT = "export.with_unit" { "{label}（{unit}）", "{label} ({unit})" }
    REQUIRED_LOW = "export.required_low" { "{name}下限", "{name}, lower end" }
    REQUIRED_HIGH = "export.required_high" { "{name}上限", "{name}, upper end" }
    GAP_OF = "export.gap_of" { "{name}缺口", "Gap: {name}" }
    STATUS_OF = "export.status_of" { "{name}达标情况", "Status: {name}" }
    TOTAL = "export.total" { "合计", "Total" }
    LOCALITIES = "export.localities" { "{count} 个地区", "{count} localities" }

    // The norms sheet's columns.
    NORM_ID = "export.norm_id" { "指标", "Norm" }
    NORM_NAME = "export.norm_name" { "指标名称", "Name" }
    /// Heads the column of English names in the Chinese sheet.
    NORM_NAME_EN = "export.norm_name_en" { "Indicator", "Indicator" }
    FORMULA = "export.formula" { "计算公式", "Formula" }
    REQUIREMENT = "export.requirement" { "要求", "Requirement" }
    UNIT = "export.unit" { "单位", "Unit" }
    BINDING = "export.binding" { "属性", "Binding" }
    DEADLINE = "export.deadline" { "期限", "Deadline" }
    CITATION = "export.citation" { "规划出处", "Citation" }
    QUOTE = "export.quote" { "规划原文", "Plan text" }
    NOTE = "export.note" { "说明", "Note" }
    INDICATIVE = "export.indicative" { "按人口分摊（参考）", "Population share (indicative)" }
    APPLIES_AT = "export.applies_at" { "适用层级", "Applies at" }
    LEVEL_NOTE_COLUMN = "export.level_note_column" { "层级说明", "Why these levels" }
    YES = "export.yes" { "是", "yes" }
    AT_LEAST = "export.at_least" { "不低于", "at least" }
    MORE_THAN = "export.more_than" { "高于", "more than" }
    AT_MOST = "export.at_most" { "不高于", "at most" }
    ABOUT = "export.about" { "左右", "about" }
    RANGE = "export.range" { "区间", "range" }

    // The errors, columns and guide sheets' columns.
    COLUMN = "export.column" { "列名", "Column" }
    FIELD = "export.field" { "字段", "Field" }
    MESSAGE = "export.message" { "错误", "Error" }

    // The template's guide.
    DEFAULT_NOTE = "export.default_note" {
        "可不填，默认 {value}（{source}）",
        "May be left empty: {value} by default ({source})"
    }
    TEXT_NOTE = "export.text_note" { "地区名称，按文本保存", "The locality's name, kept as text" }
    LEVEL_NOTE = "export.level_note" {
        "填以下之一：{levels}。县、区、市可不填它所隐含的地级市、县、区个数（如县：县和县级市 1 个，市辖区 0 个，地级市 0 个）；填了以所填为准。各指标适用的层级见“指标依据”表。",
        "One of: {levels}. A county, district or city may leave out the counts its level implies (a county: 1 county, 0 districts, 0 prefecture cities); a typed count wins. The levels each norm applies at are on the 指标依据 (basis) sheet."
    }
    DECIMAL_NOTE = "export.decimal_note" { "可填小数", "Decimals allowed" }
    WHOLE_NOTE = "export.whole_note" { "整数", "A whole number" }

    // The norms sheet: the formula in words, and as the ruleset writes it (field ids), for programs.
    FORMULA_IDS = "export.formula_ids" { "计算公式（字段 id）", "Formula (field ids)" }

    // The template: the group row over the columns.
    GROUP_LOCALITY = "export.group_locality" { "地区", "Locality" }
    /// Over a chapter's 现有 columns: `现有配置：基本民生保障`.
    GROUP_CURRENT = "export.group_current" { "现有配置：{group}", "Current provision: {group}" }
    CURRENT_MEANS = "export.current_means" {
        "“现有”列：终期评估填 2025 年末实际数（规划期 2021—2025 年已结束）；测算当前需要时填现有数。不填则只算规划要求，不判断达标。单位见列名括号。",
        "现有 (current) columns: for the final evaluation, the actual figure at the end of 2025 (the plan's period, 2021–2025, has ended); for sizing what is needed now, today's. Left empty, the requirement is computed but not judged. Units are in brackets in the column names."
    }
    GROUP_ROW_NOTE = "export.group_row_note" {
        "第 1 行是分组标题，第 2 行是列名（读入时以列名为准），第 3 行起每行一个地区；示例行可改写或删除。",
        "Row 1 groups the columns, row 2 names them (the names are what is read), and each row from row 3 is one locality; overwrite or delete the example row."
    }

    // One locality's workbook (the page's export): the summary table, then the inputs, working and citations.
    SUMMARY_SHEET = "export.summary_sheet" { "主要指标完成情况", "Targets" }
    DETAIL_SHEET = "export.detail_sheet" { "输入与测算依据", "Inputs and working" }
    /// The summary's title; `{name}` the locality.
    SUMMARY_TITLE = "export.summary_title" { "{name}民政规划主要指标完成情况表", "{name}: civil-affairs plan targets" }
    UNNAMED = "export.unnamed" { "本地区", "This locality" }
    /// Under the title.
    SUMMARY_SUBTITLE = "export.summary_subtitle" {
        "依据：{plan}　地区层级：{level}　测算日期：{date}",
        "Plan: {plan}   Level: {level}   Date: {date}"
    }
    PLAN_NAME = "export.plan_name" {
        "《辽宁省民政事业发展第十四个五年规划》（2021—2025年）",
        "Liaoning Province Civil Affairs 14th Five-Year Plan (2021–2025)"
    }
    LEVEL_NOT_GIVEN = "export.level_not_given" { "未填（各指标均适用）", "not given (every norm applies)" }
    SERIAL = "export.serial" { "序号", "No." }
    TARGET = "export.target" { "指标", "Target" }
    PLAN_REQUIRES = "export.plan_requires" { "规划要求", "Plan requires" }
    CURRENT = "export.current" { "现有", "Current" }
    GAP = "export.gap" { "差距", "Gap" }
    STATUS = "export.status" { "状态", "Status" }
    /// Under the summary table.
    CURRENT_NOTE = "export.current_note" {
        "注：“现有”为终期评估时的 2025 年数值，或测算当前需要时的现有数值；“差距”= 规划要求 − 现有（仅未达标项）；未达标行以底色和“未达标”标出。",
        "Note: “Current” is the 2025 figure for the final evaluation, or today's when sizing what is needed now; Gap = required − current (unmet rows only); unmet rows are shaded and say “Unmet”."
    }
    SIGNATURE = "export.signature" {
        "填报单位（盖章）：　　　　　　　　填表人：　　　　　　审核人：　　　　　　日期：",
        "Reporting unit (seal):                Prepared by:            Checked by:            Date:"
    }
    /// The printed page's footer; `{page}` and `{pages}` become the page number and count.
    PAGE_FOOTER = "export.page_footer" { "第 {page} 页 共 {pages} 页", "Page {page} of {pages}" }
    /// The requirement of a norm whose inputs are missing: `缺少：城镇常住人口`.
    NEEDS = "export.needs" { "缺少：{fields}", "Needs: {fields}" }
    /// A requirement with its bound: `≥ 416`, `约 960,000`.
    /// The second sheet's title; `{name}` the locality.
    DETAIL_TITLE = "export.detail_title" { "{name}民政规划指标测算依据", "{name}: inputs, working and the plan's words" }
    INPUTS_SECTION = "export.inputs_section" { "一、输入数据", "1. Inputs" }
    VALUE = "export.value" { "数值", "Value" }
    SOURCE = "export.source" { "来源", "Source" }
    TYPED = "export.typed" { "填写", "Typed" }
    DEFAULTED = "export.defaulted" { "默认值", "Default" }
    ERRORS_SECTION = "export.errors_section" { "输入错误（以下数据未用于计算）", "Input errors (not used)" }
    WORKING_SECTION = "export.working_section" { "二、测算过程与依据", "2. Working and basis" }
    WORKING = "export.working" { "计算过程", "Working" }
    /// One locality's workbook's file name, without its extension.
    LOCALITY_FILE = "export.locality_file" { "{name}-民政规划指标", "{name}-civil-affairs-targets" }
}
