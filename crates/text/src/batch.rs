//! The batch section's words (www/batch.js asks for them by id through the words module's `words()`,
//! crates/web-words, and fills the `{…}` places itself).

words! {
    TITLE = "batch.title" { "批量测算", "Batch" }
    INTRO = "batch.intro" {
        "一次测算一个省、市所有县区或乡镇的全部指标，结果可导出为 Excel。文件只在本机浏览器中处理，不会上传。",
        "Every target for every locality at once, exported to Excel. The file is processed in this browser only; nothing is uploaded."
    }
    CHOOSE = "batch.choose" {
        "选择表格文件（CSV，Excel .xlsx / .xls，或 .ods）",
        "Choose a spreadsheet (CSV, Excel .xlsx / .xls, or .ods)"
    }
    LEGACY_FAILED = "batch.legacy_failed" {
        "读取 .xls / .ods 文件时出错，文件可能已损坏；请在 Excel、WPS 或 LibreOffice 中另存为 .xlsx 后再导入",
        "Reading the .xls / .ods file failed; it may be damaged. Save it as .xlsx in Excel, WPS or LibreOffice and import that"
    }
    WPS_ET = "batch.wps_et" {
        "这是 WPS 表格文件（.et），无法读取；请在 WPS 中“另存为” Excel 文件（.xlsx）后再导入",
        "This is a WPS Spreadsheets file (.et), which cannot be read; in WPS, use Save As → Excel file (.xlsx) and import that"
    }
    DROP_HINT = "batch.drop_hint" {
        "也可以把文件拖到这里。每行一个地区；列名用字段名（如 resident_population）或中文名（如 常住人口），可带单位；可加“现有＋指标名称”列计算缺口。",
        "Or drop the file here. One locality per row; column names are field ids (e.g. resident_population) or the Chinese labels (e.g. 常住人口), with or without units; add 现有<norm name> columns (current provision) for the gaps."
    }
    TEMPLATES = "batch.templates" { "下载模板：", "Templates: " }
    TEMPLATE_XLSX = "batch.template_xlsx" { "Excel 模板 (.xlsx)", "Excel template (.xlsx)" }
    TEMPLATE_CSV = "batch.template_csv" { "CSV 模板", "CSV template" }
    /// A template's file name, without its extension.
    TEMPLATE_FILE = "batch.template_file" { "民政指标批量测算模板", "civil-affairs-targets-template" }
    TEMPLATE_FAILED = "batch.template_failed" {
        "模板生成失败，请重试。（{reason}）",
        "The template could not be made; please try again. ({reason})"
    }
    READING = "batch.reading" { "正在读取 {file}…", "Reading {file}…" }
    COMPUTING = "batch.computing" { "正在测算 {done} / {total} 个地区…", "Computing {done} of {total} localities…" }
    DONE = "batch.done" {
        "完成：{rows} 个地区，{errors} 行有输入错误，用时 {ms} 毫秒。",
        "Done: {rows} localities, {errors} with input errors, {ms} ms."
    }
    FAILED = "batch.failed" { "无法处理这个文件。{reason}", "This file cannot be used. {reason}" }
    TOO_LARGE = "batch.too_large" {
        "文件过大（{size} MB），一次最多 {max} MB，请拆分为几个文件。",
        "The file is too large ({size} MB); at most {max} MB at once: split it into several files."
    }
    TOO_MANY_ROWS = "batch.too_many_rows" {
        "行数过多（约 {rows} 行），一次最多 {max} 行，请拆分为几个文件。",
        "Too many rows (about {rows}); at most {max} at once: split the file into several."
    }
    RESULTS = "batch.results" { "测算结果", "Results" }
    RESULTS_OF = "batch.results_of" { "测算结果：{file}", "Results: {file}" }
    /// An export's file name, without its extension.
    RESULTS_FILE = "batch.results_file" { "{file}-测算结果", "{file}-results" }
    EXPORT_XLSX = "batch.export_xlsx" { "导出 Excel (.xlsx)", "Export Excel (.xlsx)" }
    EXPORT_CSV = "batch.export_csv" {
        "导出 CSV（字段 id 表头，供程序读取）",
        "Export CSV (id headers, for programs)"
    }
    EXPORTING = "batch.exporting" { "正在生成…", "Preparing…" }
    EXPORTED = "batch.exported" { "已导出。", "Exported." }
    EXPORT_FAILED = "batch.export_failed" {
        "导出失败，可再试一次。（{reason}）",
        "Export failed; you can try again. ({reason})"
    }
    ONLY_UNMET = "batch.only_unmet" {
        "只看有未达标指标的地区（{count} 个）",
        "Only localities with an unmet target ({count})"
    }
    GAP_COLUMN = "batch.gap_column" { "缺口 {name}", "Gap: {name}" }
    /// A column's unit, after its name.
    UNIT = "batch.unit" { "（{unit}）", " ({unit})" }
    SHOWN_SOME = "batch.shown_some" {
        "显示前 {shown} 行，共 {count} 行；全部结果请导出。",
        "Showing the first {shown} of {count} rows; export for all."
    }
    SHOWN_ALL = "batch.shown_all" { "共 {count} 行。", "Rows: {count}." }
    NO_ERRORS = "batch.no_errors" { "没有输入错误。", "No input errors." }
    ERRORS_OF = "batch.errors_of" { "输入错误：{rows} 行，{count} 处", "Input errors: {count}; rows with errors: {rows}" }
    ERROR_ROW = "batch.error_row" { "行号", "Row" }
    ERROR_COLUMN = "batch.error_column" { "列", "Column" }
    ERROR_MESSAGE = "batch.error_message" { "错误", "Error" }
    ERRORS_MORE = "batch.errors_more" {
        "仅显示前 {shown} 处；全部错误见导出的 Excel 文件“输入错误”表。",
        "Only the first {shown} are shown; the exported workbook's 输入错误 (input errors) sheet lists all."
    }
    /// The norm chooser: which norms' columns the table shows (remembered for this browser tab).
    NORMS_SHOWN = "batch.norms_shown" { "显示的指标（{shown} / {total}）", "Targets shown ({shown} of {total})" }
    NORMS_ALL = "batch.norms_all" { "全部显示", "Show all" }
    NORMS_NONE = "batch.norms_none" { "全部隐藏", "Hide all" }
    NORMS_HINT = "batch.norms_hint" {
        "只影响屏幕上的表格；导出的文件包含全部指标。",
        "Only the table on screen; exports have every target."
    }
}
