//! Stream compression: zlib at a fast level (the best level took most of a
//! roster's time for a few per cent of its size), on a thread of its own so
//! the next page is laid out while the last one is compressed.

use super::error::PdfError;
use flate2::{Compress, Compression, FlushCompress, Status};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::thread::JoinHandle;

/// The zlib level: 1 is fastest, 9 smallest.
const LEVEL: u32 = 2;

/// `bytes` deflated into `out` (cleared first), for a `/FlateDecode` stream.
pub(super) fn deflate(bytes: &[u8], out: &mut Vec<u8>) -> Result<(), PdfError> {
    Deflater::new().deflate(bytes, out)
}

/// A zlib compressor kept from one stream to the next: its window and tables
/// are made once.
struct Deflater(Compress);

impl Deflater {
    fn new() -> Deflater {
        Deflater(Compress::new(Compression::new(LEVEL), true))
    }

    fn deflate(&mut self, bytes: &[u8], out: &mut Vec<u8>) -> Result<(), PdfError> {
        self.0.reset();
        out.clear();
        out.reserve(bytes.len() / 2 + 64);
        let mut rest = bytes;
        loop {
            let before = self.0.total_in();
            let status = self
                .0
                .compress_vec(rest, out, FlushCompress::Finish)
                .map_err(|e| PdfError::Render(format!("压缩失败 (deflate): {e}")))?;
            rest = &rest[(self.0.total_in() - before) as usize..];
            if status == Status::StreamEnd {
                return Ok(());
            }
            // The output is full: give it more room.
            out.reserve(out.capacity().max(4096));
        }
    }
}

/// Streams deflated on another thread, given back in the order given.
pub(super) struct Compressor {
    to: Option<Sender<Vec<u8>>>,
    from: Receiver<Result<Vec<u8>, PdfError>>,
    worker: Option<JoinHandle<()>>,
}

impl Compressor {
    /// Starts the thread.
    pub(super) fn new() -> Compressor {
        let (to, work) = channel::<Vec<u8>>();
        let (done, from) = channel();
        let worker = std::thread::spawn(move || {
            let mut deflater = Deflater::new();
            for raw in work {
                let mut packed = Vec::new();
                let result = deflater.deflate(&raw, &mut packed).map(|()| packed);
                if done.send(result).is_err() {
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
        self.from.recv().map_err(|_| gone())?
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
