//! Column headers → what the columns hold: field ids, Chinese and English labels, `current.<norm id>`
//! and 现有<norm name>, each optionally followed by its unit in brackets; `param.<norm id>.<name>`.

use crate::with_unit;
use minzheng_core::inputs::{Key, FIELDS, FIELD_COUNT};
use minzheng_core::rules::NORMS;
use minzheng_text::{input, Lang};

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// An input field, by index into `FIELDS`.
    Field(usize),
    /// Current provision of a norm, by index into `NORMS`.
    Current(usize),
    /// A local parameter (`param.<norm id>.<name>`), by norm and parameter index.
    Param(usize, usize),
    /// Not a column of the calculator (kept out of the computation).
    Unknown,
    /// A known column whose unit in brackets is not the calculator's (e.g. 常住人口（万人）).
    WrongUnit { role: Box<Role>, unit: String },
}

/// Header text in a comparable form: no spaces, full-width ASCII (brackets, letters, digits) made
/// half-width, `【】` and `[]` as `()`, ASCII lower-case.
pub fn normalize_header(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '【' | '[' | '〔' => '(',
            '】' | ']' | '〕' => ')',
            _ => c,
        };
        if c.is_whitespace() || c == '\u{FEFF}' || c == '*' {
            continue;
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// Splits `label(unit)` into (`label`, `unit`) at the last bracket group.
fn split_trailing_group(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_suffix(')')?;
    let mut depth = 0;
    for (i, c) in inner.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => return Some((inner.get(..i)?, inner.get(i + 1..)?)),
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Other headers people give a field's column, besides its id and labels.
const HEADER_ALIASES: [(&str, &str); 11] = [
    ("name", "地区"),
    ("name", "名称"),
    ("name", "地区名"),
    ("name", "单位名称"),
    ("name", "行政区划"),
    ("name", "行政区划名称"),
    ("name", "乡镇街道名称"),
    ("level", "层级"),
    ("level", "地区级别"),
    ("level", "行政层级"),
    ("level", "行政级别"),
];

/// Maps header text to columns: field ids, Chinese and English labels, `current.<norm id>` and
/// 现有<norm name>, each optionally followed by its unit in brackets.
pub struct HeaderLookup {
    names: Vec<(String, Role)>,
}

impl HeaderLookup {
    pub fn new() -> HeaderLookup {
        let mut names = Vec::with_capacity(FIELD_COUNT * 3 + NORMS.len() * 4);
        for (i, f) in FIELDS.iter().enumerate() {
            names.push((normalize_header(f.id), Role::Field(i)));
            names.push((normalize_header(f.label_zh), Role::Field(i)));
            names.push((normalize_header(f.label_en), Role::Field(i)));
        }
        for (field, alias) in HEADER_ALIASES {
            if let Some(i) = minzheng_core::inputs::field_index(field) {
                names.push((normalize_header(alias), Role::Field(i)));
            }
        }
        for (i, n) in NORMS.iter().enumerate() {
            names.push((normalize_header(&Key::Current(i).to_string()), Role::Current(i)));
            for (lang, name) in [(Lang::Zh, n.name_zh), (Lang::En, n.name_en)] {
                names.push((normalize_header(&input::CURRENT_OF.fill(lang, &[("name", name)])), Role::Current(i)));
            }
        }
        HeaderLookup { names }
    }

    fn exact(&self, key: &str) -> Option<&Role> {
        self.names.iter().find(|(k, _)| k == key).map(|(_, r)| r)
    }

    fn units_of(role: &Role) -> [&'static str; 2] {
        match role {
            Role::Field(i) => [FIELDS[*i].unit_zh, FIELDS[*i].unit_en],
            Role::Current(i) => [NORMS[*i].unit_zh, NORMS[*i].unit_en],
            _ => ["", ""],
        }
    }

    /// The column a header names.
    pub fn role(&self, header: &str) -> Role {
        let raw = header.trim();
        if raw.starts_with("param.") {
            return match Key::parse(raw) {
                Some(Key::Param(norm, param)) => Role::Param(norm, param),
                _ => Role::Unknown,
            };
        }
        let key = normalize_header(raw);
        if key.is_empty() {
            return Role::Unknown;
        }
        if let Some(role) = self.exact(&key) {
            return role.clone();
        }
        // `label(unit)`, where the label may have brackets of its own (乡镇个数（乡、镇）（个）).
        if let Some((label, unit)) = split_trailing_group(&key) {
            if let Some(role) = self.exact(label) {
                let units = Self::units_of(role);
                let matches = unit.is_empty() || units.iter().any(|u| !u.is_empty() && normalize_header(u) == unit);
                return if matches {
                    role.clone()
                } else {
                    Role::WrongUnit { role: Box::new(role.clone()), unit: unit.to_string() }
                };
            }
        }
        Role::Unknown
    }
}

impl Default for HeaderLookup {
    fn default() -> Self {
        Self::new()
    }
}

/// The header the calculator writes for a field: `常住人口（人）`.
pub fn field_header(index: usize, lang: Lang) -> String {
    let f = &FIELDS[index];
    with_unit(lang.pick(f.label_zh, f.label_en), lang.pick(f.unit_zh, f.unit_en), lang)
}

/// The header the calculator writes for a norm's current provision: `现有城镇社区工作者（人）`.
pub fn current_header(norm: usize, lang: Lang) -> String {
    let n = &NORMS[norm];
    let current = input::CURRENT_OF.fill(lang, &[("name", lang.pick(n.name_zh, n.name_en))]);
    with_unit(&current, lang.pick(n.unit_zh, n.unit_en), lang)
}
