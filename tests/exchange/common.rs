//! Offices made in the test. Each has a data folder of its own (where its
//! 本单位 and ids are kept), an empty home and no system git config — so no
//! git identity exists and gridorg must commit by the office alone — and a
//! folder for its document, made a repository by gridorg itself.

use gridorg::document;
use gridorg::model::{Document, Id, Level, Unit};
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The document's file name, the same in every office.
pub const DOC: &str = "街道.ron";

/// The sample document every structure in these tests starts from.
pub const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/xiyuan.ron");

/// What one command printed and how it ended.
#[derive(Debug)]
pub struct Run {
    /// The exit status (-1 when killed).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    fn of(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Panics unless it ended with `code`; itself.
    pub fn expect(self, code: i32, what: &str) -> Run {
        assert_eq!(self.code, code, "{what}: {self:#?}");
        self
    }

    /// Both outputs together.
    pub fn said(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

/// One office: its folders and its name.
pub struct Office {
    root: tempfile::TempDir,
    /// Its 本单位.
    pub name: String,
}

impl Office {
    /// An office with no document yet.
    pub fn new(name: &str) -> Office {
        let root = tempfile::tempdir().unwrap();
        for folder in ["home", "data", "out"] {
            std::fs::create_dir(root.path().join(folder)).unwrap();
        }
        Office {
            root,
            name: name.into(),
        }
    }

    /// An office whose folder holds the sample document, not under version
    /// control yet.
    pub fn with_sample(name: &str) -> Office {
        let office = Office::new(name);
        std::fs::create_dir(office.dir()).unwrap();
        std::fs::copy(SAMPLE, office.doc()).unwrap();
        office
    }

    /// An office whose folder holds the street preset made with `seed`.
    pub fn with_street(name: &str, seed: u64) -> Office {
        let office = Office::new(name);
        std::fs::create_dir(office.dir()).unwrap();
        let doc = office.doc();
        office
            .gridorg(&[
                "generate",
                "--preset",
                "street",
                "--seed",
                &seed.to_string(),
                "-o",
                doc.to_str().unwrap(),
            ])
            .expect(0, "generate");
        office
    }

    /// The folder of its document (the repository).
    pub fn dir(&self) -> PathBuf {
        self.root.path().join("doc")
    }

    /// Its document.
    pub fn doc(&self) -> PathBuf {
        self.dir().join(DOC)
    }

    /// Its data folder.
    pub fn data(&self) -> PathBuf {
        self.root.path().join("data")
    }

    /// Its home folder (empty unless a test plants something).
    pub fn home(&self) -> PathBuf {
        self.root.path().join("home")
    }

    /// A path for a file of its own outside the repository (a 数据包 on its stick).
    pub fn out(&self, name: &str) -> PathBuf {
        self.root.path().join("out").join(name)
    }

    fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        for key in [
            "GIT_DIR",
            "GIT_WORK_TREE",
            "GIT_INDEX_FILE",
            "GIT_AUTHOR_NAME",
            "GIT_AUTHOR_EMAIL",
            "GIT_COMMITTER_NAME",
            "GIT_COMMITTER_EMAIL",
            "EMAIL",
            "XDG_CONFIG_HOME",
            "GIT_CONFIG_GLOBAL",
        ] {
            command.env_remove(key);
        }
        command
            .env("HOME", self.home())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CEILING_DIRECTORIES", self.root.path())
            .env("GRIDORG_DATA_DIR", self.data())
            .current_dir(self.root.path());
        command
    }

    /// Runs gridorg as this office.
    pub fn gridorg(&self, args: &[&str]) -> Run {
        Run::of(
            self.command(env!("CARGO_BIN_EXE_gridorg"))
                .args(args)
                .output()
                .unwrap(),
        )
    }

    /// `gridorg send DOC -o OUT --office NAME`, which must succeed.
    pub fn send(&self, out: &Path) -> Run {
        self.send_as(out).expect(0, &format!("{} sends", self.name))
    }

    /// `gridorg send DOC -o OUT --office NAME`, however it ends.
    pub fn send_as(&self, out: &Path) -> Run {
        self.send_by(out, Some(&self.name))
    }

    /// `gridorg send DOC -o OUT [--office OFFICE]`, however it ends.
    pub fn send_by(&self, out: &Path, office: Option<&str>) -> Run {
        let doc = self.doc();
        let mut args = vec!["send", doc.to_str().unwrap(), "-o", out.to_str().unwrap()];
        if let Some(office) = office {
            args.extend(["--office", office]);
        }
        self.gridorg(&args)
    }

    /// `gridorg receive DOC IN --office NAME [extra…]`, however it ends.
    pub fn receive(&self, bundle: &Path, extra: &[&str]) -> Run {
        let doc = self.doc();
        let mut args = vec![
            "receive",
            doc.to_str().unwrap(),
            bundle.to_str().unwrap(),
            "--office",
            &self.name,
        ];
        args.extend_from_slice(extra);
        self.gridorg(&args)
    }

    /// `gridorg sync DOC [--remote R] --office NAME`, however it ends.
    pub fn sync(&self, remote: Option<&Path>) -> Run {
        let doc = self.doc();
        let mut args = vec!["sync", doc.to_str().unwrap(), "--office", &self.name];
        if let Some(remote) = remote {
            args.extend(["--remote", remote.to_str().unwrap()]);
        }
        self.gridorg(&args)
    }

    /// Runs git in the repository, with the office's empty environment
    /// (paths shown as they are, not quoted).
    pub fn git(&self, args: &[&str]) -> Output {
        self.command("git")
            .args(["-c", "core.quotePath=false"])
            .args(args)
            .current_dir(self.dir())
            .output()
            .expect("git runs (apt-get install git)")
    }

    /// Runs git in the repository with an identity of its own (what a
    /// hostile sender does by hand), which must succeed; its output.
    pub fn git_as_someone(&self, args: &[&str]) -> String {
        let mut command = self.command("git");
        command.args(args).current_dir(self.dir());
        for who in ["AUTHOR", "COMMITTER"] {
            command
                .env(format!("GIT_{who}_NAME"), "某人")
                .env(format!("GIT_{who}_EMAIL"), "x@example.org");
        }
        succeeded(args, command.output().unwrap())
    }

    /// git's output, which must succeed, trimmed.
    pub fn git_ok(&self, args: &[&str]) -> String {
        succeeded(args, self.git(args)).trim().to_string()
    }

    /// Its document as saved.
    pub fn load(&self) -> Document {
        document::load(&self.doc()).unwrap()
    }

    /// Edits its document and saves it (not committed: gridorg commits it).
    pub fn edit(&self, edit: impl FnOnce(&mut Document)) {
        let mut doc = self.load();
        edit(&mut doc);
        document::save(&doc, &self.doc()).unwrap();
    }

    /// Gives the unit `id` another name.
    pub fn rename(&self, id: Id, name: &str) {
        self.edit(|doc| doc.units.get_mut(&id).unwrap().name = name.into());
    }

    /// Adds a 党小组 with `code` under the first branch, its id from the
    /// office's own installation.
    pub fn add_group(&self, code: &str) {
        let data = self.data();
        self.edit(|doc| {
            let branch = nth_unit(doc, Level::Branch, 0);
            doc.ids = gridorg::store::ids::Installation::at(data)
                .reserve(1)
                .unwrap();
            let id = gridorg::store::ids::next(&mut doc.ids);
            let name = format!("{code}党小组");
            let group = Unit::new(id, code.into(), name, Level::Group, Some(branch));
            doc.units.insert(id, group);
        });
    }

    /// The commit the branch is at.
    pub fn head(&self) -> String {
        self.git_ok(&["rev-parse", "HEAD"])
    }

    /// How many commits the branch has.
    pub fn commits(&self) -> usize {
        self.git_ok(&["rev-list", "--count", "HEAD"])
            .parse()
            .unwrap()
    }

    /// Runs `command`, which must be refused (exit 2) saying `keyword`, with
    /// the document and its repository as they were; what it said.
    pub fn refuses(&self, keyword: &str, command: impl FnOnce() -> Run) -> Run {
        let before = self.snapshot();
        let run = command();
        assert_eq!(run.code, 2, "{keyword}: {run:#?}");
        assert!(run.stderr.contains(keyword), "says {keyword:?}: {run:#?}");
        assert_eq!(self.snapshot(), before, "{keyword}: nothing changed");
        run
    }

    /// Everything a refusal must leave as it was.
    pub fn snapshot(&self) -> Snapshot {
        let git = self.dir().join(".git");
        Snapshot {
            document: digest(&std::fs::read(self.doc()).ok()),
            head: self.git_ok(&["rev-parse", "HEAD"]),
            refs: self.git_ok(&["for-each-ref"]),
            status: self.git_ok(&["status", "--porcelain", "--ignored"]),
            config: digest(&std::fs::read(git.join("config")).ok()),
            files: files_under(&git)
                .into_iter()
                .filter(|f| f != "index" && !is_loose_object(f))
                .collect(),
        }
    }
}

/// The state of an office's document and repository.
#[derive(Debug, PartialEq, Eq)]
pub struct Snapshot {
    document: String,
    head: String,
    refs: String,
    status: String,
    config: String,
    /// Every file under .git but the index, which `git status` refreshes,
    /// and loose objects: written on the way (a commit of the saved state
    /// refused after, a merge abandoned), reachable from no ref, and gone
    /// at git's next clean-up.
    files: Vec<String>,
}

/// Whether a path under .git is a loose object (`objects/ab/cdef…`).
fn is_loose_object(path: &str) -> bool {
    let mut parts = path.split('/');
    matches!(
        (parts.next(), parts.next(), parts.next(), parts.next()),
        (Some("objects"), Some(dir), Some(_), None)
            if dir.len() == 2 && dir.bytes().all(|b| b.is_ascii_hexdigit())
    )
}

fn digest(bytes: &Option<Vec<u8>>) -> String {
    match bytes {
        None => "absent".into(),
        Some(bytes) => {
            let mut hasher = DefaultHasher::new();
            bytes.hash(&mut hasher);
            format!("{} bytes, {:x}", bytes.len(), hasher.finish())
        }
    }
}

/// The files under `dir`, as paths relative to it, sorted.
pub fn files_under(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() && !path.is_symlink() {
                stack.push(path);
            } else {
                found.push(path.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    found.sort();
    found
}

/// The `n`-th unit of `level` (in id order).
pub fn nth_unit(doc: &Document, level: Level, n: usize) -> Id {
    doc.units
        .values()
        .filter(|u| u.level == level)
        .nth(n)
        .unwrap()
        .id
}

/// The permission bits of a file or folder.
pub fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path)
        .unwrap()
        .permissions()
        .mode()
        & 0o777
}

/// Runs git outside any office (on a bare repository or a bundle): its
/// output, which must succeed, trimmed.
pub fn git_in(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .unwrap();
    succeeded(args, out).trim().to_string()
}

/// The standard output of `git ARGS`, which must have succeeded.
fn succeeded(args: &[&str], out: Output) -> String {
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Whether git accepts the file as a bundle (`git bundle verify`, run in
/// `repo` — a repository is needed, and prerequisites are looked up there).
pub fn verifies(repo: &Path, bundle: &Path) -> bool {
    Command::new("git")
        .args(["bundle", "verify", bundle.to_str().unwrap()])
        .current_dir(repo)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", repo)
        .output()
        .unwrap()
        .status
        .success()
}

/// A street that has sent its first 数据包 and the community that got its
/// copy from it by `receive` of a document it did not have yet.
pub fn street_and_community() -> (Office, Office) {
    let street = Office::with_sample("西园街道");
    let community = Office::new("迎宾馆社区");
    let first = street.out("底稿.bundle");
    street.send(&first);
    community
        .receive(&first, &[])
        .expect(0, "a community gets its first copy");
    (street, community)
}

/// A street and its community after a clean receive: the community renamed
/// its own community, the street added a 党小组 meanwhile; the 数据包.
pub fn received_cleanly() -> (Office, Office, PathBuf) {
    let (street, community) = street_and_community();
    let unit = nth_unit(&street.load(), Level::Community, 0);
    community.rename(unit, "社区改名");
    let bundle = community.out("社区.bundle");
    community.send(&bundle);
    street.add_group("S-NEW");
    street.receive(&bundle, &[]).expect(0, "a clean merge");
    (street, community, bundle)
}
