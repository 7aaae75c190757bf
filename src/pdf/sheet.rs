//! A page as the printouts build it: text, rectangles and lines in points, with
//! the origin at the top-left corner and y growing downwards.

/// A colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Black.
    pub const BLACK: Rgb = Rgb(0, 0, 0);
    /// White.
    pub const WHITE: Rgb = Rgb(255, 255, 255);
    /// The grey of rules and secondary text.
    pub const GREY: Rgb = Rgb(110, 110, 110);
    /// The red of error marks.
    pub const RED: Rgb = Rgb(211, 32, 39);
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A line of text; `y` is its baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        text: String,
        color: Rgb,
    },
    /// Texts on one baseline at the given `x` positions (a table row's
    /// cells): one text operation instead of one a cell.
    Row {
        y: f32,
        size: f32,
        cells: Vec<(f32, String)>,
        color: Rgb,
    },
    /// A rectangle, filled and/or outlined.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
    },
    /// An open polyline; `dash` draws it dashed.
    Line {
        points: Vec<(f32, f32)>,
        color: Rgb,
        width: f32,
        dash: bool,
    },
    /// Clips what follows, until [`Item::Unclip`], to a rectangle.
    Clip { x: f32, y: f32, w: f32, h: f32 },
    /// Ends the last [`Item::Clip`].
    Unclip,
}

/// One page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    /// What is drawn, in order.
    pub items: Vec<Item>,
    /// Where its "第 N 页 共 M 页" goes, if it has one.
    pub numbering: Option<Numbering>,
}

/// A page's "第 N 页 共 M 页", centred across the page on `baseline`. The
/// writer prints it once the file's last page is made, so that pages are
/// written as they are made, before anyone knows how many follow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Numbering {
    /// The baseline, from the page's top.
    pub baseline: f32,
    /// The text's size in points.
    pub size: f32,
}

impl Numbering {
    /// What the page `n` of `total` says.
    pub fn text(n: usize, total: usize) -> String {
        format!("第 {n} 页 共 {total} 页")
    }
}

impl Page {
    /// An empty page.
    pub fn new(width: f32, height: f32) -> Page {
        Page {
            width,
            height,
            items: Vec::new(),
            numbering: None,
        }
    }

    /// Adds a line of text with its baseline at `y`.
    pub fn text(&mut self, x: f32, y: f32, size: f32, text: impl Into<String>, color: Rgb) {
        let text = text.into();
        if !text.is_empty() {
            self.items.push(Item::Text {
                x,
                y,
                size,
                text,
                color,
            });
        }
    }

    /// Adds a rectangle.
    pub fn rect(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
    ) {
        self.items.push(Item::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        });
    }

    /// Adds a solid line.
    pub fn line(&mut self, points: Vec<(f32, f32)>, color: Rgb, width: f32) {
        self.items.push(Item::Line {
            points,
            color,
            width,
            dash: false,
        });
    }

    /// Adds a dashed line.
    pub fn dashed(&mut self, points: Vec<(f32, f32)>, color: Rgb, width: f32) {
        self.items.push(Item::Line {
            points,
            color,
            width,
            dash: true,
        });
    }
}
