//! Stream compression: zlib at a fast level (the best level took most of a
//! roster's time for a few per cent of its size), on a thread of its own so
//! the next page is laid out while the last one is compressed.

use super::error::PdfError;
use flate2::{write::ZlibEncoder, Compression};
use std::io::Write;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::thread::JoinHandle;

/// The zlib level: 1 is fastest, 9 smallest.
const LEVEL: u32 = 2;

/// `bytes` deflated into `out` (cleared first), for a `/FlateDecode` stream.
pub(super) fn deflate(bytes: &[u8], out: &mut Vec<u8>) {
    out.clear();
    let mut encoder = ZlibEncoder::new(std::mem::take(out), Compression::new(LEVEL));
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    *out = encoder.finish().unwrap_or_default();
}

/// Streams deflated on another thread, given back in the order given.
pub(super) struct Compressor {
    to: Option<Sender<Vec<u8>>>,
    from: Receiver<Vec<u8>>,
    worker: Option<JoinHandle<()>>,
}

impl Compressor {
    /// Starts the thread.
    pub(super) fn new() -> Compressor {
        let (to, work) = channel::<Vec<u8>>();
        let (done, from) = channel();
        let worker = std::thread::spawn(move || {
            for raw in work {
                let mut packed = Vec::with_capacity(raw.len() / 3);
                deflate(&raw, &mut packed);
                if done.send(packed).is_err() {
                    break;
                }
            }
        });
        Compressor {
            to: Some(to),
            from,
            worker: Some(worker),
        }
    }

    /// Hands `raw` over to be compressed.
    pub(super) fn give(&self, raw: Vec<u8>) -> Result<(), PdfError> {
        self.to
            .as_ref()
            .and_then(|to| to.send(raw).ok())
            .ok_or_else(gone)
    }

    /// The next stream compressed, waiting for it.
    pub(super) fn take(&self) -> Result<Vec<u8>, PdfError> {
        self.from.recv().map_err(|_| gone())
    }
}

fn gone() -> PdfError {
    PdfError::Render("压缩线程意外退出 (compression thread gone)".into())
}

impl Drop for Compressor {
    fn drop(&mut self) {
        // Closing the channel ends the thread's loop.
        self.to = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}
