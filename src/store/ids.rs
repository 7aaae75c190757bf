//! The installation's id counter in the data folder, and the process's share
//! of it (the id scheme itself: [`crate::model::ids`]).
//!
//! The origin and next counter are kept in the data folder (file `ids`, see
//! [`super::data_folder`]). Each process reserves a block of [`BLOCK`] counters
//! at a time under a file lock, so two programs running at once never share one.
//!
//! Where no data folder can be used, a process draws an origin and a starting
//! counter at random for itself ([`Counter::drawn`]): still collision-safe (two
//! copies would need the same 24-bit origin and overlapping counters), and
//! [`notice`] says so.

use crate::model::ids::{Counter, Cursor, BLOCK};
use crate::model::Id;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The file in the data folder holding the origin and the next free counter.
const FILE: &str = "ids";
/// The file in the data folder locked while a block is reserved.
const LOCK: &str = "ids.lock";

/// Hands out the next id: from `cursor` while it lasts, else from the
/// process's source (reserving a block from the installation as needed).
pub fn next(cursor: &mut Cursor) -> Id {
    match cursor.take() {
        Some(id) => id,
        None => source(|s| s.current().take()).expect("a fresh block holds ids"),
    }
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
        let mut counter = match fs::read_to_string(&path) {
            Ok(text) => parse(&text).ok_or_else(|| {
                io::Error::other(format!(
                    "{}: 编号计数文件内容无效 (invalid id counter)",
                    path.display()
                ))
            })?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => Counter::fresh(),
            Err(e) => return Err(e),
        };
        let cursor = counter.reserve(count);
        let text = format!("origin {}\nnext {}\n", counter.origin(), counter.next());
        crate::document::write_atomic(&path, text.as_bytes()).map_err(io::Error::other)?;
        drop(lock);
        Ok(cursor)
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

/// The counter file's text: `origin N` and `next N`, one a line.
fn parse(text: &str) -> Option<Counter> {
    let mut origin = None;
    let mut next = None;
    for line in text.lines() {
        match line.split_once(' ') {
            Some(("origin", v)) => origin = v.trim().parse().ok(),
            Some(("next", v)) => next = v.trim().parse().ok(),
            _ => {}
        }
    }
    Counter::new(origin?, next?)
}

/// The process's source of ids.
struct Source {
    /// The installation, or None once it proved unusable (or there is none).
    installation: Option<Installation>,
    /// The fallback's counter, once drawn.
    fallback: Option<Counter>,
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
        self.fallback
            .get_or_insert_with(Counter::drawn)
            .reserve(BLOCK)
    }
}

static SOURCE: Mutex<Option<Source>> = Mutex::new(None);

fn source<T>(f: impl FnOnce(&mut Source) -> T) -> T {
    let mut guard = SOURCE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let source = guard.get_or_insert_with(|| Source {
        installation: super::data_folder().map(Installation::at),
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
