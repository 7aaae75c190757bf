//! Where the CUPS scheduler is, as CUPS's own tools find it, and the handle
//! every printer request goes through: a test or a caller may name its own
//! scheduler without touching the environment others read.

use super::error::{said, PrinterError};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A scheduler's address: its local socket, or a host and port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Server {
    /// A Unix socket (`/run/cups/cups.sock`).
    Socket(PathBuf),
    /// A host name or address and port (`print.example:631`).
    Host(String, u16),
}

/// Debian's scheduler socket.
const DEFAULT_SOCKET: &str = "/run/cups/cups.sock";
/// CUPS's port.
const IPP_PORT: u16 = 631;
/// The most bytes kept of what a command prints.
const MAX_OUTPUT: u64 = 64 * 1024;

impl Server {
    /// Reads an address as `CUPS_SERVER` and `lp -h` take it: a path that
    /// begins with `/`, or `host`, `host:port`, `[v6]:port`.
    pub fn parse(text: &str) -> Server {
        let text = text.trim();
        if text.starts_with('/') {
            return Server::Socket(PathBuf::from(text));
        }
        let (host, port) = match text.rsplit_once(':') {
            Some((host, port)) if !host.contains(':') || host.ends_with(']') => {
                (host, port.parse().unwrap_or(IPP_PORT))
            }
            _ => (text, IPP_PORT),
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        Server::Host(host.to_string(), port)
    }

    /// The address for `lp -h`.
    fn argument(&self) -> String {
        match self {
            Server::Socket(path) => path.display().to_string(),
            Server::Host(host, port) if host.contains(':') => format!("[{host}]:{port}"),
            Server::Host(host, port) => format!("{host}:{port}"),
        }
    }
}

impl std::fmt::Display for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.argument())
    }
}

/// The CUPS scheduler printers are listed from and jobs sent to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cups {
    server: Server,
    /// The user's own default printer, as `lp` takes it (`LPDEST`,
    /// `PRINTER`, `~/.cups/lpoptions`): only for the scheduler CUPS's tools
    /// use, never one named outright.
    user_default: Option<String>,
}

impl Cups {
    /// The scheduler CUPS's tools use here: `CUPS_SERVER`, else the
    /// `ServerName` of `~/.cups/client.conf` or `/etc/cups/client.conf`,
    /// else the local socket, else `localhost:631`.
    pub fn system() -> Cups {
        let home = std::env::var_os("HOME").map(|h| Path::new(&h).join(".cups/client.conf"));
        let named = std::env::var("CUPS_SERVER")
            .ok()
            .filter(|s| !s.trim().is_empty())
            .or_else(|| home.as_deref().and_then(server_name))
            .or_else(|| server_name(Path::new("/etc/cups/client.conf")));
        let server = match named {
            Some(name) => Server::parse(&name),
            None if Path::new(DEFAULT_SOCKET).exists() => {
                Server::Socket(PathBuf::from(DEFAULT_SOCKET))
            }
            None => Server::Host("localhost".into(), IPP_PORT),
        };
        let lpoptions = std::env::var_os("HOME").map(|h| Path::new(&h).join(".cups/lpoptions"));
        let user_default = ["LPDEST", "PRINTER"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|p| !p.trim().is_empty()))
            .or_else(|| lpoptions.as_deref().and_then(lpoptions_default));
        Cups {
            server,
            user_default,
        }
    }

    /// A scheduler named outright (a socket path or `host:port`).
    pub fn at(server: &str) -> Cups {
        Cups {
            server: Server::parse(server),
            user_default: None,
        }
    }

    /// Where the scheduler is.
    pub fn server(&self) -> &Server {
        &self.server
    }

    /// The user's own default printer, if they chose one.
    pub(super) fn user_default(&self) -> Option<&str> {
        self.user_default.as_deref()
    }

    /// Runs a CUPS client command (`lp`, `cancel`) against this scheduler, in
    /// the C locale so its words can be read, and hands back what it printed
    /// (bounded) when it succeeds, or its error output when it fails.
    pub(super) fn run(&self, program: &str, args: &[&std::ffi::OsStr]) -> Result<String, Ran> {
        let mut child = Command::new(program)
            .arg("-h")
            .arg(self.server.argument())
            .args(args)
            .env("LC_ALL", "C")
            .env("LANG", "C")
            .env_remove("LANGUAGE")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => Ran::Missing,
                _ => Ran::Failed(said(&format!("{program}: {e}"))),
            })?;
        let mut stderr = child.stderr.take();
        // Error output read on a thread of its own, so a command filling
        // one pipe never waits on the other.
        let errors = std::thread::spawn(move || {
            let mut text = String::new();
            if let Some(e) = stderr.as_mut() {
                let _ = e.take(MAX_OUTPUT).read_to_string(&mut text);
                let _ = std::io::copy(e, &mut std::io::sink());
            }
            text
        });
        let mut out = Vec::new();
        if let Some(o) = child.stdout.as_mut() {
            let _ = o.take(MAX_OUTPUT).read_to_end(&mut out);
            let _ = std::io::copy(o, &mut std::io::sink());
        }
        let status = child
            .wait()
            .map_err(|e| Ran::Failed(said(&format!("{program}: {e}"))))?;
        let errors = errors.join().unwrap_or_default();
        if status.success() {
            Ok(String::from_utf8_lossy(&out).into_owned())
        } else {
            let first = errors
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .to_string();
            Err(Ran::Failed(said(if first.is_empty() {
                "命令失败，没有说明原因"
            } else {
                &first
            })))
        }
    }
}

/// How a command ended when it did not succeed.
#[derive(Debug)]
pub(super) enum Ran {
    /// The program is not installed.
    Missing,
    /// It ran and failed: the first line it said.
    Failed(String),
}

impl Ran {
    /// The error, for a command whose failure has no more particular reading.
    pub(super) fn into_error(self) -> PrinterError {
        match self {
            Ran::Missing => PrinterError::NotInstalled,
            Ran::Failed(said) => PrinterError::Refused(said),
        }
    }
}

/// The value of the first `key value` line of a CUPS client file
/// (client.conf, lpoptions), if the file is there and has one.
fn setting(path: &Path, key: &str) -> Option<String> {
    let text = crate::input::read_limited(path, 256 * 1024).ok()?;
    let text = String::from_utf8_lossy(&text);
    text.lines().find_map(|line| {
        let mut words = line.split_whitespace();
        match (words.next(), words.next()) {
            (Some(k), Some(value)) if k.eq_ignore_ascii_case(key) => Some(value.to_string()),
            _ => None,
        }
    })
}

/// The `ServerName` of a client.conf.
fn server_name(path: &Path) -> Option<String> {
    setting(path, "ServerName")
}

/// The printer a `lpoptions` file makes the default (`Default NAME` or
/// `Default NAME/instance`), if any.
fn lpoptions_default(path: &Path) -> Option<String> {
    let dest = setting(path, "Default")?;
    Some(dest.split('/').next().unwrap_or(&dest).to_string())
}

/// Whether the CUPS client commands are installed (`lp` on the `PATH`).
pub fn installed() -> bool {
    std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|dir| {
            std::fs::metadata(dir.join("lp")).is_ok_and(|m| {
                use std::os::unix::fs::PermissionsExt;
                m.is_file() && m.permissions().mode() & 0o111 != 0
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_read_as_cups_reads_them() {
        assert_eq!(
            Server::parse("/tmp/x/cups.sock"),
            Server::Socket("/tmp/x/cups.sock".into())
        );
        assert_eq!(
            Server::parse("print.example:8631"),
            Server::Host("print.example".into(), 8631)
        );
        assert_eq!(
            Server::parse("print.example"),
            Server::Host("print.example".into(), 631)
        );
        assert_eq!(Server::parse("[::1]:631"), Server::Host("::1".into(), 631));
        assert_eq!(Server::parse("[::1]:631").to_string(), "[::1]:631");
    }

    #[test]
    fn the_users_default_is_read_from_lpoptions() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("lpoptions");
        std::fs::write(
            &file,
            "Dest PDF sides=one-sided\nDefault Office-3F/duplex copies=2\n",
        )
        .unwrap();
        assert_eq!(lpoptions_default(&file).as_deref(), Some("Office-3F"));
        std::fs::write(&file, "Dest PDF\n").unwrap();
        assert_eq!(lpoptions_default(&file), None);
        assert_eq!(
            Cups::at("/x.sock").user_default(),
            None,
            "a named scheduler: CUPS's default"
        );
    }
}
