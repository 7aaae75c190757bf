//! The printers CUPS knows, the default first, each with its state, and
//! what one printer offers: its papers and whether it prints on both sides.

use super::error::{said, PrinterError};
use super::ipp::{self, Attribute, Operation, NOT_FOUND};
use super::server::{installed, Cups};

/// What a printer is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrinterState {
    /// Waiting for work.
    Idle,
    /// Printing a job.
    Printing,
    /// Stopped (paused by its operator, or after a fault).
    Stopped,
}

impl PrinterState {
    /// The state as the dialog says it.
    pub fn words(self) -> &'static str {
        match self {
            PrinterState::Idle => "空闲",
            PrinterState::Printing => "正在打印",
            PrinterState::Stopped => "已停止",
        }
    }
}

/// A printer (or class) CUPS knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printer {
    /// The queue name `lp -d` takes.
    pub name: String,
    /// Its description (printer-info), often the model or the room.
    pub info: String,
    /// What it is doing.
    pub state: PrinterState,
    /// Whether it takes new jobs.
    pub accepting: bool,
    /// What CUPS says of it (why it is stopped or refusing), if anything.
    pub reason: Option<String>,
    /// Whether it is the default printer.
    pub default: bool,
}

/// Its name, state and reason on one line, as the dialog lists it:
/// 「PDF（默认） · 空闲」, 「Alpha · 已停止：卡纸 · 三楼办公室」 (its
/// description last, where it says more than the name).
impl std::fmt::Display for Printer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)?;
        if self.default {
            f.write_str("（默认）")?;
        }
        write!(f, " · {}", self.state.words())?;
        if !self.accepting {
            f.write_str(" · 不接收任务")?;
        }
        if let Some(reason) = &self.reason {
            write!(f, "：{reason}")?;
        }
        if !self.info.is_empty() && self.info != self.name {
            write!(f, " · {}", self.info)?;
        }
        Ok(())
    }
}

/// A paper a printer offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Media {
    /// The name `lp -o media=` takes (`iso_a4_210x297mm`).
    pub name: String,
    /// How it is shown (`A4`).
    pub label: String,
}

impl std::fmt::Display for Media {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

/// What one printer offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choices {
    /// Its papers, A4 and A3 first when it has them.
    pub papers: Vec<Media>,
    /// The paper it prints on unless told.
    pub default_paper: Option<Media>,
    /// Whether it prints on both sides (long-edge binding).
    pub two_sided: bool,
}

/// The most printers listed (a scheduler may know of many more through the
/// network; nobody chooses from thousands).
pub const MAX_PRINTERS: usize = 500;

impl Cups {
    /// The printers this scheduler knows, the default first (the user's own,
    /// as `lp` takes it, else the scheduler's), the rest in CUPS's order;
    /// none is an empty list, not an error.
    pub fn printers(&self) -> Result<Vec<Printer>, PrinterError> {
        if !installed() {
            return Err(PrinterError::NotInstalled);
        }
        let requested = [
            "printer-name",
            "printer-info",
            "printer-state",
            "printer-state-message",
            "printer-is-accepting-jobs",
        ];
        let answer = ipp::ask(
            self.server(),
            Operation::CupsGetPrinters,
            &[
                Attribute::Name("requesting-user-name", &user()),
                Attribute::Keywords("requested-attributes", &requested),
            ],
        )?;
        if answer.status == NOT_FOUND {
            return Ok(Vec::new());
        }
        check(answer.status)?;
        let default = match self.user_default() {
            Some(mine) => Some(mine.to_string()),
            None => self.default_printer()?,
        };
        let mut printers: Vec<Printer> = answer
            .groups
            .iter()
            .take(MAX_PRINTERS)
            .filter_map(|group| {
                let name = ipp::text(group, "printer-name")?.to_string();
                let reason = ipp::text(group, "printer-state-message")
                    .map(said)
                    .filter(|r| !r.is_empty());
                Some(Printer {
                    default: default.as_deref() == Some(name.as_str()),
                    info: said(ipp::text(group, "printer-info").unwrap_or_default()),
                    state: match ipp::integer(group, "printer-state") {
                        Some(4) => PrinterState::Printing,
                        Some(5) => PrinterState::Stopped,
                        _ => PrinterState::Idle,
                    },
                    accepting: ipp::boolean(group, "printer-is-accepting-jobs").unwrap_or(true),
                    reason,
                    name,
                })
            })
            .collect();
        printers.sort_by_key(|p| !p.default);
        Ok(printers)
    }

    /// The scheduler's default printer, if it has one.
    fn default_printer(&self) -> Result<Option<String>, PrinterError> {
        let answer = ipp::ask(
            self.server(),
            Operation::CupsGetDefault,
            &[Attribute::Keywords(
                "requested-attributes",
                &["printer-name"],
            )],
        )?;
        if answer.status == NOT_FOUND {
            return Ok(None);
        }
        check(answer.status)?;
        Ok(answer
            .groups
            .first()
            .and_then(|g| ipp::text(g, "printer-name"))
            .map(str::to_string))
    }

    /// What `printer` offers: its papers and sides.
    pub fn choices(&self, printer: &str) -> Result<Choices, PrinterError> {
        let group = self.printer_attributes(
            printer,
            &["media-supported", "media-default", "sides-supported"],
        )?;
        let mut papers: Vec<Media> = ipp::texts(&group, "media-supported")
            .filter(|name| !name.starts_with("custom_"))
            .map(media)
            .collect();
        papers.dedup();
        let rank = |m: &Media| match m.label.as_str() {
            "A4" => 0,
            "A3" => 1,
            _ => 2,
        };
        papers.sort_by_key(rank);
        let two_sided = ipp::texts(&group, "sides-supported").any(|s| s == "two-sided-long-edge");
        Ok(Choices {
            default_paper: ipp::text(&group, "media-default").map(media),
            two_sided,
            papers,
        })
    }

    /// One printer's attributes; a printer CUPS does not know is
    /// [`PrinterError::UnknownPrinter`].
    pub(super) fn printer_attributes(
        &self,
        printer: &str,
        requested: &[&str],
    ) -> Result<ipp::Group, PrinterError> {
        let uri = printer_uri(printer);
        let answer = ipp::ask(
            self.server(),
            Operation::GetPrinterAttributes,
            &[
                Attribute::Uri("printer-uri", &uri),
                Attribute::Name("requesting-user-name", &user()),
                Attribute::Keywords("requested-attributes", requested),
            ],
        )?;
        if answer.status == NOT_FOUND {
            return Err(PrinterError::UnknownPrinter(said(printer)));
        }
        check(answer.status)?;
        Ok(answer.groups.into_iter().next().unwrap_or_default())
    }
}

/// An IPP status that is not success, as an error.
pub(super) fn check(status: u16) -> Result<(), PrinterError> {
    if status < 0x0100 {
        Ok(())
    } else {
        Err(PrinterError::Protocol(format!(
            "CUPS 回答状态 0x{status:04x}"
        )))
    }
}

/// The user IPP requests are made for: whoever runs the program.
pub(super) fn user() -> String {
    ["USER", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|u| !u.is_empty()))
        .unwrap_or_else(|| "gridorg".into())
}

/// The printer's address on the scheduler, its name percent-encoded.
pub(super) fn printer_uri(printer: &str) -> String {
    let mut uri = String::from("ipp://localhost/printers/");
    for b in printer.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri += &format!("%{b:02X}");
        }
    }
    uri
}

/// A paper from its PWG name (`iso_a4_210x297mm` → A4, `na_letter_8.5x11in`
/// → Letter); a name of another shape is shown as it is.
fn media(name: &str) -> Media {
    let parts: Vec<&str> = name.split('_').collect();
    let label = match parts.as_slice() {
        ["iso" | "jis" | "jpn" | "prc" | "roc", size, _] => {
            let size = size.to_uppercase();
            match parts[0] {
                "iso" => size,
                "jis" => format!("JIS {size}"),
                other => format!("{} {size}", other.to_uppercase()),
            }
        }
        [_, size, _] => {
            let mut chars = size.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
        _ => name.to_string(),
    };
    Media {
        name: name.to_string(),
        label: said(&label),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn papers_are_named_as_people_name_them() {
        assert_eq!(media("iso_a4_210x297mm").label, "A4");
        assert_eq!(media("na_letter_8.5x11in").label, "Letter");
        assert_eq!(media("jis_b5_182x257mm").label, "JIS B5");
        assert_eq!(media("A4").label, "A4");
    }

    #[test]
    fn a_printer_name_is_encoded_in_its_address() {
        assert_eq!(printer_uri("PDF"), "ipp://localhost/printers/PDF");
        assert_eq!(
            printer_uri("三楼 打印"),
            "ipp://localhost/printers/%E4%B8%89%E6%A5%BC%20%E6%89%93%E5%8D%B0"
        );
    }
}
