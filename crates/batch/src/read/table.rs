//! Finding the table in a sheet as a person would: the header (one row, or two with group names
//! merged over them), and below it the rows that are localities, passing over titles, a row of units,
//! a row of column numbers (甲、乙、1、2、3), footnotes (注：…, 填表人：…), totals (合计) and rows with
//! nothing in a known column. Every row passed over is kept with its reason, for the user to check.

use super::header::{normalize_header, HeaderLookup, Role};
use crate::sheet::{Merge, Record, Sheet};

/// Rows searched for the header, from the sheet's first non-blank one.
const HEADER_SEARCH: usize = 15;
/// Columns a merged cell's name is spread over, at most (the calculator knows about 80 columns; a merge
/// across all 16,384 of a hostile sheet is not copied into each).
const MAX_HEADER_COLS: usize = 1_024;

/// Why a row of the sheet is not a locality.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// Above the header: a title, a date, the reporting office.
    Title,
    /// A title inside the table where it goes on: 表3 …（续表）.
    Continued,
    /// A row of units under the header: (人) (个) (户).
    Units,
    /// A row numbering the columns: 甲、乙、1、2、3.
    ColumnNumbers,
    /// 注：…, 填表人：…, 审核人：…
    Footnote,
    /// 合计, 总计, 小计: a sum of the localities, not one.
    Totals,
    /// The header again (printed on every page).
    RepeatedHeader,
    /// No name and nothing in any column the calculator knows.
    NoData,
}

impl Skip {
    /// The reason in words.
    pub fn word(self) -> minzheng_text::Word {
        use minzheng_text::file;
        match self {
            Skip::Title => file::SKIP_TITLE,
            Skip::Continued => file::SKIP_CONTINUED,
            Skip::Units => file::SKIP_UNITS,
            Skip::ColumnNumbers => file::SKIP_COLUMN_NUMBERS,
            Skip::Footnote => file::SKIP_FOOTNOTE,
            Skip::Totals => file::SKIP_TOTALS,
            Skip::RepeatedHeader => file::SKIP_REPEATED_HEADER,
            Skip::NoData => file::SKIP_NO_DATA,
        }
    }
}

/// A row of the sheet that was passed over, by its number as the spreadsheet shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Skipped {
    pub row: u32,
    pub why: Skip,
}

/// Where a sheet's table is: the header's rows (indices into `Sheet::rows`, the first equal to the
/// last for a one-row header) and each column's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub first: usize,
    pub last: usize,
    pub names: Vec<String>,
}

fn known(lookup: &HeaderLookup, cell: &str) -> bool {
    matches!(lookup.role(cell), Role::Field(_) | Role::Current(_) | Role::WrongUnit { .. })
}

/// How many different known columns a header names (a group's name spread over its merged columns
/// counts once).
fn score(lookup: &HeaderLookup, names: &[String]) -> usize {
    let mut seen: Vec<Role> = Vec::new();
    for role in names.iter().map(|n| lookup.role(n)) {
        if matches!(role, Role::Field(_) | Role::Current(_) | Role::WrongUnit { .. }) && !seen.contains(&role) {
            seen.push(role);
        }
    }
    seen.len()
}

/// A row's cells with merged ranges filled: a cell inside a merge takes the text of its top-left cell.
fn filled(sheet: &Sheet, index: usize) -> Vec<String> {
    let row_number = sheet.row_numbers[index];
    let mut cells: Vec<String> = sheet.rows[index].iter().map(str::to_string).collect();
    for m in sheet.merges.iter().filter(|m| m.first_row <= row_number && row_number <= m.last_row) {
        if m.first_col as usize >= MAX_HEADER_COLS {
            continue;
        }
        let top_left = top_left(sheet, m, index);
        let last = (m.last_col as usize).min(MAX_HEADER_COLS - 1);
        if last >= cells.len() {
            cells.resize(last + 1, String::new());
        }
        for cell in cells.iter_mut().take(last + 1).skip(m.first_col as usize) {
            if cell.trim().is_empty() {
                cell.clone_from(&top_left);
            }
        }
    }
    cells
}

fn top_left(sheet: &Sheet, m: &Merge, near: usize) -> String {
    // The merge's first row is this one or a row above it, among the few searched.
    (0..=near)
        .rev()
        .find(|&i| sheet.row_numbers[i] == m.first_row)
        .and_then(|i| sheet.rows[i].get(m.first_col as usize))
        .map(str::to_string)
        .unwrap_or_default()
}

/// Two header rows as one: a column's name is the lower cell's, else the group's above it. Where the
/// lower name is unknown: a word for the group's whole (常住人口 over 合计, 老年人口 over 人数) gives the
/// group's name; a part of it (城镇 or 其中：城镇 under 常住人口, 城镇社区工作者 under 现有) the two
/// together when they name a column; else the lower name (其中：80岁及以上, 占比: nothing known).
fn combine(lookup: &HeaderLookup, upper: &[String], lower: &[String]) -> Vec<String> {
    let empty = String::new();
    (0..upper.len().max(lower.len()))
        .map(|c| {
            let u = upper.get(c).unwrap_or(&empty).trim();
            let l = lower.get(c).unwrap_or(&empty).trim();
            if l.is_empty() || l == u {
                return u.to_string();
            }
            if u.is_empty() || known(lookup, l) {
                return l.to_string();
            }
            if names_the_whole(l) {
                return u.to_string();
            }
            let part = part_of_group(l);
            [format!("{u}{part}"), format!("{part}{u}"), part.to_string()]
                .into_iter()
                .find(|joined| known(lookup, joined))
                .unwrap_or_else(|| l.to_string())
        })
        .collect()
}

/// Whether a cell under a group's name stands for the whole group: 合计, 小计, 总计, 人数, 总数 (with or
/// without a unit in brackets).
fn names_the_whole(cell: &str) -> bool {
    let key = normalize_header(cell);
    let key = key.split_once('(').map_or(key.as_str(), |(label, _)| label);
    matches!(key, "合计" | "小计" | "总计" | "共计" | "计" | "总数" | "总量" | "人数" | "数量" | "total")
}

/// A sub-column's name without its 其中： (of which).
fn part_of_group(cell: &str) -> &str {
    let cell = cell.trim();
    ["其中：", "其中:", "其中"].iter().find_map(|p| cell.strip_prefix(p)).unwrap_or(cell).trim()
}

/// The header: among the first rows, the one (or two adjacent ones) that names the most known
/// columns; two rows when together they name more than either alone, or as many as the lower one with a
/// cell merged down over both. `None` if no row names any.
pub fn find_header(lookup: &HeaderLookup, sheet: &Sheet) -> Option<Header> {
    let n = sheet.rows.len().min(HEADER_SEARCH);
    let rows: Vec<Vec<String>> = (0..n).map(|i| filled(sheet, i)).collect();
    let scores: Vec<usize> = rows.iter().map(|r| score(lookup, r)).collect();
    let mut best: Option<(usize, Header)> = None;
    for i in 0..n {
        let mut consider = |s: usize, header: Header| {
            if s > 0 && best.as_ref().is_none_or(|(k, _)| s > *k) {
                best = Some((s, header));
            }
        };
        consider(scores[i], Header { first: i, last: i, names: rows[i].clone() });
        if i + 1 < n && sheet.row_numbers[i + 1] == sheet.row_numbers[i] + 1 {
            let names = combine(lookup, &rows[i], &rows[i + 1]);
            let s = score(lookup, &names);
            // A cell merged down over both rows (地区名称) makes them one header, even when the merge
            // already gives the lower row every name.
            let (upper, lower) = (sheet.row_numbers[i], sheet.row_numbers[i + 1]);
            let merged_down = sheet.merges.iter().any(|m| m.first_row == upper && m.last_row >= lower);
            if s > scores[i] && (s > scores[i + 1] || merged_down) {
                consider(s, Header { first: i, last: i + 1, names });
            }
        }
    }
    best.map(|(_, h)| h)
}

/// Whether a cell is a unit: `(人)`, `（个）`, `单位：户`, `万元`.
fn is_unit(cell: &str) -> bool {
    let key = normalize_header(cell);
    let key = key.strip_prefix("单位:").or_else(|| key.strip_prefix("计量单位:")).unwrap_or(&key);
    let inner = key.strip_prefix('(').and_then(|k| k.strip_suffix(')')).unwrap_or(key);
    const UNITS: [&str; 26] = [
        "人",
        "个",
        "户",
        "张",
        "例",
        "所",
        "家",
        "处",
        "名",
        "元",
        "万元",
        "万人",
        "万户",
        "千人",
        "千元",
        "亿元",
        "%",
        "‰",
        "元/人/月",
        "元/人/年",
        "元/月",
        "元/年",
        "元/人",
        "平方米",
        "m²",
        "m2",
    ];
    UNITS.contains(&inner) || matches!(key, "单位" | "计量单位")
}

/// A unit counted in tens of thousands (万人), thousands or hundreds of millions: the unit and what it
/// counts (人). A column in such a unit is not the calculator's (46.23 万人 is not 46 people).
fn scaled_unit(cell: &str) -> Option<(String, String)> {
    let key = normalize_header(cell);
    let key = key.strip_prefix("单位:").or_else(|| key.strip_prefix("计量单位:")).unwrap_or(&key);
    let unit = key.strip_prefix('(').and_then(|k| k.strip_suffix(')')).unwrap_or(key);
    let base = ["十万", "百万", "千万", "万", "千", "百", "亿"].iter().find_map(|p| unit.strip_prefix(p))?;
    let counts = ["人", "户", "元", "张", "个", "所", "例", "平方米"];
    counts.iter().any(|c| base.starts_with(c)).then(|| (unit.to_string(), base.to_string()))
}

/// The units a table gives apart from its header, put into the header's names where they are counted
/// in tens of thousands or the like, so that such a column is refused as in another unit (as
/// 常住人口（万人） is) rather than read as people: a row of units under the header (the column's
/// own), and a 单位：万人 line above it (every column of what it counts: 人, not 张).
pub fn with_units(lookup: &HeaderLookup, names: &mut [String], above: &[Record], below: &[Record]) {
    let has_unit = |name: &str| normalize_header(name).ends_with(')');
    if let Some(units) = below.iter().take(2).find(|r| is_units(r)) {
        for (name, cell) in names.iter_mut().zip(units.iter()) {
            if let Some((unit, _)) = scaled_unit(cell) {
                if !name.trim().is_empty() && !has_unit(name) {
                    *name = format!("{}（{unit}）", name.trim());
                }
            }
        }
    }
    let table_unit = above.iter().flat_map(|r| r.iter()).find_map(|cell| {
        let key = normalize_header(cell);
        (key.starts_with("单位:") || key.starts_with("计量单位:")).then(|| scaled_unit(cell)).flatten()
    });
    if let Some((unit, base)) = table_unit {
        for name in names.iter_mut() {
            let counts = match lookup.role(name) {
                Role::Field(i) => minzheng_core::inputs::FIELDS[i].unit_zh,
                Role::Current(n) => minzheng_core::rules::NORMS[n].unit_zh,
                _ => continue,
            };
            if !has_unit(name) && counts.starts_with(base.as_str()) {
                *name = format!("{}（{unit}）", name.trim());
            }
        }
    }
}

/// A row of units under the header: every non-blank cell is a unit, at least two of them.
fn is_units(record: &Record) -> bool {
    let cells: Vec<&str> = record.iter().map(str::trim).filter(|c| !c.is_empty()).collect();
    cells.iter().filter(|c| is_unit(c)).count() >= 2
        && cells.iter().all(|c| is_unit(c) || matches!(&*normalize_header(c), "栏次" | "序号"))
}

/// A row numbering the columns: 甲、乙、丙… and 1, 2, 3… counting up by one from column to column.
fn is_column_numbers(record: &Record) -> bool {
    const STEMS: &str = "甲乙丙丁戊己庚辛壬癸";
    let mut numbers = Vec::new();
    let mut stems = 0;
    for cell in record.iter().map(normalize_header).filter(|c| !c.is_empty()) {
        let digits = cell.trim_start_matches('(').trim_end_matches(')');
        if cell.chars().count() == 1 && STEMS.contains(cell.as_str()) {
            stems += 1;
        } else if let Ok(n) = digits.parse::<u32>() {
            numbers.push(n);
        } else if cell != "栏次" && cell != "序号" {
            return false;
        }
    }
    numbers.windows(2).all(|w| w[1] == w[0] + 1) && stems + numbers.len() >= 2
}

/// Whether a row's first non-blank cell (trimmed) begins a footnote: 注：, 说明：, 填表人, 审核人…
fn begins_footnote(first: &str) -> bool {
    // Most rows are localities: only a first cell that could begin a footnote is normalised.
    if !first.starts_with(['注', '备', '说', '填', '制', '审', '负', '统', '报', '联', '数']) {
        return false;
    }
    let first = normalize_header(first);
    const PREFIXES: [&str; 18] = [
        "注:",
        "注：",
        "注1",
        "备注:",
        "说明:",
        "填表人",
        "填报人",
        "制表人",
        "审核人",
        "审核:",
        "负责人",
        "单位负责人",
        "统计负责人",
        "填表日期",
        "填报日期",
        "报出日期",
        "联系电话",
        "数据来源",
    ];
    PREFIXES.iter().any(|p| first.starts_with(p)) || first == "注"
}

/// A totals row: its first non-blank cell, or its name, says 合计, 总计, 小计 (全市合计, 合 计).
pub fn is_totals_row(record: &Record, name_col: Option<usize>) -> bool {
    record.iter().find(|c| !c.trim().is_empty()).is_some_and(says_totals)
        || name_col.and_then(|c| record.get(c)).is_some_and(says_totals)
}

/// Whether a cell says 合计, 总计, 小计 (全市合计, 合 计, Total), names the whole area the localities
/// make up (全市, 全省, 全县（市、区）), or a part of it (其中：市辖区).
fn says_totals(cell: &str) -> bool {
    let cell = cell.trim_start();
    if !cell.contains(['计', '和']) && !cell.starts_with(['t', 'T', 's', 'S', '全', '其']) {
        return false;
    }
    let key = normalize_header(cell);
    const WHOLE: [&str; 15] = [
        "省",
        "市",
        "地区",
        "县",
        "区",
        "旗",
        "县(市)",
        "县(市、区)",
        "县(区)",
        "市(县)",
        "乡",
        "镇",
        "乡镇",
        "街道",
        "乡(镇)",
    ];
    ["合计", "总计", "小计", "共计", "总和"].iter().any(|w| key.ends_with(w))
        || matches!(key.as_str(), "total" | "subtotal" | "grandtotal" | "sum")
        || key.strip_prefix('全').is_some_and(|area| WHOLE.contains(&area))
        || key.starts_with("其中")
}

/// A title inside the table: 表3 养老服务设施情况（续表）, （续）, 续表.
fn is_continued_title(first: &str) -> bool {
    first.contains('续') && {
        let key = normalize_header(first);
        key.contains("续表") || key.ends_with("(续)") || key == "续"
    }
}

/// Sorts a sheet's rows below the header into localities and rows passed over. Units and column
/// numbers are looked for only before the first locality; footnotes, totals and rows without data
/// anywhere.
pub fn classify(
    lookup: &HeaderLookup,
    headers: &[String],
    rows: Vec<Record>,
    numbers: Vec<u32>,
) -> (Vec<Record>, Vec<u32>, Vec<Skipped>) {
    let roles: Vec<Role> = headers.iter().map(|h| lookup.role(h)).collect();
    let name_col = roles.iter().position(|r| *r == Role::Field(0));
    let data_cols: Vec<usize> = (0..roles.len()).filter(|&c| !matches!(roles[c], Role::Unknown)).collect();
    let mut kept_rows = Vec::with_capacity(rows.len());
    let mut kept_numbers = Vec::with_capacity(rows.len());
    let mut skipped = Vec::new();
    let headers: Vec<&str> = headers.iter().map(|h| h.trim()).collect();
    for (record, row) in rows.into_iter().zip(numbers) {
        let leading = kept_rows.is_empty();
        // Each row's first non-blank cell, found once: most checks look at it alone.
        let Some((first_col, first)) = record.iter().map(str::trim).enumerate().find(|(_, c)| !c.is_empty()) else {
            continue;
        };
        let why = if begins_footnote(first) {
            Some(Skip::Footnote)
        } else if is_continued_title(first) && record.iter().filter(|c| !c.trim().is_empty()).count() == 1 {
            Some(Skip::Continued)
        } else if says_totals(first) || name_col.and_then(|c| record.get(c)).is_some_and(says_totals) {
            Some(Skip::Totals)
        } else if leading && is_units(&record) {
            Some(Skip::Units)
        } else if leading && is_column_numbers(&record) {
            Some(Skip::ColumnNumbers)
        } else if !data_cols.iter().any(|&c| record.get(c).is_some_and(|v| !v.trim().is_empty())) {
            Some(Skip::NoData)
        } else if headers.get(first_col) == Some(&first)
            && record.iter().zip(&headers).filter(|(c, h)| !h.is_empty() && c.trim() == **h).count() >= 2
        {
            Some(Skip::RepeatedHeader)
        } else {
            None
        };
        match why {
            Some(why) => skipped.push(Skipped { row, why }),
            None => {
                kept_rows.push(record);
                kept_numbers.push(row);
            }
        }
    }
    (kept_rows, kept_numbers, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(cells: &[&str]) -> Record {
        cells.iter().copied().collect()
    }

    fn is_footnote(record: &Record) -> bool {
        record.iter().map(str::trim).find(|c| !c.is_empty()).is_some_and(begins_footnote)
    }

    #[test]
    fn rows_that_are_not_localities() {
        assert!(is_units(&rec(&["", "（人）", "(人)", "（户）", "个"])));
        assert!(is_units(&rec(&["单位", "人", "人"])));
        assert!(!is_units(&rec(&["人民街道", "1000", "(人)"])));
        assert!(is_column_numbers(&rec(&["甲", "乙", "1", "2", "3"])));
        assert!(is_column_numbers(&rec(&["栏次", "1", "2", "3"])));
        assert!(!is_column_numbers(&rec(&["乙", "1000", "600"])), "a locality named 乙 with figures");
        assert!(!is_column_numbers(&rec(&["", "1", "5", "9"])));
        assert!(is_footnote(&rec(&["注：常住人口以第七次人口普查为准"])));
        assert!(is_footnote(&rec(&["", "填表人：张三", "", "审核人：李四"])));
        assert!(!is_footnote(&rec(&["注家村", "100"])));
        assert!(is_totals_row(&rec(&["合 计", "100"]), None));
        assert!(is_totals_row(&rec(&["", "全市合计", "100"]), None));
        assert!(is_totals_row(&rec(&["1", "小计", "100"]), Some(1)));
        assert!(!is_totals_row(&rec(&["和平区", "100"]), Some(0)));
    }

    #[test]
    fn a_two_level_header_with_merged_cells() {
        let lookup = HeaderLookup::new();
        let mut sheet = Sheet::default();
        sheet.push(1, rec(&["某市民政指标统计表"]));
        sheet.push(3, rec(&["地区名称", "人口情况", "", "", "养老服务"]));
        sheet.push(4, rec(&["", "常住人口", "城镇人口", "60岁以上人口", "养老床位数"]));
        sheet.merges =
            vec![Merge::parse("A1:E1").unwrap(), Merge::parse("A3:A4").unwrap(), Merge::parse("B3:D3").unwrap()];
        let mut wide = sheet.clone();
        let header = find_header(&lookup, &sheet).expect("a header");
        assert_eq!((header.first, header.last), (1, 2));
        assert_eq!(header.names, ["地区名称", "常住人口", "城镇人口", "60岁以上人口", "养老床位数"]);
        // A merge across every column a sheet has is spread over the first 1,024 only.
        wide.merges.push(Merge::parse("F3:XFD4").unwrap());
        let header = find_header(&lookup, &wide).expect("a header");
        assert_eq!(header.names.len(), MAX_HEADER_COLS);
    }
}
