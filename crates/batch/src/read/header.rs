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

/// Other headers people give a field's column, besides its id and labels: `field id: name，name，…`
/// a line (see the file).
const SYNONYMS: &str = include_str!("synonyms.txt");

/// Every (field id, name) of `SYNONYMS`.
pub fn synonyms() -> impl Iterator<Item = (&'static str, &'static str)> {
    SYNONYMS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once(':'))
        .flat_map(|(field, names)| names.split('，').map(move |n| (field.trim(), n.trim())))
        .filter(|(_, n)| !n.is_empty())
}

/// Maps header text to columns: field ids, Chinese and English labels, `current.<norm id>` and
/// 现有<norm name>, each optionally followed by its unit in brackets.
pub struct HeaderLookup {
    names: Vec<(String, Role)>,
}

impl HeaderLookup {
    pub fn new() -> HeaderLookup {
        let mut names = Vec::with_capacity(FIELD_COUNT * 8 + NORMS.len() * 3);
        for (i, f) in FIELDS.iter().enumerate() {
            names.push((normalize_header(f.id), Role::Field(i)));
            names.push((normalize_header(f.label_zh), Role::Field(i)));
            names.push((normalize_header(f.label_en), Role::Field(i)));
        }
        for (field, alias) in synonyms() {
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
        // A sub-column of the one before it, as statistical tables head it: 其中：城镇常住人口.
        let key = ["其中:", "其中"].iter().find_map(|p| key.strip_prefix(p)).map_or(key.clone(), str::to_string);
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

impl HeaderLookup {
    /// For a header that names nothing known: the column it is nearest to, as the calculator writes it
    /// (`城镇常住人口（人）`), when few enough characters differ (at most a third of the longer name).
    pub fn suggest(&self, header: &str) -> Option<String> {
        let key = normalize_header(header);
        let key = split_trailing_group(&key).map_or(key.as_str(), |(label, _)| label);
        let key: Vec<char> = key.chars().collect();
        if key.is_empty() || key.len() > 40 {
            return None;
        }
        let mut best: Option<(usize, &Role)> = None;
        for (name, role) in &self.names {
            let name: Vec<char> = name.chars().collect();
            let d = edit_distance(&key, &name);
            if d * 3 <= key.len().max(name.len()) && best.is_none_or(|(b, _)| d < b) {
                best = Some((d, role));
            }
        }
        match best?.1 {
            Role::Field(i) => Some(field_header(*i, Lang::Zh)),
            Role::Current(n) => Some(current_header(*n, Lang::Zh)),
            _ => None,
        }
    }
}

/// Levenshtein distance, in characters.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (diagonal + usize::from(ca != cb)).min(row[j] + 1).min(row[j + 1] + 1);
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
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

#[cfg(test)]
mod tests {
    use super::*;
    use minzheng_core::inputs::field_index;

    #[test]
    fn every_synonym_names_its_field_and_no_other() {
        let lookup = HeaderLookup::new();
        let mut count = 0;
        for (field, name) in synonyms() {
            let i = field_index(field).unwrap_or_else(|| panic!("{field} is not a field"));
            // The first entry for a name wins: a synonym must not repeat another field's name.
            let roles: Vec<&Role> =
                lookup.names.iter().filter(|(k, _)| *k == normalize_header(name)).map(|(_, r)| r).collect();
            assert!(roles.iter().all(|r| **r == Role::Field(i)), "{name}: {roles:?}");
            assert_eq!(lookup.role(name), Role::Field(i), "{name}");
            count += 1;
        }
        assert!(count > 150, "{count} synonyms");
        let field = |id| Role::Field(field_index(id).unwrap());
        for (header, id) in [
            ("城镇人口", "urban_resident_population"),
            ("60岁以上人口（人）", "elderly_population"),
            ("老年人口", "elderly_population"),
            ("养老床位数（张）", "eldercare_beds"),
            ("乡镇个数", "townships"),
            ("街道数", "subdistricts"),
            ("县（市、区）", "name"),
            ("其中：城镇常住人口（人）", "urban_resident_population"),
            ("其中:60岁及以上人口", "elderly_population"),
        ] {
            assert_eq!(lookup.role(header), field(id), "{header}");
        }
    }

    #[test]
    fn a_column_that_matches_nothing_gets_the_nearest_name() {
        let lookup = HeaderLookup::new();
        assert_eq!(lookup.role("城镇人数"), Role::Unknown);
        assert_eq!(lookup.suggest("城镇人数").as_deref(), Some("城镇常住人口（人）"));
        assert_eq!(lookup.suggest("常驻人口（人）").as_deref(), Some("常住人口（人）"));
        assert_eq!(lookup.suggest("养老机构床位").as_deref(), Some("养老机构床位数（张）"));
        assert_eq!(lookup.suggest("resident_populaton").as_deref(), Some("常住人口（人）"));
        assert_eq!(lookup.suggest("备注"), None);
        assert_eq!(lookup.suggest("联系电话"), None);
        assert_eq!(edit_distance(&['a', 'b'], &['b']), 1);
    }
}
