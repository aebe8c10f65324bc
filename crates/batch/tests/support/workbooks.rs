//! Workbooks written by hand, for the XLSX reader's tests: parts deflated by the crate's own writer
//! (`zip_parts`, `workbook_with`), and archives written field by field (`raw_zip`) to make the damaged and
//! hostile ones.

#![allow(dead_code)] // each test file takes what it needs

use minzheng_batch::xlsx::zip::ZipWriter;

pub const CT: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#;
pub const NS: &str = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
pub const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A workbook of the given parts, deflated by the crate's own writer.
pub fn zip_parts(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut w = ZipWriter::new(6);
    for (name, body) in parts {
        w.start(name).unwrap();
        w.write(body.as_bytes());
    }
    w.finish().unwrap()
}

/// The usual parts around one sheet (and optional shared strings).
pub fn workbook_with(sheet_data: &str, shared: Option<&str>) -> Vec<u8> {
    let sheet = format!(r#"<?xml version="1.0"?><worksheet {NS}><sheetData>{sheet_data}</sheetData></worksheet>"#);
    let mut rels = format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>"#
    );
    if shared.is_some() {
        rels.push_str(&format!(
            r#"<Relationship Id="rId9" Type="{REL}/sharedStrings" Target="/xl/sharedStrings.xml"/>"#
        ));
    }
    rels.push_str("</Relationships>");
    let workbook = format!(r#"<workbook {NS}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#);
    let mut parts = vec![
        ("[Content_Types].xml", CT.to_string()),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", rels),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    if let Some(s) = shared {
        parts.push(("xl/sharedStrings.xml", format!(r#"<sst {NS}>{s}</sst>"#)));
    }
    let parts: Vec<(&str, &str)> = parts.iter().map(|(n, b)| (*n, b.as_str())).collect();
    zip_parts(&parts)
}

/// A zip archive written field by field, to make the damaged and hostile ones.
pub struct RawEntry<'a> {
    pub name: &'a str,
    pub method: u16,
    pub flags: u16,
    pub data: Vec<u8>,
    pub size: u32,
    pub crc: u32,
}

pub fn raw_zip(entries: &[RawEntry], zip64_locator: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let fields = |v: &mut Vec<u8>| {
            v.extend_from_slice(&20u16.to_le_bytes());
            v.extend_from_slice(&e.flags.to_le_bytes());
            v.extend_from_slice(&e.method.to_le_bytes());
            v.extend_from_slice(&[0, 0, 0x21, 0]);
            v.extend_from_slice(&e.crc.to_le_bytes());
            v.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
            v.extend_from_slice(&e.size.to_le_bytes());
            v.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            v.extend_from_slice(&[0, 0]);
        };
        out.extend_from_slice(b"PK\x03\x04");
        fields(&mut out);
        out.extend_from_slice(e.name.as_bytes());
        out.extend_from_slice(&e.data);
        central.extend_from_slice(b"PK\x01\x02\x14\x00");
        fields(&mut central);
        central.extend_from_slice(&[0; 10]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(e.name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    if zip64_locator {
        out.extend_from_slice(b"PK\x06\x07");
        out.extend_from_slice(&[0; 16]);
    }
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

pub fn stored<'a>(name: &'a str, data: &[u8]) -> RawEntry<'a> {
    RawEntry { name, method: 0, flags: 0, data: data.to_vec(), size: data.len() as u32, crc: crc32fast::hash(data) }
}
