//! What the 数据包 menu shows under the toolbar: the dialog of the step on
//! its way (本单位, 开始记录版本, where a 数据包 goes, what one brings, the
//! shared repository), the work under way, and the bar of a merge waiting to
//! be settled.

use super::{
    Dialog, Exchange, Message, ABANDON, BESIDE, CANCEL, CLOSE, ELSEWHERE, FINISH, FOLDER, MERGE,
    OFFICE_FIELD, OK, PENDING, PREVIEW, REMOTE_FIELD, SAVE_FIRST, SYNC_NOW, YES,
};
use crate::gui::widget::banner::banner;
use crate::versions::exchange::Incoming;
use iced::widget::{button, column, container, row, text, text_input, Row};
use iced::{Color, Element, Length};
use std::path::{Path, PathBuf};

/// How many communities the preview names before it counts the rest.
const NAMED: usize = 12;

const RED: Color = Color::from_rgb(0.8, 0.1, 0.1);
const GREY: Color = Color::from_rgb(0.45, 0.45, 0.45);

impl Exchange {
    /// The bar of a pending merge, the work under way and the dialog, when
    /// any; `conflicts` is how many the document still holds.
    pub fn view(&self, conflicts: usize) -> Option<Element<'_, Message>> {
        let mut shown = column![].spacing(6);
        let mut any = false;
        if let Some(bar) = self.pending_bar(conflicts) {
            shown = shown.push(bar);
            any = true;
        }
        if let Some(doing) = self.working {
            shown = shown.push(
                row![
                    text("⏳").size(14),
                    text(doing).size(14).color(Color::from_rgb(0.1, 0.35, 0.7))
                ]
                .spacing(6),
            );
            any = true;
        }
        if let Some(dialog) = &self.dialog {
            shown = shown.push(boxed(self.dialog_view(dialog)));
            any = true;
        }
        any.then(|| shown.into())
    }

    fn pending_bar(&self, conflicts: usize) -> Option<Element<'_, Message>> {
        let pending = self.pending.as_ref()?;
        let left = match conflicts {
            0 => format!("冲突已全部解决，按「{FINISH}」提交"),
            n => format!("还有 {n} 处冲突待解决"),
        };
        let said = format!(
            "合并待完成：来自 {} 的数据包已合并到文档，{left}；「{ABANDON}」则文档和版本库恢复到接收之前",
            pending.from
        );
        let idle = self.working.is_none();
        let bar = row![
            text(said).size(14).width(Length::Fill),
            button(text(FINISH).size(13)).on_press_maybe(idle.then_some(Message::Finish)),
            button(text(ABANDON).size(13))
                .style(button::danger)
                .on_press_maybe(idle.then_some(Message::Abandon)),
        ]
        .spacing(8)
        .align_y(iced::Alignment::Center);
        Some(banner(bar).id(PENDING).into())
    }

    fn dialog_view<'a>(&'a self, dialog: &'a Dialog) -> Element<'a, Message> {
        match dialog {
            Dialog::Office { text: typed, error, then } => {
                let why = match then {
                    Some(step) => format!("{}需要本单位名称（只问这一次）：", step.purpose()),
                    None => "本单位名称（提交记录的作者，数据包文件名的一部分）：".to_string(),
                };
                let field = text_input("如 迎宾馆社区", typed)
                    .id(OFFICE_FIELD)
                    .on_input(Message::OfficeTyped)
                    .on_submit(Message::OfficeConfirm)
                    .padding(5)
                    .width(Length::Fixed(260.0));
                let line = row![
                    text(why).size(14),
                    field,
                    button(text(OK).size(13)).on_press(Message::OfficeConfirm),
                    cancel(),
                ]
                .spacing(8)
                .align_y(iced::Alignment::Center);
                let mut shown = column![line].spacing(4);
                if let Some(error) = error {
                    shown = shown.push(text(error.as_str()).size(13).color(RED));
                }
                shown.into()
            }
            Dialog::Start => column![
                text(
                    "开始记录版本：文档所在的文件夹将成为版本库（git 仓库），当前文档保存为它的第一个版本；以后每次发送、接收都记入历史。要开始吗？"
                )
                .size(14),
                row![
                    button(text(YES).size(13)).on_press(Message::Yes),
                    button(text("否").size(13)).on_press(Message::Cancel),
                ]
                .spacing(8),
            ]
            .spacing(6)
            .into(),
            Dialog::Unsaved(step) => row![
                text(format!("有未保存的修改，{}前要先保存。", step.purpose())).size(14),
                button(text(SAVE_FIRST).size(13)).on_press(Message::SaveFirst),
                cancel(),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center)
            .into(),
            Dialog::SendTo {
                name,
                beside,
                disks,
            } => self.send_to(name, beside, disks),
            Dialog::Preview { bundle, incoming } => preview(bundle, incoming),
            Dialog::Remote { text: typed } => row![
                text("共享仓库（文件夹或网址）：").size(14),
                text_input("如 /media/u盘/西园共享 或 https://…", typed)
                    .id(REMOTE_FIELD)
                    .on_input(Message::RemoteTyped)
                    .on_submit(Message::SyncWith)
                    .padding(5)
                    .width(Length::Fill),
                button(text(FOLDER).size(13)).on_press(Message::RemoteFolder),
                button(text(SYNC_NOW).size(13)).on_press(Message::SyncWith),
                cancel(),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center)
            .into(),
            Dialog::Done(said) => row![
                text(said.as_str()).size(14).width(Length::Fill),
                button(text(CLOSE).size(13)).on_press(Message::Cancel),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center)
            .into(),
        }
    }

    /// Where the 数据包 goes: beside the document, a removable disk, or
    /// elsewhere.
    fn send_to<'a>(
        &'a self,
        name: &'a str,
        beside: &'a Path,
        disks: &'a [PathBuf],
    ) -> Element<'a, Message> {
        let mut places: Row<'a, Message> = row![text(format!("数据包 {name} 发送到：")).size(14)]
            .spacing(8)
            .align_y(iced::Alignment::Center);
        places = places
            .push(button(text(BESIDE).size(13)).on_press(Message::SendTo(beside.to_path_buf())));
        for disk in disks {
            let label = disk
                .file_name()
                .map(|n| format!("U 盘 {}", n.to_string_lossy()))
                .unwrap_or_else(|| disk.display().to_string());
            places = places
                .push(button(text(label).size(13)).on_press(Message::SendTo(disk.join(name))));
        }
        places
            .push(button(text(ELSEWHERE).size(13)).on_press(Message::SendElsewhere))
            .push(cancel())
            .wrap()
            .into()
    }
}

/// What a 数据包 brings, with 合并 / 取消.
fn preview<'a>(bundle: &'a Path, incoming: &'a Incoming) -> Element<'a, Message> {
    let s = &incoming.summary;
    let head = format!(
        "数据包 {}：来自 {}，{}",
        bundle.display(),
        incoming.from,
        incoming.when
    );
    let counts = match incoming.already() {
        true => "已接收过：这个数据包里的版本都已在本文档中，合并不会改变什么".to_string(),
        false => format!(
            "带来 {} 次提交：新增 {} · 删除 {} · 移动 {} · 修改 {}",
            incoming.commits, s.added, s.removed, s.moved, s.changed
        ),
    };
    let mut named: Vec<&str> = incoming
        .communities
        .iter()
        .take(NAMED)
        .map(String::as_str)
        .collect();
    let rest = incoming.communities.len().saturating_sub(NAMED);
    let more = format!("等 {} 个社区", incoming.communities.len());
    if rest > 0 {
        named.push(&more);
    }
    let touched = match named.is_empty() {
        true => "不涉及任何社区".to_string(),
        false => format!("涉及：{}", named.join("、")),
    };
    let buttons = row![
        button(text(MERGE).size(13))
            .on_press_maybe((!incoming.already()).then_some(Message::Merge)),
        cancel(),
    ]
    .spacing(8);
    container(
        column![
            text(head).size(14),
            text(counts).size(14),
            text(touched).size(13).color(GREY),
            text("合并前不会改动任何东西；合并后可在「合并冲突」中逐条选定，或「放弃」恢复原样")
                .size(12)
                .color(GREY),
            buttons,
        ]
        .spacing(4),
    )
    .id(PREVIEW)
    .into()
}

fn cancel<'a>() -> Element<'a, Message> {
    button(text(CANCEL).size(13))
        .on_press(Message::Cancel)
        .into()
}

/// `content` framed, under the toolbar.
fn boxed<'a>(content: Element<'a, Message>) -> Element<'a, Message> {
    container(content)
        .padding(8)
        .width(Length::Fill)
        .style(container::bordered_box)
        .into()
}
