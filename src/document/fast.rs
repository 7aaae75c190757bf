//! A fast reader for the subset of RON that gridorg itself writes: structs as
//! `(key: value, …)`, lists, strings, unsigned integers, unit enum variants,
//! optional values written without `Some(…)`, comments and the extensions line.
//!
//! The `ron` crate reads about 30 MB/s, too slow for a city document (~100 MB).
//! This reader drives the same serde derives at several hundred MB/s. Anything
//! outside the subset makes it give up, and the caller falls back to `ron`,
//! which also produces the error message with its line and column — so this
//! module never decides what an error says.

use serde::de::value::SeqDeserializer;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::ops::Range;

/// Why the fast reader gave up (never shown: the `ron` reader explains instead).
#[derive(Debug)]
pub struct GiveUp;

impl fmt::Display for GiveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("outside the fast subset")
    }
}

impl std::error::Error for GiveUp {}

impl de::Error for GiveUp {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        GiveUp
    }
}

/// Deepest nesting accepted (the format needs three).
const MAX_DEPTH: usize = 16;

/// Parses `text` as `T`, or gives up.
pub fn from_str<'de, T: Deserialize<'de>>(text: &'de str) -> Result<T, GiveUp> {
    parse(text, None)
}

/// Parses `text` as `T`, reading the list that spans `hole` as empty so that
/// another thread can read it. Gives up unless a list starts exactly at
/// `hole.start`.
pub fn from_str_around<'de, T: Deserialize<'de>>(
    text: &'de str,
    hole: Range<usize>,
) -> Result<T, GiveUp> {
    parse(text, Some(hole))
}

fn parse<'de, T: Deserialize<'de>>(
    text: &'de str,
    hole: Option<Range<usize>>,
) -> Result<T, GiveUp> {
    let mut reader = Reader {
        text: text.as_bytes(),
        source: text,
        pos: 0,
        depth: 0,
        hole,
    };
    reader.skip_header();
    let value = T::deserialize(&mut reader)?;
    reader.skip_blank();
    if reader.pos == reader.text.len() && reader.hole.is_none() {
        Ok(value)
    } else {
        Err(GiveUp)
    }
}

/// A string read from the text.
enum Text<'de> {
    Borrowed(&'de str),
    Owned(String),
}

struct Reader<'de> {
    text: &'de [u8],
    source: &'de str,
    pos: usize,
    depth: usize,
    /// A list to skip, read by someone else; `None` once skipped.
    hole: Option<Range<usize>>,
}

impl<'de> Reader<'de> {
    fn skip_header(&mut self) {
        self.skip_blank();
        if self.text[self.pos..].starts_with(b"#![enable(implicit_some)]") {
            self.pos += "#![enable(implicit_some)]".len();
        }
    }

    /// Skips white space, `,`-free; and `//` comments.
    fn skip_blank(&mut self) {
        while let Some(&b) = self.text.get(self.pos) {
            if b.is_ascii_whitespace() {
                self.pos += 1;
            } else if b == b'/' && self.text.get(self.pos + 1) == Some(&b'/') {
                while self.text.get(self.pos).is_some_and(|&c| c != b'\n') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip_blank();
        self.text.get(self.pos).copied()
    }

    fn eat(&mut self, byte: u8) -> Result<(), GiveUp> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(GiveUp)
        }
    }

    /// After an item: a `,` and/or the closing byte. Returns whether the list goes on.
    fn next_item(&mut self, close: u8) -> Result<bool, GiveUp> {
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(self.peek() != Some(close))
            }
            Some(c) if c == close => Ok(false),
            _ => Err(GiveUp),
        }
    }

    fn ident(&mut self) -> Result<&'de str, GiveUp> {
        self.skip_blank();
        let start = self.pos;
        while self
            .text
            .get(self.pos)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        {
            self.pos += 1;
        }
        if start == self.pos || self.text[start].is_ascii_digit() {
            return Err(GiveUp);
        }
        Ok(&self.source[start..self.pos])
    }

    fn unsigned(&mut self) -> Result<u64, GiveUp> {
        self.skip_blank();
        let start = self.pos;
        let mut value: u64 = 0;
        while let Some(&b) = self.text.get(self.pos).filter(|b| b.is_ascii_digit()) {
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(b - b'0')))
                .ok_or(GiveUp)?;
            self.pos += 1;
        }
        if start == self.pos {
            Err(GiveUp)
        } else {
            Ok(value)
        }
    }

    /// A string: borrowed when it has no escapes, owned when it has the simple
    /// ones (`\"`, `\\`, `\n`, `\t`, `\r`); other escapes give up.
    fn string(&mut self) -> Result<Text<'de>, GiveUp> {
        self.eat(b'"')?;
        let start = self.pos;
        let mut owned: Option<String> = None;
        let mut run = start;
        loop {
            self.pos += memchr::memchr2(b'"', b'\\', &self.text[self.pos..]).ok_or(GiveUp)?;
            match self.text.get(self.pos) {
                Some(b'"') => break,
                Some(b'\\') => {
                    let buffer = owned.get_or_insert_with(String::new);
                    buffer.push_str(&self.source[run..self.pos]);
                    let unescaped = match self.text.get(self.pos + 1) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'n') => '\n',
                        Some(b't') => '\t',
                        Some(b'r') => '\r',
                        _ => return Err(GiveUp),
                    };
                    buffer.push(unescaped);
                    self.pos += 2;
                    run = self.pos;
                }
                _ => return Err(GiveUp),
            }
        }
        let tail = &self.source[run..self.pos];
        self.pos += 1;
        Ok(match owned {
            Some(mut buffer) => {
                buffer.push_str(tail);
                Text::Owned(buffer)
            }
            None => Text::Borrowed(&self.source[start..self.pos - 1]),
        })
    }

    /// Reads one value of any form the subset has and drops it.
    fn skip(&mut self) -> Result<(), GiveUp> {
        let (open, close) = match self.peek().ok_or(GiveUp)? {
            b'"' => return self.string().map(drop),
            b'[' => (b'[', b']'),
            b'(' => (b'(', b')'),
            b if b.is_ascii_digit() => return self.unsigned().map(drop),
            _ => return self.ident().map(drop),
        };
        self.eat(open)?;
        self.enter()?;
        let mut more = self.peek() != Some(close);
        while more {
            if open == b'(' {
                self.ident()?;
                self.eat(b':')?;
            }
            self.skip()?;
            more = self.next_item(close)?;
        }
        self.depth -= 1;
        self.eat(close)
    }

    fn enter(&mut self) -> Result<(), GiveUp> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            Err(GiveUp)
        } else {
            Ok(())
        }
    }
}

macro_rules! unsigned {
    ($($method:ident $visit:ident $t:ty),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
            let v = self.unsigned()?;
            visitor.$visit(<$t>::try_from(v).map_err(|_| GiveUp)?)
        }
    )*};
}

macro_rules! give_up {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, GiveUp> {
            Err(GiveUp)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = GiveUp;

    unsigned!(deserialize_u8 visit_u8 u8, deserialize_u16 visit_u16 u16,
              deserialize_u32 visit_u32 u32, deserialize_u64 visit_u64 u64);

    give_up!(deserialize_any deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
             deserialize_f32 deserialize_f64 deserialize_char deserialize_bytes
             deserialize_byte_buf deserialize_unit deserialize_map);

    /// A field not asked for (the key readers of a quick read take a few of
    /// a record's fields) is read and dropped.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.skip()?;
        visitor.visit_unit()
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        match self.ident()? {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => Err(GiveUp),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        match self.string()? {
            Text::Borrowed(s) => visitor.visit_borrowed_str(s),
            Text::Owned(s) => visitor.visit_string(s),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        // Written with implicit Some: `None` is absent, anything else is the value.
        if self.peek() == Some(b'N') && self.text[self.pos..].starts_with(b"None") {
            self.pos += 4;
            visitor.visit_none()
        } else if self.text[self.pos..].starts_with(b"Some(") {
            Err(GiveUp)
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> Result<V::Value, GiveUp> {
        Err(GiveUp)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, GiveUp> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.skip_blank();
        if let Some(hole) = self.hole.take_if(|hole| hole.start == self.pos) {
            self.pos = hole.end;
            return visitor.visit_seq(SeqDeserializer::new(std::iter::empty::<()>()));
        }
        self.eat(b'[')?;
        self.enter()?;
        let value = visitor.visit_seq(Items {
            reader: self,
            first: true,
        })?;
        self.depth -= 1;
        self.eat(b']')?;
        Ok(value)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value, GiveUp> {
        Err(GiveUp)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value, GiveUp> {
        Err(GiveUp)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, GiveUp> {
        self.eat(b'(')?;
        self.enter()?;
        let value = visitor.visit_map(Fields {
            reader: self,
            first: true,
        })?;
        self.depth -= 1;
        self.eat(b')')?;
        Ok(value)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, GiveUp> {
        let variant = self.ident()?;
        visitor.visit_enum(variant.into_deserializer())
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        visitor.visit_borrowed_str(self.ident()?)
    }
}

/// The items of a list.
struct Items<'a, 'de> {
    reader: &'a mut Reader<'de>,
    first: bool,
}

impl<'de> SeqAccess<'de> for Items<'_, 'de> {
    type Error = GiveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, GiveUp> {
        let more = if self.first {
            self.first = false;
            self.reader.peek() != Some(b']')
        } else {
            self.reader.next_item(b']')?
        };
        if more {
            seed.deserialize(&mut *self.reader).map(Some)
        } else {
            Ok(None)
        }
    }
}

/// The fields of a struct.
struct Fields<'a, 'de> {
    reader: &'a mut Reader<'de>,
    first: bool,
}

impl<'de> MapAccess<'de> for Fields<'_, 'de> {
    type Error = GiveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, GiveUp> {
        let more = if self.first {
            self.first = false;
            self.reader.peek() != Some(b')')
        } else {
            self.reader.next_item(b')')?
        };
        if !more {
            return Ok(None);
        }
        let key = seed.deserialize(&mut *self.reader).map(Some)?;
        self.reader.eat(b':')?;
        Ok(key)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, GiveUp> {
        seed.deserialize(&mut *self.reader)
    }
}
