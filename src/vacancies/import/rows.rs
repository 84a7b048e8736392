//! Reading a CSV file row by row, knowing the line each row starts on whatever the line
//! endings (LF, CRLF as Excel saves, or a lone CR), and noticing a quote left open, which
//! would otherwise swallow the rest of the file into one field. Quoting follows RFC 4180:
//! a field that starts with `"` runs to the next lone `"`, and `""` inside it is a `"`.

use std::io::{self, BufRead};

/// A row longer than this is refused (and not kept in memory), so a quote left open in a
/// long file cannot take the whole file into memory.
const MAX_ROW_BYTES: usize = 1 << 20;

/// Excel's "CSV UTF-8" starts the file with a byte order mark.
const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// One row of the file and the line it starts on (from 1).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Row {
    pub line: u64,
    pub fields: Result<Vec<String>, RowFault>,
}

/// Why a row's fields cannot be read at all.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum RowFault {
    /// A quoted field is never closed: the rest of the file would be one field.
    UnterminatedQuote,
    /// Longer than `MAX_ROW_BYTES`.
    TooLong,
    /// Not UTF-8 text.
    NotUtf8,
}

impl RowFault {
    pub fn message(&self) -> String {
        match self {
            RowFault::UnterminatedQuote => {
                "a quoted field starts on this line and its closing quote is missing, so the rest of the file cannot be read.".into()
            }
            RowFault::TooLong => format!(
                "the row is longer than {} MB; is a quote left open?",
                MAX_ROW_BYTES >> 20
            ),
            RowFault::NotUtf8 => "the row is not UTF-8 text: save the file as CSV UTF-8.".into(),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    FieldStart,
    Unquoted,
    Quoted,
    /// A `"` inside a quoted field: the field's end, or the first half of `""`.
    QuoteInQuoted,
}

/// The rows of a CSV source, read as a stream; blank lines are skipped.
pub(super) struct Rows<R> {
    source: R,
    /// The line the next byte is on.
    line: u64,
    /// The last byte was a CR, so a LF now ends the same line.
    after_cr: bool,
    started: bool,
}

impl<R: BufRead> Rows<R> {
    pub fn new(source: R) -> Rows<R> {
        Rows {
            source,
            line: 1,
            after_cr: false,
            started: false,
        }
    }

    /// The next row, or `None` at the end of the file.
    pub fn next_row(&mut self) -> io::Result<Option<Row>> {
        let mut fields: Vec<Vec<u8>> = Vec::new();
        let mut field: Vec<u8> = Vec::new();
        let mut state = State::FieldStart;
        let mut start: Option<u64> = None;
        let mut size = 0;
        loop {
            let buffer = self.source.fill_buf()?;
            if !self.started {
                self.started = true;
                if buffer.starts_with(BYTE_ORDER_MARK) {
                    self.source.consume(BYTE_ORDER_MARK.len());
                    continue;
                }
            }
            if buffer.is_empty() {
                let Some(line) = start else {
                    return Ok(None);
                };
                let fields = if state == State::Quoted {
                    Err(RowFault::UnterminatedQuote)
                } else {
                    fields.push(field);
                    texts(fields, size)
                };
                return Ok(Some(Row { line, fields }));
            }
            let mut used = 0;
            let mut ended = false;
            for &byte in buffer {
                used += 1;
                let second_half_of_crlf = byte == b'\n' && self.after_cr;
                self.after_cr = byte == b'\r';
                let newline = byte == b'\n' || byte == b'\r';
                if newline && !second_half_of_crlf {
                    self.line += 1;
                }
                if start.is_none() {
                    if newline {
                        continue; // a blank line, or the LF of the last row's CRLF
                    }
                    start = Some(self.line);
                }
                if second_half_of_crlf && state != State::Quoted {
                    continue;
                }
                let mut keep = |byte: u8| {
                    size += 1;
                    if size <= MAX_ROW_BYTES {
                        field.push(byte);
                    }
                };
                state = match (state, byte) {
                    (State::Quoted, b'"') => State::QuoteInQuoted,
                    (State::Quoted, _) => {
                        keep(byte);
                        State::Quoted
                    }
                    (State::QuoteInQuoted, b'"') => {
                        keep(b'"');
                        State::Quoted
                    }
                    (State::FieldStart, b'"') => State::Quoted,
                    (_, b',') => {
                        fields.push(std::mem::take(&mut field));
                        State::FieldStart
                    }
                    (_, b'\n' | b'\r') => {
                        ended = true;
                        break;
                    }
                    (_, _) => {
                        keep(byte);
                        State::Unquoted
                    }
                };
            }
            self.source.consume(used);
            if ended {
                fields.push(field);
                let line = start.unwrap_or(self.line);
                return Ok(Some(Row {
                    line,
                    fields: texts(fields, size),
                }));
            }
        }
    }
}

fn texts(fields: Vec<Vec<u8>>, size: usize) -> Result<Vec<String>, RowFault> {
    if size > MAX_ROW_BYTES {
        return Err(RowFault::TooLong);
    }
    fields
        .into_iter()
        .map(|f| String::from_utf8(f).map_err(|_| RowFault::NotUtf8))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &[u8]) -> Vec<(u64, Result<Vec<String>, RowFault>)> {
        // A tiny buffer, so rows and CRLFs straddle reads.
        let mut rows = Rows::new(io::BufReader::with_capacity(3, text));
        let mut out = Vec::new();
        while let Some(row) = rows.next_row().expect("reading from memory") {
            out.push((row.line, row.fields));
        }
        out
    }

    fn ok(fields: &[&str]) -> Result<Vec<String>, RowFault> {
        Ok(fields.iter().map(|f| f.to_string()).collect())
    }

    #[test]
    fn lines_are_counted_the_same_whatever_the_line_ending() {
        let lf = b"a,b\n1,2\n\n\"x\ny\",3\n4,5\n".to_vec();
        let crlf = b"a,b\r\n1,2\r\n\r\n\"x\r\ny\",3\r\n4,5\r\n".to_vec();
        let cr = b"a,b\r1,2\r\r\"x\ry\",3\r4,5\r".to_vec();
        let lines = |text: &[u8]| rows(text).into_iter().map(|r| r.0).collect::<Vec<_>>();
        assert_eq!(lines(&lf), [1, 2, 4, 6]);
        assert_eq!(lines(&crlf), [1, 2, 4, 6]);
        assert_eq!(lines(&cr), [1, 2, 4, 6]);
        assert_eq!(rows(&crlf)[2].1, ok(&["x\r\ny", "3"]));
    }

    #[test]
    fn quotes_commas_and_a_byte_order_mark() {
        let read = rows(b"\xEF\xBB\xBFref,title\n\"A,1\",\"say \"\"hi\"\"\"\nB,5'11\"\nC,");
        assert_eq!(read[0], (1, ok(&["ref", "title"])));
        assert_eq!(read[1], (2, ok(&["A,1", "say \"hi\""])));
        assert_eq!(read[2], (3, ok(&["B", "5'11\""])));
        assert_eq!(read[3], (4, ok(&["C", ""])));
    }

    #[test]
    fn a_quote_left_open_is_reported_on_the_line_it_opens() {
        let read = rows(b"a,b\n1,\"open\n2,3\n4,5\n");
        assert_eq!(read.len(), 2);
        assert_eq!(read[1], (2, Err(RowFault::UnterminatedQuote)));
    }

    #[test]
    fn bytes_that_are_not_utf8_are_a_fault_of_their_row_only() {
        let read = rows(b"a,b\n1,\xff\n2,3\n");
        assert_eq!(read[1], (2, Err(RowFault::NotUtf8)));
        assert_eq!(read[2], (3, ok(&["2", "3"])));
    }
}
