//! Stream compression: zlib at a fast level (the best level took most of a
//! roster's time for a few per cent of its size), on threads of their own so
//! the next page is laid out while the last ones are compressed.

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

/// How many threads compress: deflating is the largest share of a roster's
/// work, and the pages are deflated one apart from the next, so two threads
/// keep up with the layout on two cores.
pub(super) const THREADS: usize = 2;

/// Streams deflated on threads of their own, given back in the order given:
/// the streams are dealt to the threads in turn and taken back in the same
/// turn, each deflated from a fresh start, so the bytes are those one thread
/// would make.
pub(super) struct Compressor {
    workers: Vec<Worker>,
    /// The worker the next stream is given to.
    next_given: usize,
    /// The worker the next stream is taken from.
    next_taken: usize,
}

/// One compressing thread and its two channels.
struct Worker {
    to: Option<Sender<Vec<u8>>>,
    from: Receiver<Result<Vec<u8>, PdfError>>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    fn start() -> Worker {
        let (to, work) = channel::<Vec<u8>>();
        let (done, from) = channel();
        let thread = std::thread::spawn(move || {
            let mut deflater = Deflater::new();
            for raw in work {
                let mut packed = Vec::new();
                let result = deflater.deflate(&raw, &mut packed).map(|()| packed);
                if done.send(result).is_err() {
                    break;
                }
            }
        });
        Worker {
            to: Some(to),
            from,
            thread: Some(thread),
        }
    }
}

impl Compressor {
    /// Starts the threads.
    pub(super) fn new() -> Compressor {
        Compressor {
            workers: (0..THREADS).map(|_| Worker::start()).collect(),
            next_given: 0,
            next_taken: 0,
        }
    }

    /// Hands `raw` over to be compressed.
    pub(super) fn give(&mut self, raw: Vec<u8>) -> Result<(), PdfError> {
        let worker = &self.workers[self.next_given];
        self.next_given = (self.next_given + 1) % THREADS;
        worker
            .to
            .as_ref()
            .and_then(|to| to.send(raw).ok())
            .ok_or_else(gone)
    }

    /// The next stream compressed, waiting for it.
    pub(super) fn take(&mut self) -> Result<Vec<u8>, PdfError> {
        let worker = &self.workers[self.next_taken];
        self.next_taken = (self.next_taken + 1) % THREADS;
        worker.from.recv().map_err(|_| gone())?
    }
}

fn gone() -> PdfError {
    PdfError::Render("压缩线程意外退出 (compression thread gone)".into())
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Closing the channel ends the thread's loop.
        self.to = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn inflate(packed: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(packed)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    /// Streams given to the threads in turn come back in the order given,
    /// each the bytes one deflater alone makes of it.
    #[test]
    fn streams_come_back_in_the_order_given_as_one_thread_makes_them() {
        let streams: Vec<Vec<u8>> = (0..7)
            .map(|i| {
                format!("BT /F1 {i} Tf ET\n")
                    .repeat(50 + 300 * i)
                    .into_bytes()
            })
            .collect();
        let mut compressor = Compressor::new();
        for stream in &streams[..THREADS + 1] {
            compressor.give(stream.clone()).unwrap();
        }
        let mut back = Vec::new();
        for stream in &streams[THREADS + 1..] {
            back.push(compressor.take().unwrap());
            compressor.give(stream.clone()).unwrap();
        }
        while back.len() < streams.len() {
            back.push(compressor.take().unwrap());
        }
        for (given, packed) in streams.iter().zip(&back) {
            assert_eq!(&inflate(packed), given);
            let mut alone = Vec::new();
            deflate(given, &mut alone).unwrap();
            assert_eq!(packed, &alone);
        }
    }
}
