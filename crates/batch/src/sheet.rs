//! What every reader gives: a sheet as rows of text cells, each row with its number as the
//! spreadsheet shows it. `read` finds the table (header and data rows) in it.

/// A row of text cells, in one buffer (40,000 rows stay a few allocations each, not one per cell).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    text: String,
    ends: Vec<u32>,
}

impl Record {
    pub fn new() -> Record {
        Record::default()
    }

    pub fn push_field(&mut self, field: &str) {
        self.text.push_str(field);
        self.ends.push(self.text.len() as u32);
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Whether every cell is empty or white space.
    pub fn is_blank(&self) -> bool {
        self.iter().all(|c| c.trim().is_empty())
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }

    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        Some(&self.text[start..end])
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &str> + ExactSizeIterator + '_ {
        (0..self.ends.len()).map(move |i| self.get(i).unwrap_or(""))
    }
}

impl<'a> FromIterator<&'a str> for Record {
    fn from_iter<I: IntoIterator<Item = &'a str>>(iter: I) -> Record {
        let mut r = Record::new();
        for f in iter {
            r.push_field(f);
        }
        r
    }
}

/// The rows of a sheet (blank rows left out) and their row numbers (1 = the first row).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sheet {
    pub rows: Vec<Record>,
    pub row_numbers: Vec<u32>,
}

impl Sheet {
    pub fn push(&mut self, row_number: u32, record: Record) {
        self.rows.push(record);
        self.row_numbers.push(row_number);
    }
}
