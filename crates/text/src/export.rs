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
    CURRENT_HINT = "export.current_hint" {
        "可另加“现有＋指标名称”列（如 现有城镇社区工作者），或 current.<指标id> 列，填写现有数量以计算缺口。",
        "Add 现有<norm name> columns (e.g. 现有城镇社区工作者) or current.<norm id> columns with the current provision to compute the gaps."
    }
}
