//! The few content-stream operators the printouts use (ISO 32000-1 §8, §9.4),
//! written straight into bytes: whole numbers as digits, the rest (colours,
//! font sizes) with at most three decimals, and text as hexadecimal strings.
//!
//! pdf-writer's `Content` writes each number through a float formatter and
//! glyph codes, mostly bytes below 0x80, as octal escapes of four bytes a
//! byte; a city's 9,000 pages of rows are made in about half the time here,
//! into smaller streams.

/// A content stream being written.
pub(super) struct Stream {
    bytes: Vec<u8>,
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

impl Stream {
    /// An empty stream with room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Stream {
        Stream {
            bytes: Vec::with_capacity(capacity),
        }
    }

    /// The stream's bytes.
    pub fn finish(self) -> Vec<u8> {
        self.bytes
    }

    /// `value` as digits: whole, or to three decimals with trailing zeros
    /// left off.
    fn number(&mut self, value: f32) {
        let mut digits = itoa::Buffer::new();
        if value.fract() == 0.0 && value.abs() < 2e9 {
            self.bytes
                .extend_from_slice(digits.format(value as i64).as_bytes());
            return;
        }
        let thousandths = (f64::from(value) * 1000.0).round() as i64;
        if thousandths < 0 {
            self.bytes.push(b'-');
        }
        let (whole, mut part) = (thousandths.abs() / 1000, thousandths.abs() % 1000);
        self.bytes
            .extend_from_slice(digits.format(whole).as_bytes());
        if part != 0 {
            self.bytes.push(b'.');
            let mut places = 3;
            while part % 10 == 0 {
                part /= 10;
                places -= 1;
            }
            let written = digits.format(part).as_bytes();
            self.bytes
                .extend(std::iter::repeat_n(b'0', places - written.len()));
            self.bytes.extend_from_slice(written);
        }
    }

    /// An operator after its numbers.
    fn op(&mut self, operands: &[f32], operator: &[u8]) {
        for &value in operands {
            self.number(value);
            self.bytes.push(b' ');
        }
        self.bytes.extend_from_slice(operator);
        self.bytes.push(b'\n');
    }

    fn hex(&mut self, codes: &[u8]) {
        self.bytes.push(b'<');
        for &byte in codes {
            self.bytes.push(HEX[usize::from(byte >> 4)]);
            self.bytes.push(HEX[usize::from(byte & 15)]);
        }
        self.bytes.push(b'>');
    }

    /// `q`.
    pub fn save_state(&mut self) {
        self.op(&[], b"q");
    }

    /// `Q`.
    pub fn restore_state(&mut self) {
        self.op(&[], b"Q");
    }

    /// `cm`.
    pub fn transform(&mut self, matrix: [f32; 6]) {
        self.op(&matrix, b"cm");
    }

    /// `rg`, each part from 0 to 1.
    pub fn set_fill_rgb(&mut self, r: f32, g: f32, b: f32) {
        self.op(&[r, g, b], b"rg");
    }

    /// `RG`, each part from 0 to 1.
    pub fn set_stroke_rgb(&mut self, r: f32, g: f32, b: f32) {
        self.op(&[r, g, b], b"RG");
    }

    /// `w`.
    pub fn set_line_width(&mut self, width: f32) {
        self.op(&[width], b"w");
    }

    /// `d`: dashes and gaps in turn, none for a solid line.
    pub fn set_dash_pattern(&mut self, pattern: &[f32]) {
        self.bytes.push(b'[');
        for (i, &value) in pattern.iter().enumerate() {
            if i > 0 {
                self.bytes.push(b' ');
            }
            self.number(value);
        }
        self.bytes.extend_from_slice(b"] ");
        self.op(&[0.0], b"d");
    }

    /// `re`.
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32) {
        self.op(&[x, y, w, h], b"re");
    }

    /// `m`.
    pub fn move_to(&mut self, x: f32, y: f32) {
        self.op(&[x, y], b"m");
    }

    /// `l`.
    pub fn line_to(&mut self, x: f32, y: f32) {
        self.op(&[x, y], b"l");
    }

    /// `S`.
    pub fn stroke(&mut self) {
        self.op(&[], b"S");
    }

    /// `f`.
    pub fn fill_nonzero(&mut self) {
        self.op(&[], b"f");
    }

    /// `B`.
    pub fn fill_nonzero_and_stroke(&mut self) {
        self.op(&[], b"B");
    }

    /// `W n`: clips to the path, which is not drawn.
    pub fn clip_nonzero(&mut self) {
        self.op(&[], b"W");
        self.op(&[], b"n");
    }

    /// `BT`.
    pub fn begin_text(&mut self) {
        self.op(&[], b"BT");
    }

    /// `ET`.
    pub fn end_text(&mut self) {
        self.op(&[], b"ET");
    }

    /// `Tf` with the font named `font` in the page's resources.
    pub fn set_font(&mut self, font: &[u8], size: f32) {
        self.bytes.push(b'/');
        self.bytes.extend_from_slice(font);
        self.bytes.push(b' ');
        self.op(&[size], b"Tf");
    }

    /// `Tm`.
    pub fn set_text_matrix(&mut self, matrix: [f32; 6]) {
        self.op(&matrix, b"Tm");
    }

    /// `Tj` of glyph codes.
    pub fn show(&mut self, codes: &[u8]) {
        self.hex(codes);
        self.op(&[], b" Tj");
    }

    /// `TJ`: runs of glyph codes, each after a move (in thousandths of the
    /// font size, positive to the left) but the first.
    pub fn show_positioned<'c>(&mut self, runs: impl IntoIterator<Item = (f32, &'c [u8])>) {
        self.bytes.push(b'[');
        for (i, (gap, codes)) in runs.into_iter().enumerate() {
            if i > 0 {
                self.bytes.push(b' ');
                self.number(gap);
                self.bytes.push(b' ');
            }
            self.hex(codes);
        }
        self.op(&[], b"] TJ");
    }
}

#[cfg(test)]
mod tests {
    use super::Stream;

    fn written(value: f32) -> String {
        let mut stream = Stream::with_capacity(8);
        stream.number(value);
        String::from_utf8(stream.finish()).unwrap()
    }

    #[test]
    fn numbers_are_digits_with_at_most_three_decimals() {
        for (value, text) in [
            (0.0, "0"),
            (-0.0, "0"),
            (7.0, "7"),
            (-2533.0, "-2533"),
            (82122.0, "82122"),
            (7.5, "7.5"),
            (0.01, "0.01"),
            (-0.25, "-0.25"),
            (0.005, "0.005"),
            (110.0 / 255.0, "0.431"),
            (1.0 / 3.0, "0.333"),
            (0.0004, "0"),
            (12.0625, "12.063"),
            (3e9, "3000000000"),
        ] {
            assert_eq!(written(value), text, "{value}");
        }
    }

    #[test]
    fn text_is_hexadecimal_and_operators_end_lines() {
        let mut stream = Stream::with_capacity(64);
        stream.set_font(b"F1", 7.5);
        stream.show(&[0, 1, 0x80, 0xff]);
        stream.show_positioned([(0.0, &[0u8, 0x28][..]), (-2533.0, &[0x5c, 0x29][..])]);
        stream.set_dash_pattern(&[400.0, 300.0]);
        stream.set_dash_pattern(&[]);
        assert_eq!(
            String::from_utf8(stream.finish()).unwrap(),
            "/F1 7.5 Tf\n<000180FF> Tj\n[<0028> -2533 <5C29>] TJ\n[400 300] 0 d\n[] 0 d\n"
        );
    }
}
