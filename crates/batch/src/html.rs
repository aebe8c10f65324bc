//! Reading a web page's tables: what many office systems export as an "Excel" file (`.xls`) is an HTML
//! table, and Excel opens it as a sheet. Each `<table>` becomes a sheet: `<tr>` rows, `<td>`/`<th>` cells
//! with their `colspan`/`rowspan` as merged ranges (so a two-level header reads as in a workbook), the
//! cell's text as shown (tags inside it dropped, entities resolved, white space collapsed, `<br>` a line
//! break). Tolerant, as browsers are: unclosed cells and rows end at the next one, unknown tags and
//! attributes are passed over, `<script>`, `<style>` and comments are skipped.

use crate::sheet::{Merge, Record, Sheet};

/// Cells a row may have, and rows and columns a span may cover: far beyond any real table, so that a
/// hostile `colspan="1000000"` costs nothing.
const MAX_COLUMNS: u32 = 16_384;
const MAX_SPAN: u32 = 1_000;

/// Whether decoded text is a web page with a table (not a CSV: a CSV does not begin with `<`).
pub fn is_html_table(text: &str) -> bool {
    let start = text.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    if !start.starts_with('<') {
        return false;
    }
    let head = start.get(..start.len().min(1 << 16)).unwrap_or(start).to_ascii_lowercase();
    head.contains("<table") || (start.len() > head.len() && start.to_ascii_lowercase().contains("<table"))
}

/// A table being read.
#[derive(Default)]
struct Building {
    sheet: Sheet,
    /// The row being read (1 = the table's first), and its cells so far.
    row: u32,
    cells: Vec<String>,
    in_row: bool,
    /// The cell being read: its text and where it goes.
    cell: Option<(String, usize)>,
    /// Positions below that rowspans of earlier rows cover: (row, first column, last column).
    covered: Vec<(u32, u32, u32)>,
}

impl Building {
    fn start_row(&mut self) {
        self.end_row();
        self.row += 1;
        self.in_row = true;
    }

    fn end_row(&mut self) {
        self.end_cell();
        if self.in_row {
            let record: Record = self.cells.iter().map(String::as_str).collect();
            if !record.is_blank() {
                self.sheet.push(self.row, record);
            }
            self.cells.clear();
            self.in_row = false;
            let row = self.row;
            self.covered.retain(|&(r, _, _)| r > row);
        }
    }

    fn start_cell(&mut self, colspan: u32, rowspan: u32) {
        self.end_cell();
        if !self.in_row {
            self.start_row();
        }
        let mut col = self.cells.len() as u32;
        // Past the columns that a rowspan from above covers in this row.
        while let Some(&(_, _, last)) =
            self.covered.iter().find(|&&(r, first, last)| r == self.row && first <= col && col <= last)
        {
            col = last + 1;
        }
        if col >= MAX_COLUMNS {
            return;
        }
        let last_col = (col + colspan.clamp(1, MAX_SPAN) - 1).min(MAX_COLUMNS - 1);
        let last_row = self.row + rowspan.clamp(1, MAX_SPAN) - 1;
        if last_col > col || last_row > self.row {
            self.sheet.merges.push(Merge { first_row: self.row, last_row, first_col: col, last_col });
        }
        for r in self.row + 1..=last_row {
            self.covered.push((r, col, last_col));
        }
        self.cells.resize(last_col as usize + 1, String::new());
        self.cell = Some((String::new(), col as usize));
    }

    fn end_cell(&mut self) {
        if let Some((text, col)) = self.cell.take() {
            self.cells[col] = collapse(&text);
        }
    }

    fn finish(mut self) -> Sheet {
        self.end_row();
        self.sheet
    }
}

/// Every table of a web page, in the order they end (an inner table before the one around it), each
/// as a sheet named 表1, 表2… by where it starts.
pub fn tables(html: &str) -> Vec<Sheet> {
    let mut open: Vec<(usize, Building)> = Vec::new();
    let mut done: Vec<(usize, Sheet)> = Vec::new();
    let mut started = 0;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            text_into(&mut open, rest);
            break;
        };
        text_into(&mut open, &rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        // `<` before anything but a letter, `/` or `!` is text (`a < b`), as browsers read it.
        if !rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!') {
            text_into(&mut open, "<");
            rest = &rest[1..];
            continue;
        }
        let end = tag_end(rest);
        let tag = rest[1..end].strip_suffix('>').unwrap_or(&rest[1..end]);
        rest = &rest[end..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == ':')
            .collect::<String>()
            .to_ascii_lowercase();
        let name = name.rsplit(':').next().unwrap_or_default().to_string();
        match (name.as_str(), closing) {
            ("script" | "style" | "xml" | "title" | "head", false) if !tag.ends_with('/') => {
                rest = find_close(rest, &name).map_or("", |i| &rest[i..]);
            }
            ("table", false) => {
                started += 1;
                open.push((started, Building::default()));
            }
            ("table", true) => {
                if let Some((n, b)) = open.pop() {
                    done.push((n, b.finish()));
                }
            }
            ("tr", false) => with_table(&mut open, Building::start_row),
            ("tr", true) | ("thead" | "tbody" | "tfoot", _) => with_table(&mut open, Building::end_row),
            ("td" | "th", false) => {
                let (colspan, rowspan) = (span(tag, "colspan"), span(tag, "rowspan"));
                with_table(&mut open, |b| b.start_cell(colspan, rowspan));
            }
            ("td" | "th", true) => with_table(&mut open, Building::end_cell),
            ("br", _) => text_into(&mut open, "\n"),
            ("p" | "div" | "li", true) => text_into(&mut open, "\n"),
            _ => {}
        }
    }
    // Tables never closed end with the page.
    while let Some((n, b)) = open.pop() {
        done.push((n, b.finish()));
    }
    done.sort_by_key(|(n, _)| *n);
    done.into_iter()
        .map(|(n, mut sheet)| {
            sheet.name = format!("表{n}");
            sheet
        })
        .collect()
}

fn with_table(open: &mut [(usize, Building)], f: impl FnOnce(&mut Building)) {
    if let Some((_, b)) = open.last_mut() {
        f(b);
    }
}

/// Text goes into the cell being read, if any (text between cells is not a cell's).
fn text_into(open: &mut [(usize, Building)], text: &str) {
    if let Some((_, b)) = open.last_mut() {
        if let Some((cell, _)) = b.cell.as_mut() {
            decode_entities_into(text, cell);
        }
    }
}

/// Where `</name` next begins in `s`, in any case (`</SCRIPT`), without copying what is searched.
fn find_close(s: &str, name: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(i) = s.get(from..)?.find("</") {
        let at = from + i;
        if bytes.get(at + 2..at + 2 + name.len()).is_some_and(|b| b.eq_ignore_ascii_case(name.as_bytes())) {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// Where a tag that begins `s` (at its `<`) ends: after its `>`, outside quoted attribute values.
fn tag_end(s: &str) -> usize {
    let mut quote: Option<u8> = None;
    for (i, b) in s.bytes().enumerate().skip(1) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// A `colspan`/`rowspan` attribute's value (1 when absent or not a number).
fn span(tag: &str, attribute: &str) -> u32 {
    let lower = tag.to_ascii_lowercase();
    let Some(at) = lower.find(attribute) else { return 1 };
    let value = lower[at + attribute.len()..].trim_start();
    let Some(value) = value.strip_prefix('=') else { return 1 };
    let digits: String =
        value.trim_start().trim_start_matches(['"', '\'']).chars().take_while(char::is_ascii_digit).collect();
    digits.parse().unwrap_or(1).max(1)
}

/// A cell's text as shown: runs of white space one space, around line breaks none, trimmed.
fn collapse(text: &str) -> String {
    let lines: Vec<String> = text
        .split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

/// Appends text with HTML's character references resolved: `&amp;`, `&nbsp;`, `&#20154;`, `&#x4eba;`;
/// an unknown one stays as written. A no-break space is a space.
fn decode_entities_into(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
                _ => {
                    let code = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                        u32::from_str_radix(hex, 16).ok()?
                    } else {
                        name.strip_prefix('#')?.parse().ok()?
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(if c == '\u{A0}' { ' ' } else { c });
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.extend(rest.chars().map(|c| if c == '\u{A0}' { ' ' } else { c }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(sheet: &Sheet) -> Vec<(u32, Vec<String>)> {
        sheet.row_numbers.iter().zip(&sheet.rows).map(|(&n, r)| (n, r.iter().map(str::to_string).collect())).collect()
    }

    #[test]
    fn a_table_with_spans_entities_and_unclosed_cells() {
        let html = r#"<html><head><meta charset="gbk"><title>不是表格</title><style>td{mso-number-format:"\@";}</style>
            <script>var a = "<table><tr><td>x</td></tr></table>";</script></head><body>
            <!-- <table><tr><td>commented out</td></tr></table> -->
            <TABLE border=1>
            <tr><td colspan="3" align=center>某市民政基础数据表</td></tr>
            <tr><th rowspan=2>地区</th><th colspan='2'>常住人口（人）</th></tr>
            <tr><th>合计<th>其中：城镇</tr>
            <tr><td>铁东&amp;区</td><td x:num="462345">462,345</td><td>455&#44;120</td></tr>
            <tr><td>台安<br/>县</td><td> 285119 </td><td>121543&nbsp;</td>
            <tr><td></td><td></td><td></td></tr>
            <tr><td>合  计</td><td>747464</td><td>576663</td></tr>
            <tr><td>注：1 < 2 且 3 > 2</td></tr>
            </TABLE></body></html>"#;
        assert!(is_html_table(html));
        let sheets = tables(html);
        assert_eq!(sheets.len(), 1);
        let s = &sheets[0];
        assert_eq!(s.name, "表1");
        assert_eq!(
            rows(s),
            [
                (1, vec!["某市民政基础数据表".to_string(), String::new(), String::new()]),
                (2, vec!["地区".into(), "常住人口（人）".into(), String::new()]),
                (3, vec![String::new(), "合计".into(), "其中：城镇".into()]),
                (4, vec!["铁东&区".into(), "462,345".into(), "455,120".into()]),
                (5, vec!["台安\n县".into(), "285119".into(), "121543".into()]),
                (7, vec!["合 计".into(), "747464".into(), "576663".into()]),
                (8, vec!["注：1 < 2 且 3 > 2".into()]),
            ]
        );
        assert_eq!(
            s.merges,
            [
                Merge { first_row: 1, last_row: 1, first_col: 0, last_col: 2 },
                Merge { first_row: 2, last_row: 3, first_col: 0, last_col: 0 },
                Merge { first_row: 2, last_row: 2, first_col: 1, last_col: 2 },
            ]
        );
    }

    #[test]
    fn not_a_table_and_hostile_spans() {
        assert!(!is_html_table("地区,常住人口\n<b>,1\n"));
        assert!(!is_html_table("<html><body><p>没有表格</p></body></html>"));
        assert_eq!(tables("<table><tr><td>未闭合的标签 <表").len(), 1);
        let sheets = tables("<table><tr><td colspan=99999999 rowspan=99999999>x</td><td>y</td></tr><tr><td>z");
        assert_eq!(sheets.len(), 1);
        assert_eq!(sheets[0].rows[0].len(), 1001);
        assert_eq!(sheets[0].merges[0], Merge { first_row: 1, last_row: 1000, first_col: 0, last_col: 999 });
        // The second row's cell comes after the columns the span covers.
        assert_eq!(sheets[0].rows[1].get(1000), Some("z"));
        // Nested tables: each its own sheet, in the order they start.
        let nested = tables("<table><tr><td>外<table><tr><td>内</td></tr></table></td></tr></table>");
        assert_eq!(nested.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["表1", "表2"]);
        assert_eq!(nested[1].rows[0].get(0), Some("内"));
    }

    /// Pieces of pages in any order (cut tags, quotes, references, spans, multi-byte text): read without a
    /// panic, every row as long as its widest cell.
    #[test]
    fn any_soup_of_pieces_is_read_without_a_panic() {
        const PIECES: [&str; 24] = [
            "<table>",
            "</table>",
            "<tr>",
            "</tr>",
            "<td>",
            "</td>",
            "<th colspan=2>",
            "<td rowspan='3'>",
            "<br>",
            "<td colspan=\"x\">",
            "&#x4eba;",
            "&amp",
            "&#99999999;",
            "表",
            "<",
            ">",
            "\"",
            "'",
            "<!--",
            "-->",
            "<script>",
            "</script",
            "<x:td",
            "\u{A0}",
        ];
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _ in 0..3_000 {
            let page: String = (0..next(60)).map(|_| PIECES[next(PIECES.len() as u64) as usize]).collect();
            for sheet in tables(&page) {
                assert_eq!(sheet.rows.len(), sheet.row_numbers.len(), "{page}");
                assert!(sheet.merges.iter().all(|m| m.first_row <= m.last_row && m.first_col <= m.last_col), "{page}");
            }
            let _ = is_html_table(&page);
        }
    }
}
