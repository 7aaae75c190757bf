//! The `.ron` document reader: any bytes give a document or an error, never a
//! panic, a hang or unbounded memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(document) = gridorg::document::from_bytes(bytes, "fuzz.ron") {
        // What was read must save and read back to the same document.
        let text = gridorg::document::to_string(&document);
        let again = gridorg::document::from_str(&text, "again.ron")
            .expect("a document read back from its own text");
        assert_eq!(again, document);
    }
});
