//! The change report as text for people: grouped by community (a street's own
//! records under the street), then by topic — 新增, 撤销, 调整隶属, 更名, 换届,
//! 书记/组长变动, 党员转入/转出/转正, 网格与楼栋变动 … — one line a change.

use super::{Change, Changes, How, Place, Record};
use crate::controls::escape;
use crate::field_name::field_name;
use crate::mask::Privacy;
use crate::model::RecordKind;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write;

/// What a line of the report is about, in the order the topics are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Topic {
    /// 新增组织
    UnitsAdded,
    /// 撤销组织
    UnitsRemoved,
    /// 调整隶属
    UnitsMoved,
    /// 更名 (names and codes)
    Renamed,
    /// 换届 (election date, term)
    Elections,
    /// 书记/组长变动
    Leaders,
    /// 组织类型调整 (level, type, kind label)
    UnitTypes,
    /// 党员增加
    MembersAdded,
    /// 党员减少
    MembersRemoved,
    /// 党员转入 (from another community)
    MembersIn,
    /// 党员转出 (to another community)
    MembersOut,
    /// 党员所在组织调整 (within the community)
    MembersMoved,
    /// 党员转正 (category, date made full)
    MadeFull,
    /// 党员信息变更
    MemberDetails,
    /// 网格与楼栋变动
    Places,
    /// 联系户变动
    Households,
    /// 共建单位变动
    CoBuilders,
}

impl Topic {
    /// The heading printed for the topic.
    pub fn label(self) -> &'static str {
        match self {
            Topic::UnitsAdded => "新增组织",
            Topic::UnitsRemoved => "撤销组织",
            Topic::UnitsMoved => "调整隶属",
            Topic::Renamed => "更名",
            Topic::Elections => "换届",
            Topic::Leaders => "书记/组长变动",
            Topic::UnitTypes => "组织类型调整",
            Topic::MembersAdded => "党员增加",
            Topic::MembersRemoved => "党员减少",
            Topic::MembersIn => "党员转入",
            Topic::MembersOut => "党员转出",
            Topic::MembersMoved => "党员调整所在组织",
            Topic::MadeFull => "党员转正",
            Topic::MemberDetails => "党员信息变更",
            Topic::Places => "网格与楼栋变动",
            Topic::Households => "联系户变动",
            Topic::CoBuilders => "共建单位变动",
        }
    }
}

/// One line of the report: where, under which topic, what.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The community or street it is listed under (None: in no community).
    pub place: Option<Place>,
    /// Its topic.
    pub topic: Topic,
    /// The text, personal numbers shown as asked, values from the document
    /// escaped.
    pub text: String,
    /// The change, personal numbers shown as asked.
    pub change: Change,
    /// Where masking shows the old and new value alike, which hidden part
    /// differs (`日`): the text says `（日不同）`.
    pub differs: Option<String>,
}

/// The lines of every change, personal numbers shown as `privacy` says. A
/// member or unit moved from one community to another is listed in both.
pub fn lines(changes: &Changes, privacy: Privacy) -> Vec<Line> {
    let mut out = Vec::new();
    for change in &changes.list {
        let c = change.shown(privacy);
        let differs = change.hidden_difference(privacy);
        let place = c.place().cloned();
        let line = |place: Option<Place>, topic: Topic, text: String| Line {
            place,
            topic,
            text,
            change: c.clone(),
            differs: differs.clone(),
        };
        match (c.record, c.how) {
            (_, How::Moved) => {
                let across =
                    c.place_old.as_ref().map(|p| p.id) != c.place_new.as_ref().map(|p| p.id);
                let text = moved(&c);
                match (c.record, across) {
                    (Record::Member, true) => {
                        out.push(line(c.place_old.clone(), Topic::MembersOut, text.clone()));
                        out.push(line(c.place_new.clone(), Topic::MembersIn, text));
                    }
                    (Record::Member, false) => out.push(line(place, Topic::MembersMoved, text)),
                    (record, true) => {
                        let topic = topic_of(record, How::Moved, None);
                        out.push(line(c.place_old.clone(), topic, text.clone()));
                        out.push(line(c.place_new.clone(), topic, text));
                    }
                    (record, false) => {
                        out.push(line(place, topic_of(record, How::Moved, None), text));
                    }
                }
            }
            (record, how) => {
                let mut text = describe(&c);
                if let Some(part) = &differs {
                    text.push_str(&format!("（{part}不同）"));
                }
                out.push(line(place, topic_of(record, how, c.field), text));
            }
        }
    }
    out
}

fn topic_of(record: Record, how: How, field: Option<&str>) -> Topic {
    match (record, how, field) {
        (Record::Unit, How::Added, _) => Topic::UnitsAdded,
        (Record::Unit, How::Removed, _) => Topic::UnitsRemoved,
        (Record::Unit, How::Moved, _) => Topic::UnitsMoved,
        (Record::Unit, _, Some("name" | "code")) => Topic::Renamed,
        (Record::Unit, _, Some("elected" | "term_years")) => Topic::Elections,
        (Record::Unit, _, Some("leader" | "leader_phone")) => Topic::Leaders,
        (Record::Unit, _, _) => Topic::UnitTypes,
        (Record::Member, How::Added, _) => Topic::MembersAdded,
        (Record::Member, How::Removed, _) => Topic::MembersRemoved,
        (Record::Member, How::Moved, _) => Topic::MembersMoved,
        (Record::Member, _, Some("category" | "full_since")) => Topic::MadeFull,
        (Record::Member, _, _) => Topic::MemberDetails,
        (Record::Grid | Record::Building, _, _) => Topic::Places,
        (Record::Household, _, _) => Topic::Households,
        (Record::CoBuilder, _, _) => Topic::CoBuilders,
    }
}

/// What kind of record a line names, where the topic does not say it.
fn noun(record: Record) -> &'static str {
    match record {
        Record::Grid => "网格 ",
        Record::Building => "楼栋 ",
        Record::Household => "联系户 ",
        Record::CoBuilder => "共建单位 ",
        Record::Unit | Record::Member => "",
    }
}

/// The record as a line names it: a unit, grid or building by code and name,
/// a member, household or co-building unit by name with the code it hangs on.
fn subject(c: &Change) -> String {
    let (code, name) = (escape(&c.code), escape(&c.name));
    match c.record {
        Record::Unit | Record::Grid | Record::Building => {
            format!("{}{code} {name}", noun(c.record))
        }
        Record::Member | Record::Household | Record::CoBuilder if code.is_empty() => {
            format!("{}{name}", noun(c.record))
        }
        _ => format!("{}{name}（{code}）", noun(c.record)),
    }
}

fn describe(c: &Change) -> String {
    match c.how {
        How::Added => match &c.kind {
            Some(kind) => format!("+ {}（{}）", subject(c), escape(kind)),
            None => format!("+ {}", subject(c)),
        },
        How::Removed => format!("- {}", subject(c)),
        How::Moved => moved(c),
        How::Changed => {
            let field = c.field.unwrap_or_default();
            format!(
                "{} {}：{} → {}",
                subject(c),
                field_label(c, field),
                shown(field, &c.from),
                shown(field, &c.to)
            )
        }
    }
}

fn moved(c: &Change) -> String {
    let (from_name, to_name) = c.moved_names.clone().unwrap_or_default();
    let end = |code: &Value, name: &str| {
        let code = code.as_str().unwrap_or("（无）");
        format!("{} {}", escape(code), escape(name))
            .trim_end()
            .to_string()
    };
    format!(
        "{}：{} → {}",
        subject(c),
        end(&c.from, &from_name),
        end(&c.to, &to_name)
    )
}

/// A field's Chinese label ([`field_name`], the one table of them).
pub fn field_label(c: &Change, field: &str) -> String {
    let record = match c.record {
        Record::Unit => RecordKind::Unit,
        Record::Grid => RecordKind::Grid,
        Record::Building => RecordKind::Building,
        Record::Member => RecordKind::Member,
        Record::Household => RecordKind::Household,
        Record::CoBuilder => RecordKind::CoBuilder,
    };
    field_name(record, field, c.level)
}

/// A value as a person reads it: enum variants in Chinese, lists joined with
/// 、, 是/否, （空） for nothing.
pub fn shown(field: &str, value: &Value) -> String {
    match value {
        Value::Null => "（空）".into(),
        Value::Bool(b) => if *b { "是" } else { "否" }.into(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) if items.is_empty() => "（空）".into(),
        Value::Array(items) => items
            .iter()
            .map(|v| shown(field, v))
            .collect::<Vec<_>>()
            .join("、"),
        Value::String(s) => match (field, s.as_str()) {
            ("category", "Full") => "正式党员".into(),
            ("category", "Probationary") => "预备党员".into(),
            ("gender", "Male") => "男".into(),
            ("gender", "Female") => "女".into(),
            ("org_type", "Default") => "（按层级）".into(),
            ("org_type", "Committee") => "党委".into(),
            ("org_type", "GeneralBranch") => "党总支".into(),
            ("org_type", "Branch") => "党支部".into(),
            ("level", "Street") => "街道".into(),
            ("level", "Community") => "社区".into(),
            ("level", "Branch") => "支部".into(),
            ("level", "Group") => "党小组".into(),
            ("level", "Household") => "中心户".into(),
            _ => escape(s).into_owned(),
        },
        Value::Object(_) => escape(&value.to_string()).into_owned(),
    }
}

/// The heading of a place's section.
pub fn place_heading(place: Option<&Place>) -> String {
    match place {
        Some(p) if p.street => format!("{} {}（街道本级）", escape(&p.code), escape(&p.name)),
        Some(p) => format!("{} {}", escape(&p.code), escape(&p.name)),
        None => "未归属任何社区 (no community)".into(),
    }
}

/// The lines of one place, by topic.
pub type PlaceLines = (Option<Place>, Vec<(Topic, Vec<Line>)>);

/// The lines grouped by place (natural code order, what belongs nowhere
/// last), each place's lines by topic, in the order of the changes.
pub fn grouped(lines: Vec<Line>) -> Vec<PlaceLines> {
    type ByTopic = BTreeMap<Topic, Vec<Line>>;
    let mut places: BTreeMap<PlaceKey, (Option<Place>, ByTopic)> = BTreeMap::new();
    for line in lines {
        let key = PlaceKey(line.place.as_ref().map(|p| (p.code.clone(), p.id)));
        places
            .entry(key)
            .or_insert_with(|| (line.place.clone(), BTreeMap::new()))
            .1
            .entry(line.topic)
            .or_default()
            .push(line);
    }
    places
        .into_values()
        .map(|(place, topics)| (place, topics.into_iter().collect()))
        .collect()
}

/// Places in natural code order, none last.
#[derive(PartialEq, Eq)]
struct PlaceKey(Option<(String, crate::model::Id)>);

impl Ord for PlaceKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => crate::order::natural(&a.0, &b.0).then(a.1.cmp(&b.1)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
    }
}

impl PartialOrd for PlaceKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// The whole report: a summary line, then each place with its topics.
pub fn to_text(changes: &Changes, privacy: Privacy, old: &str, new: &str) -> String {
    let mut out = format!("变动报告 (diff): {} → {}\n", escape(old), escape(new));
    if changes.is_empty() {
        out.push_str("没有变动 (no changes)\n");
        return out;
    }
    let s = changes.summary();
    let _ = writeln!(
        out,
        "新增 {} 条，删除 {} 条，调整隶属 {} 条，修改 {} 处 (added {}, removed {}, moved {}, changed {})",
        s.added, s.removed, s.moved, s.changed, s.added, s.removed, s.moved, s.changed
    );
    for (place, topics) in grouped(lines(changes, privacy)) {
        let _ = writeln!(out, "\n== {} ==", place_heading(place.as_ref()));
        for (topic, texts) in topics {
            let _ = writeln!(out, "  {}", topic.label());
            for line in texts {
                let _ = writeln!(out, "    {}", line.text);
            }
        }
    }
    out
}
