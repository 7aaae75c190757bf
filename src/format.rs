//! The document format's version: the one this program writes, and the one a
//! text says it is in. Below both the document reader and the output check
//! (which refuses to overwrite a document with anything else).

/// The version this program writes.
pub const CURRENT_VERSION: u32 = 3;

/// Whether text (the start of a file is enough) is a gridorg document: it opens
/// with a `version` field, whatever the version.
pub fn looks_like_document(text: &str) -> bool {
    version_of(text).is_some()
}

/// The version a document's text says it is in: `version: N` as the first
/// field of the top-level struct, after the `#![enable(...)]` header, comments
/// and white space.
pub fn version_of(text: &str) -> Option<u32> {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if rest.starts_with("#![") || rest.starts_with("//") {
            rest = rest.split_once('\n').map_or("", |(_, r)| r);
        } else {
            break;
        }
    }
    let rest = rest.strip_prefix('(')?.trim_start();
    let rest = rest.strip_prefix("version")?.trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}
