//! Stream compression: zlib at a fast level. The best level took most of a
//! roster's time for a few per cent of its size.

use flate2::{write::ZlibEncoder, Compression};
use std::io::Write;

/// `bytes` deflated into `out` (cleared first), for a `/FlateDecode` stream.
pub(super) fn deflate(bytes: &[u8], out: &mut Vec<u8>) {
    out.clear();
    let mut encoder = ZlibEncoder::new(std::mem::take(out), Compression::new(2));
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    *out = encoder.finish().unwrap_or_default();
}
