//! The proto3 JSON mapping (protobuf.dev/programming-guides/json), both ways, for dynamic
//! messages of any type in the contract.
//!
//! Parsing accepts what Go's `protojson.Unmarshal` accepts: a field by its JSON name
//! (`pageSize`) or its proto name (`page_size`); 64-bit integers as strings or numbers, and
//! any integer as a string; enums by name or number; bytes in standard or URL-safe base64;
//! `"NaN"`, `"Infinity"`, `"-Infinity"`; `null` for "not set". It refuses unknown fields,
//! two members of one oneof, and numbers out of range, naming the field path
//! (`user.age: 3000000000 is out of range for int32`). Printing is `protojson.Marshal`'s:
//! JSON names, default values omitted, 64-bit integers as strings, enums by name, map
//! entries sorted by key (prost-reflect keeps them in a `HashMap`, whose order must not leak).
//!
//! Well-known types with a special JSON form: `Timestamp` (RFC 3339), `Duration` (`"1.5s"`),
//! `FieldMask` (`"a,b.c"`) and the wrappers (`Int32Value` ↦ a bare number). `Empty` is an
//! ordinary message (`{}`). `Any`, `Struct`, `Value` and `ListValue` are refused with a clear
//! message rather than half supported.

use std::fmt;

use base64::Engine as _;
use prost_reflect::{
    DynamicMessage, FieldDescriptor, Kind, MapKey, MessageDescriptor, ReflectMessage, Value,
};

use super::json::{self, Json};

/// A JSON value that does not fit the message: where (field path) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for MapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

fn err<T>(path: &str, message: impl Into<String>) -> Result<T, MapError> {
    Err(MapError {
        path: path.to_string(),
        message: message.into(),
    })
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

/// A message of type `desc` from JSON.
pub fn message_from_json(
    desc: &MessageDescriptor,
    json: &Json,
) -> Result<DynamicMessage, MapError> {
    let mut msg = DynamicMessage::new(desc.clone());
    merge_json(&mut msg, json, "")?;
    Ok(msg)
}

/// Sets the fields named in a JSON object on `msg` (fields not named are left alone).
pub fn merge_json(msg: &mut DynamicMessage, json: &Json, path: &str) -> Result<(), MapError> {
    let desc = msg.descriptor();
    if let Some(special) = well_known_from_json(&desc, json, path)? {
        *msg = special;
        return Ok(());
    }
    let Json::Object(members) = json else {
        return err(
            path,
            format!(
                "expected an object for {}, got {}",
                desc.full_name(),
                json.kind()
            ),
        );
    };
    let mut oneofs_seen: Vec<(String, String)> = Vec::new();
    for (key, value) in members {
        let Some(field) = desc
            .get_field_by_json_name(key)
            .or_else(|| desc.get_field_by_name(key))
        else {
            return err(
                path,
                format!("unknown field \"{key}\" in {}", desc.full_name()),
            );
        };
        let fpath = join(path, field.name());
        if matches!(value, Json::Null) {
            msg.clear_field(&field);
            continue;
        }
        if let Some(oneof) = field.containing_oneof()
            && !oneof.is_synthetic()
        {
            if let Some((_, other)) = oneofs_seen.iter().find(|(o, _)| o == oneof.name()) {
                return err(
                    &fpath,
                    format!("oneof {} already set by field \"{other}\"", oneof.name()),
                );
            }
            oneofs_seen.push((oneof.name().to_string(), field.name().to_string()));
        }
        let v = field_from_json(&field, value, &fpath)?;
        msg.set_field(&field, v);
    }
    Ok(())
}

fn field_from_json(field: &FieldDescriptor, json: &Json, path: &str) -> Result<Value, MapError> {
    if field.is_map() {
        let Json::Object(members) = json else {
            return err(
                path,
                format!("expected an object for a map, got {}", json.kind()),
            );
        };
        let Kind::Message(entry) = field.kind() else {
            return err(path, "malformed map field");
        };
        let key_field = entry.map_entry_key_field();
        let value_field = entry.map_entry_value_field();
        let mut map = std::collections::BTreeMap::new();
        for (k, v) in members {
            let key = map_key_from_text(&key_field.kind(), k, path)?;
            let value = single_from_json(&value_field.kind(), v, &format!("{path}[{k}]"))?;
            map.insert(key.clone(), (key, value));
        }
        return Ok(Value::Map(map.into_values().collect()));
    }
    if field.is_list() {
        let Json::Array(items) = json else {
            return err(path, format!("expected an array, got {}", json.kind()));
        };
        let mut list = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            list.push(single_from_json(
                &field.kind(),
                item,
                &format!("{path}[{i}]"),
            )?);
        }
        return Ok(Value::List(list));
    }
    single_from_json(&field.kind(), json, path)
}

/// One (non-repeated) value of kind `kind` from JSON.
pub fn single_from_json(kind: &Kind, json: &Json, path: &str) -> Result<Value, MapError> {
    let text = match json {
        Json::String(s) => Some(s.as_str()),
        Json::Number(n) => Some(n.as_str()),
        _ => None,
    };
    match kind {
        Kind::Message(m) => {
            let mut msg = DynamicMessage::new(m.clone());
            merge_json(&mut msg, json, path)?;
            Ok(Value::Message(msg))
        }
        Kind::Bool => match json {
            Json::Bool(b) => Ok(Value::Bool(*b)),
            other => err(path, format!("expected a boolean, got {}", other.kind())),
        },
        Kind::String => match json {
            Json::String(s) => Ok(Value::String(s.clone())),
            other => err(path, format!("expected a string, got {}", other.kind())),
        },
        Kind::Bytes => match json {
            Json::String(s) => decode_base64(s)
                .map(|b| Value::Bytes(b.into()))
                .ok_or_else(|| MapError {
                    path: path.to_string(),
                    message: format!("\"{s}\" is not base64"),
                }),
            other => err(
                path,
                format!("expected a base64 string, got {}", other.kind()),
            ),
        },
        Kind::Enum(e) => match json {
            Json::String(name) => match e.get_value_by_name(name) {
                Some(v) => Ok(Value::EnumNumber(v.number())),
                None => err(
                    path,
                    format!("unknown value \"{name}\" for enum {}", e.full_name()),
                ),
            },
            Json::Number(n) => n
                .parse::<i32>()
                .map(Value::EnumNumber)
                .or_else(|_| err(path, format!("{n} is not an enum number"))),
            other => err(path, format!("expected an enum name, got {}", other.kind())),
        },
        _ => match text {
            Some(t) => scalar_from_text(kind, t, path),
            None => err(path, format!("expected a number, got {}", json.kind())),
        },
    }
}

/// A scalar from text, as path variables and query parameters carry it.
pub fn scalar_from_text(kind: &Kind, text: &str, path: &str) -> Result<Value, MapError> {
    let int = |lo: i128, hi: i128, name: &str| -> Result<i128, MapError> {
        let v = parse_integer(text).ok_or_else(|| MapError {
            path: path.to_string(),
            message: format!("\"{text}\" is not a valid {name}"),
        })?;
        if v < lo || v > hi {
            return err(path, format!("{text} is out of range for {name}"));
        }
        Ok(v)
    };
    Ok(match kind {
        Kind::Int32 | Kind::Sint32 | Kind::Sfixed32 => {
            Value::I32(int(i32::MIN.into(), i32::MAX.into(), kind_name(kind))? as i32)
        }
        Kind::Int64 | Kind::Sint64 | Kind::Sfixed64 => {
            Value::I64(int(i64::MIN.into(), i64::MAX.into(), kind_name(kind))? as i64)
        }
        Kind::Uint32 | Kind::Fixed32 => {
            Value::U32(int(0, u32::MAX.into(), kind_name(kind))? as u32)
        }
        Kind::Uint64 | Kind::Fixed64 => {
            Value::U64(int(0, u64::MAX.into(), kind_name(kind))? as u64)
        }
        Kind::Double | Kind::Float => {
            let v = match text {
                "NaN" => f64::NAN,
                "Infinity" => f64::INFINITY,
                "-Infinity" => f64::NEG_INFINITY,
                t => t.parse::<f64>().or_else(|_| {
                    err(path, format!("\"{t}\" is not a valid {}", kind_name(kind)))
                })?,
            };
            if *kind == Kind::Float {
                if v.is_finite() && v.abs() > f64::from(f32::MAX) {
                    return err(path, format!("{text} is out of range for float"));
                }
                Value::F32(v as f32)
            } else {
                Value::F64(v)
            }
        }
        Kind::Bool => match text {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            t => return err(path, format!("\"{t}\" is not a valid bool")),
        },
        Kind::String => Value::String(text.to_string()),
        Kind::Bytes => match decode_base64(text) {
            Some(b) => Value::Bytes(b.into()),
            None => return err(path, format!("\"{text}\" is not base64")),
        },
        Kind::Enum(e) => match e.get_value_by_name(text) {
            Some(v) => Value::EnumNumber(v.number()),
            None => match text.parse::<i32>() {
                Ok(n) => Value::EnumNumber(n),
                Err(_) => {
                    return err(
                        path,
                        format!("unknown value \"{text}\" for enum {}", e.full_name()),
                    );
                }
            },
        },
        Kind::Message(m) => {
            return err(path, format!("{} cannot be given as text", m.full_name()));
        }
    })
}

fn map_key_from_text(kind: &Kind, text: &str, path: &str) -> Result<MapKey, MapError> {
    Ok(match scalar_from_text(kind, text, path)? {
        Value::Bool(b) => MapKey::Bool(b),
        Value::I32(v) => MapKey::I32(v),
        Value::I64(v) => MapKey::I64(v),
        Value::U32(v) => MapKey::U32(v),
        Value::U64(v) => MapKey::U64(v),
        Value::String(s) => MapKey::String(s),
        _ => return err(path, "invalid map key type"),
    })
}

/// An integer lexeme (`42`, `-7`, `1e3`, `"42"`'s content); `None` if not an integer.
fn parse_integer(text: &str) -> Option<i128> {
    if let Ok(v) = text.parse::<i128>() {
        return Some(v);
    }
    let f: f64 = text.parse().ok()?;
    (f.fract() == 0.0 && f.abs() < 1.8e19).then_some(f as i128)
}

fn decode_base64(s: &str) -> Option<Vec<u8>> {
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
    [STANDARD, URL_SAFE, STANDARD_NO_PAD, URL_SAFE_NO_PAD]
        .iter()
        .find_map(|e| e.decode(s).ok())
}

/// The proto name of a scalar kind (`int32`).
pub fn kind_name(kind: &Kind) -> &'static str {
    match kind {
        Kind::Double => "double",
        Kind::Float => "float",
        Kind::Int32 => "int32",
        Kind::Int64 => "int64",
        Kind::Uint32 => "uint32",
        Kind::Uint64 => "uint64",
        Kind::Sint32 => "sint32",
        Kind::Sint64 => "sint64",
        Kind::Fixed32 => "fixed32",
        Kind::Fixed64 => "fixed64",
        Kind::Sfixed32 => "sfixed32",
        Kind::Sfixed64 => "sfixed64",
        Kind::Bool => "bool",
        Kind::String => "string",
        Kind::Bytes => "bytes",
        Kind::Message(_) => "message",
        Kind::Enum(_) => "enum",
    }
}

/// A message as proto3 JSON.
pub fn message_to_json(msg: &DynamicMessage) -> Json {
    if let Some(j) = well_known_to_json(msg) {
        return j;
    }
    let mut members = Vec::new();
    for (field, value) in msg.fields() {
        let explicit = field.supports_presence();
        if !explicit && value.is_default_for_field(&field) {
            continue;
        }
        members.push((field.json_name().to_string(), field_to_json(&field, value)));
    }
    Json::Object(members)
}

fn field_to_json(field: &FieldDescriptor, value: &Value) -> Json {
    match value {
        Value::List(items) => Json::Array(
            items
                .iter()
                .map(|v| single_to_json(&field.kind(), v))
                .collect(),
        ),
        Value::Map(map) => {
            let vkind = match field.kind() {
                Kind::Message(entry) => entry.map_entry_value_field().kind(),
                k => k,
            };
            let mut entries: Vec<(&MapKey, &Value)> = map.iter().collect();
            // Sorted by key: the map's own order is a hash map's.
            entries.sort_by(|a, b| a.0.cmp(b.0));
            Json::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (map_key_text(k), single_to_json(&vkind, v)))
                    .collect(),
            )
        }
        v => single_to_json(&field.kind(), v),
    }
}

/// The text of a map key (JSON object keys are strings).
pub fn map_key_text(k: &MapKey) -> String {
    match k {
        MapKey::Bool(b) => b.to_string(),
        MapKey::I32(v) => v.to_string(),
        MapKey::I64(v) => v.to_string(),
        MapKey::U32(v) => v.to_string(),
        MapKey::U64(v) => v.to_string(),
        MapKey::String(s) => s.clone(),
    }
}

fn float_json(v: f64, text: String) -> Json {
    if v.is_nan() {
        Json::str("NaN")
    } else if v.is_infinite() {
        Json::str(if v > 0.0 { "Infinity" } else { "-Infinity" })
    } else {
        Json::Number(text)
    }
}

/// One value as JSON.
pub fn single_to_json(kind: &Kind, value: &Value) -> Json {
    match value {
        Value::Bool(b) => Json::Bool(*b),
        Value::I32(v) => Json::num(v),
        Value::U32(v) => Json::num(v),
        Value::I64(v) => Json::str(v.to_string()),
        Value::U64(v) => Json::str(v.to_string()),
        Value::F32(v) => float_json(f64::from(*v), v.to_string()),
        Value::F64(v) => float_json(*v, v.to_string()),
        Value::String(s) => Json::str(s.clone()),
        Value::Bytes(b) => Json::str(base64::engine::general_purpose::STANDARD.encode(b)),
        Value::EnumNumber(n) => match kind {
            Kind::Enum(e) => match e.get_value(*n) {
                Some(v) => Json::str(v.name()),
                None => Json::num(n),
            },
            _ => Json::num(n),
        },
        Value::Message(m) => message_to_json(m),
        Value::List(items) => Json::Array(items.iter().map(|v| single_to_json(kind, v)).collect()),
        Value::Map(_) => Json::Null,
    }
}

const SECONDS_PER_DAY: i64 = 86_400;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// RFC 3339 text of a Unix time, as protojson prints a Timestamp (`Z`, 0/3/6/9 fraction digits).
pub fn rfc3339(seconds: i64, nanos: i32) -> String {
    let days = seconds.div_euclid(SECONDS_PER_DAY);
    let secs = seconds.rem_euclid(SECONDS_PER_DAY);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}{}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60,
        fraction(nanos)
    )
}

fn fraction(nanos: i32) -> String {
    if nanos == 0 {
        String::new()
    } else if nanos % 1_000_000 == 0 {
        format!(".{:03}", nanos / 1_000_000)
    } else if nanos % 1_000 == 0 {
        format!(".{:06}", nanos / 1_000)
    } else {
        format!(".{nanos:09}")
    }
}

fn parse_rfc3339(s: &str) -> Option<(i64, i32)> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't') {
        return None;
    }
    let (y, mo, d, h, mi, se) = (
        num(0..4)?,
        num(5..7)?,
        num(8..10)?,
        num(11..13)?,
        num(14..16)?,
        num(17..19)?,
    );
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 59 {
        return None;
    }
    let mut i = 19;
    let mut nanos = 0i64;
    if b.get(i) == Some(&b'.') {
        let start = i + 1;
        i = start;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let digits = s.get(start..i)?;
        if digits.is_empty() || digits.len() > 9 {
            return None;
        }
        nanos = digits.parse::<i64>().ok()? * 10i64.pow(9 - digits.len() as u32);
    }
    let offset = match s.get(i..)? {
        "Z" | "z" => 0,
        tz if tz.len() == 6
            && matches!(tz.as_bytes()[0], b'+' | b'-')
            && tz.as_bytes()[3] == b':' =>
        {
            let mins = num(i + 1..i + 3)? * 60 + num(i + 4..i + 6)?;
            if tz.starts_with('-') { -mins } else { mins }
        }
        _ => return None,
    };
    let secs = days_from_civil(y, mo, d) * SECONDS_PER_DAY + h * 3600 + mi * 60 + se - offset * 60;
    Some((secs, nanos as i32))
}

fn wkt_fields(msg: &DynamicMessage) -> (i64, i32) {
    let s = msg
        .get_field_by_name("seconds")
        .and_then(|v| v.as_i64())
        .unwrap_or(0);
    let n = msg
        .get_field_by_name("nanos")
        .and_then(|v| v.as_i32())
        .unwrap_or(0);
    (s, n)
}

/// Well-known types written as one JSON string or number (so a query parameter can carry one).
pub fn is_scalar_like(name: &str) -> bool {
    is_wrapper(name)
        || matches!(
            name,
            "google.protobuf.Timestamp" | "google.protobuf.Duration" | "google.protobuf.FieldMask"
        )
}

fn is_wrapper(name: &str) -> bool {
    matches!(
        name,
        "google.protobuf.DoubleValue"
            | "google.protobuf.FloatValue"
            | "google.protobuf.Int64Value"
            | "google.protobuf.UInt64Value"
            | "google.protobuf.Int32Value"
            | "google.protobuf.UInt32Value"
            | "google.protobuf.BoolValue"
            | "google.protobuf.StringValue"
            | "google.protobuf.BytesValue"
    )
}

fn well_known_to_json(msg: &DynamicMessage) -> Option<Json> {
    let desc = msg.descriptor();
    let name = desc.full_name();
    Some(match name {
        "google.protobuf.Timestamp" => {
            let (s, n) = wkt_fields(msg);
            Json::str(rfc3339(s, n))
        }
        "google.protobuf.Duration" => {
            let (s, n) = wkt_fields(msg);
            let sign = if s < 0 || n < 0 { "-" } else { "" };
            Json::str(format!("{sign}{}{}s", s.unsigned_abs(), fraction(n.abs())))
        }
        "google.protobuf.FieldMask" => {
            let paths = msg
                .get_field_by_name("paths")
                .and_then(|v| {
                    v.as_list().map(|l| {
                        l.iter()
                            .filter_map(|p| p.as_str().map(lower_camel))
                            .collect::<Vec<_>>()
                    })
                })
                .unwrap_or_default();
            Json::str(paths.join(","))
        }
        n if is_wrapper(n) => {
            let field = desc.get_field_by_name("value")?;
            single_to_json(&field.kind(), &msg.get_field(&field))
        }
        _ => return None,
    })
}

fn lower_camel(s: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for c in s.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn snake(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn well_known_from_json(
    desc: &MessageDescriptor,
    json: &Json,
    path: &str,
) -> Result<Option<DynamicMessage>, MapError> {
    let name = desc.full_name();
    let mut msg = DynamicMessage::new(desc.clone());
    let text = match json {
        Json::String(s) => Some(s.as_str()),
        _ => None,
    };
    match name {
        "google.protobuf.Timestamp" => {
            let Some((s, n)) = text.and_then(parse_rfc3339) else {
                return err(
                    path,
                    "expected an RFC 3339 timestamp like \"2026-01-02T15:04:05Z\"",
                );
            };
            msg.set_field_by_name("seconds", Value::I64(s));
            msg.set_field_by_name("nanos", Value::I32(n));
        }
        "google.protobuf.Duration" => {
            let parsed = text.and_then(|t| {
                let body = t.strip_suffix('s')?;
                let (neg, body) = body.strip_prefix('-').map_or((false, body), |b| (true, b));
                let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
                let s: i64 = whole.parse().ok()?;
                if frac.len() > 9 || !frac.chars().all(|c| c.is_ascii_digit()) {
                    return None;
                }
                let n: i64 = if frac.is_empty() {
                    0
                } else {
                    frac.parse::<i64>().ok()? * 10i64.pow(9 - frac.len() as u32)
                };
                Some(if neg {
                    (-s, -(n as i32))
                } else {
                    (s, n as i32)
                })
            });
            let Some((s, n)) = parsed else {
                return err(path, "expected a duration like \"1.5s\"");
            };
            msg.set_field_by_name("seconds", Value::I64(s));
            msg.set_field_by_name("nanos", Value::I32(n));
        }
        "google.protobuf.FieldMask" => {
            let Some(t) = text else {
                return err(path, "expected a field mask like \"name,email\"");
            };
            let paths = t
                .split(',')
                .filter(|p| !p.is_empty())
                .map(|p| Value::String(snake(p)))
                .collect();
            msg.set_field_by_name("paths", Value::List(paths));
        }
        "google.protobuf.Any"
        | "google.protobuf.Struct"
        | "google.protobuf.Value"
        | "google.protobuf.ListValue" => {
            return err(path, format!("goscope does not map {name} to JSON"));
        }
        n if is_wrapper(n) => {
            let Some(field) = desc.get_field_by_name("value") else {
                return Ok(None);
            };
            let v = single_from_json(&field.kind(), json, path)?;
            msg.set_field(&field, v);
        }
        _ => return Ok(None),
    }
    Ok(Some(msg))
}

/// A JSON skeleton of `desc` for a request editor: every field with a zero value (strings
/// empty, enums their first value, nested messages expanded two levels, lists empty).
pub fn skeleton(desc: &MessageDescriptor) -> Json {
    skeleton_at(desc, 0)
}

fn skeleton_at(desc: &MessageDescriptor, depth: usize) -> Json {
    let mut members = Vec::new();
    let mut oneofs: Vec<String> = Vec::new();
    for f in desc.fields() {
        // One member per oneof: two would be refused.
        if let Some(o) = f.containing_oneof() {
            if oneofs.iter().any(|n| n == o.name()) {
                continue;
            }
            oneofs.push(o.name().to_string());
        }
        let v = if f.is_list() {
            Json::Array(Vec::new())
        } else if f.is_map() {
            Json::Object(Vec::new())
        } else {
            match f.kind() {
                Kind::Message(m) if is_scalar_like(m.full_name()) => continue,
                Kind::Message(m) if depth < 2 => skeleton_at(&m, depth + 1),
                Kind::Message(_) => continue,
                Kind::Enum(e) => e
                    .values()
                    .next()
                    .map_or(Json::num(0), |v| Json::str(v.name())),
                Kind::Bool => Json::Bool(false),
                Kind::String => Json::str(""),
                Kind::Bytes => Json::str(""),
                Kind::Int64 | Kind::Sint64 | Kind::Sfixed64 | Kind::Uint64 | Kind::Fixed64 => {
                    Json::str("0")
                }
                _ => Json::num(0),
            }
        };
        members.push((f.json_name().to_string(), v));
    }
    Json::Object(members)
}

/// How a form edits one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormKind {
    Text,
    /// 32-bit integers (JSON numbers).
    Integer,
    /// 64-bit integers (JSON strings in proto3).
    Integer64,
    Number,
    Bool,
    Enum(Vec<String>),
}

/// One input of a message's form: a singular scalar field, top-level or inside a singular
/// message field (`user.name`), by JSON name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormField {
    pub path: String,
    pub kind: FormKind,
}

/// The form of `desc`: its singular scalar fields, two levels deep.
pub fn form_fields(desc: &MessageDescriptor) -> Vec<FormField> {
    let mut out = Vec::new();
    form_at(desc, "", 0, &mut out);
    out
}

fn form_at(desc: &MessageDescriptor, prefix: &str, depth: usize, out: &mut Vec<FormField>) {
    for f in desc.fields() {
        if f.is_list() || f.is_map() {
            continue;
        }
        let path = if prefix.is_empty() {
            f.json_name().to_string()
        } else {
            format!("{prefix}.{}", f.json_name())
        };
        let kind = match f.kind() {
            Kind::Message(m) if !is_scalar_like(m.full_name()) => {
                if depth < 1 {
                    form_at(&m, &path, depth + 1, out);
                }
                continue;
            }
            Kind::Message(_) | Kind::String | Kind::Bytes => FormKind::Text,
            Kind::Bool => FormKind::Bool,
            Kind::Enum(e) => FormKind::Enum(e.values().map(|v| v.name().to_string()).collect()),
            Kind::Int64 | Kind::Sint64 | Kind::Sfixed64 | Kind::Uint64 | Kind::Fixed64 => {
                FormKind::Integer64
            }
            Kind::Double | Kind::Float => FormKind::Number,
            _ => FormKind::Integer,
        };
        out.push(FormField { path, kind });
    }
}

/// The JSON value a form input stands for (`"42"` for an int32 field is the number 42).
pub fn form_value(kind: &FormKind, input: &str) -> Json {
    match kind {
        FormKind::Bool => Json::Bool(input == "true"),
        FormKind::Integer | FormKind::Number
            if json::parse(input).is_ok_and(|j| matches!(j, Json::Number(_))) =>
        {
            Json::Number(input.trim().to_string())
        }
        _ => Json::str(input),
    }
}

/// Sets the member at a dotted `path` of the JSON object `text` (empty text is `{}`),
/// creating objects on the way; returns the new text, pretty-printed.
pub fn set_in_json(text: &str, path: &str, value: Json) -> Result<String, json::JsonError> {
    let mut root = if text.trim().is_empty() {
        Json::Object(Vec::new())
    } else {
        json::parse(text)?
    };
    let parts: Vec<&str> = path.split('.').collect();
    let mut at = &mut root;
    for (i, part) in parts.iter().enumerate() {
        if !matches!(at, Json::Object(_)) {
            *at = Json::Object(Vec::new());
        }
        let Json::Object(members) = at else { break };
        let pos = match members.iter().position(|(k, _)| k == part) {
            Some(p) => p,
            None => {
                members.push((part.to_string(), Json::Object(Vec::new())));
                members.len() - 1
            }
        };
        if i + 1 == parts.len() {
            members[pos].1 = value;
            break;
        }
        at = &mut members[pos].1;
    }
    Ok(root.to_pretty())
}

/// The member at a dotted `path` of the JSON text, if it parses and is there.
pub fn get_in_json(text: &str, path: &str) -> Option<Json> {
    let mut at = json::parse(text).ok()?;
    for part in path.split('.') {
        at = at.get(part)?.clone();
    }
    Some(at)
}

#[cfg(test)]
mod tests;
