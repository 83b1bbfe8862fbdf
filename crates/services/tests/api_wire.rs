//! goscope's protobuf encoder against the real `protoc --encode`: each
//! `tests/api/wire/NAME.json` must encode to exactly the bytes of `NAME.bin`, which protoc
//! produced from `NAME.txtpb` (the same message in text format; `regen.sh` has the command).
//! Map entries are written in key order in the text files: the wire order of a map is
//! unspecified, and goscope sorts by key.

use std::path::Path;

use services::api::json::parse;
use services::api::json_map::message_from_json;
use services::api::wire::{encode, hex};
use services::api::{Contract, KINDS_PROTO};

#[test]
fn encodings_match_protoc() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/api/wire");
    let kinds = Contract::compile(KINDS_PROTO).unwrap();
    let user = Contract::user_service();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txtpb"))
        .collect();
    names.sort();
    assert!(
        names.len() >= 6,
        "reference cases missing in {}",
        dir.display()
    );
    for txtpb in names {
        let header = std::fs::read_to_string(&txtpb).unwrap();
        let ty = header
            .lines()
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .to_string();
        let pool = if ty.starts_with("user.") {
            &user.pool
        } else {
            &kinds.pool
        };
        let desc = pool.get_message_by_name(&ty).unwrap();
        let json = std::fs::read_to_string(txtpb.with_extension("json")).unwrap();
        let want = std::fs::read(txtpb.with_extension("bin")).unwrap();
        let msg = message_from_json(&desc, &parse(&json).unwrap()).unwrap();
        let got = encode(&msg);
        assert_eq!(
            hex(&got.bytes),
            hex(&want),
            "{}: goscope's encoding differs from protoc's\n{}",
            txtpb.display(),
            got.annotated()
        );
        // Every record covers a contiguous range and nested ranges stay inside their parent.
        for r in &got.records {
            assert!(r.start < r.value_start && r.value_start <= r.end && r.end <= got.bytes.len());
        }
    }
}
