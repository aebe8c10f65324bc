// Shared by csv_import and xlsx_import: everything the batch page does with a file that was read —
// compute every row, show every column, sort, total, export — must not panic, and the exported CSV
// must read back with every row.
use minzheng_batch::{write, Batch, EncodingRs};

pub fn exercise(bytes: &[u8], export_xlsx: bool) {
    let Ok(mut batch) = Batch::read(bytes, &EncodingRs) else {
        return;
    };
    // Row by row in slices, as the page does, then the rest at once.
    batch.step(7);
    batch.compute_all();
    assert!(batch.done());
    let rows = batch.rows();
    assert_eq!(batch.results.done, rows);
    assert!(batch.error_rows() <= rows);
    assert!(batch.unmet_rows() <= rows);
    let view = batch.view_columns();
    for row in 0..rows {
        for &col in &view {
            let _ = batch.text(col, row);
            let _ = batch.number(col, row);
        }
    }
    for &col in view.iter().take(12) {
        assert_eq!(batch.order(Some(col), true, false).len(), rows);
        let _ = batch.order(Some(col), false, true);
        let _ = batch.total(col);
        let _ = batch.total_text(col, minzheng_text::Lang::En);
    }
    let csv = write::to_csv(&batch);
    match Batch::from_bytes(&csv, &EncodingRs) {
        // The export adds a totals row.
        Ok(again) => assert!(again.rows() >= rows, "export read back with {} of {rows} rows", again.rows()),
        Err(e) => panic!("the exported CSV cannot be read back: {e}"),
    }
    if export_xlsx {
        let xlsx = write::to_xlsx(&batch).expect("XLSX export");
        let again = Batch::from_bytes(&xlsx, &EncodingRs).expect("the exported XLSX reads back");
        assert!(again.rows() >= rows);
    }
}
