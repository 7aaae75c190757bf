//! Ids for records added to a document that already exists, and the identity
//! of a structure.
//!
//! Copies of one document are edited apart — two offices, or two copies on one
//! machine — and later merged, so an id handed out by an edit must never be
//! handed out by another copy. Such an id is `origin << 29 | counter`: the
//! origin (24 bits, drawn at random once per installation, at least 8 so the id
//! is above every id of the old kind) and a counter of the installation, both
//! kept in the data folder (file `ids`, see [`crate::journal::data_folder`]).
//! Each process reserves a block of [`BLOCK`] counters at a time under a file
//! lock, so two programs running at once never share one. Ids stay below 2⁵³
//! (exact in JSON) and in the file as plain numbers.
//!
//! Where no data folder can be used, a process draws an origin and a starting
//! counter at random for itself: still collision-safe (two copies would need
//! the same 24-bit origin and overlapping counters), and [`notice`] says so.

use super::Id;
use serde::{Deserialize, Serialize};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Bits of an id's counter.
const COUNTER_BITS: u32 = 29;
/// The smallest origin: ids with an origin are then at least 2³².
const MIN_ORIGIN: u64 = 8;
/// Origins are below this (24 bits).
const ORIGIN_END: u64 = 1 << 24;
/// Counters reserved at a time.
pub const BLOCK: u64 = 256;
/// The file in the data folder holding the origin and the next free counter.
const FILE: &str = "ids";
/// The file in the data folder locked while a block is reserved.
const LOCK: &str = "ids.lock";

/// A run of ids a document hands out next: from `next` up to (not including)
/// `end`; empty when it has none of its own (the usual case), and then the
/// process's shared run is used. A document gets a run of its own when a
/// journal's edits are replayed, so that they hand out the ids they did. Not part of the document's content (two documents with different
/// cursors are equal), never saved in the document.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct Cursor {
    next: u64,
    end: u64,
}

impl PartialEq for Cursor {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

impl Cursor {
    /// Hands out the next id: from this cursor while it lasts, else from the
    /// process's source (reserving a block from the installation as needed).
    pub fn take(&mut self) -> Id {
        if self.is_empty() {
            return source(|s| s.current().take());
        }
        let id = Id(self.next);
        self.next += 1;
        id
    }

    /// A run of `count` ids from `first` on. Only for handing out again ids
    /// handed out before (a journal's replay, a test's repeatable session):
    /// any other use risks giving two records one id.
    pub fn run(first: Id, count: u64) -> Cursor {
        Cursor {
            next: first.0,
            end: first.0.saturating_add(count),
        }
    }

    fn is_empty(&self) -> bool {
        self.next >= self.end
    }
}

thread_local! {
    /// The id the last command applied on this thread created, until the
    /// journal takes it (see [`crate::journal::Entry::Created`]).
    static CREATED: std::cell::Cell<Option<Id>> = const { std::cell::Cell::new(None) };
}

/// Notes the id a command just created, for the journal.
pub(crate) fn note_created(id: Option<Id>) {
    CREATED.set(id);
}

/// The id the last command applied on this thread created, once.
pub(crate) fn take_created() -> Option<Id> {
    CREATED.take()
}

/// A fresh structure identity: 16 hex digits drawn at random.
pub fn new_structure() -> String {
    format!("{:016x}", rand::random::<u64>())
}

/// A structure identity derived from a text (a generated document's title and
/// seed), so that generating twice gives the same document.
pub fn derived_structure(seed: &str) -> String {
    // FNV-1a, 64 bits.
    let hash = seed.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// Whether an id carries an installation's origin (made by an edit or a merge
/// in version 3), rather than being one of the document's own.
pub fn has_origin(id: Id) -> bool {
    id.0 >> 32 != 0
}

/// What to tell the user about where ids come from, when it is not the data
/// folder (the fallback of the module doc); None when all is well or no id was
/// handed out yet.
pub fn notice() -> Option<String> {
    source(|s| s.notice.clone())
}

/// An installation's id counter in a data folder.
#[derive(Debug, Clone)]
pub struct Installation {
    folder: PathBuf,
}

impl Installation {
    /// The counter kept in `folder` (created when first used).
    pub fn at(folder: impl Into<PathBuf>) -> Installation {
        Installation {
            folder: folder.into(),
        }
    }

    /// Reserves `count` ids (at least one) for this process: a cursor over them.
    pub fn reserve(&self, count: u64) -> io::Result<Cursor> {
        let count = count.clamp(1, 1 << 20);
        crate::output::create_private_folder(&self.folder)?;
        let lock = open_lock(&self.folder.join(LOCK))?;
        lock.lock()?;
        let path = self.folder.join(FILE);
        let (mut origin, mut next) = match fs::read_to_string(&path) {
            Ok(text) => parse(&text).ok_or_else(|| {
                io::Error::other(format!(
                    "{}: 编号计数文件内容无效 (invalid id counter)",
                    path.display()
                ))
            })?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => (random_origin(), 0),
            Err(e) => return Err(e),
        };
        if next + count > 1 << COUNTER_BITS {
            // This origin's counters are used up: the installation takes a new one.
            (origin, next) = (random_origin(), 0);
        }
        let text = format!("origin {origin}\nnext {}\n", next + count);
        crate::document::write_atomic(&path, text.as_bytes()).map_err(io::Error::other)?;
        drop(lock);
        let start = origin << COUNTER_BITS | next;
        Ok(Cursor {
            next: start,
            end: start + count,
        })
    }
}

/// Opens the lock file, created owner-only (0600) if it is not there. It is
/// never replaced, since another process may hold a lock on it; a link planted
/// at its name is refused, never followed, and so is anything but a regular
/// file (a FIFO does not block the open).
fn open_lock(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let refused = |what: &str| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{}: {what}，未使用 (not used)", path.display()),
        )
    };
    let file = options.open(path).map_err(|e| {
        #[cfg(unix)]
        if e.raw_os_error() == Some(libc::ELOOP) {
            return refused("是符号链接 (symlink)");
        }
        e
    })?;
    if !file.metadata()?.is_file() {
        return Err(refused("不是普通文件 (not a regular file)"));
    }
    Ok(file)
}

fn parse(text: &str) -> Option<(u64, u64)> {
    let mut origin = None;
    let mut next = None;
    for line in text.lines() {
        match line.split_once(' ') {
            Some(("origin", v)) => origin = v.trim().parse().ok(),
            Some(("next", v)) => next = v.trim().parse().ok(),
            _ => {}
        }
    }
    let (origin, next) = (origin?, next?);
    ((MIN_ORIGIN..ORIGIN_END).contains(&origin) && next <= 1 << COUNTER_BITS)
        .then_some((origin, next))
}

fn random_origin() -> u64 {
    rand::random_range(MIN_ORIGIN..ORIGIN_END)
}

/// The process's source of ids.
struct Source {
    /// The installation, or None once it proved unusable (or there is none).
    installation: Option<Installation>,
    /// The fallback's origin and next counter, once drawn.
    fallback: Option<(u64, u64)>,
    /// Why the fallback is used.
    notice: Option<String>,
    /// The run every document without one of its own takes from.
    current: Cursor,
}

impl Source {
    /// The shared run, with at least one id left.
    fn current(&mut self) -> &mut Cursor {
        if self.current.is_empty() {
            self.current = self.block();
        }
        &mut self.current
    }

    fn block(&mut self) -> Cursor {
        if let Some(installation) = &self.installation {
            match installation.reserve(BLOCK) {
                Ok(cursor) => return cursor,
                Err(e) => {
                    self.notice = Some(format!(
                        "{}: 无法使用编号计数 (id counter unusable): {e}；新记录的编号改用本次运行随机选取的来源，仍不会与其他副本重复",
                        installation.folder.join(FILE).display()
                    ));
                    self.installation = None;
                }
            }
        } else if self.notice.is_none() {
            self.notice = Some(
                "找不到数据文件夹 (no data folder)：新记录的编号改用本次运行随机选取的来源，仍不会与其他副本重复；设置 GRIDORG_DATA_DIR 可使用本机固定的来源".into(),
            );
        }
        let (origin, next) = self.fallback.get_or_insert_with(|| {
            let start = rand::random_range(0..(1u64 << (COUNTER_BITS - 1))) / BLOCK * BLOCK;
            (random_origin(), start)
        });
        if *next + BLOCK > 1 << COUNTER_BITS {
            (*origin, *next) = (random_origin(), 0);
        }
        let start = *origin << COUNTER_BITS | *next;
        *next += BLOCK;
        Cursor {
            next: start,
            end: start + BLOCK,
        }
    }
}

static SOURCE: Mutex<Option<Source>> = Mutex::new(None);

fn source<T>(f: impl FnOnce(&mut Source) -> T) -> T {
    let mut guard = SOURCE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let source = guard.get_or_insert_with(|| Source {
        installation: crate::journal::data_folder().map(Installation::at),
        fallback: None,
        notice: None,
        current: Cursor::default(),
    });
    f(source)
}

/// The path of the counter file in a data folder (for tests and the README).
pub fn counter_file(folder: &Path) -> PathBuf {
    folder.join(FILE)
}
