//! The few IPP requests the printer module asks the CUPS scheduler — what
//! printers there are, what one offers, where a job is — over HTTP on its
//! socket or port. The command line tools cannot say a job's state (`lpstat`
//! lists a completed and a cancelled job alike), and `lpoptions -l` reads a
//! printer's PPD from the local configuration folder, so a private scheduler's
//! printers would have no papers: both are asked here instead. Submitting and
//! cancelling stay with `lp` and `cancel`.
//!
//! Only what these requests need is encoded (RFC 8010): one operation group,
//! values as text, integers and booleans. What comes back is read within
//! [`MAX_RESPONSE`] bytes, and anything malformed is an error, never a panic.
//! Not the `ipp` crate: its clients (ureq, reqwest) speak TCP only, never
//! CUPS's Unix socket, so the HTTP here would stay and the crate would save
//! just these few lines of encoding for a dozen dependencies.

use super::error::{said, PrinterError};
use super::server::Server;
use std::io::{BufRead, BufReader, Read, Write};
use std::time::Duration;

/// The most bytes read of one answer (a scheduler with hundreds of printers
/// answers well under this).
pub const MAX_RESPONSE: usize = 4 << 20;
/// How long the scheduler may take to answer one request.
const TIMEOUT: Duration = Duration::from_secs(10);

/// IPP operations asked.
#[derive(Debug, Clone, Copy)]
pub enum Operation {
    /// One printer's attributes.
    GetPrinterAttributes = 0x000B,
    /// One job's attributes.
    GetJobAttributes = 0x0009,
    /// The server's default printer (a CUPS extension).
    CupsGetDefault = 0x4001,
    /// Every printer (a CUPS extension).
    CupsGetPrinters = 0x4002,
}

/// A value of an attribute, as far as these requests read them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// integer or enum.
    Integer(i32),
    /// boolean.
    Boolean(bool),
    /// Any text-like value (keyword, name, text, uri, …).
    Text(String),
    /// A value of another type, not read.
    Other,
}

/// One attribute group of an answer: its attributes in order, each with its
/// values.
pub type Group = Vec<(String, Vec<Value>)>;

/// What the scheduler answered.
#[derive(Debug, Clone)]
pub struct Response {
    /// The IPP status code (0x0000 successful-ok …).
    pub status: u16,
    /// The printer or job groups, in order (the operation group left out).
    pub groups: Vec<Group>,
}

/// IPP's status "not found" (no such printer or job, or no printers at all).
pub const NOT_FOUND: u16 = 0x0406;

/// An operation attribute of a request.
pub enum Attribute<'a> {
    /// A `uri` value.
    Uri(&'a str, &'a str),
    /// A `nameWithoutLanguage` value.
    Name(&'a str, &'a str),
    /// An `integer` value.
    Integer(&'a str, i32),
    /// `keyword` values (one attribute, several values).
    Keywords(&'a str, &'a [&'a str]),
}

/// Asks `server` one operation and reads the answer.
pub fn ask(
    server: &Server,
    operation: Operation,
    attributes: &[Attribute<'_>],
) -> Result<Response, PrinterError> {
    let body = encode(operation, attributes);
    let answer = exchange(server, &body)?;
    decode(&answer)
}

/// The request's bytes: version 2.0, the operation, one group.
fn encode(operation: Operation, attributes: &[Attribute<'_>]) -> Vec<u8> {
    let mut out = vec![2, 0];
    out.extend_from_slice(&(operation as u16).to_be_bytes());
    out.extend_from_slice(&1u32.to_be_bytes());
    out.push(0x01);
    put(&mut out, 0x47, "attributes-charset", b"utf-8");
    put(&mut out, 0x48, "attributes-natural-language", b"zh-cn");
    for attribute in attributes {
        match attribute {
            Attribute::Uri(name, value) => put(&mut out, 0x45, name, value.as_bytes()),
            Attribute::Name(name, value) => put(&mut out, 0x42, name, value.as_bytes()),
            Attribute::Integer(name, value) => put(&mut out, 0x21, name, &value.to_be_bytes()),
            Attribute::Keywords(name, values) => {
                for (n, value) in values.iter().enumerate() {
                    let name = if n == 0 { name } else { "" };
                    put(&mut out, 0x44, name, value.as_bytes());
                }
            }
        }
    }
    out.push(0x03);
    out
}

fn put(out: &mut Vec<u8>, tag: u8, name: &str, value: &[u8]) {
    out.push(tag);
    // Names and values here are short: the requests' own words and printer names.
    out.extend_from_slice(&(name.len() as u16).to_be_bytes());
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(&(value.len() as u16).to_be_bytes());
    out.extend_from_slice(value);
}

/// Reads an answer's bytes.
fn decode(bytes: &[u8]) -> Result<Response, PrinterError> {
    let bad = |what: &str| PrinterError::Protocol(what.to_string());
    let mut at = Cursor { bytes, at: 0 };
    at.take(2).ok_or_else(|| bad("太短"))?;
    let status = at.u16().ok_or_else(|| bad("太短"))?;
    at.take(4).ok_or_else(|| bad("太短"))?;
    let mut groups: Vec<Group> = Vec::new();
    let mut in_operation = false;
    loop {
        let tag = at.take(1).ok_or_else(|| bad("没有结束标记"))?[0];
        match tag {
            0x03 => break,
            0x01 => in_operation = true,
            0x00..=0x0F => {
                in_operation = false;
                groups.push(Vec::new());
            }
            _ => {
                let name_len = usize::from(at.u16().ok_or_else(|| bad("属性被截断"))?);
                let name = at.take(name_len).ok_or_else(|| bad("属性名被截断"))?;
                let value_len = usize::from(at.u16().ok_or_else(|| bad("属性被截断"))?);
                let raw = at.take(value_len).ok_or_else(|| bad("属性值被截断"))?;
                let value = value(tag, raw);
                if in_operation {
                    continue;
                }
                let Some(group) = groups.last_mut() else {
                    return Err(bad("属性不在任何组中"));
                };
                if name.is_empty() {
                    match group.last_mut() {
                        Some((_, values)) => values.push(value),
                        None => return Err(bad("附加值前没有属性")),
                    }
                } else {
                    let name = String::from_utf8_lossy(name).into_owned();
                    group.push((name, vec![value]));
                }
            }
        }
    }
    Ok(Response { status, groups })
}

fn value(tag: u8, raw: &[u8]) -> Value {
    match (tag, raw) {
        (0x21 | 0x23, [a, b, c, d]) => Value::Integer(i32::from_be_bytes([*a, *b, *c, *d])),
        (0x22, [b]) => Value::Boolean(*b != 0),
        (0x41..=0x49, _) => Value::Text(String::from_utf8_lossy(raw).into_owned()),
        _ => Value::Other,
    }
}

/// A reader over the answer's bytes that stops at its end instead of panicking.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let taken = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(taken)
    }

    fn u16(&mut self) -> Option<u16> {
        self.take(2).map(|b| u16::from_be_bytes([b[0], b[1]]))
    }
}

/// Something to write a request to and read its answer from.
trait Stream: Read + Write {}
impl<T: Read + Write> Stream for T {}

/// Sends one HTTP POST with the request and hands back the body of the answer.
fn exchange(server: &Server, body: &[u8]) -> Result<Vec<u8>, PrinterError> {
    let not_running = |e: std::io::Error| PrinterError::NotRunning {
        server: server.to_string(),
        reason: e.to_string(),
    };
    let mut stream: Box<dyn Stream> = match server {
        Server::Socket(path) => {
            let s = std::os::unix::net::UnixStream::connect(path).map_err(not_running)?;
            s.set_read_timeout(Some(TIMEOUT)).map_err(not_running)?;
            s.set_write_timeout(Some(TIMEOUT)).map_err(not_running)?;
            Box::new(s)
        }
        Server::Host(host, port) => {
            let addresses = std::net::ToSocketAddrs::to_socket_addrs(&(host.as_str(), *port))
                .map_err(not_running)?;
            let mut last = std::io::Error::from(std::io::ErrorKind::NotFound);
            let mut connected = None;
            for address in addresses {
                match std::net::TcpStream::connect_timeout(&address, TIMEOUT) {
                    Ok(s) => {
                        connected = Some(s);
                        break;
                    }
                    Err(e) => last = e,
                }
            }
            let s = connected.ok_or_else(|| not_running(last))?;
            s.set_read_timeout(Some(TIMEOUT)).map_err(not_running)?;
            s.set_write_timeout(Some(TIMEOUT)).map_err(not_running)?;
            Box::new(s)
        }
    };
    let head = format!(
        "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/ipp\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let lost = |e: std::io::Error| PrinterError::Protocol(format!("连接中断：{e}"));
    stream.write_all(head.as_bytes()).map_err(lost)?;
    stream.write_all(body).map_err(lost)?;
    stream.flush().map_err(lost)?;
    let mut reader = BufReader::new(stream.take(MAX_RESPONSE as u64 + 64 * 1024));
    read_http(&mut reader)
}

/// Reads an HTTP answer: its status line, headers, then the body by length,
/// in chunks, or to the end.
fn read_http(reader: &mut impl BufRead) -> Result<Vec<u8>, PrinterError> {
    let bad = |what: String| PrinterError::Protocol(what);
    let status = line(reader)?;
    let code = status.split_whitespace().nth(1).unwrap_or_default();
    if code != "200" {
        return Err(bad(format!("HTTP {}", said(&status))));
    }
    let mut length = None;
    let mut chunked = false;
    loop {
        let header = line(reader)?;
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':').unwrap_or((&header, ""));
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            length = value.parse::<usize>().ok();
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value.eq_ignore_ascii_case("chunked");
        }
    }
    let too_long = || bad(format!("回答超过 {} MB", MAX_RESPONSE >> 20));
    let mut body = Vec::new();
    let read_exact = |reader: &mut dyn BufRead, n: usize, body: &mut Vec<u8>| {
        let start = body.len();
        body.resize(start + n, 0);
        reader
            .read_exact(&mut body[start..])
            .map_err(|e| PrinterError::Protocol(format!("回答被截断：{e}")))
    };
    if chunked {
        loop {
            let size = line(reader)?;
            let size = size.split(';').next().unwrap_or_default().trim();
            let size = usize::from_str_radix(size, 16)
                .map_err(|_| bad(format!("分块长度无法读取：{}", said(size))))?;
            if size == 0 {
                break;
            }
            if body.len() + size > MAX_RESPONSE {
                return Err(too_long());
            }
            read_exact(reader, size, &mut body)?;
            line(reader)?;
        }
    } else if let Some(n) = length {
        if n > MAX_RESPONSE {
            return Err(too_long());
        }
        read_exact(reader, n, &mut body)?;
    } else {
        reader
            .take(MAX_RESPONSE as u64 + 1)
            .read_to_end(&mut body)
            .map_err(|e| bad(format!("回答被截断：{e}")))?;
        if body.len() > MAX_RESPONSE {
            return Err(too_long());
        }
    }
    Ok(body)
}

/// One line of the HTTP head, without its CR LF, at most 8 KiB.
fn line(reader: &mut impl BufRead) -> Result<String, PrinterError> {
    let mut raw = Vec::new();
    reader
        .take(8 * 1024)
        .read_until(b'\n', &mut raw)
        .map_err(|e| PrinterError::Protocol(format!("回答被截断：{e}")))?;
    if raw.last() != Some(&b'\n') {
        return Err(PrinterError::Protocol("回答的一行过长或被截断".into()));
    }
    while matches!(raw.last(), Some(b'\n' | b'\r')) {
        raw.pop();
    }
    Ok(String::from_utf8_lossy(&raw).into_owned())
}

/// The first text value of an attribute in a group.
pub fn text<'a>(group: &'a Group, name: &'static str) -> Option<&'a str> {
    values(group, name).find_map(|v| match v {
        Value::Text(t) => Some(t.as_str()),
        _ => None,
    })
}

/// Every text value of an attribute in a group.
pub fn texts<'a>(group: &'a Group, name: &'static str) -> impl Iterator<Item = &'a str> {
    values(group, name).filter_map(|v| match v {
        Value::Text(t) => Some(t.as_str()),
        _ => None,
    })
}

/// The integer (or enum) value of an attribute in a group.
pub fn integer(group: &Group, name: &'static str) -> Option<i32> {
    values(group, name).find_map(|v| match v {
        Value::Integer(n) => Some(*n),
        _ => None,
    })
}

/// The boolean value of an attribute in a group.
pub fn boolean(group: &Group, name: &'static str) -> Option<bool> {
    values(group, name).find_map(|v| match v {
        Value::Boolean(b) => Some(*b),
        _ => None,
    })
}

fn values<'a>(group: &'a Group, name: &'static str) -> impl Iterator<Item = &'a Value> {
    group
        .iter()
        .filter(move |(n, _)| n == name)
        .flat_map(|(_, values)| values.iter())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_encodes_its_group_and_ends() {
        let bytes = encode(
            Operation::GetJobAttributes,
            &[
                Attribute::Uri("job-uri", "ipp://localhost/jobs/7"),
                Attribute::Keywords("requested-attributes", &["job-state", "job-name"]),
            ],
        );
        assert_eq!(&bytes[..8], &[2, 0, 0, 9, 0, 0, 0, 1]);
        assert_eq!(bytes[8], 0x01);
        assert_eq!(*bytes.last().unwrap(), 0x03);
    }

    #[test]
    fn an_answer_is_read_into_groups_and_a_truncated_one_is_an_error() {
        let mut answer = vec![2, 0, 0, 0, 0, 0, 0, 1, 0x01];
        put(&mut answer, 0x47, "attributes-charset", b"utf-8");
        answer.push(0x02);
        put(&mut answer, 0x23, "job-state", &9i32.to_be_bytes());
        put(&mut answer, 0x44, "job-state-reasons", b"a");
        put(&mut answer, 0x44, "", b"b");
        answer.push(0x03);
        let read = decode(&answer).unwrap();
        assert_eq!(read.status, 0);
        assert_eq!(integer(&read.groups[0], "job-state"), Some(9));
        let reasons: Vec<&str> = texts(&read.groups[0], "job-state-reasons").collect();
        assert_eq!(reasons, ["a", "b"]);
        for cut in 0..answer.len() - 1 {
            assert!(decode(&answer[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn a_chunked_answer_is_joined_and_an_endless_one_refused() {
        let http = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
        assert_eq!(read_http(&mut &http[..]).unwrap(), b"abcde");
        let huge = format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n",
            MAX_RESPONSE + 1
        );
        assert!(read_http(&mut huge.as_bytes()).is_err());
        assert!(read_http(&mut &b"HTTP/1.1 403 Forbidden\r\n\r\n"[..]).is_err());
    }
}
