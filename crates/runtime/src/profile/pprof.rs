//! pprof's file format: `profile.proto` (github.com/google/pprof/proto/profile.proto),
//! gzipped, so that the real `go tool pprof` opens goscope's profiles
//! (`goscope run -cpuprofile cpu.pprof -memprofile mem.pprof prog.go`, the Playground's
//! download link).
//!
//! The encoding is written by hand — a profile uses five message types and two wire types, a
//! few dozen lines — rather than pulling a protobuf library into the runtime:
//! - `string_table` starts with `""` (index 0 means "no string"); every name is an index;
//! - one `Function` per Go function (name, file, first line), one `Location` per (function,
//!   line) — found by binary search, so no map code reaches the site's wasm — with a made-up
//!   address in one `Mapping` that says functions, files and lines are
//!   all present (so pprof never tries to symbolize);
//! - one `Sample` per call-tree node with a value, its `location_id`s innermost first;
//! - CPU: sample types `samples/count`, `cpu/nanoseconds`, period type `cpu/nanoseconds`, the
//!   sampling period (what Go's `runtime/pprof` writes); allocations: `alloc_objects/count`,
//!   `alloc_space/bytes`, period type `space/bytes`, period 1 (every allocation recorded),
//!   default sample type `alloc_space`;
//! - `time_nanos` is the simulated program's start on the Go playground's clock (2009-11-10
//!   23:00:00 UTC, as `time.Now()` reports it) and `duration_nanos` its virtual run time.
//!
//! Gzip: [`gzip`] wraps a raw deflate stream (from any compressor) with the gzip header and
//! the CRC-32 trailer; [`stored`] is the compressor-free deflate (stored blocks) — pprof reads
//! an uncompressed protobuf too, but a `.pb.gz` that is not gzip would surprise people.

use super::tree::CallTree;
use lang::bytecode::Program;

/// The virtual clock's instant 0 in Unix nanoseconds: 2009-11-10 23:00:00 UTC.
pub const EPOCH_UNIX_NANOS: i64 = 1_257_894_000_000_000_000;

/// Which profile to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `[samples/count, cpu/nanoseconds]`, sampled every `period_ns`.
    Cpu { period_ns: u64 },
    /// `[alloc_objects/count, alloc_space/bytes]`, every allocation.
    Alloc,
}

/// A protobuf message being written.
#[derive(Default)]
struct Msg(Vec<u8>);

impl Msg {
    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }

    fn key(&mut self, field: u32, wire: u8) {
        self.varint(u64::from(field) << 3 | u64::from(wire));
    }

    /// An integer field (omitted when 0, as proto3 does).
    fn int(&mut self, field: u32, v: i64) {
        if v != 0 {
            self.key(field, 0);
            self.varint(v as u64);
        }
    }

    fn bytes(&mut self, field: u32, b: &[u8]) {
        self.key(field, 2);
        self.varint(b.len() as u64);
        self.0.extend_from_slice(b);
    }

    /// A packed repeated integer field.
    fn packed(&mut self, field: u32, vs: impl IntoIterator<Item = u64>) {
        let mut inner = Msg::default();
        for v in vs {
            inner.varint(v);
        }
        if !inner.0.is_empty() {
            self.bytes(field, &inner.0);
        }
    }
}

/// The string table: `""` first, each string once (a profile has a few dozen).
#[derive(Default)]
struct Strings {
    list: Vec<String>,
}

impl Strings {
    fn new() -> Strings {
        Strings {
            list: vec![String::new()],
        }
    }

    fn id(&mut self, s: &str) -> i64 {
        if let Some(i) = self.list.iter().position(|x| x == s) {
            return i as i64;
        }
        self.list.push(s.to_owned());
        self.list.len() as i64 - 1
    }
}

fn value_type(strings: &mut Strings, ty: &str, unit: &str) -> Vec<u8> {
    let mut m = Msg::default();
    m.int(1, strings.id(ty));
    m.int(2, strings.id(unit));
    m.0
}

/// Base of the made-up code addresses (one per location).
const TEXT_START: u64 = 0x40_0000;

/// Encodes `tree` as an (uncompressed) `profile.proto` message. `file` names the source
/// file; `duration_ns` is the virtual run time.
pub fn encode(
    tree: &CallTree,
    program: &Program,
    file: &str,
    kind: Kind,
    duration_ns: u64,
) -> Vec<u8> {
    let mut strings = Strings::new();
    let mut out = Msg::default();
    let (types, period_type, period) = match kind {
        Kind::Cpu { period_ns } => (
            [("samples", "count"), ("cpu", "nanoseconds")],
            ("cpu", "nanoseconds"),
            period_ns,
        ),
        Kind::Alloc => (
            [("alloc_objects", "count"), ("alloc_space", "bytes")],
            ("space", "bytes"),
            1,
        ),
    };
    for (ty, unit) in types {
        let vt = value_type(&mut strings, ty, unit);
        out.bytes(1, &vt);
    }
    // Locations: one per distinct (function, line), numbered from 1 in sorted order; the
    // functions they name, numbered from 1 in order of first appearance there.
    let mut keys: Vec<(u32, u32)> = tree
        .nodes()
        .iter()
        .skip(1)
        .map(|n| (n.frame.func.0, n.frame.line))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let location_id = |func: u32, line: u32| {
        keys.binary_search(&(func, line))
            .map_or(0, |i| i as u64 + 1)
    };
    for (i, node) in tree.nodes().iter().enumerate().skip(1) {
        if node.flat == [0, 0] {
            continue;
        }
        let stack = tree.stack(i as u32);
        let ids = stack.iter().map(|f| location_id(f.func.0, f.line));
        let mut sample = Msg::default();
        sample.packed(1, ids);
        sample.packed(2, node.flat.iter().copied());
        out.bytes(2, &sample.0);
    }
    let filename = strings.id(file);
    let mut mapping = Msg::default();
    mapping.int(1, 1);
    mapping.int(2, TEXT_START as i64);
    mapping.int(3, (TEXT_START + 16 * (keys.len() as u64 + 1)) as i64);
    mapping.int(5, strings.id("goscope"));
    for field in [7, 8, 9] {
        mapping.int(field, 1); // has_functions, has_filenames, has_line_numbers
    }
    out.bytes(3, &mapping.0);
    let mut functions: Vec<u32> = Vec::new();
    for (i, &(func, line)) in keys.iter().enumerate() {
        if functions.last() != Some(&func) {
            functions.push(func); // keys are sorted by function
        }
        let mut l = Msg::default();
        l.int(1, functions.len() as i64);
        l.int(2, i64::from(line));
        let mut loc = Msg::default();
        loc.int(1, i as i64 + 1);
        loc.int(2, 1);
        loc.int(3, (TEXT_START + 16 * (i as u64 + 1)) as i64);
        loc.bytes(4, &l.0);
        out.bytes(4, &loc.0);
    }
    for (i, &func) in functions.iter().enumerate() {
        let f = program.function(lang::bytecode::FuncId(func));
        let name = strings.id(&f.name);
        let mut m = Msg::default();
        m.int(1, i as i64 + 1);
        m.int(2, name);
        m.int(3, name);
        m.int(4, filename);
        m.int(5, i64::from(f.decl.line));
        out.bytes(5, &m.0);
    }
    let comment = strings.id("goscope: virtual time, every sample exact and reproducible");
    let period_vt = value_type(&mut strings, period_type.0, period_type.1);
    let default_type = match kind {
        Kind::Cpu { .. } => 0,
        Kind::Alloc => strings.id("alloc_space"),
    };
    for s in &strings.list {
        out.bytes(6, s.as_bytes());
    }
    out.int(9, EPOCH_UNIX_NANOS);
    out.int(10, duration_ns as i64);
    out.bytes(11, &period_vt);
    out.int(12, period as i64);
    out.int(13, comment);
    out.int(14, default_type);
    out.0
}

/// CRC-32 (IEEE 802.3, as gzip uses), bitwise: profiles are small.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// `data` as a raw deflate stream of stored (uncompressed) blocks.
pub fn stored(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + data.len() / 65_535 * 5 + 5);
    let mut chunks = data.chunks(65_535).peekable();
    if chunks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(chunk) = chunks.next() {
        out.push(u8::from(chunks.peek().is_none())); // BFINAL, BTYPE = 00
        let len = chunk.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(chunk);
    }
    out
}

/// A gzip member holding `deflated`, the raw deflate stream of `data`.
pub fn gzip(deflated: &[u8], data: &[u8]) -> Vec<u8> {
    // ID1 ID2 CM=deflate FLG=0 MTIME=0 XFL=0 OS=255 (unknown): the same bytes every time.
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    out.extend_from_slice(deflated);
    out.extend_from_slice(&crc32(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_and_stored_blocks() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926, "the CRC-32 check value");
        assert_eq!(stored(b""), [1, 0, 0, 0xff, 0xff]);
        let s = stored(b"abc");
        assert_eq!(s, [1, 3, 0, 0xfc, 0xff, b'a', b'b', b'c']);
        let big = vec![7u8; 70_000];
        let s = stored(&big);
        assert_eq!(s[0], 0, "first of two blocks is not final");
        assert_eq!(s[5 + 65_535], 1, "second is final");
        let gz = gzip(&stored(b"abc"), b"abc");
        assert_eq!(&gz[..3], &[0x1f, 0x8b, 8]);
        assert_eq!(&gz[gz.len() - 4..], &3u32.to_le_bytes());
    }
}
