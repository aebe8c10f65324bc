//! Writes the workbooks people print, to look at them in Excel, WPS or LibreOffice
//! (`soffice --headless --convert-to pdf`): a county's own workbook in Chinese and English, the template,
//! and the batch results of the template's example row.
//!
//! `cargo run --quiet -p minzheng-batch --example exports -- <directory>`

use minzheng_batch::{write, Batch, EncodingRs};
use minzheng_text::Lang;

#[path = "../tests/support/county.rs"]
mod county;
use county::COUNTY;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).ok_or("usage: exports <directory>")?);
    std::fs::create_dir_all(&dir)?;
    for lang in [Lang::Zh, Lang::En] {
        let bytes = write::locality_xlsx(COUNTY, lang, "2026-12-03")?;
        std::fs::write(dir.join(format!("locality-{}.xlsx", lang.code())), bytes)?;
    }
    let template = write::template_xlsx()?;
    std::fs::write(dir.join("template.xlsx"), &template)?;
    std::fs::write(dir.join("template.csv"), write::template_csv())?;
    let batch = Batch::from_bytes(&template, &EncodingRs)?;
    std::fs::write(dir.join("results.xlsx"), write::to_xlsx(&batch)?)?;
    Ok(())
}
