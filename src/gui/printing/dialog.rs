//! The print dialog's choices and how they are drawn: what to print, the
//! printers with their states, copies, paper, sides, pages, masking, each
//! with its reason under it; with no printer, why, and the PDF file instead.

use super::labels::*;
use super::message::Message;
use crate::printer::error::PrinterError;
use crate::printer::printers::{Choices, Media, Printer};
use crate::printer::printout::Content;
use crate::printer::request::{self, Pages, Sides};
use iced::widget::{
    button, checkbox, column, container, pick_list, radio, row, scrollable, text, text_input,
};
use iced::{Color, Element, Length};

/// The colour of what is refused.
pub const RED: Color = Color::from_rgb(0.8, 0.1, 0.1);
const GREY: Color = Color::from_rgb(0.45, 0.45, 0.45);

/// The dialog's choices.
pub struct Dialog {
    /// 花名册 or 组织图.
    pub content: Content,
    /// CUPS's printers, as far as it has said.
    pub printers: Listing,
    /// The printer chosen.
    pub printer: Option<String>,
    /// What it offers, once asked (or why it could not be).
    pub choices: Option<Result<Choices, PrinterError>>,
    /// Copies as typed.
    pub copies: String,
    /// Why they cannot be sent, under the field.
    pub copies_error: Option<String>,
    /// The paper chosen.
    pub paper: Option<Media>,
    /// 单面 or 双面.
    pub sides: Sides,
    /// 页码范围 rather than 全部页.
    pub some_pages: bool,
    /// The page range as typed.
    pub range: String,
    /// Why it cannot be sent, under the field.
    pub range_error: Option<String>,
}

/// The printers, as far as CUPS has said.
pub enum Listing {
    /// CUPS is being asked.
    Looking,
    /// Its printers, the default first.
    Listed(Vec<Printer>),
    /// Why it could not be asked.
    Failed(PrinterError),
}

impl Dialog {
    /// A dialog on `content`, the printers still to be listed.
    pub fn new(content: Content) -> Dialog {
        Dialog {
            content,
            printers: Listing::Looking,
            printer: None,
            choices: None,
            copies: "1".into(),
            copies_error: None,
            paper: None,
            sides: Sides::One,
            some_pages: false,
            range: String::new(),
            range_error: None,
        }
    }

    /// Whether the choices can be sent; each one that cannot says why
    /// under its field.
    pub fn check(&mut self) -> bool {
        self.copies_error = request::copies(&self.copies).err().map(|e| e.to_string());
        self.range_error = match self.some_pages {
            true => Pages::parse(&self.range).err().map(|e| e.to_string()),
            false => None,
        };
        let ready = matches!(&self.choices, Some(Ok(_)));
        ready && self.copies_error.is_none() && self.range_error.is_none()
    }

    /// The dialog's body: `scope` what is printed, `unmasked` the print
    /// bar's masking, `idle` whether no job is under way.
    pub fn view<'a>(
        &'a self,
        scope: Option<&str>,
        unmasked: bool,
        idle: bool,
    ) -> Element<'a, Message> {
        let label = |words: &'a str| text(words).size(13).width(Length::Fixed(56.0));
        let what = row![
            label("内容"),
            radio(
                Content::Roster.name(),
                Content::Roster,
                Some(self.content),
                Message::Content
            )
            .size(14)
            .text_size(13),
            radio(
                Content::Chart.name(),
                Content::Chart,
                Some(self.content),
                Message::Content
            )
            .size(14)
            .text_size(13),
        ]
        .spacing(12)
        .align_y(iced::Alignment::Center);
        let scope = match scope {
            Some(unit) => format!("范围：{unit}及下级（打印全部：关闭本框，按 Esc 取消选择）"),
            None => "范围：全部".into(),
        };
        let mut body =
            column![text(TITLE).size(16), what, text(scope).size(12).color(GREY)].spacing(10);
        let printers = match &self.printers {
            Listing::Looking => {
                body = body.push(row![label("打印机"), text(LOOKING).size(13)].spacing(8));
                return self.finish(body, unmasked, false).into();
            }
            Listing::Failed(e) => return self.no_printer(body, e.to_string(), unmasked),
            Listing::Listed(printers) if printers.is_empty() => {
                return self.no_printer(body, NONE_ADDED.into(), unmasked)
            }
            Listing::Listed(printers) => printers,
        };
        // A row a printer, so each one's state shows without opening a list.
        let rows = column(printers.iter().map(|p| {
            let chosen = Some(&p.name) == self.printer.as_ref();
            button(text(p.to_string()).size(13).wrapping(text::Wrapping::None))
                .width(Length::Fill)
                .padding([3, 8])
                .style(if chosen {
                    button::primary
                } else {
                    button::text
                })
                .on_press(Message::Printer(p.name.clone()))
                .into()
        }))
        .spacing(2);
        body = body.push(
            row![
                label("打印机"),
                container(scrollable(rows).height(Length::Shrink))
                    .id(PRINTERS)
                    .max_height(150.0)
                    .width(Length::Fill)
                    .style(container::bordered_box),
            ]
            .spacing(8),
        );
        let copies = text_input("1", &self.copies)
            .id(COPIES_FIELD)
            .on_input(Message::Copies)
            .on_submit(Message::Print)
            .size(13)
            .width(Length::Fixed(60.0));
        body = body.push(
            column![
                row![label("份数"), copies, text("（1–99）").size(12).color(GREY)]
                    .spacing(8)
                    .align_y(iced::Alignment::Center),
                reason(self.copies_error.as_deref()),
            ]
            .spacing(2),
        );
        let (papers, two_sided, note) = match &self.choices {
            None => (
                &[][..],
                false,
                Some("正在读取打印机的纸张和双面选项…".to_string()),
            ),
            Some(Ok(c)) => (c.papers.as_slice(), c.two_sided, None),
            Some(Err(e)) => (&[][..], false, Some(e.to_string())),
        };
        body = body.push(
            row![
                label("纸张"),
                container(
                    pick_list(papers, self.paper.clone(), Message::Paper)
                        .text_size(13)
                        .width(Length::Fixed(160.0))
                )
                .id(PAPERS),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center),
        );
        let sides = checkbox(self.sides == Sides::Two)
            .label(if two_sided || self.choices.is_none() {
                TWO_SIDED.to_string()
            } else {
                format!("{TWO_SIDED}：此打印机不支持")
            })
            .text_size(13)
            .on_toggle_maybe(two_sided.then_some(Message::TwoSided));
        body = body.push(row![label("双面"), sides].spacing(8));
        let range = text_input("如 1-3,5", &self.range)
            .id(RANGE_FIELD)
            .on_input(Message::Range)
            .on_submit(Message::Print)
            .size(13)
            .width(Length::Fixed(160.0));
        body = body.push(
            column![
                row![
                    label("页码"),
                    radio(ALL_PAGES, false, Some(self.some_pages), Message::SomePages)
                        .size(14)
                        .text_size(13),
                    radio(SOME_PAGES, true, Some(self.some_pages), Message::SomePages)
                        .size(14)
                        .text_size(13),
                    range,
                ]
                .spacing(12)
                .align_y(iced::Alignment::Center),
                reason(self.range_error.as_deref()),
            ]
            .spacing(2),
        );
        if let Some(note) = note {
            body = body.push(text(note).size(12).color(GREY));
        }
        let ready = idle && matches!(&self.choices, Some(Ok(_)));
        self.finish(body, unmasked, ready).into()
    }

    /// The masking box (for a roster) and the buttons under the choices.
    fn finish<'a>(
        &'a self,
        body: iced::widget::Column<'a, Message>,
        unmasked: bool,
        ready: bool,
    ) -> iced::widget::Column<'a, Message> {
        let body = match self.content {
            Content::Roster => body.push(
                checkbox(unmasked)
                    .label(crate::gui::print::UNMASKED)
                    .text_size(13)
                    .on_toggle(Message::Unmasked),
            ),
            Content::Chart => body,
        };
        body.push(
            row![
                container(
                    button(text("打印").size(13))
                        .on_press_maybe(ready.then_some(Message::Print))
                        .padding([4, 16])
                )
                .id(PRINT_BUTTON),
                container(
                    button(text("取消").size(13))
                        .on_press(Message::Close)
                        .style(button::secondary)
                        .padding([4, 12])
                )
                .id(CLOSE_BUTTON),
                container(text("")).width(Length::Fill),
                button(text(SAVE_PDF).size(13))
                    .on_press(Message::SavePdf)
                    .style(button::secondary)
                    .padding([4, 12]),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center),
        )
    }

    /// No printer to choose: why, and the PDF file instead.
    fn no_printer<'a>(
        &'a self,
        body: iced::widget::Column<'a, Message>,
        why: String,
        unmasked: bool,
    ) -> Element<'a, Message> {
        let body = body.push(
            column![
                text(NONE).size(15).color(RED),
                text(why).size(13),
                text("可以先另存为 PDF 文件，再从别的电脑打印。").size(13),
            ]
            .spacing(4),
        );
        self.finish(body, unmasked, false).into()
    }
}

/// The reason line under a field: its reason in red, or an empty line of
/// the same height, so nothing under it moves as it comes and goes.
fn reason(said: Option<&str>) -> Element<'_, Message> {
    container(text(said.unwrap_or("")).size(12).color(RED))
        .padding(iced::Padding::ZERO.left(64.0))
        .height(Length::Fixed(16.0))
        .into()
}
