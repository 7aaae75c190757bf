//! Printing to a printer against a real CUPS: each test starts its own
//! `cupsd` (tests/common/cupsd.rs) with cups-pdf's virtual printer, prints
//! through the library calls the window's print dialog makes, and reads the
//! PDF cups-pdf wrote back with poppler.

use chrono::NaiveDate;
use gridorg::model::Document;
use gridorg::pdf::{Paper, Watch};
use gridorg::printer::error::PrinterError;
use gridorg::printer::ipp::{self, Attribute, Operation};
use gridorg::printer::job::{JobId, JobState, JobStatus};
use gridorg::printer::printers::PrinterState;
use gridorg::printer::printout::{self, Content, Made, Printout};
use gridorg::printer::request::{Pages, Request, Sides};
use gridorg::printer::server::Cups;
use std::time::{Duration, Instant};

mod common;
#[path = "common/cupsd.rs"]
mod cupsd;

use cupsd::{take_output, unique_title, Cupsd};

/// The sample, titled so that this test's output is found among others'.
fn sample(title: &str) -> Document {
    let mut document = gridorg::generate::sample();
    document.title = title.to_string();
    document
}

fn roster(unit: Option<&str>) -> Printout {
    Printout {
        content: Content::Roster,
        unit: unit.map(str::to_string),
        paper: Paper::A4,
        unmasked: false,
        today: NaiveDate::from_ymd_opt(2026, 12, 5).unwrap(),
    }
}

/// The whole sample's roster as the window makes it, the document titled
/// with a token of its own (given first).
fn the_sample_roster() -> (String, Document, Printout, Made) {
    let token = unique_title();
    let document = sample(&token);
    let printout = roster(None);
    let made = printout::make(&document, &printout, Watch::none()).unwrap();
    (token, document, printout, made)
}

/// Follows a job as the window does, until it is done or fails.
fn follow(cups: &Cups, id: &JobId) -> Result<JobStatus, PrinterError> {
    let started = Instant::now();
    loop {
        let status = cups.job(id)?;
        if status.is_done() {
            return Ok(status);
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "job {id} still {status:?} after a minute"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Waits until job `id` is in `state` (a stopped printer's job is first
/// pending, then held there).
fn wait_for(cups: &Cups, id: &JobId, state: JobState) -> JobStatus {
    let started = Instant::now();
    loop {
        let status = cups.job(id).unwrap();
        if status.state == state {
            return status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "job {id} is {status:?}, not {state:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn print_a_roster_reaches_the_printer_and_cups_pdf_writes_its_names_masked() {
    let cupsd = Cupsd::start();
    cupsd.add_printer("PDF", cupsd::Sides::One);
    let cups = cupsd.cups();
    let (token, document, printout, made) = the_sample_roster();
    let request = Request::new("PDF", &printout::title(&document, &printout));
    assert_eq!(request.title, format!("{token} 花名册"));
    let id = cups.send(&made.bytes, &request).unwrap();
    assert_eq!(id.printer, "PDF");
    follow(&cups, &id).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let pdf = take_output(&id, &token, dir.path());
    assert_eq!(common::pages_of(&pdf), made.pages);
    let text = common::text_of(&pdf, None);
    assert!(text.contains("党员花名册"));
    // The names read back as from the PDF that was sent (a long name wrapped
    // in its cell may read in another order in both).
    let sent = dir.path().join("sent.pdf");
    std::fs::write(&sent, &made.bytes).unwrap();
    let sent = common::text_of(&sent, None);
    let named = |text: &str| {
        document
            .members
            .values()
            .filter(|m| text.contains(&m.name))
            .count()
    };
    assert_eq!(named(&text), named(&sent));
    assert!(named(&text) * 10 >= document.members.len() * 9);
    for member in document.members.values() {
        if let Some(id_number) = &member.id_number {
            assert!(!text.contains(id_number.as_str()), "{} masked", member.name);
        }
    }
    assert!(text.contains("******"), "ID numbers show starred");
}

#[test]
fn print_printers_are_listed_default_first_with_their_state_and_choices() {
    let cupsd = Cupsd::start();
    cupsd.add_printer("Alpha", cupsd::Sides::One);
    cupsd.add_printer("Duplex", cupsd::Sides::Two);
    cupsd.add_printer("PDF", cupsd::Sides::One);
    cupsd.set_default("PDF");
    cupsd.admin("cupsdisable", &["-r", "卡纸", "Alpha"]);
    cupsd.admin("lpadmin", &["-p", "Alpha", "-D", "三楼办公室"]);
    cupsd.admin("cupsreject", &["-r", "维修中", "Duplex"]);
    let cups = cupsd.cups();
    let printers = cups.printers().unwrap();
    let names: Vec<&str> = printers.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["PDF", "Alpha", "Duplex"]);
    assert!(printers[0].default && !printers[1].default);
    assert_eq!(printers[0].state, PrinterState::Idle);
    assert_eq!(printers[1].state, PrinterState::Stopped);
    assert_eq!(printers[1].reason.as_deref(), Some("卡纸"));
    assert!(!printers[2].accepting);
    assert_eq!(printers[0].to_string(), "PDF（默认） · 空闲");
    assert_eq!(printers[1].to_string(), "Alpha · 已停止：卡纸 · 三楼办公室");

    let pdf = cups.choices("PDF").unwrap();
    let labels: Vec<&str> = pdf.papers.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(&labels[..2], ["A4", "A3"], "A4 and A3 first: {labels:?}");
    assert!(labels.contains(&"Letter"));
    assert!(!pdf.two_sided, "cups-pdf prints one side");
    assert!(cups.choices("Duplex").unwrap().two_sided);
    assert_eq!(
        cups.choices("Nowhere"),
        Err(PrinterError::UnknownPrinter("Nowhere".into()))
    );
}

#[test]
fn print_copies_pages_paper_and_sides_arrive_as_the_jobs_options() {
    let cupsd = Cupsd::start();
    cupsd.add_printer("Duplex", cupsd::Sides::Two);
    let cups = cupsd.cups();
    let (token, document, printout, made) = the_sample_roster();
    assert!(
        made.pages >= 3,
        "the sample's roster has pages to choose from"
    );
    let a4 = cups
        .choices("Duplex")
        .unwrap()
        .papers
        .into_iter()
        .find(|m| m.label == "A4")
        .unwrap();
    let request = Request {
        copies: 2,
        media: Some(a4.name.clone()),
        sides: Sides::Two,
        pages: Pages::parse("2-3").unwrap(),
        ..Request::new("Duplex", &printout::title(&document, &printout))
    };
    let id = cups.send(&made.bytes, &request).unwrap();
    let asked = job_attributes(&cups, &id);
    let value = |name: &str| {
        asked
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    assert_eq!(value("copies"), [ipp::Value::Integer(2)]);
    assert_eq!(
        value("sides"),
        [ipp::Value::Text("two-sided-long-edge".into())]
    );
    assert_eq!(value("media"), [ipp::Value::Text(a4.name)]);
    follow(&cups, &id).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = take_output(&id, &token, dir.path());
    // cups-pdf writes one copy of what it is sent: the copies are the job's.
    assert_eq!(common::pages_of(&pdf), 2, "pages 2-3");
    let text = common::text_of(&pdf, None);
    assert!(text.contains(&format!("第2页共{}页", made.pages)));
    assert!(!text.contains(&format!("第1页共{}页", made.pages)));
}

/// The job's attributes as CUPS holds them.
fn job_attributes(cups: &Cups, id: &JobId) -> ipp::Group {
    let uri = format!("ipp://localhost/jobs/{}", id.number);
    let answer = ipp::ask(
        cups.server(),
        Operation::GetJobAttributes,
        &[
            Attribute::Uri("job-uri", &uri),
            Attribute::Keywords("requested-attributes", &["copies", "sides", "media"]),
        ],
    )
    .unwrap();
    answer.groups.into_iter().next().unwrap()
}

#[test]
fn print_a_printer_refusing_jobs_says_so_with_cups_reason_and_nothing_is_queued() {
    let cupsd = Cupsd::start();
    cupsd.add_printer("PDF", cupsd::Sides::One);
    cupsd.admin("cupsreject", &["-r", "维修中", "PDF"]);
    let cups = cupsd.cups();
    let refused = cups
        .send(b"%PDF-1.4\n%%EOF\n", &Request::new("PDF", "x"))
        .unwrap_err();
    assert_eq!(
        refused,
        PrinterError::NotAccepting {
            printer: "PDF".into(),
            reason: "维修中".into()
        }
    );
    assert_eq!(
        refused.to_string(),
        "打印机“PDF”拒绝接收任务 (not accepting)：维修中"
    );
    assert_eq!(
        cups.send(b"%PDF-1.4\n%%EOF\n", &Request::new("Nowhere", "x")),
        Err(PrinterError::UnknownPrinter("Nowhere".into()))
    );
}

#[test]
fn print_a_stopped_printer_holds_the_job_and_deleting_it_says_the_printer_is_gone() {
    let cupsd = Cupsd::start();
    cupsd.add_printer("PDF", cupsd::Sides::One);
    cupsd.admin("cupsdisable", &["-r", "卡纸", "PDF"]);
    let cups = cupsd.cups();
    let document = sample(&unique_title());
    let printout = roster(Some("XY03"));
    let made = printout::make(&document, &printout, Watch::none()).unwrap();
    let id = cups
        .send(&made.bytes, &Request::new("PDF", "waiting"))
        .unwrap();
    let waiting = wait_for(&cups, &id, JobState::Stopped);
    assert_eq!(waiting.message.as_deref(), Some("卡纸"));
    cupsd.admin("lpadmin", &["-x", "PDF"]);
    let gone = cups.job(&id).unwrap_err();
    assert_eq!(gone, PrinterError::PrinterGone("PDF".into()));
    assert_eq!(
        gone.to_string(),
        "打印机“PDF”已被删除，任务没有打印 (printer gone)"
    );
}

#[test]
fn print_a_job_cancelled_before_it_prints_ends_as_cancelled() {
    let cupsd = Cupsd::start();
    cupsd.add_printer("PDF", cupsd::Sides::One);
    cupsd.admin("cupsdisable", &["PDF"]);
    let cups = cupsd.cups();
    let id = cups
        .send(b"%PDF-1.4\n%%EOF\n", &Request::new("PDF", "cancelled"))
        .unwrap();
    cups.cancel(&id).unwrap();
    assert!(matches!(cups.job(&id), Err(PrinterError::Cancelled(_))));
    cups.cancel(&id).expect("cancelling again is no error");
}

#[test]
fn print_no_printers_is_an_empty_list_and_no_scheduler_says_it_is_not_running() {
    let cupsd = Cupsd::start();
    assert_eq!(cupsd.cups().printers(), Ok(Vec::new()));
    let nowhere = cupsd.socket().with_file_name("none.sock");
    let dead = Cups::at(&nowhere.display().to_string());
    let err = dead.printers().unwrap_err();
    assert!(
        matches!(&err, PrinterError::NotRunning { server, .. } if *server == nowhere.display().to_string()),
        "{err:?}"
    );
    assert!(err
        .to_string()
        .starts_with("CUPS 打印服务没有运行 (scheduler not running)"));
}
