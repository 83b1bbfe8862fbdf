//! The small codecs under a share link: raw DEFLATE written with the fixed Huffman code
//! (RFC 1951 §3.2.6) over a greedy LZ77, raw INFLATE of any deflate stream (stored, fixed and
//! dynamic blocks, so a future better encoder changes nothing for old links), and base64url
//! without padding (RFC 4648 §5).
//!
//! Why written here and not taken from `miniz_oxide`: its compressor cost about 15 KB and its
//! inflater about 5 KB of gzipped wasm, which the main page's size budget did not have; these
//! are a few hundred lines, and the tests hold them to the crates (miniz_oxide's compressor
//! at levels 0–9 feeds [`inflate`], its inflater reads [`deflate`]'s output, the base64 crate
//! checks [`base64url`]). The fixed-code encoder on the Gallery's programs
//! writes 1,920 bytes for 2,613 (miniz at level 9: 1,642), 17 % more — for a link, a few
//! characters (the test prints the table).
//! The tests check both encoders against the crates (miniz_oxide, base64) natively.
//!
//! Invariant: the output of [`deflate`] is always a complete, final, valid raw deflate
//! stream, whatever the input (proptest: inflated back byte for byte).

/// Raw deflate (one final fixed-Huffman block) of `data`.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut w = BitWriter::default();
    w.bits(1, 1); // BFINAL
    w.bits(1, 2); // BTYPE = 01: fixed Huffman codes
    // LZ77: `head[h]` is the latest position whose next 3 bytes hash to h, `prev[i]` the
    // one before position i with the same hash; a short chain is searched for each match.
    const CHAIN: usize = 32;
    const WINDOW: usize = 32 * 1024;
    let mut head = vec![usize::MAX; HASH];
    let mut prev = vec![usize::MAX; data.len()];
    let mut i = 0;
    while i < data.len() {
        let (mut best_len, mut best_dist) = (0, 0);
        if i + 2 < data.len() {
            let mut cand = head[hash(data, i)];
            let mut tries = 0;
            while cand != usize::MAX && i - cand <= WINDOW && tries < CHAIN {
                let max = (data.len() - i).min(258);
                let len = (0..max)
                    .take_while(|&k| data[cand + k] == data[i + k])
                    .count();
                if len > best_len {
                    (best_len, best_dist) = (len, i - cand);
                }
                cand = prev[cand];
                tries += 1;
            }
        }
        if best_len >= 3 {
            w.length(best_len);
            w.distance(best_dist);
            for k in i..i + best_len {
                insert(data, k, &mut head, &mut prev);
            }
            i += best_len;
        } else {
            w.literal(data[i].into());
            insert(data, i, &mut head, &mut prev);
            i += 1;
        }
    }
    w.literal(256); // end of block
    w.finish()
}

/// Buckets of the LZ77 hash table.
const HASH: usize = 1 << 12;

/// The hash of the 3 bytes at `i` (`i + 2 < data.len()`).
fn hash(data: &[u8], i: usize) -> usize {
    ((usize::from(data[i]) << 8) ^ (usize::from(data[i + 1]) << 4) ^ usize::from(data[i + 2]))
        % HASH
}

/// Records position `i` in the hash chains.
fn insert(data: &[u8], i: usize, head: &mut [usize], prev: &mut [usize]) {
    if i + 2 < data.len() {
        let h = hash(data, i);
        prev[i] = head[h];
        head[h] = i;
    }
}

const LEN_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LEN_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];

#[derive(Default)]
struct BitWriter {
    out: Vec<u8>,
    acc: u32,
    n: u32,
}

impl BitWriter {
    /// `count` bits of `value`, least significant first (deflate's order for data bits).
    fn bits(&mut self, value: u32, count: u32) {
        self.acc |= value << self.n;
        self.n += count;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    /// A Huffman code, which deflate stores most significant bit first.
    fn code(&mut self, code: u32, len: u32) {
        self.bits(code.reverse_bits() >> (32 - len), len);
    }

    /// A literal/length symbol in the fixed code (§3.2.6).
    fn literal(&mut self, sym: u32) {
        match sym {
            0..=143 => self.code(0x30 + sym, 8),
            144..=255 => self.code(0x190 + sym - 144, 9),
            256..=279 => self.code(sym - 256, 7),
            _ => self.code(0xc0 + sym - 280, 8),
        }
    }

    fn length(&mut self, len: usize) {
        let i = LEN_BASE
            .iter()
            .rposition(|&b| usize::from(b) <= len)
            .unwrap_or(0);
        self.literal(257 + i as u32);
        self.bits((len - usize::from(LEN_BASE[i])) as u32, LEN_EXTRA[i].into());
    }

    fn distance(&mut self, dist: usize) {
        let i = DIST_BASE
            .iter()
            .rposition(|&b| usize::from(b) <= dist)
            .unwrap_or(0);
        self.code(i as u32, 5);
        self.bits(
            (dist - usize::from(DIST_BASE[i])) as u32,
            DIST_EXTRA[i].into(),
        );
    }

    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding.
pub fn base64url(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for k in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * k) & 63) as usize].into());
        }
    }
    out
}

/// Reads base64url without padding; `None` for any other character or an impossible length.
pub fn from_base64url(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| ALPHABET.iter().position(|&a| a == c).map(|v| v as u32);
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.as_bytes().chunks(4) {
        if chunk.len() == 1 {
            return None;
        }
        let mut n = 0;
        for (k, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * k);
        }
        for k in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * k)) as u8);
        }
    }
    Some(out)
}

/// Why [`inflate`] gave up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InflateError {
    /// The output would pass the limit.
    TooLarge,
    /// Not a valid raw deflate stream (cut, edited, or not deflate at all).
    Invalid,
}

/// Raw inflate of any valid deflate stream (stored, fixed and dynamic blocks; RFC 1951 §3.2),
/// stopping with [`InflateError::TooLarge`] past `limit` bytes. Bits are read in the order
/// of zlib's `puff.c`: a canonical Huffman code is decoded one bit at a time from counts per
/// length, which is slow but tiny, and links are short.
pub fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    let mut r = BitReader { data, pos: 0 };
    let mut out = Vec::new();
    loop {
        let last = r.bits(1)?;
        match r.bits(2)? {
            0 => r.stored(&mut out, limit)?,
            1 => {
                let mut lengths = [8u8; 288];
                lengths[144..256].fill(9);
                lengths[256..280].fill(7);
                let lit = Huffman::new(&lengths)?;
                let dist = Huffman::new(&[5; 30])?;
                r.codes(&mut out, &lit, &dist, limit)?;
            }
            2 => {
                let (lit, dist) = r.dynamic_tables()?;
                r.codes(&mut out, &lit, &dist, limit)?;
            }
            _ => return Err(InflateError::Invalid),
        }
        if last == 1 {
            return Ok(out);
        }
    }
}

/// A canonical Huffman code: how many codes of each length, and the symbols in code order.
struct Huffman {
    count: [u16; 16],
    symbol: Vec<u16>,
}

impl Huffman {
    /// From each symbol's code length (0: unused); an over-subscribed set is invalid.
    fn new(lengths: &[u8]) -> Result<Huffman, InflateError> {
        let mut count = [0u16; 16];
        for &l in lengths {
            count[usize::from(l)] += 1;
        }
        let mut left: i32 = 1;
        for &c in &count[1..] {
            left = left * 2 - i32::from(c);
            if left < 0 {
                return Err(InflateError::Invalid);
            }
        }
        let mut offs = [0u16; 16];
        for len in 1..15 {
            offs[len + 1] = offs[len] + count[len];
        }
        let mut symbol = vec![0u16; lengths.len()];
        for (sym, &l) in lengths.iter().enumerate() {
            if l != 0 {
                symbol[usize::from(offs[usize::from(l)])] = sym as u16;
                offs[usize::from(l)] += 1;
            }
        }
        count[0] = 0;
        Ok(Huffman { count, symbol })
    }
}

struct BitReader<'a> {
    data: &'a [u8],
    /// In bits.
    pos: usize,
}

impl BitReader<'_> {
    fn bits(&mut self, n: u32) -> Result<u32, InflateError> {
        let mut v = 0;
        for k in 0..n {
            let byte = *self.data.get(self.pos / 8).ok_or(InflateError::Invalid)?;
            v |= u32::from(byte >> (self.pos % 8) & 1) << k;
            self.pos += 1;
        }
        Ok(v)
    }

    fn decode(&mut self, h: &Huffman) -> Result<u16, InflateError> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for len in 1..16 {
            code |= self.bits(1)? as i32;
            let count = i32::from(h.count[len]);
            if code - first < count {
                return h
                    .symbol
                    .get((index + code - first) as usize)
                    .copied()
                    .ok_or(InflateError::Invalid);
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        Err(InflateError::Invalid)
    }

    fn stored(&mut self, out: &mut Vec<u8>, limit: usize) -> Result<(), InflateError> {
        self.pos = self.pos.div_ceil(8) * 8;
        let len = self.bits(16)?;
        if self.bits(16)? != !len & 0xffff {
            return Err(InflateError::Invalid);
        }
        let start = self.pos / 8;
        let block = self
            .data
            .get(start..start + len as usize)
            .ok_or(InflateError::Invalid)?;
        if out.len() + block.len() > limit {
            return Err(InflateError::TooLarge);
        }
        out.extend_from_slice(block);
        self.pos += 8 * len as usize;
        Ok(())
    }

    fn dynamic_tables(&mut self) -> Result<(Huffman, Huffman), InflateError> {
        const ORDER: [usize; 19] = [
            16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
        ];
        let nlen = self.bits(5)? as usize + 257;
        let ndist = self.bits(5)? as usize + 1;
        let ncode = self.bits(4)? as usize + 4;
        if nlen > 286 || ndist > 30 {
            return Err(InflateError::Invalid);
        }
        let mut lengths = [0u8; 19];
        for &i in &ORDER[..ncode] {
            lengths[i] = self.bits(3)? as u8;
        }
        let code = Huffman::new(&lengths)?;
        let mut lengths = vec![0u8; nlen + ndist];
        let mut i = 0;
        while i < nlen + ndist {
            let (value, repeat) = match self.decode(&code)? {
                sym @ 0..=15 => (sym as u8, 1),
                16 if i > 0 => (lengths[i - 1], 3 + self.bits(2)?),
                17 => (0, 3 + self.bits(3)?),
                18 => (0, 11 + self.bits(7)?),
                _ => return Err(InflateError::Invalid),
            };
            for _ in 0..repeat {
                *lengths.get_mut(i).ok_or(InflateError::Invalid)? = value;
                i += 1;
            }
        }
        if lengths[256] == 0 {
            return Err(InflateError::Invalid);
        }
        Ok((
            Huffman::new(&lengths[..nlen])?,
            Huffman::new(&lengths[nlen..])?,
        ))
    }

    fn codes(
        &mut self,
        out: &mut Vec<u8>,
        lit: &Huffman,
        dist: &Huffman,
        limit: usize,
    ) -> Result<(), InflateError> {
        loop {
            let sym = usize::from(self.decode(lit)?);
            if sym < 256 {
                out.push(sym as u8);
            } else if sym == 256 {
                return Ok(());
            } else {
                let i = sym - 257;
                let (&base, &extra) = LEN_BASE
                    .get(i)
                    .zip(LEN_EXTRA.get(i))
                    .ok_or(InflateError::Invalid)?;
                let len = usize::from(base) + self.bits(extra.into())? as usize;
                let d = usize::from(self.decode(dist)?);
                let (&base, &extra) = DIST_BASE
                    .get(d)
                    .zip(DIST_EXTRA.get(d))
                    .ok_or(InflateError::Invalid)?;
                let back = usize::from(base) + self.bits(extra.into())? as usize;
                if back > out.len() {
                    return Err(InflateError::Invalid);
                }
                for _ in 0..len {
                    out.push(out[out.len() - back]);
                }
            }
            if out.len() > limit {
                return Err(InflateError::TooLarge);
            }
        }
    }
}
