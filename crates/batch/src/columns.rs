//! The columns of the results (`Col`): their ids and headers, which are the calculator's own output,
//! and which add up.

use crate::read;
use minzheng_core::inputs::Key;
use minzheng_core::rules::NORMS;
use minzheng_text::{export, Lang, Word};

/// A column of the results, as the page shows it or a file writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    /// The row number in the file.
    Row,
    Name,
    /// An input field as read (export only).
    Input(usize),
    /// A norm's required value (the page shows a range as `low–high`; files write the lower end here).
    Required(usize),
    /// A range's upper end (files only).
    RequiredMax(usize),
    Current(usize),
    Gap(usize),
    Status(usize),
    /// The row's input errors (files only).
    Errors,
}

impl Col {
    /// A stable id: `row`, `name`, a field id, a norm id, `<norm id>.max`, `current.<norm id>`,
    /// `gap.<norm id>`, `status.<norm id>`, `errors`.
    pub fn id(self) -> String {
        match self {
            Col::Row => "row".into(),
            Col::Name => "name".into(),
            Col::Input(i) => Key::Field(i).to_string(),
            Col::Required(n) => NORMS[n].id.into(),
            Col::RequiredMax(n) => format!("{}.max", NORMS[n].id),
            Col::Current(n) => Key::Current(n).to_string(),
            Col::Gap(n) => format!("gap.{}", NORMS[n].id),
            Col::Status(n) => format!("status.{}", NORMS[n].id),
            Col::Errors => "errors".into(),
        }
    }

    /// The header with its unit, as files write it (in Chinese) and the page shows it.
    pub fn header(self, lang: Lang) -> String {
        let norm =
            |n: usize| (lang.pick(NORMS[n].name_zh, NORMS[n].name_en), lang.pick(NORMS[n].unit_zh, NORMS[n].unit_en));
        let named = |word: Word, n: usize| {
            let (name, unit) = norm(n);
            with_unit(&word.fill(lang, &[("name", name)]), unit, lang)
        };
        match self {
            Col::Row => export::ROW.get(lang).to_string(),
            Col::Name => export::LOCALITY.get(lang).to_string(),
            Col::Input(i) => read::field_header(i, lang),
            Col::Required(n) if NORMS[n].expr_max.is_some() => named(export::REQUIRED_LOW, n),
            Col::Required(n) => {
                let (name, unit) = norm(n);
                with_unit(name, unit, lang)
            }
            Col::RequiredMax(n) => named(export::REQUIRED_HIGH, n),
            Col::Current(n) => read::current_header(n, lang),
            Col::Gap(n) => named(export::GAP_OF, n),
            Col::Status(n) => export::STATUS_OF.fill(lang, &[("name", norm(n).0)]),
            Col::Errors => export::INPUT_ERRORS.get(lang).to_string(),
        }
    }

    /// The Chinese header with its unit, as files write it.
    pub fn header_zh(self) -> String {
        self.header(Lang::Zh)
    }

    /// The English header, for the page in English and the workbook's sheet of columns.
    pub fn header_en(self) -> String {
        self.header(Lang::En)
    }

    pub fn norm(self) -> Option<usize> {
        match self {
            Col::Required(n) | Col::RequiredMax(n) | Col::Current(n) | Col::Gap(n) | Col::Status(n) => Some(n),
            _ => None,
        }
    }
}

/// Whether a header is one of the calculator's own result columns (as the CSV export heads them, by
/// id, or as the XLSX export does, in Chinese): row number, required value, range end, gap, status,
/// errors. Reading an export back, these are not input and not worth listing one by one.
pub(crate) fn is_output_header(header: &str) -> bool {
    let h = read::normalize_header(header);
    let output = |col: Col| read::normalize_header(&col.id()) == h || read::normalize_header(&col.header_zh()) == h;
    [Col::Row, Col::Errors].into_iter().any(output)
        || (0..NORMS.len())
            .any(|n| [Col::Required(n), Col::RequiredMax(n), Col::Gap(n), Col::Status(n)].into_iter().any(output))
}

/// Whether a norm's required values add up across localities (people, places, m², a fund),
/// unlike a per-person standard (元/人/月) or a wage.
pub fn summable(norm: usize) -> bool {
    !NORMS[norm].unit_zh.contains('/')
}

/// `label（unit）`, or the label alone where there is no unit.
pub fn with_unit(label: &str, unit: &str, lang: Lang) -> String {
    if unit.is_empty() {
        label.to_string()
    } else {
        export::WITH_UNIT.fill(lang, &[("label", label), ("unit", unit)])
    }
}
