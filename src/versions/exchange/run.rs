//! git as the exchange runs it: in the document's repository, as a program
//! given its arguments one by one, with files it creates owner-only (umask
//! 077), no hooks, the office as author and committer for that run alone
//! (never written to git's config), and gridorg itself as the merge driver
//! of `*.ron` whatever the repository's config says.

use super::error::ExchangeError;
use crate::versions::git::GitError;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// One repository, and who commits in it.
#[derive(Debug, Clone)]
pub struct Git {
    /// The work tree's top folder.
    pub top: PathBuf,
    /// The office committing, if any.
    office: Option<String>,
    /// Extra environment for every run (the quarantine's object folders).
    env: Vec<(String, PathBuf)>,
}

impl Git {
    /// git in the work tree at `top`.
    pub fn at(top: &Path) -> Git {
        Git {
            top: top.to_path_buf(),
            office: None,
            env: Vec::new(),
        }
    }

    /// The same, committing as `office`.
    pub fn as_office(&self, office: &str) -> Git {
        Git {
            office: Some(office.to_string()),
            ..self.clone()
        }
    }

    /// The same, with `name` set to `value` in git's environment.
    pub fn with_env(&self, name: &str, value: &Path) -> Git {
        let mut git = self.clone();
        git.env.push((name.to_string(), value.to_path_buf()));
        git
    }

    /// The command, ready to run with `args`.
    pub fn command<S: AsRef<OsStr>>(&self, args: &[S]) -> Command {
        let mut command = Command::new("git");
        command
            .arg("-C")
            .arg(&self.top)
            .args(["-c", "core.quotePath=false"])
            .args(["-c", "core.hooksPath=/dev/null"])
            .args(["-c", "merge.gridorg.name=gridorg"])
            .arg("-c")
            .arg(driver_setting())
            .args(["-c", "commit.gpgSign=false"])
            .args(["-c", "gc.auto=0"])
            .args(["-c", "protocol.ext.allow=never"])
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("LC_ALL", "C")
            .stdin(std::process::Stdio::null());
        for (name, value) in &self.env {
            command.env(name, value);
        }
        if let Some(office) = &self.office {
            for who in ["AUTHOR", "COMMITTER"] {
                command.env(format!("GIT_{who}_NAME"), office);
                command.env(format!("GIT_{who}_EMAIL"), "");
            }
        }
        #[cfg(unix)]
        owner_only(&mut command);
        command.args(args);
        command
    }

    /// Runs git with `args`: its output, whatever its exit status.
    pub fn output<S: AsRef<OsStr>>(&self, args: &[S]) -> Result<Output, ExchangeError> {
        self.command(args)
            .output()
            .map_err(|e| GitError::Missing(e.to_string()).into())
    }

    /// Runs git with `args` and wants it to succeed: its standard output as
    /// text, trimmed.
    pub fn ok<S: AsRef<OsStr>>(&self, args: &[S]) -> Result<String, ExchangeError> {
        let out = self.output(args)?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
        } else {
            Err(failed(args, &out))
        }
    }

    /// Runs git with `args`, `input` on its standard input, and wants it to
    /// succeed: its standard output as text, trimmed.
    pub fn ok_with_input(&self, args: &[&str], input: &[u8]) -> Result<String, ExchangeError> {
        use std::io::Write;
        let mut child = self
            .command(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .map_err(|e| ExchangeError::from(GitError::Missing(e.to_string())))?;
        let written = child.stdin.take().map(|mut stdin| stdin.write_all(input));
        let out = child
            .wait_with_output()
            .map_err(|e| ExchangeError::from(GitError::Missing(e.to_string())))?;
        if out.status.success() && !matches!(written, Some(Err(_))) {
            Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
        } else {
            Err(failed(args, &out))
        }
    }

    /// Whether git with `args` succeeds.
    pub fn succeeds<S: AsRef<OsStr>>(&self, args: &[S]) -> Result<bool, ExchangeError> {
        Ok(self.output(args)?.status.success())
    }

    /// The absolute path of `name` inside the repository's git folder.
    pub fn git_path(&self, name: &str) -> Result<PathBuf, ExchangeError> {
        let path = self.ok(&["rev-parse", "--path-format=absolute", "--git-path", name])?;
        Ok(PathBuf::from(path))
    }
}

/// What git said when it failed, as an error.
pub fn failed<S: AsRef<OsStr>>(args: &[S], out: &Output) -> ExchangeError {
    let reason = String::from_utf8_lossy(&out.stderr).trim().to_string();
    GitError::Failed {
        command: args
            .first()
            .map(|a| a.as_ref().to_string_lossy().into_owned())
            .unwrap_or_default(),
        reason: crate::controls::escape_lines(&reason).into_owned(),
    }
    .into()
}

/// Files and folders git makes are the owner's alone.
#[cfg(unix)]
fn owner_only(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: umask is async-signal-safe and touches nothing but the child.
    unsafe {
        command.pre_exec(|| {
            libc::umask(0o077);
            Ok(())
        });
    }
}

/// The `-c` setting that makes gridorg the merge driver of `*.ron`.
fn driver_setting() -> String {
    let program = driver_program();
    let quoted = format!("'{}'", program.display().to_string().replace('\'', r"'\''"));
    format!("merge.gridorg.driver={quoted} merge-driver %O %A %B %P")
}

/// The gridorg program git runs to merge documents: this program when it is
/// gridorg, else (a program built on the library, such as a test) the
/// gridorg beside it or one folder up, else `gridorg` on the `PATH`.
pub fn driver_program() -> PathBuf {
    let name = format!("gridorg{}", std::env::consts::EXE_SUFFIX);
    let Ok(exe) = std::env::current_exe() else {
        return PathBuf::from(name);
    };
    if exe.file_name() == Some(OsStr::new(&name)) {
        return exe;
    }
    exe.ancestors()
        .skip(1)
        .take(2)
        .map(|folder| folder.join(&name))
        .find(|candidate| candidate.is_file())
        .unwrap_or_else(|| PathBuf::from(name))
}
