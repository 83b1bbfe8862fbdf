//! `goscope run -cpuprofile/-memprofile` write profiles the real `go tool pprof` opens.
//!
//! For each program of `tests/pprof/` (a hot function, an allocation-heavy one, workers on
//! four Ps) the profile is written by the CLI, then:
//! - **decoded here** (always): gunzip, parse `profile.proto` with the small reader below,
//!   rebuild pprof's top table from the samples and check it three ways — its meaning (the
//!   hot function on top with its known share, the exact bytes `build` allocates), the file's
//!   conventions (string table, sample and period types), and the rows of the checked-in
//!   `NAME.KIND.top`, which is what the real `go tool pprof -top` printed;
//! - **opened by the real tool** when `go` is on PATH: `go tool pprof -top` must print the
//!   golden exactly (`UPDATE_EXPECT=1` rewrites the goldens from the real tool). Without `go`
//!   this half is skipped with a notice.

use expect_test::expect_file;
use runtime::profile::report::{TopRow, Unit, top_text};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/pprof")
}

/// Runs `goscope run -cpuprofile -memprofile` on `name.go` from the corpus directory (so
/// the file name inside the profile is `name.go`); returns the two gzipped files.
fn profiles(name: &str) -> (Vec<u8>, Vec<u8>) {
    let dir = std::env::temp_dir().join(format!("goscope-pprof-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (cpu, mem) = (dir.join("cpu.pb.gz"), dir.join("mem.pb.gz"));
    let out = Command::new(env!("CARGO_BIN_EXE_goscope"))
        .current_dir(corpus())
        .args(["run", "-cpuprofile"])
        .arg(&cpu)
        .arg("-memprofile")
        .arg(&mem)
        .arg(format!("{name}.go"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files = (std::fs::read(&cpu).unwrap(), std::fs::read(&mem).unwrap());
    let _ = std::fs::remove_dir_all(&dir);
    files
}

/// A protobuf message's fields in order: (field number, varint value or bytes).
enum Field<'a> {
    Int(u32, u64),
    Bytes(u32, &'a [u8]),
}

fn varint(b: &[u8], at: &mut usize) -> u64 {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let byte = b[*at];
        *at += 1;
        v |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return v;
        }
        shift += 7;
    }
}

fn fields(b: &[u8]) -> Vec<Field<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < b.len() {
        let key = varint(b, &mut at);
        let field = (key >> 3) as u32;
        match key & 7 {
            0 => out.push(Field::Int(field, varint(b, &mut at))),
            2 => {
                let n = varint(b, &mut at) as usize;
                out.push(Field::Bytes(field, &b[at..at + n]));
                at += n;
            }
            w => panic!("unexpected wire type {w}"),
        }
    }
    out
}

fn int(b: &[u8], field: u32) -> u64 {
    fields(b)
        .iter()
        .find_map(|f| match f {
            Field::Int(n, v) if *n == field => Some(*v),
            _ => None,
        })
        .unwrap_or(0)
}

fn packed(b: &[u8]) -> Vec<u64> {
    let mut at = 0;
    let mut out = Vec::new();
    while at < b.len() {
        out.push(varint(b, &mut at));
    }
    out
}

/// What the tests need of a decoded profile.
struct Decoded {
    strings: Vec<String>,
    sample_types: Vec<(String, String)>,
    period_type: (String, String),
    period: u64,
    default_type: String,
    /// Per sample: function names innermost first, and values.
    samples: Vec<(Vec<String>, Vec<u64>)>,
}

fn decode(gz: &[u8]) -> Decoded {
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(gz)
        .read_to_end(&mut raw)
        .expect("gzip");
    let top = fields(&raw);
    let strings: Vec<String> = top
        .iter()
        .filter_map(|f| match f {
            Field::Bytes(6, s) => Some(String::from_utf8(s.to_vec()).unwrap()),
            _ => None,
        })
        .collect();
    let s = |i: u64| strings[i as usize].clone();
    let value_type = |b: &[u8]| (s(int(b, 1)), s(int(b, 2)));
    let mut functions = std::collections::BTreeMap::new();
    let mut locations = std::collections::BTreeMap::new();
    let mut sample_types = Vec::new();
    let mut period_type = (String::new(), String::new());
    for f in &top {
        match f {
            Field::Bytes(1, b) => sample_types.push(value_type(b)),
            Field::Bytes(5, b) => {
                functions.insert(int(b, 1), s(int(b, 2)));
            }
            Field::Bytes(4, b) => {
                let line = fields(b)
                    .iter()
                    .find_map(|f| match f {
                        Field::Bytes(4, l) => Some(int(l, 1)),
                        _ => None,
                    })
                    .expect("a line");
                locations.insert(int(b, 1), line);
            }
            Field::Bytes(11, b) => period_type = value_type(b),
            _ => {}
        }
    }
    let mut samples = Vec::new();
    for f in &top {
        if let Field::Bytes(2, b) = f {
            let (mut locs, mut values) = (Vec::new(), Vec::new());
            for g in fields(b) {
                match g {
                    Field::Bytes(1, p) => locs = packed(p),
                    Field::Bytes(2, p) => values = packed(p),
                    _ => {}
                }
            }
            let names = locs
                .iter()
                .map(|l| functions[&locations[l]].clone())
                .collect();
            samples.push((names, values));
        }
    }
    Decoded {
        period: int(&raw, 12),
        default_type: s(int(&raw, 14)),
        strings,
        sample_types,
        period_type,
        samples,
    }
}

/// pprof's top table from decoded samples, value index `v`; and the total.
fn top(d: &Decoded, v: usize) -> (Vec<TopRow>, u64) {
    let mut flat = std::collections::BTreeMap::<String, u64>::new();
    let mut cum = std::collections::BTreeMap::<String, u64>::new();
    let mut total = 0;
    for (names, values) in &d.samples {
        total += values[v];
        *flat.entry(names[0].clone()).or_default() += values[v];
        let distinct: std::collections::BTreeSet<&String> = names.iter().collect();
        for n in distinct {
            *cum.entry(n.clone()).or_default() += values[v];
        }
    }
    let mut rows: Vec<TopRow> = cum
        .into_iter()
        .map(|(name, cum)| TopRow {
            func: lang::bytecode::FuncId(0),
            flat: flat.get(&name).copied().unwrap_or(0),
            name,
            cum,
        })
        .collect();
    rows.sort_by(|a, b| {
        b.flat
            .cmp(&a.flat)
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| b.cum.cmp(&a.cum))
    });
    (rows, total)
}

/// The golden's table: from its header row to the end.
fn golden_rows(golden: &str) -> &str {
    let at = golden.find("      flat  flat%").expect("a -top table");
    &golden[at..]
}

/// Checks the decoded table against the golden, and the real tool against the golden.
fn check_top(d: &Decoded, v: usize, unit: Unit, gz: &[u8], golden: &str) {
    let path = corpus().join(golden);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let (rows, total) = top(d, v);
    let ours = top_text(&rows, total, unit);
    match Command::new("go").arg("version").output() {
        Ok(o) if o.status.success() => {
            let file =
                std::env::temp_dir().join(format!("goscope-{}-{golden}.pb.gz", std::process::id()));
            std::fs::write(&file, gz).unwrap();
            let out = Command::new("go")
                .args(["tool", "pprof", "-top"])
                .arg(&file)
                .env("TZ", "UTC")
                .output()
                .expect("go tool pprof");
            let _ = std::fs::remove_file(&file);
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let printed = String::from_utf8(out.stdout).unwrap();
            expect_file![path.clone()].assert_eq(&printed);
            assert_eq!(
                ours,
                golden_rows(&printed),
                "our top table vs go tool pprof's"
            );
        }
        _ => {
            eprintln!(
                "notice: `go` is not on PATH: not opening {golden} with go tool pprof (checking the golden only)"
            );
        }
    }
    assert!(
        !text.is_empty(),
        "{} is missing: run with go on PATH and UPDATE_EXPECT=1",
        path.display()
    );
    assert_eq!(
        ours,
        golden_rows(&text),
        "our top table vs the golden of go tool pprof"
    );
}

#[test]
fn a_hot_function_tops_the_cpu_profile_with_its_share() {
    let (cpu, _) = profiles("spin");
    let d = decode(&cpu);
    assert_eq!(d.strings[0], "", "string_table starts with \"\"");
    let types: Vec<String> = d
        .sample_types
        .iter()
        .map(|(t, u)| format!("{t}/{u}"))
        .collect();
    assert_eq!(types, ["samples/count", "cpu/nanoseconds"]);
    assert_eq!(d.period_type, ("cpu".into(), "nanoseconds".into()));
    assert_eq!(d.period, runtime::profile::DEFAULT_PERIOD_NS);
    let (rows, total) = top(&d, 0);
    assert_eq!(rows[0].name, "main.spin");
    // spin runs the same loop as warm, three times as long: three quarters of the samples.
    let share = rows[0].flat as f64 / total as f64;
    assert!((0.74..=0.76).contains(&share), "spin's share {share}");
    assert_eq!(rows[1].name, "main.warm");
    let main = rows.iter().find(|r| r.name == "main.main").unwrap();
    assert_eq!((main.flat, main.cum), (0, total), "main only calls");
    // Every sample weighs one period.
    let (_, ns) = top(&d, 1);
    assert_eq!(ns, total * d.period);
    check_top(&d, 1, Unit::Nanoseconds, &cpu, "spin.cpu.top");
}

#[test]
fn every_allocation_is_in_the_memory_profile() {
    let (_, mem) = profiles("alloc");
    let d = decode(&mem);
    let types: Vec<String> = d
        .sample_types
        .iter()
        .map(|(t, u)| format!("{t}/{u}"))
        .collect();
    assert_eq!(types, ["alloc_objects/count", "alloc_space/bytes"]);
    assert_eq!(
        (d.period_type.0.as_str(), d.period),
        ("space", 1),
        "MemProfileRate = 1"
    );
    assert_eq!(d.default_type, "alloc_space");
    let (rows, _) = top(&d, 1);
    assert_eq!(rows[0].name, "main.build");
    // 20 rounds of 100 `&point{}` (16 bytes) and the append growth 1, 2, 4, ... 128 of an
    // 8-byte pointer: 20 × (1600 + 8 × 255) bytes.
    assert_eq!(rows[0].flat, 20 * (100 * 16 + 8 * 255));
    let (objects, _) = top(&d, 0);
    let build = objects.iter().find(|r| r.name == "main.build").unwrap();
    assert_eq!(
        build.flat,
        20 * (100 + 8),
        "a point each, and 8 backing arrays"
    );
    check_top(&d, 1, Unit::Bytes, &mem, "alloc.mem.top");
}

#[test]
fn goroutines_stacks_start_at_their_function() {
    let (cpu, _) = profiles("workers");
    let d = decode(&cpu);
    let (rows, total) = top(&d, 0);
    assert_eq!(rows[0].name, "main.hash");
    assert!(
        rows[0].flat * 10 > total * 9,
        "hash holds over 90% of {total} samples"
    );
    // A worker's samples are rooted at main.worker, never under main.main.
    for (names, _) in &d.samples {
        if names.contains(&"main.hash".to_string()) {
            assert_eq!(
                names.last().map(String::as_str),
                Some("main.worker"),
                "{names:?}"
            );
        }
    }
    check_top(&d, 1, Unit::Nanoseconds, &cpu, "workers.cpu.top");
}
