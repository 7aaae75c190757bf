//! The document's title.

use super::{non_empty, Planned};
use crate::edit::change::Change;
use crate::edit::error::ErrorKind;
use crate::model::Document;

pub(in crate::edit) fn set(document: &Document, title: &str) -> Planned {
    non_empty(title, "文档标题", ErrorKind::Name)?;
    Ok((
        format!("修改标题为「{title}」"),
        vec![Change::Title {
            before: document.title.clone(),
            after: title.to_string(),
        }],
    ))
}
