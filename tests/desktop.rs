//! The desktop files the Debian package installs agree with the program:
//! the MIME type's magic finds what the writer puts at the top of every
//! document (and what version 2 wrote), and not a plain `.ron`; the desktop
//! entry opens that type and workbooks with the program; every file the
//! package lists is in the repository. (packaging/try-install.sh tries the
//! installed package itself.)

use std::path::Path;

fn packaging(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("packaging")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The value of `attribute="…"` in the first element of `xml` that has it.
fn attribute<'a>(xml: &'a str, attribute: &str) -> &'a str {
    let key = format!("{attribute}=\"");
    let start = xml.find(&key).unwrap_or_else(|| panic!("no {attribute}")) + key.len();
    let end = start + xml[start..].find('"').unwrap();
    &xml[start..end]
}

/// Whether the MIME type's one string match finds `bytes`, as
/// shared-mime-info reads `<match type="string" value=… offset="A:B">`:
/// the value starting at any offset from A to B.
fn magic_finds(bytes: &[u8]) -> bool {
    let xml = packaging("gridorg-mime.xml");
    let magic = &xml[xml.find("<match").unwrap()..];
    assert_eq!(attribute(magic, "type"), "string");
    let value = attribute(magic, "value").as_bytes();
    let (from, to) = attribute(magic, "offset").split_once(':').unwrap();
    let (from, to): (usize, usize) = (from.parse().unwrap(), to.parse().unwrap());
    (from..=to).any(|at| bytes.get(at..at + value.len()) == Some(value))
}

#[test]
fn desktop_the_mime_magic_finds_every_document_and_no_other_ron() {
    let sample = gridorg::document::from_str(gridorg::SAMPLE, "sample").unwrap();
    let written = gridorg::document::to_string(&sample);
    assert!(magic_finds(written.as_bytes()), "what the writer writes");
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("西园.ron");
    gridorg::document::save(&sample, &saved).unwrap();
    assert!(magic_finds(&std::fs::read(&saved).unwrap()), "a saved file");
    let v2 = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/v2-sample.ron"))
        .unwrap();
    assert!(magic_finds(&v2), "a version-2 document");
    let other = "// window settings of another program\n(\n    width: 800,\n)\n";
    assert!(!magic_finds(other.as_bytes()), "a plain .ron");
    let xml = packaging("gridorg-mime.xml");
    assert!(
        !xml.contains("<glob"),
        "no glob: other programs write .ron too"
    );
    assert!(xml.contains("<comment xml:lang=\"zh_CN\">党建网格文档</comment>"));
}

#[test]
fn desktop_the_entry_opens_documents_and_workbooks_with_the_program() {
    let entry = packaging("gridorg.desktop");
    let value = |key: &str| {
        entry
            .lines()
            .find_map(|line| line.strip_prefix(key)?.strip_prefix('='))
            .unwrap_or_else(|| panic!("no {key}"))
    };
    let xml = packaging("gridorg-mime.xml");
    let document_type = attribute(&xml, "type");
    let types: Vec<&str> = value("MimeType").split_terminator(';').collect();
    assert_eq!(
        types,
        [
            document_type,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        ]
    );
    assert_eq!(
        value("Exec"),
        "gridorg %f",
        "one file, as `gridorg FILE` takes it"
    );
    assert_eq!(value("Name[zh_CN]"), "党建网格");
    assert_eq!(value("Icon"), "gridorg");
    assert_eq!(value("Categories"), "Office;");
}

#[test]
fn desktop_every_file_the_package_lists_is_in_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let deb = &manifest[manifest.find("[package.metadata.deb]").unwrap()..];
    let assets = &deb[deb.find("assets = [").unwrap()..];
    let assets = &assets[..assets.find("\n]").unwrap()];
    let mut listed = 0;
    for line in assets.lines().filter(|l| l.trim_start().starts_with("[\"")) {
        let source = line.trim_start().trim_start_matches("[\"");
        let source = &source[..source.find('"').unwrap()];
        listed += 1;
        if source.starts_with("target/release/") {
            continue;
        }
        assert!(
            root.join(source).is_file(),
            "{source} is listed but missing"
        );
    }
    assert!(listed >= 15, "{listed} assets");
    for size in [16, 24, 32, 48, 64, 128, 256] {
        let icon = format!("packaging/icons/{size}/gridorg.png");
        assert!(deb.contains(&icon), "{icon} installed");
    }
}

#[test]
fn desktop_a_missing_file_named_in_a_terminal_or_a_script_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("U盘").join("西园.ron");
    // As inherited from a terminal that GNOME's launcher started.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gridorg"))
        .arg(&missing)
        .env(
            "GIO_LAUNCHED_DESKTOP_FILE",
            "/usr/share/applications/org.gnome.Terminal.desktop",
        )
        .env("GIO_LAUNCHED_DESKTOP_FILE_PID", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("文件不存在 (not found)"), "{said}");
    assert!(said.contains("西园.ron"), "{said}");
    assert!(!dir.path().join("U盘").exists(), "nothing made");
}
