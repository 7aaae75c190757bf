//! The CSV folder import: the input is split at each NUL byte into the files
//! 组织.csv, 网格.csv, 党员.csv, 联系户.csv, 楼栋.csv and 共建单位.csv, so that
//! codes can refer across sheets. Any bytes give a document or an error, never
//! a panic, a hang or unbounded memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 6] = [
    "组织.csv",
    "网格.csv",
    "党员.csv",
    "联系户.csv",
    "楼栋.csv",
    "共建单位.csv",
];

fuzz_target!(|bytes: &[u8]| {
    let files: Vec<(&str, &[u8])> = NAMES
        .iter()
        .copied()
        .zip(bytes.split(|&b| b == 0).filter(|part| !part.is_empty()))
        .collect();
    let _ = gridorg::workbook::import_csv(&files, "fuzz");
});
