//! Acknowledged findings.

use super::{refuse, Planned};
use crate::check::Rule;
use crate::edit::change::Change;
use crate::label::code_and_name;
use crate::model::{Acknowledgement, Document, Id};

pub(in crate::edit) fn acknowledge(document: &Document, ack: &Acknowledgement) -> Planned {
    if document.kind_of(ack.subject).is_none() {
        return refuse(format!("记录 {} 不存在", ack.subject));
    }
    let mut after: Vec<_> = document
        .acknowledgements
        .iter()
        .filter(|a| !(a.rule == ack.rule && a.subject == ack.subject))
        .cloned()
        .collect();
    after.push(ack.clone());
    after.sort();
    Ok((
        format!("确认问题{}", finding(document, &ack.rule, ack.subject)),
        vec![Change::Acknowledgements {
            before: document.acknowledgements.clone(),
            after,
        }],
    ))
}

pub(in crate::edit) fn unacknowledge(document: &Document, rule: &str, subject: Id) -> Planned {
    let after: Vec<_> = document
        .acknowledgements
        .iter()
        .filter(|a| !(a.rule == rule && a.subject == subject))
        .cloned()
        .collect();
    let named = finding(document, rule, subject);
    if after.len() == document.acknowledgements.len() {
        return refuse(format!("问题{named}未被确认过"));
    }
    Ok((
        format!("撤销确认{named}"),
        vec![Change::Acknowledgements {
            before: document.acknowledgements.clone(),
            after,
        }],
    ))
}

/// A finding as a label names it: 「the rule's Chinese title」 and the name of
/// the record it is about. A rule id this program does not know (a newer
/// program's, kept in the file) is shown as written.
fn finding(document: &Document, rule: &str, subject: Id) -> String {
    let title = Rule::from_id(rule).map_or(rule, |r| r.title());
    let (_, name) = code_and_name(document, subject);
    format!("「{title}」{name}")
}
