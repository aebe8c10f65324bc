//! `Batch`: a file read, its columns mapped to inputs, and its rows computed; the cells as the page shows
//! them and in display order. Its totals row is in `totals`.

use crate::columns::is_output_header;
use crate::compute::{self, Results};
use crate::note::skipped_rows;
use crate::read::{self, HeaderLookup, LegacyDecoder, Role, Table};
use crate::{BatchError, Col, Note};
use minzheng_core::format::plain;
use minzheng_core::inputs::{Key, FIELDS};
use minzheng_core::rules::NORMS;
use minzheng_text::{input_error, Lang};
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// A read file, its column mapping and its results.
#[derive(Debug, Clone)]
pub struct Batch {
    pub table: Table,
    pub roles: Vec<Role>,
    /// Per column: the input it holds, if any.
    pub keys: Vec<Option<Key>>,
    pub notes: Vec<Note>,
    pub results: Results,
}

impl Batch {
    /// Reads a file (CSV in any of the accepted encodings, or XLSX) and maps its columns. Nothing is
    /// computed yet: call `compute_all` or `step`.
    pub fn read(bytes: &[u8], legacy: &dyn LegacyDecoder) -> Result<Batch, BatchError> {
        Ok(Batch::from_table(read::read_table(bytes, legacy)?))
    }

    /// Maps a table's columns, with notes on what was read and what was left out.
    pub fn from_table(table: Table) -> Batch {
        let lookup = HeaderLookup::new();
        let roles: Vec<Role> = table.headers.iter().map(|h| lookup.role(h)).collect();
        let keys: Vec<Option<Key>> = roles
            .iter()
            .map(|r| match *r {
                Role::Field(i) => Some(Key::Field(i)),
                Role::Current(n) => Some(Key::Current(n)),
                Role::Param(n, p) => Some(Key::Param(n, p)),
                _ => None,
            })
            .collect();
        let mut notes = vec![Note::Format { format: table.format, header_row: table.header_row }];
        if !table.sheet.is_empty() {
            notes.push(Note::Sheet { name: table.sheet.clone(), passed_over: table.passed_over.clone() });
        }
        if table.header_first_row != table.header_row {
            notes.push(Note::HeaderRows { first: table.header_first_row, last: table.header_row });
        }
        notes.extend(skipped_rows(&table));
        if table.uncached_count > 0 {
            notes.push(Note::Uncached {
                sheet: table.sheet.clone(),
                cells: table.uncached.clone(),
                count: table.uncached_count,
            });
        }
        let (outputs, ignored): (Vec<&str>, Vec<&str>) = table
            .headers
            .iter()
            .zip(&roles)
            .filter(|(h, r)| **r == Role::Unknown && !h.trim().is_empty())
            .map(|(h, _)| h.trim())
            .partition(|h| is_output_header(h));
        if !outputs.is_empty() {
            // A file the calculator exported, read back: its result columns are worked out afresh.
            notes.push(Note::ExportedColumns { count: outputs.len() });
        }
        if !ignored.is_empty() {
            for header in &ignored {
                if let Some(suggestion) = lookup.suggest(header) {
                    notes.push(Note::DidYouMean { header: header.to_string(), suggestion });
                }
            }
            notes.push(Note::IgnoredColumns { headers: ignored.into_iter().map(String::from).collect() });
        }
        for (h, r) in table.headers.iter().zip(&roles) {
            if let Role::WrongUnit { unit, .. } = r {
                notes.push(Note::WrongUnit { header: h.trim().to_string(), unit: unit.clone() });
            }
        }
        for (i, key) in keys.iter().enumerate() {
            if key.is_some() && keys[..i].contains(key) {
                notes.push(Note::DuplicateColumn { header: table.headers[i].trim().to_string() });
            }
        }
        let results = Results::new(&table, &roles);
        Batch { table, roles, keys, notes, results }
    }

    /// Reads and computes every row.
    pub fn from_bytes(bytes: &[u8], legacy: &dyn LegacyDecoder) -> Result<Batch, BatchError> {
        let mut batch = Batch::read(bytes, legacy)?;
        batch.compute_all();
        Ok(batch)
    }

    /// Computes up to `max_rows` more rows; returns how many are done.
    pub fn step(&mut self, max_rows: usize) -> usize {
        compute::step(&self.table, &self.roles, &self.keys, &mut self.results, max_rows)
    }

    pub fn compute_all(&mut self) {
        self.step(usize::MAX);
    }

    pub fn done(&self) -> bool {
        self.results.done == self.table.rows.len()
    }

    /// Data rows read (every non-blank row below the header).
    pub fn rows(&self) -> usize {
        self.table.rows.len()
    }

    /// Rows with at least one input error.
    pub fn error_rows(&self) -> usize {
        self.results.error_rows
    }

    /// Norms that have a current-provision column in the file.
    pub fn has_current(&self, norm: usize) -> bool {
        self.results.current_slot[norm].is_some()
    }

    /// The page's columns: row, name, and per norm its required value and, where current values
    /// were given, the gap.
    pub fn view_columns(&self) -> Vec<Col> {
        let mut cols = vec![Col::Row, Col::Name];
        for n in 0..NORMS.len() {
            cols.push(Col::Required(n));
            if self.has_current(n) {
                cols.push(Col::Gap(n));
            }
        }
        cols
    }

    /// The files' columns: row, name, the inputs the file had, and per norm the required value
    /// (both ends of a range) and, where current values were given, current, gap and status; then
    /// the row's input errors.
    pub fn export_columns(&self) -> Vec<Col> {
        let mut cols = vec![Col::Row, Col::Name];
        for i in 1..FIELDS.len() {
            if self.roles.contains(&Role::Field(i)) {
                cols.push(Col::Input(i));
            }
        }
        for n in 0..NORMS.len() {
            cols.push(Col::Required(n));
            if self.results.range_slot[n].is_some() {
                cols.push(Col::RequiredMax(n));
            }
            if self.has_current(n) {
                cols.push(Col::Current(n));
                cols.push(Col::Gap(n));
                cols.push(Col::Status(n));
            }
        }
        cols.push(Col::Errors);
        cols
    }

    /// The text of an input field as the file has it (the last column that maps to it).
    pub fn input_text(&self, row: usize, field: usize) -> &str {
        self.typed_text(row, Col::Input(field))
    }

    /// The text an input or current-value column has in the file (the last column that maps to it), so
    /// that a value with an error is exported as typed rather than dropped; empty for other columns.
    pub fn typed_text(&self, row: usize, col: Col) -> &str {
        let role = match col {
            Col::Input(i) => Role::Field(i),
            Col::Current(n) => Role::Current(n),
            _ => return "",
        };
        let record = &self.table.rows[row];
        self.roles.iter().rposition(|r| *r == role).and_then(|i| record.get(i)).map(str::trim).unwrap_or("")
    }

    /// A cell's number, where it has one (for sorting and for number cells in files).
    pub fn number(&self, col: Col, row: usize) -> Option<Decimal> {
        let r = &self.results;
        match col {
            Col::Row => Some(Decimal::from(self.table.row_numbers[row])),
            Col::Required(n) => r.required(row, n),
            Col::RequiredMax(n) => r.required_max(row, n),
            Col::Current(n) => r.current(row, n),
            Col::Gap(n) => r.gap(row, n),
            Col::Input(i) => {
                if r.row_errors(row).iter().any(|e| e.error.key == Key::Field(i)) {
                    return None;
                }
                minzheng_core::number::parse_number(self.input_text(row, i)).ok()
            }
            _ => None,
        }
    }

    /// A cell's text as the page shows it (plain ASCII decimals; a range as `low–high`).
    pub fn text(&self, col: Col, row: usize) -> String {
        let r = &self.results;
        match col {
            Col::Name => r.names[row].clone(),
            Col::Required(n) => match (r.required(row, n), r.required_max(row, n)) {
                (Some(lo), Some(hi)) => format!("{}–{}", plain(lo), plain(hi)),
                (Some(v), None) => plain(v),
                _ => String::new(),
            },
            Col::Status(n) => minzheng_text::status(r.status(row, n)).zh.to_string(),
            Col::Errors => {
                r.row_errors(row).iter().map(|e| input_error(&e.error, Lang::Zh)).collect::<Vec<_>>().join("；")
            }
            Col::Input(i) => self.input_text(row, i).to_string(),
            _ => self.number(col, row).map(plain).unwrap_or_default(),
        }
    }

    /// Row indices in display order: sorted by `col` (empty cells last either way), optionally only
    /// rows with an unmet norm. `col = None` keeps the file's order.
    pub fn order(&self, col: Option<Col>, descending: bool, only_unmet: bool) -> Vec<u32> {
        let n = self.results.done;
        let mut order: Vec<u32> = (0..n as u32).filter(|&i| !only_unmet || self.results.unmet[i as usize]).collect();
        let Some(col) = col else {
            return order;
        };
        let direct = |o: Ordering| if descending { o.reverse() } else { o };
        match col {
            Col::Name => {
                let names = &self.results.names;
                order.sort_by(|&a, &b| {
                    let (x, y) = (&names[a as usize], &names[b as usize]);
                    match (x.is_empty(), y.is_empty()) {
                        (false, false) => direct(x.cmp(y)),
                        (a_empty, b_empty) => a_empty.cmp(&b_empty),
                    }
                });
            }
            _ => {
                let keys: Vec<Option<Decimal>> = (0..n).map(|i| self.number(col, i)).collect();
                order.sort_by(|&a, &b| match (&keys[a as usize], &keys[b as usize]) {
                    (Some(x), Some(y)) => direct(x.cmp(y)),
                    (x, y) => x.is_none().cmp(&y.is_none()),
                });
            }
        }
        order
    }

    /// Rows with an unmet norm.
    pub fn unmet_rows(&self) -> usize {
        self.results.unmet.iter().filter(|u| **u).count()
    }
}
