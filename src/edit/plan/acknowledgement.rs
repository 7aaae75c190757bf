//! Acknowledged findings.

use super::{refuse, Planned};
use crate::edit::change::Change;
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
        format!("确认问题 {}", ack.rule),
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
    if after.len() == document.acknowledgements.len() {
        return refuse(format!("问题 {rule} 未被确认过"));
    }
    Ok((
        format!("撤销确认 {rule}"),
        vec![Change::Acknowledgements {
            before: document.acknowledgements.clone(),
            after,
        }],
    ))
}
