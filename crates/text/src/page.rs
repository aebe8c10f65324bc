//! The calculator page's words (crates/web).

words! {
    TITLE = "page.title" { "民政规划指标测算器", "Civil Affairs Targets Calculator" }
    PLAN = "page.plan" {
        "依据《辽宁省民政事业发展第十四个五年规划》（2021—2025年）",
        "Based on the Liaoning Province Civil Affairs 14th Five-Year Plan (2021–2025)"
    }
    INTRO = "page.intro" {
        "填写本地人口、区划和现有配置，逐项查看规划要求、现状、差距和规划原文依据。所有计算在本机完成，不上传任何数据。",
        "Enter your locality's population, divisions and current provision to see, norm by norm, what the plan requires, what you have, the gap, and the plan's own words. Everything is computed on this device; nothing is uploaded."
    }
    SWITCH_LANG = "page.switch_lang" { "English", "中文" }
    SWITCH_LANG_LABEL = "page.switch_lang_label" { "Switch to English", "切换到中文" }
    ELDER_MODE = "page.elder_mode" { "长辈模式", "Large text (长辈模式)" }
    RESET = "page.reset" { "清空重填", "Reset" }
    UNDO = "page.undo" { "撤销", "Undo" }
    RESET_DONE = "page.reset_done" { "已清空所有数据。", "Every figure was cleared." }
    RESTORED = "page.restored" { "已恢复。", "Restored." }
    COPY_LINK = "page.copy_link" { "复制分享链接", "Copy share link" }
    COPIED = "page.copied" { "链接已复制", "Link copied" }
    COPY_FAILED = "page.copy_failed" {
        "无法自动复制，请手动复制地址栏中的链接",
        "Could not copy automatically: copy the address bar link"
    }
    PRINT = "page.print" { "打印报告", "Print report" }
    INPUTS = "page.inputs" { "基础数据", "Your figures" }
    RESULTS = "page.results" { "测算结果", "Targets" }
    REQUIRED = "page.required" { "规划要求", "Required" }
    CURRENT = "page.current" { "现有", "Current" }
    GAP = "page.gap" { "差距", "Gap" }
    /// An unmet norm whose bound is strict (＞) and whose current value is exactly the requirement: the gap is
    /// 0 (requirement − current), yet it is not met.
    GAP_STRICT = "page.gap_strict" { "0（须大于要求）", "0 (must be more than the requirement)" }
    BASIS = "page.basis" { "依据", "Basis" }
    FORMULA = "page.formula" { "计算过程", "Working" }
    CITATION = "page.citation" { "出处", "Citation" }
    DEADLINE = "page.deadline" { "期限", "Deadline" }
    NOTE = "page.note" { "说明", "Note" }
    LOCAL_STANDARD = "page.local_standard" { "本地标准", "Local standard" }
    PLAN_VALUE = "page.plan_value" { "规划值", "Plan value" }
    PARAMS = "page.params" { "参数（可按本地标准调整）", "Parameters (adjust for a local standard)" }
    INDICATIVE = "page.indicative" {
        "参考值：规划只定全省总量，此为按人口比例分摊",
        "Indicative: the plan sets only the province total; this is a population-share apportionment"
    }
    APPROXIMATE = "page.approximate" { "约数，无硬性下限", "Approximate: no hard bound" }
    MISSING = "page.missing" { "缺少：", "Needs: " }
    DEFAULT_FROM = "page.default_from" { "默认值来源：", "Default from: " }
    CHART_TITLE = "page.chart_title" {
        "现有配置达标程度（现有 ÷ 要求）",
        "Provision against requirement (current ÷ required)"
    }
    CHART_EMPTY = "page.chart_empty" {
        "在结果中填写“现有”数值后，这里显示达标程度。",
        "Enter current values in the results to see how far each target is met."
    }
    /// The counts of the statuses below, in their words.
    SUMMARY = "page.summary" {
        "达标 {met} 项，未达标 {unmet} 项，未填现有值 {unknown} 项，缺少输入 {missing} 项",
        "{met} met, {unmet} unmet, {unknown} with no current value, {missing} missing inputs"
    }
    NO_STORAGE = "page.no_storage" {
        "本机未能保存数据（浏览器不允许，或存储空间已满）：数据只在本页的链接中，请复制分享链接或将本页加入收藏。",
        "The figures could not be saved on this computer (the browser refuses, or its storage is full): they are only in this page's link; copy the share link or bookmark the page."
    }
    /// A link value over `fragment::MAX_VALUE_CHARS`: `{fields}` names the fields left out.
    TOO_LONG = "page.too_long" {
        "链接中以下数据过长（超过 1000 个字符），未能读入：{fields}。",
        "Left out of the link, too long (over 1,000 characters): {fields}."
    }
    QUOTED = "page.quoted" { "「{name}」", "“{name}”" }
    SAVED_TITLE = "page.saved_title" { "本机保存的地区", "Saved on this computer" }
    SAVED_EMPTY = "page.saved_empty" {
        "尚无保存的地区，填写的数据会自动保存在本机。",
        "Nothing saved yet; what you enter is saved here as you type."
    }
    UNNAMED = "page.unnamed" { "未命名地区", "Unnamed" }
    NEW_ENTRY = "page.new_entry" { "新建地区", "New locality" }
    DELETE = "page.delete" { "删除", "Delete" }
    EDITING = "page.editing" { "正在编辑", "On this page" }
    /// An entry's name and how it began, for the list and the notices (`{time}` month-day hour:minute).
    LINK_LABEL = "page.link_label" { "{name}（链接 {time}）", "{name} (link {time})" }
    COPY_LABEL = "page.copy_label" { "{name}（副本 {time}）", "{name} (copy {time})" }
    OPEN_ENTRY = "page.open_entry" { "打开「{label}」", "Open “{label}”" }
    DELETE_ENTRY = "page.delete_entry" { "删除「{label}」", "Delete “{label}”" }
    LINK_KEPT_APART = "page.link_kept_apart" {
        "链接中「{name}」的数据与本机保存的不同，已另存为「{label}」。",
        "The link's figures for “{name}” differ from yours: kept as “{label}”."
    }
    OPEN_OWN = "page.open_own" { "打开本机的「{name}」", "Open your “{name}”" }
    FORKED = "page.forked" {
        "「{name}」已在另一个标签页中修改，本页的数据另存为「{label}」。",
        "“{name}” was changed in another tab: this tab's figures are kept as “{label}”."
    }
    OPEN_OTHER = "page.open_other" { "打开另一标签页的版本", "Open the other tab's version" }
    DELETE_CONFIRM = "page.delete_confirm" {
        "从本机删除「{label}」的数据？删除后无法恢复。",
        "Delete “{label}” from this computer? This cannot be undone."
    }
    CANNOT_SWITCH = "page.cannot_switch" {
        "本页数据未能保存，请先复制分享链接。",
        "The figures on this page could not be saved: copy the share link first."
    }
    FOOTER = "page.footer" {
        "数字均按规划原文精确计算（十进制定点数）；人数、机构数等最低数量一律向上取整。本工具不联网，不收集数据。",
        "Figures are computed exactly from the plan's wording (decimal arithmetic); minimum counts of people and institutions are rounded up. This tool makes no network requests and collects no data."
    }
    REPORT_DATE = "page.report_date" { "报告日期：", "Report date: " }
    BINDING_TAG = "page.binding" { "约束性", "Binding" }
    EXPECTED_TAG = "page.expected" { "预期性", "Expected" }
    EMBED_CODE = "page.embed_code" { "嵌入代码", "Embed code" }
    EMBED_HINT = "page.embed_hint" {
        "把下面任一段代码粘贴到贵站网页中，即可嵌入本测算器（含当前填写的数据）。建议把本站文件复制到贵站同一目录下自行托管。",
        "Paste either snippet into a page of your site to embed this calculator with the figures entered now. Hosting a copy of these files on your own site is recommended."
    }
    EMBED_ELEMENT = "page.embed_element" {
        "自定义元素 <minzheng-calc>（推荐）",
        "Custom element <minzheng-calc> (recommended)"
    }
    EMBED_IFRAME = "page.embed_iframe" { "iframe（自动调整高度）", "iframe (auto height)" }
    ABOUT = "page.about" { "约", "about" }
    // The summary table (主要指标完成情况表).
    OVERVIEW = "page.overview" { "主要指标完成情况", "Targets at a glance" }
    PERIOD = "page.period" {
        "规划期（2021—2025年）已结束。“现有”填2025年末实有数用于终期评估，或填当前实有数用于测算现在的需求。",
        "The plan's period (2021–2025) has ended. Enter as 'Current' the figure at the end of 2025 for the final evaluation, or today's figure to size what is needed now."
    }
    COL_NUMBER = "page.col_number" { "序号", "No." }
    COL_NORM = "page.col_norm" { "指标", "Target" }
    COL_BINDING = "page.col_binding" { "属性", "Type" }
    COL_UNIT = "page.col_unit" { "单位", "Unit" }
    COL_STATUS = "page.col_status" { "状态", "Status" }
    FILTER_UNMET = "page.filter_unmet" { "只看未达标", "Unmet only" }
    FILTER_BINDING = "page.filter_binding" { "只看约束性", "Binding only" }
    FILTER_MISSING = "page.filter_missing" { "隐藏缺少输入", "Hide missing inputs" }
    /// A field every norm waiting for it needs alone.
    WAITING_ONLY = "page.waiting_only" { "填写 {field} 可再算 {n} 项", "Enter {field} to work out {n} more" }
    /// A field some of the norms waiting for it need alone.
    WAITING_SOME = "page.waiting_some" {
        "填写 {field} 可再算 {n} 项（共 {all} 项需要此项）",
        "Enter {field} to work out {n} more ({all} need it)"
    }
    /// A field the norms waiting for it need with others.
    WAITING_ALSO = "page.waiting_also" { "另有 {all} 项需要填写 {field}", "{all} more need {field}, with other figures" }
    COPY_SUMMARY = "page.copy_summary" { "复制汇总表", "Copy table" }
    SUMMARY_COPIED = "page.summary_copied" {
        "汇总表已复制，可粘贴到 Excel、WPS 或 Word。",
        "Table copied: paste it into Excel, WPS or Word."
    }
    SUMMARY_COPY_FAILED = "page.summary_copy_failed" {
        "无法自动复制汇总表，请选中表格后手动复制。",
        "Could not copy the table automatically: select it and copy."
    }
    EXPORT_XLSX = "page.export_xlsx" { "导出本地区 XLSX", "Export this locality (XLSX)" }
    // The printed report.
    REPORT_TITLE = "page.report_title" { "{name}民政规划指标测算报告", "{name} civil affairs planning targets report" }
    REPORT_TITLE_NO_NAME = "page.report_title_no_name" { "民政规划指标测算报告", "Civil affairs planning targets report" }
    APPENDIX = "page.appendix" { "附：测算依据", "Appendix: the basis of each figure" }
    SIGN_UNIT = "page.sign_unit" { "填报单位", "Reporting unit" }
    SIGN_FILLER = "page.sign_filler" { "填表人", "Filled in by" }
    SIGN_REVIEWER = "page.sign_reviewer" { "审核人", "Reviewed by" }
    SIGN_DATE = "page.sign_date" { "日期", "Date" }
    /// The printed pages' footer.
    PAGE_OF = "page.page_of" { "第 {page} 页 共 {pages} 页", "Page {page} of {pages}" }
    LEVEL_CHOOSE = "page.level_choose" { "（请选择）", "(choose)" }
    RANGE_TO = "page.range_to" { "至", "to" }

    // A result's status (`status()`): the page, the batch section and the exports say the same.
    MET = "status.met" { "达标", "Met" }
    UNMET = "status.unmet" { "未达标", "Unmet" }
    UNKNOWN = "status.unknown" { "未填现有值", "No current value" }
    MISSING_INPUT = "status.missing_input" { "缺少输入", "Missing input" }
    /// At the locality's level the norm does not apply (the norm's level note says why).
    NOT_APPLICABLE = "status.not_applicable" { "不适用", "Not applicable" }

    // The plan's chapters, by which results are grouped (`group()`).
    GROUP_BASIC_LIVELIHOOD = "group.basic_livelihood" { "基本民生保障", "Basic livelihood support" }
    GROUP_GRASSROOTS_GOVERNANCE = "group.grassroots_governance" { "基层社会治理", "Community-level governance" }
    GROUP_SOCIAL_SERVICES = "group.social_services" { "基本社会服务", "Basic social services" }
    GROUP_ELDERCARE = "group.eldercare" { "养老服务", "Eldercare services" }

    // The form's sections (`field_group()`).
    FIELDS_POPULATION = "fields.population" { "人口", "Population" }
    FIELDS_DIVISIONS = "fields.divisions" { "行政区划", "Administrative divisions" }
    FIELDS_FACILITIES = "fields.facilities" { "设施", "Facilities" }
    FIELDS_STANDARDS = "fields.standards" { "保障标准", "Standards and wages" }
    FIELDS_PROVINCE_BASE = "fields.province_base" { "分摊基数", "Apportioning bases" }
}
