//! 统计: the statistics tables of the year's report ([`crate::report`]) for the
//! selection (or everything), one breakdown at a time with the bar chart of
//! its 合计 drawn on a canvas beside it, printed (PDF) or exported (xlsx)
//! like the other printouts. The tables are kept ready before they are asked
//! for: worked out on a thread of their own, at a lower priority than the
//! window's, whenever the selection, the document or the day changes, shown
//! or not — so the click shows them at once. A result for a state already
//! left is dropped.

use super::io::{self, Intent};
use super::widget::cut::cut;
use super::widget::rows;
use crate::graph::Graph;
use crate::model::{Document, Id};
use crate::report::{self, Report, Table, TABLES};
use chrono::NaiveDate;
use iced::mouse;
use iced::widget::canvas::{self, Cache, Frame, Geometry, Path, Text};
use iced::widget::scrollable::Viewport;
use iced::widget::{button, column, container, row, text, Row};
use iced::{
    alignment, Color, Element, Length, Pixels, Point, Rectangle, Renderer, Size, Task, Theme,
};
use std::sync::Arc;

/// The button that shows and hides the tables.
pub const SHOW: &str = "统计";
/// Print the tables as PDF.
pub const PRINT: &str = "打印统计表…";
/// Export the tables as a workbook.
pub const EXPORT: &str = "导出统计表…";
/// Hide the tables.
pub const CLOSE: &str = "返回结构图";
/// The id of the table's scrolling list.
pub const LIST: &str = "statistics-rows";
/// The id of the frame around the table's column headings.
pub const HEADER: &str = "statistics-header";
/// The height of a table row.
const ROW: f32 = 24.0;
/// The name column's share of a row's width (a count column has 1), so
/// the widest breakdown fits beside its chart: a name too long is cut with
/// … (whole under the pointer), a count never is.
const NAME: u16 = 2;
/// The table's share of the width beside the chart's 1: at 1024 px the
/// 年龄 breakdown's eleven counts need three quarters.
const TABLE: u16 = 3;

/// The state of a document the tables were asked for: the document (by
/// address), its revision, the selection, and the report date.
type Key = (usize, u64, Option<Id>, NaiveDate);

/// The tables' state.
#[derive(Default)]
pub struct Statistics {
    open: bool,
    /// What is shown, and for which state.
    shown: Option<(Key, Arc<Report>)>,
    /// The state the tables were last asked for.
    wanted: Option<Key>,
    /// The breakdown shown (index into [`TABLES`]).
    table: usize,
    window: rows::Window,
    chart: Cache,
}

/// What the view and the worker bring.
#[derive(Debug, Clone)]
pub enum Message {
    /// Show or hide the tables.
    Toggle,
    /// Show this breakdown.
    Table(usize),
    /// The rows were scrolled.
    Scrolled(Viewport),
    /// The tables were worked out for a state.
    Computed(Key, Option<Arc<Report>>),
    /// Print the tables.
    Print,
    /// Export the tables.
    Export,
}

/// What the root acts on.
pub enum Event {
    /// Ask where to write the printout or workbook.
    Choose(Intent),
}

/// The open document as the tables need it.
pub struct Source<'a> {
    /// The document, shared with the worker.
    pub document: &'a Arc<Document>,
    /// Its graph (the editor's), shared with the worker.
    pub graph: &'a Arc<Graph>,
    /// Its revision in the history.
    pub revision: u64,
    /// The selected unit and its code.
    pub selected: Option<(Id, String)>,
}

impl Statistics {
    /// Whether the tables are shown.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// The tables shown, once worked out.
    pub fn report(&self) -> Option<&Report> {
        self.shown.as_ref().map(|(_, r)| r.as_ref())
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Toggle => self.open = !self.open,
            Message::Table(i) => {
                self.table = i.min(TABLES.len() - 1);
                self.chart.clear();
            }
            Message::Scrolled(viewport) => self.window.scrolled(viewport),
            Message::Computed(key, Some(report)) if self.wanted == Some(key) => {
                if self.shown.as_ref().is_some_and(|s| s.0 .2 != key.2) {
                    self.window.reset();
                }
                self.shown = Some((key, report));
                self.chart.clear();
            }
            Message::Computed(..) => {}
            Message::Print => return Some(Event::Choose(Intent::Statistics)),
            Message::Export => return Some(Event::Choose(Intent::StatisticsWorkbook)),
        }
        None
    }

    /// Works the tables out anew, shown or not (then at a lower priority),
    /// when the document, the selection or the day is not the one they were
    /// worked out for.
    pub fn follow(&mut self, source: Source<'_>) -> Task<Message> {
        let today = chrono::Local::now().date_naive();
        let key = (
            Arc::as_ptr(source.document) as usize,
            source.revision,
            source.selected.as_ref().map(|s| s.0),
            today,
        );
        if self.wanted == Some(key) {
            return Task::none();
        }
        self.wanted = Some(key);
        let document = Arc::clone(source.document);
        let graph = Arc::clone(source.graph);
        let code = source.selected.map(|s| s.1);
        // Kept ready behind the window's back; awaited when shown.
        let behind = !self.open;
        Task::perform(
            io::apart(move || {
                if behind {
                    super::derived::yield_to_the_window();
                }
                // The editor's tree fits its document; built anew only
                // should it not.
                let fresh = (!graph.tree().fits(&document)).then(|| Graph::units(&document));
                let graph = fresh.as_ref().unwrap_or(&graph);
                report::report_with(&document, graph, code.as_deref(), today)
                    .ok()
                    .map(Arc::new)
            }),
            move |made| Message::Computed(key, made.flatten()),
        )
    }

    /// The tables: the breakdowns to choose from, the rows of the one chosen
    /// beside the bar chart of its 合计.
    pub fn view(&self, busy: bool) -> Element<'_, Message> {
        let Some((_, report)) = &self.shown else {
            return container(text("正在统计…").size(16))
                .center(Length::Fill)
                .into();
        };
        let table = &TABLES[self.table];
        let idle = !busy;
        let head = row![
            text(format!(
                "党内统计：{}　统计日期 {}　{} 名党员",
                report.scope_label(),
                report.today,
                report.total.counts.members
            ))
            .size(16)
            .width(Length::Fill),
            button(text(PRINT).size(13)).on_press_maybe(idle.then_some(Message::Print)),
            button(text(EXPORT).size(13)).on_press_maybe(idle.then_some(Message::Export)),
        ]
        .spacing(8)
        .align_y(iced::Alignment::Center);
        let tabs = Row::with_children(TABLES.iter().enumerate().map(|(i, t)| {
            let style = if i == self.table {
                button::primary
            } else {
                button::secondary
            };
            button(text(t.title).size(13))
                .style(style)
                .on_press(Message::Table(i))
                .into()
        }))
        .spacing(6);
        let rows = report.rows.len();
        let list = self.window.view(
            LIST,
            rows,
            ROW,
            move |i| line(table, &report.rows[i], false),
            Message::Scrolled,
        );
        let grid = column![
            header(table),
            container(list).height(Length::Fill),
            line(table, &report.total, true),
        ]
        .spacing(2)
        .width(Length::FillPortion(TABLE));
        let chart = container(
            iced::widget::canvas(Chart {
                table,
                report,
                cache: &self.chart,
            })
            .width(Length::Fill)
            .height(Length::Fill),
        )
        .clip(true)
        .style(container::bordered_box)
        .width(Length::FillPortion(1));
        column![
            head,
            tabs,
            row![grid, chart].spacing(12).height(Length::Fill)
        ]
        .spacing(8)
        .into()
    }
}

/// The cells of a row: name, counts, percentages.
fn cells(table: &Table, counts: &report::Counts) -> Vec<String> {
    table
        .columns
        .iter()
        .map(|c| (c.read)(counts).to_string())
        .chain(table.percents.iter().map(|p| p.shown(counts)))
        .collect()
}

/// The share of a row's width the `i`th column after the name takes: a
/// percentage's heading is longer than a count's.
fn share(table: &Table, i: usize) -> u16 {
    if i < table.columns.len() {
        1
    } else {
        2
    }
}

fn header(table: &Table) -> Element<'static, Message> {
    let labels = table
        .columns
        .iter()
        .map(|c| c.label)
        .chain(table.percents.iter().map(|p| p.label));
    let mut line = Row::new()
        .spacing(4)
        .push(text("单位").size(13).width(Length::FillPortion(NAME)));
    for (i, label) in labels.enumerate() {
        line = line.push(
            text(label)
                .size(12)
                .width(Length::FillPortion(share(table, i)))
                .align_x(alignment::Horizontal::Right)
                // A word wider than its column breaks rather than runs
                // into the next heading.
                .wrapping(text::Wrapping::WordOrGlyph),
        );
    }
    // As tall as its longest heading wraps to: a narrow column's heading
    // ("35岁及以下 %") takes three lines, drawn over the first row in a
    // header of fixed height.
    container(line.align_y(iced::Alignment::Center))
        .id(HEADER)
        .padding(HEADER_PADDING)
        .style(container::rounded_box)
        .into()
}

/// The header's padding: the [`GUTTER`], and room above and below.
const HEADER_PADDING: iced::Padding = iced::Padding {
    top: 4.0,
    bottom: 4.0,
    ..GUTTER
};

/// Room kept right of every line (header and 合计 too, so the columns
/// align) for the list's scrollbar, which would cover the last column.
const GUTTER: iced::Padding = iced::Padding {
    top: 0.0,
    right: 14.0,
    bottom: 0.0,
    left: 0.0,
};

fn line<'a>(table: &Table, row: &'a report::Row, total: bool) -> Element<'a, Message> {
    let mut line = Row::new().spacing(4).push(
        cut(row.name.as_str())
            .size(13)
            .width(Length::FillPortion(NAME)),
    );
    for (i, cell) in cells(table, &row.counts).into_iter().enumerate() {
        line = line.push(
            text(cell)
                .size(13)
                .width(Length::FillPortion(share(table, i)))
                .align_x(alignment::Horizontal::Right),
        );
    }
    let line = container(
        line.height(Length::Fixed(ROW))
            .align_y(iced::Alignment::Center),
    )
    .padding(GUTTER)
    .clip(true);
    if total {
        line.style(container::rounded_box).into()
    } else {
        line.into()
    }
}

/// The chart's width under which each bar goes under its label.
const STACKED_BELOW: f32 = 300.0;

/// The bar chart of the shown breakdown's 合计.
struct Chart<'a> {
    table: &'a Table,
    report: &'a Report,
    cache: &'a Cache,
}

impl<Message> canvas::Program<Message> for Chart<'_> {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        _theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        let size = bounds.size();
        vec![self.cache.draw(renderer, size, |frame| {
            frame.with_clip(Rectangle::with_size(size), |frame| {
                self.bars(frame, size);
            });
        })]
    }
}

impl Chart<'_> {
    fn bars(&self, frame: &mut Frame, size: Size) {
        let counts = &self.report.total.counts;
        let bars: Vec<(&str, u32)> = self
            .table
            .columns
            .iter()
            .filter(|c| c.charted)
            .map(|c| (c.label, (c.read)(counts)))
            .collect();
        let most = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
        // Each bar beside its label where the longest label (seven
        // characters) has room, under it where the chart is narrow: beside
        // a narrow table, 「61岁及以上」 ran into its bar.
        let (label, step, under) = if size.width < STACKED_BELOW {
            (12.0, 40.0, 18.0)
        } else {
            (120.0_f32.min(size.width * 0.4), 30.0, 0.0)
        };
        let room = (size.width - label - 70.0).max(10.0);
        let thick = 20.0_f32.min(step - under - 6.0);
        frame.fill_text(Text {
            content: format!("{}（合计）", self.table.title),
            position: Point::new(12.0, 12.0),
            size: Pixels(15.0),
            font: super::font::CJK,
            ..Text::default()
        });
        for (i, (name, value)) in bars.iter().enumerate() {
            let y = 48.0 + i as f32 * step;
            frame.fill_text(Text {
                content: (*name).to_string(),
                position: Point::new(12.0, y + 3.0),
                size: Pixels(13.0),
                font: super::font::CJK,
                ..Text::default()
            });
            let w = room * *value as f32 / most as f32;
            if *value > 0 {
                frame.fill(
                    &Path::rectangle(Point::new(label, y + under), Size::new(w.max(1.0), thick)),
                    Color::from_rgb8(196, 43, 28),
                );
            }
            frame.fill_text(Text {
                content: value.to_string(),
                position: Point::new(label + w + 6.0, y + under + (thick - 17.0) / 2.0),
                size: Pixels(13.0),
                color: Color::from_rgb8(80, 80, 80),
                font: super::font::CJK,
                ..Text::default()
            });
        }
    }
}
