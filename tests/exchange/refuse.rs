//! What `gridorg receive` refuses (issue 26 item 3), each time with the
//! document and its repository as they were — the document's bytes, HEAD,
//! every ref, `git status`, the config and every file under .git — and what a
//! hostile 数据包 may not do: move a local branch, run a driver or filter its
//! tree names, put a link where the document was.

use crate::common::{files_under, nth_unit, street_and_community, Office, Run, DOC};
use gridorg::model::Level;
use std::path::Path;

/// Receives `bundle` at `office`, which must refuse it (exit 2) saying
/// `keyword`, with everything as it was; what it said.
fn refused(office: &Office, bundle: &Path, keyword: &str) -> Run {
    office.refuses(keyword, || office.receive(bundle, &[]))
}

/// A street with a saved edit not yet committed, and a good 数据包 from its
/// community.
fn street_with_a_saved_edit() -> (Office, Office, std::path::PathBuf) {
    let (street, community) = street_and_community();
    let doc = street.load();
    community.rename(nth_unit(&doc, Level::Community, 0), "社区改名");
    let bundle = community.out("社区.bundle");
    community.send(&bundle);
    street.rename(nth_unit(&doc, Level::Community, 1), "街道改名未提交");
    (street, community, bundle)
}

#[test]
fn exchange_refuse_a_file_that_is_not_a_bundle() {
    let (street, _community, _good) = street_with_a_saved_edit();
    let text = street.out("文本.bundle");
    std::fs::write(&text, "这不是数据包\n").unwrap();
    refused(&street, &text, "not a bundle");
    let empty = street.out("空.bundle");
    std::fs::write(&empty, "").unwrap();
    refused(&street, &empty, "not a bundle");
    // The document itself, given as the 数据包.
    let doc = street.out("文档.bundle");
    std::fs::copy(street.doc(), &doc).unwrap();
    refused(&street, &doc, "not a bundle");
}

#[test]
fn exchange_refuse_a_bundle_that_is_not_there() {
    let (street, _community, _good) = street_with_a_saved_edit();
    refused(&street, &street.out("没有这个.bundle"), "not a bundle");
}

#[test]
fn exchange_refuse_a_truncated_bundle() {
    let (street, _community, good) = street_with_a_saved_edit();
    let bytes = std::fs::read(&good).unwrap();
    let cut = street.out("截断.bundle");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    refused(&street, &cut, "damaged bundle");
    // Cut inside its header: it no longer says what it holds.
    let header_end = bytes.windows(2).position(|w| w == b"\n\n").unwrap();
    std::fs::write(&cut, &bytes[..header_end - 3]).unwrap();
    let run = street.receive(&cut, &[]);
    assert_eq!(run.code, 2, "{run:#?}");
}

#[test]
fn exchange_refuse_a_bundle_with_a_flipped_byte() {
    let (street, _community, good) = street_with_a_saved_edit();
    let bytes = std::fs::read(&good).unwrap();
    let header_end = bytes.windows(2).position(|w| w == b"\n\n").unwrap() + 2;
    // One byte in the pack's data, one in its checksum, one in a header line.
    for at in [header_end + (bytes.len() - header_end) / 2, bytes.len() - 5] {
        let mut flipped = bytes.clone();
        flipped[at] ^= 0x40;
        let damaged = street.out(&format!("损坏{at}.bundle"));
        std::fs::write(&damaged, &flipped).unwrap();
        refused(&street, &damaged, "damaged bundle");
    }
    let mut flipped = bytes.clone();
    let in_header = bytes.iter().position(|b| *b == b'\n').unwrap() + 3;
    flipped[in_header] ^= 0x01;
    let damaged = street.out("头部损坏.bundle");
    std::fs::write(&damaged, &flipped).unwrap();
    let run = street.receive(&damaged, &[]);
    assert_eq!(run.code, 2, "{run:#?}");
}

#[test]
fn exchange_refuse_a_bundle_of_another_structure() {
    let (street, community, _good) = street_with_a_saved_edit();
    // The community's history, its document replaced by another structure.
    let other = Office::with_street("别处", 5);
    std::fs::copy(other.doc(), community.doc()).unwrap();
    let bundle = community.out("另一个.bundle");
    community.send(&bundle);
    refused(&street, &bundle, "unrelated documents");
}

#[test]
fn exchange_refuse_a_bundle_with_no_history_in_common() {
    let (street, _community, _good) = street_with_a_saved_edit();
    // The same sample started under version control elsewhere: one
    // structure, but no commit in common.
    let stranger = Office::with_sample("陌生社区");
    let bundle = stranger.out("陌生.bundle");
    stranger.send(&bundle);
    refused(&street, &bundle, "no common history");
}

#[test]
fn exchange_refuse_a_bundle_without_the_document() {
    let (street, _community, _good) = street_with_a_saved_edit();
    let other = Office::new("别的仓库");
    std::fs::create_dir(other.dir()).unwrap();
    std::fs::write(other.dir().join("说明.txt"), "没有文档\n").unwrap();
    other.git_as_someone(&["init", "-q"]);
    other.git_as_someone(&["add", "."]);
    other.git_as_someone(&["commit", "-q", "-m", "别的"]);
    let bundle = other.out("别的.bundle");
    other.git_as_someone(&["bundle", "create", bundle.to_str().unwrap(), "--all"]);
    refused(&street, &bundle, "no common history");
}

#[test]
fn exchange_refuse_a_bundle_needing_commits_this_repository_lacks() {
    let (street, community, _good) = street_with_a_saved_edit();
    let unit = nth_unit(&street.load(), Level::Community, 2);
    community.rename(unit, "第二次");
    community.send(&community.out("二.bundle"));
    // Only the newest commit: its parent never reached the street.
    let thin = community.out("薄.bundle");
    let branch = community.git_ok(&["symbolic-ref", "--short", "HEAD"]);
    let newest = format!("{branch}~1..{branch}");
    community.git_as_someone(&["bundle", "create", thin.to_str().unwrap(), &newest]);
    refused(&street, &thin, "no common history");
}

#[test]
fn exchange_refuse_a_document_that_does_not_read_rather_than_commit_it() {
    let (street, _community, good) = street_with_a_saved_edit();
    std::fs::write(street.doc(), "(这不是文档").unwrap();
    let run = refused(&street, &good, "missing version");
    assert!(
        !run.stderr.contains("unrelated documents"),
        "this office's document does not read; the 数据包 is fine: {run:#?}"
    );
}

#[test]
fn exchange_refuse_a_bundle_whose_document_is_a_link() {
    let (street, community, _good) = street_with_a_saved_edit();
    // A hostile sender commits the document as a link to a file elsewhere.
    let target = street.out("不该被写的文件.txt");
    std::fs::write(&target, "原样").unwrap();
    std::fs::remove_file(community.doc()).unwrap();
    std::os::unix::fs::symlink(&target, community.doc()).unwrap();
    community.git_as_someone(&["add", DOC]);
    community.git_as_someone(&["commit", "-q", "-m", "链接"]);
    let bundle = community.out("链接.bundle");
    community.git_as_someone(&["bundle", "create", bundle.to_str().unwrap(), "--branches"]);
    let before = street.snapshot();
    let run = street.receive(&bundle, &[]);
    assert!(
        !std::fs::symlink_metadata(street.doc())
            .unwrap()
            .file_type()
            .is_symlink(),
        "the document is still a file: {run:#?}"
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "原样");
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(street.snapshot(), before);
}

#[test]
fn exchange_refuse_never_moves_a_local_branch_named_in_the_bundle() {
    let (street, community) = street_and_community();
    let doc = street.load();
    // The street keeps a branch of its own, 备份, at its first version.
    street.git_ok(&["branch", "备份"]);
    let kept = street.git_ok(&["rev-parse", "refs/heads/备份"]);
    // The community's 数据包 carries its history under that very name.
    community.rename(nth_unit(&doc, Level::Community, 0), "社区改名");
    community.send(&community.out("普通.bundle"));
    community.git_ok(&["branch", "备份"]);
    let bundle = community.out("同名.bundle");
    community.git_as_someone(&["bundle", "create", bundle.to_str().unwrap(), "备份"]);
    street.rename(nth_unit(&doc, Level::Community, 1), "街道改名");
    let branch = street.git_ok(&["symbolic-ref", "HEAD"]);
    let run = street.receive(&bundle, &[]);
    assert!(run.code == 0 || run.code == 2, "{run:#?}");
    assert_eq!(
        street.git_ok(&["rev-parse", "refs/heads/备份"]),
        kept,
        "the local 备份 is where it was: {run:#?}"
    );
    assert_eq!(street.git_ok(&["symbolic-ref", "HEAD"]), branch);
    let heads = street.git_ok(&["for-each-ref", "--format=%(refname)", "refs/heads"]);
    assert_eq!(heads.lines().count(), 2, "no branch added: {heads}");
}

#[test]
fn exchange_refuse_drivers_and_filters_named_by_the_bundles_tree_run_nothing() {
    let (street, community) = street_and_community();
    // The street's installation has drivers of its own (as git-lfs would);
    // each leaves a marker of its own when run.
    let touch = |kind: &str| format!("touch {}", street.out(&format!("标记-{kind}")).display());
    std::fs::write(
        street.home().join(".gitconfig"),
        format!(
            "[filter \"evil\"]\n\tsmudge = sh -c '{}; cat'\n\tclean = sh -c '{}; cat'\n\tprocess = sh -c '{}'\n\trequired = false\n\
             [merge \"evil\"]\n\tdriver = sh -c '{}; exit 0'\n\
             [diff \"evil\"]\n\tcommand = sh -c '{}'\n\ttextconv = sh -c '{}; cat'\n",
            touch("smudge"),
            touch("clean"),
            touch("process"),
            touch("merge"),
            touch("diff"),
            touch("textconv"),
        ),
    )
    .unwrap();
    let ran = || -> Vec<String> {
        files_under(&street.out(""))
            .into_iter()
            .filter(|f| f.starts_with("标记"))
            .collect()
    };
    // The community's tree names them for every file.
    std::fs::write(
        community.dir().join(".gitattributes"),
        "* filter=evil merge=evil diff=evil\n*.ron filter=evil merge=evil diff=evil\n",
    )
    .unwrap();
    community.git_as_someone(&["commit", "-q", "-am", "属性"]);
    let doc = street.load();
    community.rename(nth_unit(&doc, Level::Community, 0), "社区改名");
    let bundle = community.out("驱动.bundle");
    community.send(&bundle);
    assert!(
        community
            .git_ok(&["show", "HEAD:.gitattributes"])
            .contains("evil"),
        "the 数据包 carries the attributes"
    );
    street.rename(nth_unit(&doc, Level::Community, 1), "街道改名");
    let run = street.receive(&bundle, &[]);
    assert_eq!(
        ran(),
        Vec::<String>::new(),
        "receive ran a driver: {run:#?}"
    );
    assert!(run.code == 0 || run.code == 2, "{run:#?}");
    if run.code == 0 {
        let merged = street.load();
        assert_eq!(
            merged.units[&nth_unit(&doc, Level::Community, 0)].name,
            "社区改名",
            "merged by gridorg's driver"
        );
        // The next exchange runs none either.
        street.rename(nth_unit(&doc, Level::Community, 2), "再改");
        street.send(&street.out("之后.bundle"));
        assert_eq!(ran(), Vec::<String>::new(), "send ran a driver");
    }
}

/// The community's good 数据包 with its branch's name in the header
/// replaced by `name` (what a hostile sender can write by hand).
fn with_branch_named(community: &Office, good: &Path, name: &str) -> std::path::PathBuf {
    let bytes = std::fs::read(good).unwrap();
    let header_end = bytes.windows(2).position(|w| w == b"\n\n").unwrap();
    let header = String::from_utf8(bytes[..header_end].to_vec()).unwrap();
    let branch = community.git_ok(&["symbolic-ref", "HEAD"]);
    assert!(header.contains(&branch), "{header}");
    let mut crafted = header.replace(&branch, name).into_bytes();
    crafted.extend_from_slice(&bytes[header_end..]);
    let bundle = community.out("改过名的.bundle");
    std::fs::write(&bundle, crafted).unwrap();
    bundle
}

/// Receives `bundle`, which may be merged (exit 0) or refused with nothing
/// changed (exit 2); what it said.
fn merged_or_refused(street: &Office, bundle: &Path) -> Run {
    let before = street.snapshot();
    let run = street.receive(bundle, &[]);
    assert!(run.code == 0 || run.code == 2, "{run:#?}");
    if run.code == 2 {
        assert_eq!(street.snapshot(), before);
    }
    run
}

#[test]
fn exchange_refuse_a_branch_name_that_is_an_option_runs_nothing() {
    let (street, community, good) = street_with_a_saved_edit();
    let marker = street.out("标记");
    let hostile = format!("--upload-pack=touch {}", marker.display());
    let bundle = with_branch_named(&community, &good, &hostile);
    let run = merged_or_refused(&street, &bundle);
    assert!(!marker.exists(), "{run:#?}");
    let refs = street.git_ok(&["for-each-ref", "--format=%(refname)"]);
    assert!(!refs.contains("upload-pack"), "{refs}");
}

#[test]
fn exchange_refuse_a_branch_name_with_control_characters_reaches_no_terminal() {
    let (street, community, good) = street_with_a_saved_edit();
    let bundle = with_branch_named(&community, &good, "refs/heads/\u{1b}[2J\u{1b}]0;标题\u{7}");
    let run = merged_or_refused(&street, &bundle);
    assert!(
        !run.said().contains('\u{1b}') && !run.said().contains('\u{7}'),
        "{run:#?}"
    );
}

#[test]
fn exchange_refuse_a_bundle_file_named_like_an_option_is_read_as_a_file() {
    let (street, _community, good) = street_with_a_saved_edit();
    // Relative to the folder gridorg runs in (the office's root), as a user
    // would give a file on the stick.
    let name = "--upload-pack=touch 标记";
    std::fs::copy(&good, street.out("").parent().unwrap().join(name)).unwrap();
    let doc = street.doc();
    let run = street.gridorg(&[
        "receive",
        doc.to_str().unwrap(),
        "--office",
        "西园街道",
        "--",
        name,
    ]);
    for folder in [street.dir(), street.out("").parent().unwrap().to_path_buf()] {
        assert!(!folder.join("标记").exists(), "{run:#?}");
    }
    assert_eq!(run.code, 0, "the good 数据包 it is: {run:#?}");
    assert_eq!(street.load().conflicts.len(), 0);
}

#[test]
fn exchange_refuse_a_bundle_whose_newest_version_removed_the_document() {
    let (street, community, _good) = street_with_a_saved_edit();
    community.git_as_someone(&["rm", "-q", DOC]);
    community.git_as_someone(&["commit", "-q", "-m", "删掉"]);
    let bundle = community.out("删除.bundle");
    community.git_as_someone(&["bundle", "create", bundle.to_str().unwrap(), "--branches"]);
    refused(&street, &bundle, "not in bundle");
    assert!(street.doc().exists());
}

#[test]
fn exchange_refuse_while_another_tracked_file_has_changes_the_merge_would_touch() {
    let (street, community, _good) = street_with_a_saved_edit();
    // Both change .gitignore: the community commits it, the street has not.
    let append = |office: &Office, line: &str| {
        let path = office.dir().join(".gitignore");
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str(line);
        std::fs::write(path, text).unwrap();
    };
    append(&community, "社区的/\n");
    community.git_as_someone(&["commit", "-q", "-am", "忽略"]);
    let bundle = community.out("忽略.bundle");
    community.send(&bundle);
    append(&street, "街道的/\n");
    let run = refused(&street, &bundle, ".gitignore");
    assert!(
        !run.stderr.contains("unrelated documents"),
        "the 数据包 is fine; a file here has changes: {run:#?}"
    );
}

#[test]
fn exchange_refuse_into_a_document_not_under_version_control() {
    let (_street, _community, good) = street_with_a_saved_edit();
    let loose = Office::with_sample("别的街道");
    let before = std::fs::read(loose.doc()).unwrap();
    let run = loose.receive(&good, &[]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("not under version control"), "{run:#?}");
    assert_eq!(files_under(&loose.dir()), vec![DOC.to_string()]);
    assert_eq!(std::fs::read(loose.doc()).unwrap(), before);
}
