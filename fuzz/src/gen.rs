//! CSV-like inputs for the stable runner: random texts over an alphabet weighted towards what
//! the reader treats specially, and mutations of the corpus (`tests/csv_corpus/`).

/// SplitMix64: small, seedable, good enough to pick bytes.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n ≥ 1`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

/// Pieces the random texts are made of: delimiters, quotes, every line end, numbers in many
/// spellings, words, blanks, a byte-order mark, non-ASCII text.
const PIECES: &[&str] = &[
    ",",
    ",",
    ",",
    ";",
    "\t",
    "\"",
    "\"",
    "\"\"",
    "\n",
    "\n",
    "\r\n",
    "\r",
    " ",
    "  ",
    "1",
    "2.5",
    "-3",
    "1e3",
    "1e39",
    "-1e16",
    "1,5",
    "0",
    "nan",
    "inf",
    "-Infinity",
    "abc",
    "x",
    "y",
    "label",
    "=SUM(A1)",
    "\u{feff}",
    "é",
    "∞",
    "\u{a0}",
    ".",
    "-",
    "+",
    "e",
    "1e-45",
    "99999999",
];

/// A random CSV-like text of a few to a few hundred bytes.
pub fn random_text(r: &mut Rng) -> String {
    let n = [4, 16, 40, 120][r.below(4)];
    let len = r.below(n) + 1;
    let mut text = String::new();
    for _ in 0..len {
        text.push_str(PIECES[r.below(PIECES.len())]);
    }
    text
}

/// A text made of rows with a fixed number of fields (so it often loads), then perturbed.
pub fn random_table(r: &mut Rng) -> String {
    let cols = 1 + r.below(4);
    let rows = 1 + r.below(8);
    let ends = ["\n", "\r\n", "\r"];
    let end = ends[r.below(3)];
    let delim = [",", ";", "\t"][r.below(3)];
    let mut text = String::new();
    for row in 0..rows {
        for c in 0..cols {
            if c > 0 {
                text.push_str(delim);
            }
            let field = match r.below(10) {
                0 if row == 0 => format!("h{c}"),
                1 => format!("\"{}\"", PIECES[r.below(PIECES.len())]),
                2 => PIECES[r.below(PIECES.len())].to_string(),
                3 => String::new(),
                _ => format!("{}", r.below(1000) as f32 / 4.0),
            };
            text.push_str(&field);
        }
        text.push_str(if r.below(8) == 0 { ends[r.below(3)] } else { end });
    }
    if r.below(2) == 0 {
        mutate(&text, r)
    } else {
        text
    }
}

/// `text` with a few random edits (insert a piece, delete or duplicate a span).
pub fn mutate(text: &str, r: &mut Rng) -> String {
    let mut t = text.to_string();
    for _ in 0..1 + r.below(4) {
        let at = floor_boundary(&t, r.below(t.len() + 1));
        match r.below(3) {
            0 => t.insert_str(at, PIECES[r.below(PIECES.len())]),
            1 => {
                let end = floor_boundary(&t, (at + r.below(8)).min(t.len()));
                t.replace_range(at..end.max(at), "");
            }
            _ => {
                let end = floor_boundary(&t, (at + r.below(16)).min(t.len()));
                let span = t[at..end.max(at)].to_string();
                t.insert_str(at, &span);
            }
        }
    }
    t
}

fn floor_boundary(t: &str, mut i: usize) -> usize {
    while !t.is_char_boundary(i) {
        i -= 1;
    }
    i
}
