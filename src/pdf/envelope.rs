//! The frame of a PDF file written as it goes (ISO 32000-1 §7.5): the header,
//! each object at an offset counted on the way, and at the end the
//! cross-reference table and trailer. Only the offsets are kept, eight bytes an
//! object, so a file of any size is written in little memory.

use pdf_writer::{Chunk, Ref};
use std::io::{self, Write};

/// A PDF file being written to `W`.
pub(super) struct Envelope<W: Write> {
    out: W,
    /// Bytes written so far.
    at: u64,
    /// The offset of object `n` at `n - 1` (0 while it is not written).
    offsets: Vec<u64>,
}

impl<W: Write> Envelope<W> {
    /// Starts the file: the header, with a comment of high bytes that marks it binary.
    pub(super) fn new(out: W) -> io::Result<Envelope<W>> {
        let mut envelope = Envelope {
            out,
            at: 0,
            offsets: Vec::new(),
        };
        envelope.raw(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")?;
        Ok(envelope)
    }

    /// A new object number, for an object written now or later.
    pub(super) fn reserve(&mut self) -> Ref {
        self.offsets.push(0);
        Ref::new(self.offsets.len() as i32)
    }

    /// Writes `chunk`, which holds the one object `id`, and notes where it starts.
    pub(super) fn put(&mut self, id: Ref, chunk: &Chunk) -> io::Result<()> {
        let index = id.get() as usize - 1;
        self.offsets[index] = self.at;
        self.raw(chunk.as_bytes())
    }

    fn raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)?;
        self.at += bytes.len() as u64;
        Ok(())
    }

    /// The cross-reference table and the trailer naming `catalog` and `info`;
    /// gives the output back, flushed.
    pub(super) fn finish(mut self, catalog: Ref, info: Ref) -> io::Result<W> {
        let start = self.at;
        let count = self.offsets.len() + 1;
        let mut table = Vec::with_capacity(20 * count + 64);
        write!(table, "xref\n0 {count}\n0000000000 65535 f\r\n")?;
        for &offset in &self.offsets {
            write!(table, "{offset:010} 00000 n\r\n")?;
        }
        write!(
            table,
            "trailer\n<<\n  /Size {count}\n  /Root {} 0 R\n  /Info {} 0 R\n>>\nstartxref\n{start}\n%%EOF\n",
            catalog.get(),
            info.get()
        )?;
        self.raw(&table)?;
        self.out.flush()?;
        Ok(self.out)
    }
}
