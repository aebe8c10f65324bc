//! Writing XLSX: workbooks with inline strings, numbers, a fixed set of cell styles, column widths, a
//! frozen header and an autofilter (what the batch export and templates use, nothing more), deflated
//! straight into a ZIP as the cells come.

use super::xml;
use super::zip::ZipWriter;
use crate::BatchError;

/// The cell styles the writer knows (their order is `STYLES`' `cellXfs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Default = 0,
    /// Bold on light blue, wrapped, centred: the results' header.
    Header = 1,
    /// Text format (`@`).
    Text = 2,
    /// `#,##0`
    Count = 3,
    /// `#,##0.00`
    Decimal = 4,
    /// Bold on grey: the totals row.
    TotalLabel = 5,
    TotalCount = 6,
    TotalDecimal = 7,
    /// `#,##0` in dark red on light red: a gap of a count (the row's status column says 未达标 in words).
    Unmet = 8,
    /// Wrapped, top-aligned.
    Wrap = 9,
    /// Bold on light blue, wrapped: the quotes sheet's header.
    PlainHeader = 10,
    /// Bold dark red on light red: a 未达标 status cell (the word and the fill, not colour alone).
    StatusUnmet = 11,
    // A printed table with borders (one locality's workbook).
    /// Bold, 16 points, centred: a sheet's title.
    Title = 12,
    /// Bold, no border: a section's heading or a line under the title.
    Bold = 13,
    /// Bold on light blue, bordered, centred and wrapped: a printed table's header.
    TableHeader = 14,
    /// Bold on grey, bordered: a group's row (the plan's chapter).
    GroupRow = 15,
    /// Bordered, wrapped, vertically centred.
    Cell = 16,
    /// Bordered `#,##0`.
    CellCount = 17,
    /// Bordered `#,##0.00`.
    CellDecimal = 18,
    /// The same three on light red: a row that is 未达标.
    UnmetCell = 19,
    UnmetCount = 20,
    UnmetDecimal = 21,
    /// Bold dark red on light red, bordered, centred: the status of a row that is 未达标.
    UnmetStatus = 22,
    /// Bordered, centred.
    CellCentre = 23,
    /// Bordered, centred, on light red.
    UnmetCentre = 24,
    /// `#,##0.00` in dark red on light red: a gap of money or area (`#,##0.##` showed a whole 2 as "2." in
    /// Excel).
    UnmetFraction = 25,
    /// Bordered, wrapped, in the text format (`@`): a locality's name, which editing must keep as text.
    CellText = 26,
}

const STYLES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    r#"<fonts count="5"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#,
    r#"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#,
    r#"<font><sz val="11"/><color rgb="FFC00000"/><name val="Calibri"/><family val="2"/></font>"#,
    r#"<font><b/><sz val="16"/><name val="Calibri"/><family val="2"/></font>"#,
    r#"<font><b/><sz val="11"/><color rgb="FF9C0006"/><name val="Calibri"/><family val="2"/></font></fonts>"#,
    r#"<fills count="5"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#,
    r#"<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill>"#,
    r#"<fill><patternFill patternType="solid"><fgColor rgb="FFF2F2F2"/><bgColor indexed="64"/></patternFill></fill>"#,
    r#"<fill><patternFill patternType="solid"><fgColor rgb="FFFFC7CE"/><bgColor indexed="64"/></patternFill></fill></fills>"#,
    r#"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#,
    r#"<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>"#,
    r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
    r#"<cellXfs count="27">"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>"#,
    r#"<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="3" borderId="0" xfId="0" applyFont="1" applyFill="1"/>"#,
    r#"<xf numFmtId="3" fontId="1" fillId="3" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1"/>"#,
    r#"<xf numFmtId="4" fontId="1" fillId="3" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1"/>"#,
    r#"<xf numFmtId="3" fontId="2" fillId="4" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1"/>"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment wrapText="1"/></xf>"#,
    r#"<xf numFmtId="0" fontId="4" fillId="4" borderId="0" xfId="0" applyFont="1" applyFill="1"/>"#,
    r#"<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="3" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"/>"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>"#,
    r#"<xf numFmtId="3" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>"#,
    r#"<xf numFmtId="4" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>"#,
    r#"<xf numFmtId="0" fontId="0" fillId="4" borderId="1" xfId="0" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>"#,
    r#"<xf numFmtId="3" fontId="0" fillId="4" borderId="1" xfId="0" applyNumberFormat="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>"#,
    r#"<xf numFmtId="4" fontId="0" fillId="4" borderId="1" xfId="0" applyNumberFormat="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>"#,
    r#"<xf numFmtId="0" fontId="4" fillId="4" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>"#,
    r#"<xf numFmtId="0" fontId="0" fillId="4" borderId="1" xfId="0" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>"#,
    r#"<xf numFmtId="4" fontId="2" fillId="4" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1"/>"#,
    r#"<xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>"#,
    r#"</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#,
    r#"<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/></styleSheet>"#,
);

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// How a sheet looks, fixed before its cells are written.
#[derive(Debug, Clone, Default)]
pub struct SheetOptions {
    /// Column widths in characters, from column A.
    pub widths: Vec<u16>,
    /// The first row's height in points.
    pub header_height: Option<u16>,
    /// Frozen rows and columns (top left).
    pub freeze: (u32, u32),
    /// An autofilter over A1 to (last row, last column), 0-based.
    pub autofilter: Option<(u32, u32)>,
    /// How the sheet prints, where it is meant to be printed.
    pub print: Option<Print>,
    /// Heights in points of rows other than the first, by 0-based row.
    pub heights: Vec<(u32, u16)>,
}

/// A sheet's print setup: A4, one page wide (as many pages long as it takes), the header rows (and first
/// columns) on every page, a footer.
#[derive(Debug, Clone, Default)]
pub struct Print {
    pub landscape: bool,
    /// Rows repeated at the top of every page, 0-based, first and last.
    pub title_rows: Option<(u32, u32)>,
    /// Columns repeated at the left of every page, 0-based, first and last.
    pub title_cols: Option<(u32, u32)>,
    /// The footer in Excel's codes (`&P` the page, `&N` the pages), centred; as text, not yet escaped.
    pub footer: Option<String>,
}

/// A workbook written sheet by sheet straight into a deflated ZIP: `sheet` (cells in row order,
/// columns ascending within a row), `SheetWriter::end`, …, `finish`.
pub struct Workbook {
    zip: ZipWriter,
    names: Vec<String>,
    /// Defined names: (name, sheet index, formula), as `workbook.xml` lists them.
    defined: Vec<(&'static str, usize, String)>,
    expected: usize,
    /// A text longer than a cell can hold was written (the workbook is then refused, as Excel would).
    too_long: bool,
}

/// The most characters a cell can hold.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Column letters: 0 → A, 25 → Z, 26 → AA.
pub fn column_name(mut col: u32, out: &mut Vec<u8>) {
    let mut letters = [0u8; 4];
    let mut n = 0;
    loop {
        letters[n] = b'A' + (col % 26) as u8;
        n += 1;
        if col < 26 || n == letters.len() {
            break;
        }
        col = col / 26 - 1;
    }
    out.extend(letters[..n].iter().rev());
}

fn push_u32(out: &mut Vec<u8>, v: u32) {
    let mut digits = [0u8; 10];
    let mut n = 0;
    let mut v = v;
    loop {
        digits[n] = b'0' + (v % 10) as u8;
        n += 1;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend(digits[..n].iter().rev());
}

/// A width of `chars` characters as Excel stores it (Calibri 11: 7-pixel digits, 5 pixels of padding,
/// in 1/256 of a character): exact, so written without floating point.
fn push_width(out: &mut Vec<u8>, chars: u16) {
    let units = (u32::from(chars) * 7 + 5) * 256 / 7; // 1/256 characters
    push_u32(out, units / 256);
    let mut frac = units % 256;
    if frac != 0 {
        out.push(b'.');
        while frac != 0 {
            frac *= 10;
            out.push(b'0' + (frac / 256) as u8);
            frac %= 256;
        }
    }
}

fn push_ref(out: &mut Vec<u8>, row: u32, col: u32) {
    column_name(col, out);
    push_u32(out, row + 1);
}

impl Workbook {
    /// A workbook that will have `sheets` sheets.
    pub fn new(sheets: usize) -> Result<Workbook, BatchError> {
        let mut zip = ZipWriter::new(LEVEL);
        zip.start("[Content_Types].xml")?;
        let mut t = String::from(XML_HEAD);
        t.push_str(concat!(
            r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
            r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
            r#"<Default Extension="xml" ContentType="application/xml"/>"#,
            r#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
            r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
        ));
        for i in 1..=sheets {
            t.push_str(&format!(
                r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            ));
        }
        t.push_str("</Types>");
        zip.write(t.as_bytes());
        zip.start("_rels/.rels")?;
        zip.write(
            format!(
                r#"{XML_HEAD}<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            )
            .as_bytes(),
        );
        zip.start("xl/styles.xml")?;
        zip.write(STYLES.as_bytes());
        Ok(Workbook { zip, names: Vec::new(), defined: Vec::new(), expected: sheets, too_long: false })
    }

    /// Starts the next sheet.
    pub fn sheet(&mut self, name: &str, options: &SheetOptions) -> Result<SheetWriter<'_>, BatchError> {
        let index = self.names.len();
        if index >= self.expected {
            return Err(BatchError::TooManySheets);
        }
        self.names.push(name.to_string());
        self.zip.start(&format!("xl/worksheets/sheet{}.xml", index + 1))?;
        let mut x = Vec::with_capacity(1024);
        x.extend_from_slice(XML_HEAD.as_bytes());
        x.extend_from_slice(format!(r#"<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">"#).as_bytes());
        if options.print.is_some() {
            // Fit to the page's width (pageSetup's fitToWidth/fitToHeight say how).
            x.extend_from_slice(br#"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#);
        }
        x.extend_from_slice(b"<sheetViews><sheetView ");
        if index == 0 {
            x.extend_from_slice(br#"tabSelected="1" "#);
        }
        x.extend_from_slice(br#"workbookViewId="0">"#);
        let (rows, cols) = options.freeze;
        if rows > 0 || cols > 0 {
            let pane: &[u8] = match (rows > 0, cols > 0) {
                (true, true) => b"bottomRight",
                (true, false) => b"bottomLeft",
                _ => b"topRight",
            };
            x.extend_from_slice(b"<pane");
            if cols > 0 {
                x.extend_from_slice(b" xSplit=\"");
                push_u32(&mut x, cols);
                x.push(b'"');
            }
            if rows > 0 {
                x.extend_from_slice(b" ySplit=\"");
                push_u32(&mut x, rows);
                x.push(b'"');
            }
            x.extend_from_slice(b" topLeftCell=\"");
            push_ref(&mut x, rows, cols);
            x.extend_from_slice(b"\" activePane=\"");
            x.extend_from_slice(pane);
            x.extend_from_slice(b"\" state=\"frozen\"/><selection pane=\"");
            x.extend_from_slice(pane);
            x.extend_from_slice(b"\"/>");
        }
        x.extend_from_slice(br#"</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>"#);
        if !options.widths.is_empty() {
            x.extend_from_slice(b"<cols>");
            for (i, &w) in options.widths.iter().enumerate() {
                x.extend_from_slice(b"<col min=\"");
                push_u32(&mut x, i as u32 + 1);
                x.extend_from_slice(b"\" max=\"");
                push_u32(&mut x, i as u32 + 1);
                x.extend_from_slice(b"\" width=\"");
                push_width(&mut x, w);
                x.extend_from_slice(b"\" customWidth=\"1\"/>");
            }
            x.extend_from_slice(b"</cols>");
        }
        x.extend_from_slice(b"<sheetData>");
        self.zip.write(&x);
        let quoted_name = {
            let mut quoted = Vec::new();
            xml::escape_into(&name.replace('\'', "''"), &mut quoted);
            format!("'{}'", String::from_utf8_lossy(&quoted))
        };
        let mut filter = Vec::new();
        if let Some((last_row, last_col)) = options.autofilter {
            filter.extend_from_slice(b"<autoFilter ref=\"A1:");
            push_ref(&mut filter, last_row, last_col);
            filter.extend_from_slice(b"\"/>");
            let mut absolute = Vec::from(&b"$A$1:$"[..]);
            column_name(last_col, &mut absolute);
            absolute.push(b'$');
            push_u32(&mut absolute, last_row + 1);
            self.defined.push((
                "_xlnm._FilterDatabase",
                index,
                format!("{quoted_name}!{}", String::from_utf8_lossy(&absolute)),
            ));
        }
        let mut tail = Vec::new();
        tail.extend_from_slice(
            br#"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#,
        );
        if let Some(print) = &options.print {
            // Margins for A4 with a footer, set before pageSetup as the schema orders them.
            tail.clear();
            tail.extend_from_slice(br#"<printOptions horizontalCentered="1"/>"#);
            tail.extend_from_slice(
                br#"<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.6" header="0.3" footer="0.3"/>"#,
            );
            tail.extend_from_slice(br#"<pageSetup paperSize="9" orientation=""#);
            tail.extend_from_slice(if print.landscape { b"landscape" } else { b"portrait" });
            tail.extend_from_slice(br#"" fitToWidth="1" fitToHeight="0"/>"#);
            if let Some(footer) = &print.footer {
                tail.extend_from_slice(b"<headerFooter><oddFooter>&amp;C");
                xml::escape_into(footer, &mut tail);
                tail.extend_from_slice(b"</oddFooter></headerFooter>");
            }
            let mut titles = Vec::new();
            if let Some((first, last)) = print.title_cols {
                let mut range = format!("{quoted_name}!$").into_bytes();
                column_name(first, &mut range);
                range.extend_from_slice(b":$");
                column_name(last, &mut range);
                titles.push(String::from_utf8_lossy(&range).into_owned());
            }
            if let Some((first, last)) = print.title_rows {
                titles.push(format!("{quoted_name}!${}:${}", first + 1, last + 1));
            }
            if !titles.is_empty() {
                self.defined.push(("_xlnm.Print_Titles", index, titles.join(",")));
            }
        }
        tail.extend_from_slice(b"</worksheet>");
        Ok(SheetWriter {
            wb: self,
            row: None,
            header_height: options.header_height,
            heights: options.heights.clone(),
            filter,
            merges: Vec::new(),
            tail,
        })
    }

    pub fn finish(mut self) -> Result<Vec<u8>, BatchError> {
        if self.names.len() != self.expected {
            return Err(BatchError::SheetCountMismatch);
        }
        if self.too_long {
            return Err(BatchError::CellTooLong { max: MAX_CELL_CHARS });
        }
        let mut x = Vec::new();
        x.extend_from_slice(XML_HEAD.as_bytes());
        x.extend_from_slice(
            format!(r#"<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><bookViews><workbookView/></bookViews><sheets>"#)
                .as_bytes(),
        );
        for (i, name) in self.names.iter().enumerate() {
            x.extend_from_slice(b"<sheet name=\"");
            xml::escape_into(name, &mut x);
            x.extend_from_slice(format!(r#"" sheetId="{}" r:id="rId{}"/>"#, i + 1, i + 1).as_bytes());
        }
        x.extend_from_slice(b"</sheets>");
        if !self.defined.is_empty() {
            x.extend_from_slice(b"<definedNames>");
            for (name, sheet, range) in &self.defined {
                let hidden = if *name == "_xlnm._FilterDatabase" { r#" hidden="1""# } else { "" };
                x.extend_from_slice(
                    format!(r#"<definedName name="{name}" localSheetId="{sheet}"{hidden}>{range}</definedName>"#)
                        .as_bytes(),
                );
            }
            x.extend_from_slice(b"</definedNames>");
        }
        x.extend_from_slice(b"</workbook>");
        self.zip.start("xl/workbook.xml")?;
        self.zip.write(&x);
        let mut r = String::from(XML_HEAD);
        r.push_str(&format!(r#"<Relationships xmlns="{PKG_REL_NS}">"#));
        for i in 1..=self.names.len() {
            r.push_str(&format!(
                r#"<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>"#
            ));
        }
        r.push_str(&format!(
            r#"<Relationship Id="rId{}" Type="{REL_NS}/styles" Target="styles.xml"/></Relationships>"#,
            self.names.len() + 1
        ));
        self.zip.start("xl/_rels/workbook.xml.rels")?;
        self.zip.write(r.as_bytes());
        self.zip.finish()
    }
}

/// The lines a wrapped text takes in a column `width` characters wide (Excel's characters: the width of a
/// digit; a Chinese character takes about two). Neither Excel nor LibreOffice grows a written row to fit
/// its wrapped text when the file opens, so a printed table sets its rows' heights from this.
pub fn wrapped_lines(text: &str, width: u16) -> u32 {
    // In twentieths of a character: LibreOffice fits 18 Chinese characters in a column 34 wide.
    let room = u32::from(width.max(1)) * 20;
    text.split('\n')
        .map(|line| {
            let wide = line.chars().map(|c| if (c as u32) < 0x1100 { 20 } else { 37 }).sum::<u32>();
            wide.div_ceil(room).max(1)
        })
        .sum()
}

/// A row's height in points for `lines` lines of 11-point text.
pub fn height_for_lines(lines: u32) -> u16 {
    (lines.clamp(1, 27) * 15 + 2) as u16
}

/// Deflate level of the parts: 1 (fastest). The XML of a sheet is so repetitive that the gain of
/// higher levels is small, and a 40,000-row export stays well under a second.
const LEVEL: u8 = 1;

/// A sheet being written. Cells must come in row order (columns ascending within a row).
pub struct SheetWriter<'w> {
    wb: &'w mut Workbook,
    row: Option<u32>,
    header_height: Option<u16>,
    heights: Vec<(u32, u16)>,
    /// The autoFilter element, and the merged ranges (first row, first column, last row, last column):
    /// written after the cells, as the schema orders them.
    filter: Vec<u8>,
    merges: Vec<(u32, u32, u32, u32)>,
    tail: Vec<u8>,
}

impl SheetWriter<'_> {
    fn cell_start(&mut self, row: u32, col: u32, style: Style) -> &mut Vec<u8> {
        if self.row != Some(row) {
            if self.row.is_some() {
                self.wb.zip.buffer().extend_from_slice(b"</row>");
                self.wb.zip.maybe_flush();
            }
            self.row = Some(row);
            let height = if row == 0 {
                self.header_height
            } else {
                self.heights.iter().find(|(r, _)| *r == row).map(|&(_, h)| h)
            };
            let out = self.wb.zip.buffer();
            out.extend_from_slice(b"<row r=\"");
            push_u32(out, row + 1);
            out.push(b'"');
            if let Some(h) = height {
                out.extend_from_slice(b" ht=\"");
                push_u32(out, u32::from(h));
                out.extend_from_slice(b"\" customHeight=\"1\"");
            }
            out.push(b'>');
        }
        let out = self.wb.zip.buffer();
        out.extend_from_slice(b"<c r=\"");
        push_ref(out, row, col);
        out.push(b'"');
        if style != Style::Default {
            out.extend_from_slice(b" s=\"");
            push_u32(out, style as u32);
            out.push(b'"');
        }
        out
    }

    /// A text cell (an inline string; never a formula, whatever the text).
    pub fn string(&mut self, row: u32, col: u32, text: &str, style: Style) {
        if text.len() > MAX_CELL_CHARS && text.chars().count() > MAX_CELL_CHARS {
            self.wb.too_long = true;
        }
        let out = self.cell_start(row, col, style);
        out.extend_from_slice(b" t=\"inlineStr\"><is><t");
        let edge = |c: Option<char>| c.is_some_and(|c| matches!(c, ' ' | '\t' | '\n' | '\r'));
        if edge(text.chars().next()) || edge(text.chars().last()) {
            out.extend_from_slice(b" xml:space=\"preserve\"");
        }
        out.push(b'>');
        xml::escape_into(text, out);
        out.extend_from_slice(b"</t></is></c>");
    }

    /// A number cell; `value` is plain decimal text (`-12.5`), as `format::plain` writes it.
    pub fn number(&mut self, row: u32, col: u32, value: &str, style: Style) {
        let out = self.cell_start(row, col, style);
        out.extend_from_slice(b"><v>");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"</v></c>");
    }

    /// An empty cell with a style.
    pub fn blank(&mut self, row: u32, col: u32, style: Style) {
        let out = self.cell_start(row, col, style);
        out.extend_from_slice(b"/>");
    }

    /// Sets a row's height in points; before the row's first cell.
    pub fn row_height(&mut self, row: u32, points: u16) {
        self.heights.push((row, points));
    }

    /// Merges the cells from (`row`, `col`) to (`last_row`, `last_col`), 0-based; the first cell's value shows.
    pub fn merge(&mut self, row: u32, col: u32, last_row: u32, last_col: u32) {
        self.merges.push((row, col, last_row, last_col));
    }

    /// Ends the sheet.
    pub fn end(self) {
        let SheetWriter { wb, row, filter, merges, tail, .. } = self;
        if row.is_some() {
            wb.zip.write(b"</row>");
        }
        let mut x = b"</sheetData>".to_vec();
        x.extend_from_slice(&filter);
        if !merges.is_empty() {
            x.extend_from_slice(b"<mergeCells count=\"");
            push_u32(&mut x, merges.len() as u32);
            x.extend_from_slice(b"\">");
            for (r0, c0, r1, c1) in merges {
                x.extend_from_slice(b"<mergeCell ref=\"");
                push_ref(&mut x, r0, c0);
                x.push(b':');
                push_ref(&mut x, r1, c1);
                x.extend_from_slice(b"\"/>");
            }
            x.extend_from_slice(b"</mergeCells>");
        }
        wb.zip.write(&x);
        wb.zip.write(&tail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_and_widths() {
        let name = |c| {
            let mut v = Vec::new();
            column_name(c, &mut v);
            String::from_utf8(v).unwrap()
        };
        assert_eq!(
            [name(0), name(25), name(26), name(701), name(702), name(16_383)],
            ["A", "Z", "AA", "ZZ", "AAA", "XFD"]
        );
        let width = |w| {
            let mut v = Vec::new();
            push_width(&mut v, w);
            String::from_utf8(v).unwrap()
        };
        assert_eq!(width(14), "14.7109375");
        assert_eq!(width(6), "6.7109375");
    }

    #[test]
    fn wrapped_text_takes_lines_by_its_width() {
        // 18 Chinese characters fit a column 34 wide (as LibreOffice prints it); 19 do not.
        assert_eq!(wrapped_lines(&"乡".repeat(18), 34), 1);
        assert_eq!(wrapped_lines(&"乡".repeat(19), 34), 2);
        assert_eq!(wrapped_lines("≥ 416", 20), 1);
        assert_eq!(wrapped_lines("a\nb\nc", 20), 3, "each line break");
        assert_eq!(wrapped_lines("", 20), 1);
        assert_eq!(wrapped_lines(&"x".repeat(45), 20), 3);
        assert_eq!((height_for_lines(1), height_for_lines(3), height_for_lines(100)), (17, 47, 407));
    }
}
