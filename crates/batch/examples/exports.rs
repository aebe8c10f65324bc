//! Writes the workbooks people print, to look at them in Excel, WPS or LibreOffice
//! (`soffice --headless --convert-to pdf`): a county's own workbook in Chinese and English, the template,
//! and the batch results of the template's example row.
//!
//! `cargo run --quiet -p minzheng-batch --example exports -- <directory>`

use minzheng_batch::{write, Batch, EncodingRs};
use minzheng_text::Lang;

/// A county with some current provision, one target met, some unmet, one missing input.
const COUNTY: [(&str, &str); 16] = [
    ("name", "示例县"),
    ("level", "county"),
    ("resident_population", "500000"),
    ("urban_resident_population", "231109"),
    ("registered_population", "480000"),
    ("households", "170001"),
    ("elderly_population", "123456"),
    ("townships", "12"),
    ("subdistricts", "5"),
    ("eldercare_beds", "3200"),
    ("urban_dibao_monthly", "672"),
    ("urban_consumption_growth_pct", "5"),
    ("current.community_workers", "400"),
    ("current.nursing_beds", "1800"),
    ("current.social_work_stations", "17"),
    ("current.dibao_urban_next_year", "700"),
];

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
