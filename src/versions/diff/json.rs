//! `diff --format json` (docs/cli.md, "diff"): one object with `changes` and `summary`.

use super::{Changes, How};
use crate::mask::Privacy;
use serde_json::{json, Map, Value};

/// The change report as JSON, personal numbers shown as `privacy` says.
pub fn to_json(changes: &Changes, privacy: Privacy) -> Value {
    let list: Vec<Value> = changes
        .list
        .iter()
        .map(|c| {
            let differs = c.hidden_difference(privacy);
            let c = c.shown(privacy);
            let mut entry = Map::new();
            entry.insert("record".into(), json!(c.record));
            entry.insert("id".into(), json!(c.id));
            entry.insert("code".into(), json!(c.code));
            entry.insert("name".into(), json!(c.name));
            entry.insert("change".into(), json!(c.how));
            if let Some(field) = c.field {
                entry.insert("field".into(), json!(field));
            }
            if let Some(place) = c.place() {
                entry.insert("place".into(), json!(place.code));
            }
            if matches!(c.how, How::Changed | How::Moved) {
                entry.insert("from".into(), c.from);
                entry.insert("to".into(), c.to);
            }
            if let Some(part) = differs {
                entry.insert("differs".into(), json!(format!("{part}不同")));
            }
            Value::Object(entry)
        })
        .collect();
    json!({ "changes": list, "summary": changes.summary() })
}
