//! Reading XML Spreadsheet 2003 (SpreadsheetML): one XML document that report tools and older systems
//! export under an `.xls` name, and that Excel opens as a workbook. Each `<Worksheet ss:Name>` is a sheet:
//! `<Row ss:Index>`, `<Cell ss:Index ss:MergeAcross ss:MergeDown>` (merged ranges, as a two-level header
//! needs), the text of its `<Data>` (rich text runs joined); numbers as Excel shows them (15 significant
//! digits; a cell styled as a percentage as `5.2%`); hidden sheets (`<Visible>SheetHidden</Visible>`) kept
//! apart.

use super::read::{number_text, percent_text, shows_percent};
use super::xml::{self, local, Event, Scanner};
use crate::sheet::{Merge, Record, Sheet};

const MAX_COLUMNS: u32 = 16_384;
const MAX_ROW: u32 = 1_048_576;

/// Whether decoded text is an XML Spreadsheet 2003 workbook.
pub fn is_spreadsheet_ml(text: &str) -> bool {
    let start = text.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    let head = start.get(..start.len().min(4096)).unwrap_or(start);
    start.starts_with("<?xml") && head.contains("urn:schemas-microsoft-com:office:spreadsheet")
}

/// An attribute by its local name (`ss:Index` → `Index`).
fn attr<'a>(region: &'a [u8], want: &[u8]) -> Option<&'a [u8]> {
    xml::attrs(region).find(|(name, _)| local(name) == want).map(|(_, v)| v)
}

fn number(region: &[u8], want: &[u8]) -> Option<u32> {
    std::str::from_utf8(attr(region, want)?).ok()?.trim().parse().ok()
}

/// Every worksheet with whether it is hidden, in the workbook's order. A document that ends too soon
/// gives the sheets read so far.
pub fn sheets(text: &str) -> Vec<(Sheet, bool)> {
    let mut sc = Scanner::new(text.as_bytes());
    let mut percent_styles: Vec<String> = Vec::new();
    let mut style_id = String::new();
    let mut out: Vec<(Sheet, bool)> = Vec::new();
    let mut row: u32 = 0;
    let mut cells: Vec<String> = Vec::new();
    let mut col: u32 = 0;
    // The cell being read: its column, style and type; the text of its <Data> so far.
    let mut cell: Option<(usize, bool, bool)> = None;
    let mut data: Option<String> = None;
    let mut visible: Option<String> = None;
    while let Ok(Some(e)) = sc.next() {
        match e {
            Event::Start { name: b"Style", attrs, .. } => {
                style_id = attr(attrs, b"ID").map(text_of).unwrap_or_default();
            }
            Event::Start { name: b"NumberFormat", attrs, .. } => {
                let format = attr(attrs, b"Format").map(text_of).unwrap_or_default();
                if format.eq_ignore_ascii_case("Percent") || shows_percent(&format) {
                    percent_styles.push(style_id.clone());
                }
            }
            Event::Start { name: b"Worksheet", attrs, .. } => {
                let name = attr(attrs, b"Name").map(text_of).unwrap_or_default();
                out.push((Sheet { name, ..Sheet::default() }, false));
                row = 0;
            }
            Event::Start { name: b"Row", attrs, empty } => {
                row = number(attrs, b"Index").unwrap_or(row + 1).min(MAX_ROW);
                col = 0;
                cells.clear();
                if empty {
                    row_done(&mut out, row, &mut cells);
                }
            }
            Event::End { name: b"Row" } => row_done(&mut out, row, &mut cells),
            Event::Start { name: b"Cell", attrs, empty } => {
                let at = number(attrs, b"Index").map_or(col, |i| i.saturating_sub(1)).min(MAX_COLUMNS - 1);
                let across = number(attrs, b"MergeAcross").unwrap_or(0);
                let down = number(attrs, b"MergeDown").unwrap_or(0);
                let last_col = at.saturating_add(across).min(MAX_COLUMNS - 1);
                if let Some((sheet, _)) = out.last_mut() {
                    if last_col > at || down > 0 {
                        let last_row = row.saturating_add(down).min(MAX_ROW);
                        sheet.merges.push(Merge { first_row: row, last_row, first_col: at, last_col });
                    }
                }
                col = last_col + 1;
                let style = attr(attrs, b"StyleID").map(text_of).unwrap_or_default();
                if !empty {
                    cell = Some((at as usize, percent_styles.contains(&style), false));
                }
            }
            Event::End { name: b"Cell" } => {
                if let (Some((at, percent, is_number)), Some(text)) = (cell.take(), data.take()) {
                    if cells.len() <= at {
                        cells.resize(at + 1, String::new());
                    }
                    cells[at] = if is_number { shown_number(&text, percent) } else { text };
                }
            }
            Event::Start { name: b"Data", attrs, .. } => {
                if let Some(c) = cell.as_mut() {
                    c.2 = attr(attrs, b"Type") == Some(b"Number");
                    data = Some(String::new());
                }
            }
            Event::Start { name: b"Visible", empty: false, .. } => visible = Some(String::new()),
            Event::End { name: b"Visible" } => {
                if let (Some(v), Some((_, hidden))) = (visible.take(), out.last_mut()) {
                    *hidden = v.trim().starts_with("SheetHidden") || v.trim().starts_with("SheetVeryHidden");
                }
            }
            Event::Text(t) => {
                if let Some(d) = data.as_mut().filter(|_| cell.is_some()) {
                    xml::unescape_into(t, d);
                } else if let Some(v) = visible.as_mut() {
                    xml::unescape_into(t, v);
                }
            }
            Event::CData(t) => {
                if let Some(d) = data.as_mut().filter(|_| cell.is_some()) {
                    d.push_str(&String::from_utf8_lossy(t));
                }
            }
            _ => {}
        }
    }
    out
}

fn text_of(raw: &[u8]) -> String {
    let mut s = String::new();
    xml::unescape_into(raw, &mut s);
    s
}

fn row_done(out: &mut [(Sheet, bool)], row: u32, cells: &mut Vec<String>) {
    let record: Record = cells.iter().map(String::as_str).collect();
    if let Some((sheet, _)) = out.last_mut() {
        if !record.is_blank() {
            sheet.push(row, record);
        }
    }
    cells.clear();
}

/// A number cell's text as Excel shows it: 15 significant digits, and a percentage as one (0.052 → `5.2%`).
fn shown_number(text: &str, percent: bool) -> String {
    let mut out = String::new();
    let read = if percent { percent_text(text, &mut out) } else { number_text(text.trim(), &mut out) };
    if read {
        out
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:html="http://www.w3.org/TR/REC-html40" xmlns:x="urn:schemas-microsoft-com:office:excel">
 <Styles><Style ss:ID="Default"/><Style ss:ID="s62"><NumberFormat ss:Format="Percent"/></Style>
  <Style ss:ID="s63"><NumberFormat ss:Format="0.0%"/></Style></Styles>
 <Worksheet ss:Name="下拉列表"><Table><Row><Cell><Data ss:Type="String">县</Data></Cell></Row></Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions>
 </Worksheet>
 <Worksheet ss:Name="基础数据">
  <Table ss:ExpandedColumnCount="4">
   <Row><Cell ss:MergeAcross="3"><Data ss:Type="String">某市民政基础数据</Data></Cell></Row>
   <Row ss:Index="3"><Cell ss:MergeDown="1"><Data ss:Type="String">地区</Data></Cell>
    <Cell ss:MergeAcross="1"><Data ss:Type="String">常住人口（人）</Data></Cell>
    <Cell ss:MergeDown="1"><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><B>城镇居民</B>人均消费支出增速</ss:Data></Cell></Row>
   <Row><Cell ss:Index="2"><Data ss:Type="String">合计</Data></Cell><Cell><Data ss:Type="String">其中：城镇</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">铁东区 &amp; 开发区</Data></Cell><Cell ss:Formula="=C5+1"><Data ss:Type="Number">462345.00000000006</Data></Cell>
    <Cell><Data ss:Type="Number">455120</Data></Cell><Cell ss:StyleID="s63"><Data ss:Type="Number">5.2000000000000005E-2</Data></Cell></Row>
   <Row/>
   <Row><Cell><Data ss:Type="String">台安县</Data></Cell><Cell ss:Index="4" ss:StyleID="s62"><Data ss:Type="Number">0.048</Data></Cell></Row>
  </Table>
 </Worksheet>
</Workbook>"#;

    #[test]
    fn an_xml_spreadsheet_with_merges_styles_and_a_hidden_sheet() {
        assert!(is_spreadsheet_ml(BOOK));
        assert!(!is_spreadsheet_ml("<?xml version=\"1.0\"?><html><table></table></html>"));
        let sheets = sheets(BOOK);
        assert_eq!(
            sheets.iter().map(|(s, h)| (s.name.as_str(), *h)).collect::<Vec<_>>(),
            [("下拉列表", true), ("基础数据", false)]
        );
        let s = &sheets[1].0;
        let rows: Vec<(u32, Vec<&str>)> =
            s.row_numbers.iter().zip(&s.rows).map(|(&n, r)| (n, r.iter().collect())).collect();
        assert_eq!(
            rows,
            [
                (1, vec!["某市民政基础数据"]),
                (3, vec!["地区", "常住人口（人）", "", "城镇居民人均消费支出增速"]),
                (4, vec!["", "合计", "其中：城镇"]),
                (5, vec!["铁东区 & 开发区", "462345", "455120", "5.2%"]),
                (7, vec!["台安县", "", "", "4.8%"]),
            ]
        );
        assert_eq!(
            s.merges,
            [
                Merge { first_row: 1, last_row: 1, first_col: 0, last_col: 3 },
                Merge { first_row: 3, last_row: 4, first_col: 0, last_col: 0 },
                Merge { first_row: 3, last_row: 3, first_col: 1, last_col: 2 },
                Merge { first_row: 3, last_row: 4, first_col: 3, last_col: 3 },
            ]
        );
        // Cut anywhere, it gives what it read so far, without a panic.
        for end in (0..BOOK.len()).filter(|&i| BOOK.is_char_boundary(i)) {
            let _ = super::sheets(&BOOK[..end]);
        }
    }
}
