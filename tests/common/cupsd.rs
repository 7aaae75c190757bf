//! A CUPS scheduler of a test's own: `cupsd -f` with its configuration,
//! spool, cache and logs in a temporary folder, listening on a socket there,
//! killed when dropped. Printers are cups-pdf's virtual printer, which writes
//! each job as a PDF into `~/PDF` of the job's user (cups-pdf reads its
//! configuration from /etc/cups alone), named with the job's title and number:
//! the tests give each document a title of its own to find their files.
//!
//! Needs Debian's `cups` and `printer-driver-cups-pdf`, and root (cups-pdf
//! runs only as root, as a system's cupsd runs it): without them the tests
//! fail saying so.
#![allow(dead_code)]

use gridorg::printer::job::JobId;
use gridorg::printer::server::Cups;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// What to install when something is missing.
const INSTALL: &str = "apt-get install cups printer-driver-cups-pdf (the printer tests start \
                       their own cupsd with cups-pdf's virtual printer)";

/// cups-pdf's driver, as Debian installs it.
const CUPS_PDF_PPD: &str = "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd";
/// What a PPD says of a printer that prints on both sides.
const DUPLEX: &str = "
*OpenUI *Duplex/Double-Sided Printing: PickOne
*OrderDependency: 50 AnySetup *Duplex
*DefaultDuplex: None
*Duplex None/Off: \"<</Duplex false>>setpagedevice\"
*Duplex DuplexNoTumble/Long Edge: \"<</Duplex true/Tumble false>>setpagedevice\"
*Duplex DuplexTumble/Short Edge: \"<</Duplex true/Tumble true>>setpagedevice\"
*CloseUI: *Duplex
";

/// Whether a test printer prints on both sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sides {
    /// cups-pdf as it comes.
    One,
    /// cups-pdf with a duplex unit in its PPD (the PDF shows no difference;
    /// the printer offers 双面).
    Two,
}

/// A running private scheduler.
pub struct Cupsd {
    folder: tempfile::TempDir,
    child: Child,
    socket: PathBuf,
}

impl Cupsd {
    /// Starts a scheduler with no printers, waiting until it answers.
    pub fn start() -> Cupsd {
        for (program, path) in [
            ("cupsd", "/usr/sbin/cupsd"),
            ("lpadmin", "/usr/sbin/lpadmin"),
            ("lp", "/usr/bin/lp"),
            ("cups-pdf", "/usr/lib/cups/backend/cups-pdf"),
        ] {
            assert!(Path::new(path).exists(), "{program} is missing: {INSTALL}");
        }
        // SAFETY: getuid has no preconditions.
        let root = unsafe { libc::getuid() } == 0;
        assert!(
            root,
            "the printer tests run as root: cups-pdf writes PDFs only when CUPS runs it as root"
        );
        let folder = tempfile::Builder::new()
            .prefix("gridorg-cupsd-")
            .tempdir()
            .unwrap();
        let dir = folder.path();
        for sub in ["conf", "spool", "spool/tmp", "cache", "state", "log", "run"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
        }
        // The filters run as the lp user and read the spool.
        set_mode(dir, 0o755);
        let socket = dir.join("run/cups.sock");
        std::fs::write(
            dir.join("conf/cupsd.conf"),
            format!(
                "Listen {}\nLogLevel warn\nWebInterface No\nBrowsing No\n\
                 <Location />\n  Order allow,deny\n  Allow all\n</Location>\n\
                 <Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n",
                socket.display()
            ),
        )
        .unwrap();
        let d = dir.display();
        std::fs::write(
            dir.join("conf/cups-files.conf"),
            format!(
                "ServerRoot {d}/conf\nRequestRoot {d}/spool\nTempDir {d}/spool/tmp\n\
                 CacheDir {d}/cache\nStateDir {d}/state\nErrorLog {d}/log/error_log\n\
                 AccessLog {d}/log/access_log\nPageLog {d}/log/page_log\n\
                 ServerBin /usr/lib/cups\nDataDir /usr/share/cups\nFileDevice No\n\
                 Sandboxing Relaxed\n"
            ),
        )
        .unwrap();
        let child = Command::new("/usr/sbin/cupsd")
            .arg("-f")
            .arg("-c")
            .arg(dir.join("conf/cupsd.conf"))
            .arg("-s")
            .arg(dir.join("conf/cups-files.conf"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cupsd does not start ({e}): {INSTALL}"));
        let mut server = Cupsd {
            folder,
            child,
            socket,
        };
        let started = Instant::now();
        while std::os::unix::net::UnixStream::connect(&server.socket).is_err() {
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!(
                    "cupsd ended at once ({status}): {}",
                    std::fs::read_to_string(server.folder.path().join("log/error_log"))
                        .unwrap_or_default()
                );
            }
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "cupsd did not answer within 5 s"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        server
    }

    /// The handle the library and the window are given.
    pub fn cups(&self) -> Cups {
        Cups::at(&self.socket.display().to_string())
    }

    /// The socket, as `CUPS_SERVER` or `-h` takes it.
    pub fn socket(&self) -> &Path {
        &self.socket
    }

    /// Runs a CUPS administration command (`lpadmin`, `cupsdisable`, …)
    /// against this scheduler.
    pub fn admin(&self, program: &str, args: &[&str]) {
        let out = Command::new(program)
            .arg("-h")
            .arg(&self.socket)
            .args(args)
            .env("LC_ALL", "C")
            .output()
            .unwrap_or_else(|e| panic!("{program}: {e}: {INSTALL}"));
        assert!(
            out.status.success(),
            "{program} {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Every job the scheduler holds or held, as `lpstat -W all -o` lists
    /// them (nothing when it has had none).
    pub fn jobs(&self) -> String {
        let out = Command::new("lpstat")
            .arg("-h")
            .arg(&self.socket)
            .args(["-W", "all", "-o"])
            .env("LC_ALL", "C")
            .output()
            .unwrap_or_else(|e| panic!("lpstat: {e}: {INSTALL}"));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Adds a cups-pdf printer, enabled and accepting. It renders through
    /// poppler's cairo (`pdftops-renderer-default=pdftocairo`): ghostscript's
    /// way through PostScript keeps the glyphs but not the text.
    pub fn add_printer(&self, name: &str, sides: Sides) {
        let mut ppd = std::fs::read_to_string(CUPS_PDF_PPD)
            .unwrap_or_else(|e| panic!("{CUPS_PDF_PPD}: {e}: {INSTALL}"));
        if sides == Sides::Two {
            ppd += DUPLEX;
        }
        let file = self.folder.path().join(format!("{name}.ppd"));
        std::fs::write(&file, ppd).unwrap();
        self.admin(
            "lpadmin",
            &[
                "-p",
                name,
                "-v",
                "cups-pdf:/",
                "-E",
                "-P",
                file.to_str().unwrap(),
                "-o",
                "pdftops-renderer-default=pdftocairo",
            ],
        );
    }

    /// Makes `name` the scheduler's default printer.
    pub fn set_default(&self, name: &str) {
        self.admin("lpadmin", &["-d", name]);
    }
}

impl Drop for Cupsd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// A title no other test's job has, to find this test's file among
/// cups-pdf's: ASCII, since cups-pdf escapes the rest, and first, since it
/// cuts long titles.
pub fn unique_title() -> String {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    format!(
        "t{}x{}x{}",
        std::process::id(),
        COUNT.fetch_add(1, Ordering::Relaxed),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0)
    )
}

/// Where cups-pdf writes the jobs of whoever runs the tests: `~/PDF` of the
/// user in the password database (cups-pdf reads the home from there).
pub fn output_folder() -> PathBuf {
    // SAFETY: getpwuid returns null or a record valid until the next call on
    // this thread; its home is copied out at once.
    let home = unsafe {
        let record = libc::getpwuid(libc::getuid());
        assert!(
            !record.is_null(),
            "the user running the tests has no passwd entry"
        );
        std::ffi::CStr::from_ptr((*record).pw_dir)
            .to_string_lossy()
            .into_owned()
    };
    Path::new(&home).join("PDF")
}

/// Waits for cups-pdf's file of job `id` titled `title` (the job is
/// complete before cups-pdf has closed it, so its end is awaited), moves it
/// into `into` and hands back its new path.
pub fn take_output(id: &JobId, title: &str, into: &Path) -> PathBuf {
    let folder = output_folder();
    let suffix = format!("job_{}.pdf", id.number);
    let started = Instant::now();
    loop {
        let found = std::fs::read_dir(&folder).ok().and_then(|entries| {
            entries.flatten().map(|e| e.path()).find(|p| {
                let name = p.file_name().unwrap_or_default().to_string_lossy();
                name.starts_with(title) && name.ends_with(&suffix)
            })
        });
        if let Some(path) = found {
            let bytes = std::fs::read(&path).unwrap_or_default();
            if bytes.windows(5).rev().take(64).any(|w| w == b"%%EOF") {
                let kept = into.join(path.file_name().unwrap());
                std::fs::write(&kept, &bytes).unwrap();
                std::fs::remove_file(&path).unwrap();
                return kept;
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "cups-pdf wrote no {title}…{suffix} in {}",
            folder.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
