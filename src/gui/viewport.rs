//! What the two canvases (the structure and the coverage graph) share: which
//! part of the picture is shown at what scale, panning it by dragging empty
//! space, zooming around a point, and text cut to fit a box.

use iced::{Point, Rectangle, Size};

/// How far the mouse moves before a press becomes a drag.
pub const DRAG_START: f32 = 6.0;

/// Which part of the picture is shown where.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    /// The picture point at the middle of the frame.
    pub center: Point,
    /// Pixels per picture unit.
    pub scale: f32,
}

impl View {
    /// Where a picture point shows in a frame of `size`.
    pub fn to_screen(&self, p: Point, size: Size) -> Point {
        Point::new(
            (p.x - self.center.x) * self.scale + size.width / 2.0,
            (p.y - self.center.y) * self.scale + size.height / 2.0,
        )
    }

    /// The picture point under a frame point.
    pub fn to_world(&self, p: Point, size: Size) -> Point {
        Point::new(
            (p.x - size.width / 2.0) / self.scale + self.center.x,
            (p.y - size.height / 2.0) / self.scale + self.center.y,
        )
    }

    /// Where a picture rectangle shows in a frame of `size`.
    pub fn rect_to_screen(&self, rect: Rectangle, size: Size) -> Rectangle {
        Rectangle::new(
            self.to_screen(rect.position(), size),
            rect.size() * self.scale,
        )
    }

    /// The part of the picture a frame of `size` shows.
    pub fn seen(&self, size: Size) -> Rectangle {
        Rectangle::new(
            self.to_world(Point::ORIGIN, size),
            Size::new(size.width / self.scale, size.height / self.scale),
        )
    }

    /// Zoomed by `factor` within `scales` (least, most), keeping the picture
    /// point under `anchor` (a frame point) in place.
    pub fn zoomed(self, factor: f32, scales: (f32, f32), anchor: Point, size: Size) -> View {
        let scale = (self.scale * factor).clamp(scales.0, scales.1);
        let under = self.to_world(anchor, size);
        View {
            center: Point::new(
                under.x - (anchor.x - size.width / 2.0) / scale,
                under.y - (anchor.y - size.height / 2.0) / scale,
            ),
            scale,
        }
    }
}

/// A drag of empty space: the picture follows the mouse.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pan {
    /// Where the drag began (frame point).
    pub from: Point,
    /// The view then.
    pub view: View,
}

impl Pan {
    /// The view with the mouse at `at` (frame point).
    pub fn to(&self, at: Point) -> View {
        View {
            center: self.view.center - (at - self.from) * (1.0 / self.view.scale),
            ..self.view
        }
    }
}

/// About how wide `text` is at `size` (CJK characters one em, others about
/// half).
pub fn text_width(text: &str, size: f32) -> f32 {
    text.chars().map(em).sum::<f32>() * size
}

/// A character's width in ems.
fn em(c: char) -> f32 {
    if c.is_ascii() {
        0.55
    } else {
        1.0
    }
}

/// `text` cut to about `width` picture units at `size`, with … where cut.
pub fn fit_text(text: &str, width: f32, size: f32) -> String {
    if text_width(text, size) <= width {
        return text.to_string();
    }
    let mut used = em('…');
    let mut out = String::new();
    for c in text.chars() {
        used += em(c);
        if used * size > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_keeps_the_point_under_the_cursor() {
        let size = Size::new(800.0, 600.0);
        let view = View {
            center: Point::new(100.0, 50.0),
            scale: 0.5,
        };
        let anchor = Point::new(123.0, 456.0);
        let before = view.to_world(anchor, size);
        let after = view
            .zoomed(1.7, (0.02, 4.0), anchor, size)
            .to_world(anchor, size);
        assert!((before.x - after.x).abs() < 1e-3 && (before.y - after.y).abs() < 1e-3);
        assert_eq!(view.to_world(view.to_screen(before, size), size), before);
        assert_eq!(view.zoomed(100.0, (0.3, 2.5), anchor, size).scale, 2.5);
    }

    #[test]
    fn a_pan_moves_the_picture_with_the_mouse() {
        let size = Size::new(800.0, 600.0);
        let view = View {
            center: Point::new(100.0, 50.0),
            scale: 0.5,
        };
        let pan = Pan {
            from: Point::new(300.0, 200.0),
            view,
        };
        let under = view.to_world(pan.from, size);
        let at = Point::new(340.0, 170.0);
        assert_eq!(pan.to(at).to_screen(under, size), at);
    }

    #[test]
    fn long_names_are_cut_with_an_ellipsis() {
        assert_eq!(fit_text("第一党小组", 100.0, 13.0), "第一党小组");
        let cut = fit_text("迎宾馆社区第一网格党支部第二党小组", 100.0, 13.0);
        assert!(cut.ends_with('…') && cut.chars().count() <= 8, "{cut}");
        // The cut text with its … fits the width.
        assert!(text_width(&cut, 13.0) <= 100.0, "{cut}");
        assert_eq!(
            fit_text("XY01-B2 · 党员 12", 200.0, 11.0),
            "XY01-B2 · 党员 12"
        );
    }
}
