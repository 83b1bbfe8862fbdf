use super::*;
use crate::api::json::parse;
use crate::api::kinds;

fn all() -> MessageDescriptor {
    kinds().pool.get_message_by_name("kinds.v1.All").unwrap()
}

fn round(text: &str) -> String {
    match parse(text) {
        Err(e) => format!("json {e}"),
        Ok(j) => match message_from_json(&all(), &j) {
            Ok(m) => message_to_json(&m).to_compact(),
            Err(e) => format!("error {e}"),
        },
    }
}

#[test]
fn every_kind_round_trips_in_protojson_form() {
    let text = r#"{
        "f64": 1.5, "f32": "Infinity", "i32": -7, "i64": "9007199254740993", "u32": 4000000000,
        "u64": 18446744073709551615, "s32": "-2", "s64": -3, "x32": 5, "x64": "6", "sx32": -8,
        "sx64": "-9", "flag": true, "text": "héllo", "data": "AAEC", "color": "GREEN",
        "nested": {"name": "n", "n": 0}, "packed": [1, 2, 300], "names": ["a", "b"],
        "items": [{"name": "x"}, {}], "counts": {"b": 2, "a": 1}, "word": "w",
        "at": "2026-11-27T12:30:00.250+01:00", "took": "-1.5s", "mask": "user.displayName,age",
        "maybe": 0, "opt": 0
    }"#;
    expect_test::expect![[r#"{"f64":1.5,"f32":"Infinity","i32":-7,"i64":"9007199254740993","u32":4000000000,"u64":"18446744073709551615","s32":-2,"s64":"-3","x32":5,"x64":"6","sx32":-8,"sx64":"-9","flag":true,"text":"héllo","data":"AAEC","color":"GREEN","nested":{"name":"n"},"packed":[1,2,300],"names":["a","b"],"items":[{"name":"x"},{}],"counts":{"a":1,"b":2},"word":"w","at":"2026-11-27T11:30:00.250Z","took":"-1.500s","mask":"user.displayName,age","maybe":0,"opt":0}"#]]
    .assert_eq(&round(text));
}

#[test]
fn proto_names_numbers_for_enums_and_null_are_accepted() {
    assert_eq!(
        round(r#"{"color": 2, "text": null, "packed": []}"#),
        r#"{"color":"GREEN"}"#
    );
    assert_eq!(round(r#"{"color": -1}"#), r#"{"color":"NEGATIVE"}"#);
}

#[test]
fn bad_values_name_the_field() {
    let cases = [
        r#"{"i32": 3000000000}"#,
        r#"{"i32": 1.5}"#,
        r#"{"u32": -1}"#,
        r#"{"flag": "yes"}"#,
        r#"{"text": 5}"#,
        r#"{"color": "BLUE"}"#,
        r#"{"nested": {"nme": "x"}}"#,
        r#"{"items": [{}, {"n": "x"}]}"#,
        r#"{"counts": {"a": "b"}}"#,
        r#"{"word": "w", "number": "1"}"#,
        r#"{"data": "%%%"}"#,
        r#"{"at": "yesterday"}"#,
        r#"{"packed": 1}"#,
        r#"[1]"#,
        r#"{"i32": 1,}"#,
    ];
    let out: Vec<String> = cases
        .iter()
        .map(|c| format!("{c} -> {}", round(c)))
        .collect();
    expect_test::expect![[r#"
        {"i32": 3000000000} -> error i32: 3000000000 is out of range for int32
        {"i32": 1.5} -> error i32: "1.5" is not a valid int32
        {"u32": -1} -> error u32: -1 is out of range for uint32
        {"flag": "yes"} -> error flag: expected a boolean, got a string
        {"text": 5} -> error text: expected a string, got a number
        {"color": "BLUE"} -> error color: unknown value "BLUE" for enum kinds.v1.Color
        {"nested": {"nme": "x"}} -> error nested: unknown field "nme" in kinds.v1.Nested
        {"items": [{}, {"n": "x"}]} -> error items[1].n: "x" is not a valid int32
        {"counts": {"a": "b"}} -> error counts[a]: "b" is not a valid int32
        {"word": "w", "number": "1"} -> error number: oneof choice already set by field "word"
        {"data": "%%%"} -> error data: "%%%" is not base64
        {"at": "yesterday"} -> error at: expected an RFC 3339 timestamp like "2026-01-02T15:04:05Z"
        {"packed": 1} -> error packed: expected an array, got a number
        [1] -> error expected an object for kinds.v1.All, got an array
        {"i32": 1,} -> json 1:11: expected a string key"#]]
    .assert_eq(&out.join("\n"));
}

#[test]
fn timestamps_convert_both_ways() {
    assert_eq!(rfc3339(0, 0), "1970-01-01T00:00:00Z");
    assert_eq!(rfc3339(951_782_400, 5_000), "2000-02-29T00:00:00.000005Z");
    assert_eq!(rfc3339(-1, 0), "1969-12-31T23:59:59Z");
    for s in [0i64, 951_782_400, 1_795_000_000, -86_401] {
        assert_eq!(parse_rfc3339(&rfc3339(s, 0)), Some((s, 0)));
    }
}

#[test]
fn skeletons_parse_back() {
    let c = crate::api::Contract::user_service();
    let d = c
        .pool
        .get_message_by_name("user.v1.CreateUserRequest")
        .unwrap();
    let sk = skeleton(&d);
    assert_eq!(
        sk.to_compact(),
        r#"{"user":{"id":"","name":"","email":"","age":0,"role":"ROLE_UNSPECIFIED","tags":[]}}"#
    );
    assert!(message_from_json(&d, &sk).is_ok());
    let all = all();
    assert!(message_from_json(&all, &skeleton(&all)).is_ok());
}

#[test]
fn forms_edit_the_json() {
    let c = crate::api::Contract::user_service();
    let d = c
        .pool
        .get_message_by_name("user.v1.UpdateUserRequest")
        .unwrap();
    let fields: Vec<String> = form_fields(&d)
        .iter()
        .map(|f| format!("{} {:?}", f.path, f.kind))
        .collect();
    expect_test::expect![[r#"
        user.id Text
        user.name Text
        user.email Text
        user.age Integer
        user.role Enum(["ROLE_UNSPECIFIED", "ROLE_MEMBER", "ROLE_ADMIN"])"#]]
    .assert_eq(&fields.join("\n"));
    let t = set_in_json("", "user.age", form_value(&FormKind::Integer, "36")).unwrap();
    let t = set_in_json(&t, "user.name", form_value(&FormKind::Text, "Ada")).unwrap();
    let t = set_in_json(&t, "user.age", form_value(&FormKind::Integer, "x")).unwrap();
    assert_eq!(
        parse(&t).unwrap().to_compact(),
        r#"{"user":{"age":"x","name":"Ada"}}"#
    );
    assert_eq!(get_in_json(&t, "user.name"), Some(Json::str("Ada")));
    assert!(set_in_json("{oops", "a", Json::Null).is_err());
    // Every form of the test contract's messages names fields that exist.
    let all = all();
    for f in form_fields(&all) {
        assert!(
            all.get_field_by_json_name(f.path.split('.').next().unwrap())
                .is_some()
        );
    }
}
