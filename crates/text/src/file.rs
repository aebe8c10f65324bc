//! Spreadsheet files (crates/batch): why one cannot be used, and notes on one that was read.

words! {
    FORMAT = "file.format" { "文件格式：{format}；表头在第 {row} 行", "File format: {format}; header on row {row}" }
    FORMAT_XLSX = "file.format_xlsx" { "XLSX 工作簿", "XLSX workbook" }
    FORMAT_UTF8 = "file.format_utf8" { "CSV（UTF-8）", "CSV (UTF-8)" }
    FORMAT_UTF8_BOM = "file.format_utf8_bom" { "CSV（UTF-8，带 BOM）", "CSV (UTF-8 with BOM)" }
    FORMAT_UTF16 = "file.format_utf16" { "文本（UTF-16）", "Text (UTF-16)" }
    FORMAT_GB18030 = "file.format_gb18030" { "CSV（GBK/GB18030）", "CSV (GBK/GB18030)" }
    FORMAT_XLS = "file.format_xls" { "Excel 97–2003 工作簿（.xls）", "Excel 97–2003 workbook (.xls)" }
    FORMAT_ODS = "file.format_ods" { "OpenDocument 表格（.ods）", "OpenDocument spreadsheet (.ods)" }
    FORMAT_HTML = "file.format_html" { "网页表格（HTML，常见于系统导出的 .xls）", "Web page table (HTML, as systems export under .xls)" }
    FORMAT_XML2003 = "file.format_xml2003" { "XML 电子表格 2003（.xml/.xls）", "XML Spreadsheet 2003 (.xml/.xls)" }
    SHEET_READ = "file.sheet_read" { "读取的工作表：“{sheet}”", "Sheet read: \"{sheet}\"" }
    SHEETS_WITHOUT_TABLE = "file.sheets_without_table" {
        "；未读取（没有可识别的表头）：{sheets}",
        "; not read (no recognisable header): {sheets}"
    }
    SHEETS_HIDDEN = "file.sheets_hidden" { "；未读取（隐藏的工作表）：{sheets}", "; not read (hidden sheets): {sheets}" }
    HEADER_ROWS = "file.header_rows" {
        "表头占第 {first}–{last} 行（合并单元格的分组名与下一行的列名合并）",
        "The header spans rows {first}–{last} (group names in merged cells joined with the column names below)"
    }
    SKIPPED_ROW = "file.skipped_row" { "第 {row} 行未作为地区计算：{why}", "Row {row} was not computed as a locality: {why}" }
    SKIPPED_ROWS = "file.skipped_rows" {
        "第 {first}–{last} 行未作为地区计算：{why}",
        "Rows {first}–{last} were not computed as localities: {why}"
    }
    SKIP_TITLE = "file.skip_title" { "表头上方的标题或说明", "a title or note above the header" }
    SKIP_UNITS = "file.skip_units" { "计量单位行", "a row of units" }
    SKIP_CONTINUED = "file.skip_continued" { "表中的续表标题", "the title of the table's continuation" }
    SKIP_COLUMN_NUMBERS = "file.skip_column_numbers" { "栏次（列编号）行", "a row of column numbers" }
    SKIP_FOOTNOTE = "file.skip_footnote" { "表注或填表人、审核人等落款", "a footnote or signature line" }
    SKIP_TOTALS = "file.skip_totals" {
        "合计行（各地区之和，不是一个地区；测算器另算合计）",
        "a totals row (the sum of the localities, not one; the calculator works out its own totals)"
    }
    SKIP_REPEATED_HEADER = "file.skip_repeated_header" { "重复的表头", "the header repeated" }
    SKIP_NO_DATA = "file.skip_no_data" {
        "没有地区名称，测算器认识的列也都为空",
        "no name, and nothing in any column the calculator knows"
    }
    DID_YOU_MEAN = "file.did_you_mean" {
        "列“{column}”无法识别，是否指“{suggestion}”？如是，请改列名后重新导入",
        "Column \"{column}\" is not recognised; did you mean \"{suggestion}\"? If so, rename it and import again"
    }
    UNCACHED = "file.uncached" {
        "工作表“{sheet}”中有 {count} 个公式单元格没有保存计算结果（{cells}…），已按空白读取；请在 Excel 或 WPS 中打开、重新计算并保存后再导入",
        "Sheet \"{sheet}\" has {count} formula cells saved without their values ({cells}…), read as empty; open it in Excel or WPS, recalculate, save and import again"
    }
    PDF = "file.pdf" {
        "这是 PDF 文件，不是表格，无法读取其中的数字；请导入原始的 Excel 或 CSV 文件",
        "This is a PDF, not a spreadsheet: its figures cannot be read; import the original Excel or CSV file"
    }
    XLSB = "file.xlsb" {
        "这是 Excel 二进制工作簿（.xlsb），无法读取；请在 Excel 中“另存为” Excel 工作簿（.xlsx）后再导入",
        "This is an Excel binary workbook (.xlsb), which cannot be read; in Excel, use Save As → Excel Workbook (.xlsx) and import that"
    }
    LEGACY_UNAVAILABLE = "file.legacy_unavailable" {
        "读取 .xls / .ods 文件的模块未能加载；请在 Excel 或 WPS 中另存为 .xlsx 后再导入",
        "The module that reads .xls / .ods files could not be loaded; save the file as .xlsx in Excel or WPS and import that"
    }
    LEGACY_UNREADABLE = "file.legacy_unreadable" {
        "无法读取该文件（{reason}）；请在 Excel、WPS 或 LibreOffice 中另存为 .xlsx 后再导入",
        "The file cannot be read ({reason}); save it as .xlsx in Excel, WPS or LibreOffice and import that"
    }
    EXPORTED_COLUMNS = "file.exported_columns" {
        "{count} 列是测算器导出的结果（所需值、缺口、达标情况等），已忽略，按输入重新测算",
        "{count} columns are results the calculator exported (required values, gaps, status…); they were ignored and worked out afresh"
    }
    IGNORED_COLUMNS = "file.ignored_columns" {
        "以下列不是测算器的字段，已忽略：{columns}",
        "These columns are not calculator fields and were ignored: {columns}"
    }
    /// Joins the ignored columns' headers.
    LIST_SEPARATOR = "file.list_separator" { "、", ", " }
    WRONG_UNIT = "file.wrong_unit" {
        "列“{column}”的单位（{unit}）与测算器不同，已忽略；请换算为测算器的单位",
        "Column \"{column}\" is in another unit ({unit}) and was ignored; convert it to the calculator's unit"
    }
    DUPLICATE_COLUMN = "file.duplicate_column" {
        "列“{column}”重复，按最右边的一列计算",
        "Column \"{column}\" appears twice; the rightmost one counts"
    }
    EMPTY = "file.empty" { "文件是空的", "The file is empty" }
    NO_HEADER = "file.no_header" {
        "找不到可识别的表头：列名应为字段名（如 resident_population）或中文名（如 常住人口）",
        "No recognisable header row: column names must be field ids (e.g. resident_population) or the Chinese labels (e.g. 常住人口)"
    }
    OLD_EXCEL = "file.old_excel" {
        "无法读取该文件：可能是设有密码的工作簿，或已损坏的 .xls 文件；请在 Excel 或 WPS 中取消密码并另存为 .xlsx 或 CSV",
        "The file cannot be read: it may be a password-protected workbook or a damaged .xls; remove any password and save it as .xlsx or CSV in Excel or WPS"
    }
    XLSX_UNREADABLE = "file.xlsx_unreadable" { "无法读取 XLSX 文件：{reason}", "The XLSX file cannot be read: {reason}" }
    DAMAGED = "file.damaged" { "文件已损坏（ZIP 结构不完整）", "the file is damaged (incomplete ZIP structure)" }
    ZIP64 = "file.zip64" {
        "不支持 ZIP64 格式（超过 4 GB 或 65,535 个部件），请在 Excel 中另存为普通的 .xlsx",
        "ZIP64 archives (over 4 GB or 65,535 parts) are not supported; save it again as an ordinary .xlsx"
    }
    SPANNED = "file.spanned" { "不支持分卷压缩文件", "multi-part (spanned) archives are not supported" }
    ENCRYPTED = "file.encrypted" {
        "工作簿已加密（设有密码），请先在 Excel 中取消密码",
        "the workbook is encrypted (password-protected); remove the password in Excel first"
    }
    EXPANDS = "file.expands" {
        "解压后过大（超过 256 MB），可能不是正常的工作簿；请拆分为几个文件",
        "it expands to more than 256 MB, which no ordinary workbook does; split it into several files"
    }
    METHOD = "file.method" {
        "不支持的压缩方式（{method}），请在 Excel 中重新保存为 .xlsx",
        "unsupported compression method {method}; save it again as .xlsx in Excel"
    }
    CHECKSUM = "file.checksum" { "文件已损坏（校验和不符）", "the file is damaged (checksum mismatch)" }
    NOT_WORKBOOK = "file.not_workbook" {
        "这是一个 ZIP 压缩包，但不是 Excel 工作簿（找不到 xl/workbook.xml）",
        "this is a ZIP archive but not an Excel workbook (no xl/workbook.xml)"
    }
    MALFORMED = "file.malformed" {
        "{part} 不是完整的 XML（文件可能已损坏）",
        "{part} is not well-formed XML (the file may be damaged)"
    }
    BAD_REFERENCE = "file.bad_reference" { "{part} 中有无效的单元格位置", "{part} has an invalid cell reference" }
    MISSING_STRING = "file.missing_string" {
        "{part} 引用了不存在的共享字符串（{index}）",
        "{part} refers to a shared string that does not exist ({index})"
    }
    BEYOND_RANGE = "file.beyond_range" {
        "XLSX 文件过大或单元格位置超出 Excel 的范围（最多 1,048,576 行、16,384 列、1,600 万个单元格）",
        "The XLSX file is too large or has a cell beyond Excel's range (1,048,576 rows, 16,384 columns, 16 million cells at most)"
    }
    NO_WORKSHEET = "file.no_worksheet" { "XLSX 文件中没有工作表", "The XLSX file has no worksheet" }
    TOO_MANY_SHEETS = "file.too_many_sheets" { "工作表过多", "Too many sheets" }
    SHEET_COUNT = "file.sheet_count" { "工作表数量不符", "Sheet count mismatch" }
    CELL_TOO_LONG = "file.cell_too_long" {
        "无法生成 XLSX 文件：有单元格的文字超过 Excel 的上限（{max} 个字符）；可导出 CSV",
        "The XLSX file cannot be made: a cell's text exceeds Excel's limit of {max} characters; export CSV instead"
    }
    EXPORT_TOO_BIG = "file.export_too_big" {
        "导出的文件超过 4 GB，请拆分为几个文件",
        "The export would exceed 4 GB; split the file into several"
    }
}
