//! What a print job asks for — printer, copies, paper, sides, pages, title —
//! each read and checked before anything is sent.

use super::error::PrinterError;
use crate::pdf::MAX_PAGES;

/// One side or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sides {
    /// 单面.
    #[default]
    One,
    /// 双面, bound on the long edge.
    Two,
}

impl Sides {
    /// The value of `lp -o sides=`.
    pub fn keyword(self) -> &'static str {
        match self {
            Sides::One => "one-sided",
            Sides::Two => "two-sided-long-edge",
        }
    }
}

/// Which pages are printed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Pages {
    /// 全部.
    #[default]
    All,
    /// A range as `lp -P` takes it, written plainly (`1-3,5`).
    Some(String),
}

/// The longest page range read.
const MAX_RANGE_TEXT: usize = 200;

impl Pages {
    /// Reads a range as people type it: `1-3,5`, with spaces, Chinese commas
    /// (，、) and dashes (－ – —) taken too; every page from 1, each span in
    /// order, none past the most pages a printout holds.
    pub fn parse(text: &str) -> Result<Pages, PrinterError> {
        let refused = || PrinterError::Pages(super::error::said(text));
        if text.chars().count() > MAX_RANGE_TEXT {
            return Err(refused());
        }
        let plain: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '，' | '、' => ',',
                '－' | '–' | '—' => '-',
                c => c,
            })
            .collect();
        if plain.is_empty() {
            return Err(refused());
        }
        let page = |t: &str| {
            t.parse::<usize>()
                .ok()
                .filter(|n| (1..=MAX_PAGES).contains(n) && t.bytes().all(|b| b.is_ascii_digit()))
        };
        for span in plain.split(',') {
            let ok = match span.split_once('-') {
                Some((from, to)) => matches!((page(from), page(to)), (Some(a), Some(b)) if a <= b),
                None => page(span).is_some(),
            };
            if !ok {
                return Err(refused());
            }
        }
        Ok(Pages::Some(plain))
    }
}

/// Copies as typed: a whole number from 1 to [`MAX_COPIES`].
pub fn copies(text: &str) -> Result<u32, PrinterError> {
    let text = text.trim();
    text.parse::<u32>()
        .ok()
        .filter(|n| (1..=MAX_COPIES).contains(n) && text.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| PrinterError::Copies(super::error::said(text)))
}

/// A job to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The printer's queue name.
    pub printer: String,
    /// The job's title as the queue shows it (document title and what is printed).
    pub title: String,
    /// Copies, 1 to [`MAX_COPIES`].
    pub copies: u32,
    /// The paper (`lp -o media=`), or the printer's own default.
    pub media: Option<String>,
    /// One side or both.
    pub sides: Sides,
    /// Which pages.
    pub pages: Pages,
}

/// The most copies one job asks for.
pub const MAX_COPIES: u32 = 99;

impl Request {
    /// One copy of everything on `printer`'s default paper, one-sided.
    pub fn new(printer: &str, title: &str) -> Request {
        Request {
            printer: printer.to_string(),
            title: title.to_string(),
            copies: 1,
            media: None,
            sides: Sides::One,
            pages: Pages::All,
        }
    }

    /// The arguments of `lp` before the file; copies out of range refused.
    pub(super) fn arguments(&self) -> Result<Vec<String>, PrinterError> {
        if !(1..=MAX_COPIES).contains(&self.copies) {
            return Err(PrinterError::Copies(self.copies.to_string()));
        }
        let mut args = vec![
            "-d".to_string(),
            self.printer.clone(),
            "-n".to_string(),
            self.copies.to_string(),
            "-t".to_string(),
            title(&self.title),
            "-o".to_string(),
            format!("sides={}", self.sides.keyword()),
        ];
        if let Some(media) = &self.media {
            args.push("-o".into());
            args.push(format!("media={media}"));
        }
        if let Pages::Some(range) = &self.pages {
            args.push("-P".into());
            args.push(range.clone());
        }
        Ok(args)
    }
}

/// A job title CUPS takes: one line, no controls, within IPP's 255 bytes.
fn title(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = if crate::controls::is_control(c) {
            ' '
        } else {
            c
        };
        if out.len() + c.len_utf8() > 255 {
            break;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_ranges_are_read_as_typed_and_bad_ones_refused_in_chinese() {
        assert_eq!(Pages::parse("1-3,5"), Ok(Pages::Some("1-3,5".into())));
        assert_eq!(
            Pages::parse(" 1 － 3，5、7 "),
            Ok(Pages::Some("1-3,5,7".into()))
        );
        for bad in [
            "", "0", "3-1", "1-", "-2", "1,,2", "a", "1-2-3", "+1", "9999999",
        ] {
            let refused = Pages::parse(bad).unwrap_err();
            assert_eq!(refused, PrinterError::Pages(bad.trim().to_string()));
        }
        assert_eq!(
            PrinterError::Pages("x".into()).to_string(),
            "页码范围“x”无效 (invalid page range)：应为 1-3,5 这样的写法"
        );
    }

    #[test]
    fn copies_out_of_range_are_refused_before_lp_runs() {
        let mut request = Request::new("PDF", "西园 花名册");
        request.copies = 0;
        assert_eq!(request.arguments(), Err(PrinterError::Copies("0".into())));
        request.copies = 100;
        assert_eq!(request.arguments(), Err(PrinterError::Copies("100".into())));
        assert_eq!(copies(" 3 "), Ok(3));
        for bad in ["", "0", "100", "+2", "二", "1.5"] {
            assert_eq!(copies(bad), Err(PrinterError::Copies(bad.into())));
        }
        request.copies = 2;
        request.pages = Pages::Some("2".into());
        let args = request.arguments().unwrap();
        assert!(args.windows(2).any(|w| w == ["-n", "2"]));
        assert!(args.windows(2).any(|w| w == ["-P", "2"]));
    }

    #[test]
    fn a_title_is_one_line_within_255_bytes() {
        assert_eq!(title("a\nb"), "a b");
        assert!(title(&"党".repeat(200)).len() <= 255);
    }
}
