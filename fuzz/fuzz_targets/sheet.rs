//! The workbook import below the zip layer: the template workbook with its 组织
//! sheet's XML (and, after a NUL byte, its shared strings) replaced by the input,
//! stored uncompressed so that every input reaches the XML reader and the
//! importer rather than failing the zip checksum. Any input gives a document or
//! an error, never a panic, a hang or unbounded memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::{Cursor, Read, Write};
use std::sync::OnceLock;

/// The template's parts, read once.
fn template() -> &'static [(String, Vec<u8>)] {
    static PARTS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    PARTS.get_or_init(|| {
        let bytes = gridorg::workbook::template().expect("the template is made");
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("it is a zip");
        (0..archive.len())
            .map(|i| {
                let mut entry = archive.by_index(i).expect("its parts read");
                let mut data = Vec::new();
                entry.read_to_end(&mut data).expect("its parts unzip");
                (entry.name().expect("named").into_owned(), data)
            })
            .collect()
    })
}

fuzz_target!(|bytes: &[u8]| {
    let (sheet, strings) = match bytes.iter().position(|&b| b == 0) {
        Some(i) => (&bytes[..i], Some(&bytes[i + 1..])),
        None => (bytes, None),
    };
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in template() {
        let data = match (name.as_str(), strings) {
            ("xl/worksheets/sheet1.xml", _) => sheet,
            ("xl/sharedStrings.xml", Some(strings)) => strings,
            _ => data,
        };
        out.start_file(name.as_str(), stored)
            .expect("a part starts");
        out.write_all(data).expect("a part is written");
    }
    let workbook = out.finish().expect("the zip is finished").into_inner();
    let _ = gridorg::workbook::import_xlsx(&workbook, "fuzz.xlsx");
});
