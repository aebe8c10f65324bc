//! The batch importer on XLSX workbooks. Two kinds of input:
//!   - bytes that begin with the zip signature (`PK\x03\x04`) are read as they are: mutated real
//!     workbooks (the template, an export, one written by openpyxl) exercise the zip layer;
//!   - anything else is the text of the first worksheet and, after a `\0\0`, of the shared strings,
//!     wrapped by this harness into a valid workbook (correct CRCs), so that mutations reach the XML
//!     reading (crates/batch/src/xlsx/read.rs, xml.rs) and the cell → text → number path instead of failing the zip
//!     checksum.
//!
//! Never panics; a workbook that reads is computed, shown and exported like any other.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minzheng_batch::xlsx::zip::ZipWriter;

#[path = "batch_common.rs"]
mod batch_common;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>{SHARED}</Relationships>"#;
const SHARED_REL: &str = r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#;

fn workbook(sheet: &[u8], shared: &[u8]) -> Vec<u8> {
    // The crate's own writer (deflate level 1: fast); a mutated archive is the other kind of input.
    let mut zip = ZipWriter::new(1);
    // Without shared strings (openpyxl writes inline strings) the part and its relationship are left out.
    let rels = WORKBOOK_RELS.replace("{SHARED}", if shared.is_empty() { "" } else { SHARED_REL });
    let mut parts = vec![
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    if !shared.is_empty() {
        parts.push(("xl/sharedStrings.xml", shared));
    }
    for (name, body) in parts {
        zip.start(name).expect("zip entry");
        zip.write(body);
    }
    zip.finish().expect("zip finish")
}

fuzz_target!(|data: &[u8]| {
    if data.starts_with(b"PK\x03\x04") {
        batch_common::exercise(data, false);
        return;
    }
    let (sheet, shared) = match data.windows(2).position(|w| w == b"\0\0") {
        Some(at) => (&data[..at], &data[at + 2..]),
        None => (data, &b""[..]),
    };
    // Small inputs also go through the XLSX export and back (the writer and reader of this crate).
    batch_common::exercise(&workbook(sheet, shared), data.len() < 512);
});
