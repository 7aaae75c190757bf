//! The workbook import: any bytes given as an `.xlsx` file give a document or
//! an error, never a panic, a hang or unbounded memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = gridorg::workbook::import_xlsx(bytes, "fuzz.xlsx");
});
