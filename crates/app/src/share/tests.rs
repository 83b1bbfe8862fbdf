//! Link format tests: round trips (proptest), rejected payloads, and the v1 fixture that
//! must keep decoding whatever the format becomes.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use proptest::prelude::*;

use super::*;

fn program_state() -> ShareState {
    ShareState {
        subject: Subject::Source("package main\n\nfunc main() {\n\tprintln(\"分享\")\n}\n".into()),
        seed: 7,
        gomaxprocs: 2,
        race: true,
        views: vec!["scheduler".into(), "channels".into()],
        view: Some("scheduler".into()),
        step: 42,
        lang: Some(Lang::Zh),
        theme: Some(Theme::Dark),
        gc: GcSettings::default(),
        slice_ns: runtime::sched::DEFAULT_TIME_SLICE_NS,
    }
}

/// A v1 link as this build wrote it on 2026-11-27. Never regenerate it: when the format
/// changes, this string must still decode to the same state.
const V1_FIXTURE: &str = "1.RclBCsIwEEbhtf8phq5asAuL4HmGZGxC0zFkUgXFrXgXb-B59B5CN-4e7zMRTwfkcnJGAwo7oR3OUS5G5oL4JUnZusCqkmyF_4dVybQfkFhHugbUILOQ5zKh75HZTTwKzRwVOC7q1mw7umGTS9SatG2-z8fn_Wo63PED";

#[test]
fn v1_fixture_keeps_decoding() {
    assert_eq!(decode(V1_FIXTURE), Ok(program_state()));
}

#[test]
fn the_time_slice_travels_and_old_links_mean_gos() {
    assert_eq!(
        decode(V1_FIXTURE).map(|s| s.slice_ns),
        Ok(runtime::sched::DEFAULT_TIME_SLICE_NS)
    );
    let link = from_fragment("#/?program=seed-gosched&slice=20000")
        .unwrap()
        .unwrap();
    assert_eq!(link.slice_ns, 20_000);
    assert_eq!(decode(&encode(&link)), Ok(link));
    assert_eq!(
        from_fragment("#/?program=x&slice=5"),
        Err(ShareError::Malformed("slice"))
    );
}

#[test]
fn memory_model_view_names_round_trip() {
    // Issue 5's views are stored by name like the others; old links (the v1 fixture above,
    // with only `scheduler,channels`) keep decoding unchanged.
    let s = ShareState {
        views: vec![
            "scheduler".into(),
            "clocks".into(),
            "hb".into(),
            "explorer".into(),
        ],
        view: Some("race".into()),
        ..program_state()
    };
    assert_eq!(decode(&encode(&s)), Ok(s));
}

#[test]
fn gc_settings_travel_and_old_links_mean_the_defaults() {
    // The v1 fixture predates them: defaults.
    assert_eq!(decode(V1_FIXTURE).map(|s| s.gc), Ok(GcSettings::default()));
    let s = ShareState {
        gc: GcSettings {
            gogc: 50,
            memlimit: Some(8 << 20),
            barrier: false,
        },
        ..ShareState::new(Subject::Example("gc-lost-object".into()))
    };
    assert_eq!(decode(&encode(&s)), Ok(s.clone()));
    // Plain parameters, as a course author writes them.
    let link = from_fragment("#/embed/gc?program=gc-lost-object&gogc=off&memlimit=64MiB&wb=off")
        .unwrap()
        .unwrap();
    assert_eq!(
        link.gc,
        GcSettings {
            gogc: -1,
            memlimit: Some(64 << 20),
            barrier: false
        }
    );
    assert_eq!(
        from_fragment("#/?program=x&gogc=lots"),
        Err(ShareError::Malformed("gogc"))
    );
    assert_eq!(
        from_fragment("#/?program=x&memlimit=8MB"),
        Err(ShareError::Malformed("memlimit"))
    );
    assert_eq!(parse_bytes("1536"), Some(1536));
    assert_eq!(format_bytes(3 << 30), "3GiB");
    assert_eq!(format_bytes(1536), "1536");
    assert_eq!(format_bytes(3 << 10), "3KiB");
}

#[test]
fn lab_and_example_round_trip() {
    let lab = ShareState {
        subject: Subject::Lab {
            id: "saga".into(),
            params: vec![
                ("strategy".into(), "tcc".into()),
                ("faults".into(), "n,f,n,n".into()),
            ],
        },
        ..ShareState::new(Subject::Example(String::new()))
    };
    assert_eq!(decode(&encode(&lab)), Ok(lab));
    let ex = ShareState::new(Subject::Example("seed-worker-pool".into()));
    assert_eq!(decode(&encode(&ex)), Ok(ex));
}

#[test]
fn bad_payloads_are_errors_not_panics() {
    assert_eq!(decode("hello"), Err(ShareError::Malformed("no version")));
    assert_eq!(decode("x.abc"), Err(ShareError::Malformed("no version")));
    assert_eq!(decode("0.abc"), Err(ShareError::Malformed("no version")));
    assert_eq!(decode("1.***"), Err(ShareError::Malformed("base64")));
    assert_eq!(decode("1.AAAA"), Err(ShareError::Malformed("deflate")));
    assert_eq!(decode("2.AAAA"), Err(ShareError::FutureVersion(2)));
    assert_eq!(decode("99999.x"), Err(ShareError::FutureVersion(99999)));
    // A cut link: the tail of a good one is missing.
    let good = encode(&program_state());
    assert!(decode(&good[..good.len() / 2]).is_err());
    // A body without a program.
    let no_program = format!("1.{}", pack::base64url(&pack::deflate(b"seed 1\n")));
    assert_eq!(
        decode(&no_program),
        Err(ShareError::Malformed("no program"))
    );
    // A bad number.
    assert_eq!(
        decode(&format!(
            "1.{}",
            pack::base64url(&pack::deflate(b"procs 0\nexample x\n"))
        )),
        Err(ShareError::Malformed("procs"))
    );
}

#[test]
fn a_zip_bomb_stops_at_the_limit() {
    let mut body = b"example x\n".to_vec();
    body.extend(std::iter::repeat_n(b'a', MAX_BODY + 10));
    let packed = miniz_oxide::deflate::compress_to_vec(&body, 9);
    assert!(packed.len() < 2000);
    assert_eq!(
        decode(&format!("1.{}", URL_SAFE_NO_PAD.encode(packed))),
        Err(ShareError::TooLarge)
    );
}

#[test]
fn messages_are_visible_text_in_both_languages() {
    for lang in Lang::ALL {
        for e in [
            ShareError::Malformed("base64"),
            ShareError::FutureVersion(3),
            ShareError::TooLarge,
        ] {
            let m = e.message(lang);
            assert!(!m.contains("{n}") && m.len() > 10, "{m}");
        }
    }
    assert!(ShareError::FutureVersion(3).message(Lang::En).contains('3'));
}

#[test]
fn plain_parameters_stand_beside_or_over_the_payload() {
    let f = format!(
        "#/embed/scheduler?s={}&step=9&lang=en",
        encode(&program_state())
    );
    let s = from_fragment(&f).unwrap().unwrap();
    assert_eq!((s.step, s.lang, s.seed), (9, Some(Lang::En), 7));
    let s =
        from_fragment("#/embed/player?program=seed-done-flag&step=12&race=1&procs=2&theme=dark")
            .unwrap()
            .unwrap();
    assert_eq!(s.subject, Subject::Example("seed-done-flag".into()));
    assert_eq!(
        (s.step, s.race, s.gomaxprocs, s.theme),
        (12, true, 2, Some(Theme::Dark))
    );
    let s = from_fragment("#/embed/saga?lab=saga&p.strategy=tcc&step=3")
        .unwrap()
        .unwrap();
    assert_eq!(
        s.subject,
        Subject::Lab {
            id: "saga".into(),
            params: vec![("strategy".into(), "tcc".into())]
        }
    );
    assert_eq!(from_fragment("#/gallery"), Ok(None));
    assert_eq!(from_fragment("#/?step=4"), Ok(None));
    assert_eq!(
        from_fragment("#/?s=7.abc"),
        Err(ShareError::FutureVersion(7))
    );
    assert_eq!(
        from_fragment("#/?program=x&step=-1"),
        Err(ShareError::Malformed("step"))
    );
    assert_eq!(
        query_pairs("#/?a=%E4%B8%AD+b&c"),
        vec![("a".into(), "中 b".into()), ("c".into(), String::new())]
    );
    assert_eq!(query_pairs("#/?a=%4"), vec![("a".into(), "%4".into())]);
}

fn arb_state() -> impl Strategy<Value = ShareState> {
    let subject = prop_oneof![
        any::<String>().prop_map(Subject::Source),
        "[a-z0-9-]{1,20}".prop_map(Subject::Example),
        (
            "[a-z]{1,8}",
            proptest::collection::vec(("[a-z_.]{1,8}", "[ -~]{0,12}"), 0..5)
        )
            .prop_map(|(id, params)| Subject::Lab { id, params }),
    ];
    (
        subject,
        any::<u64>(),
        1usize..=64,
        any::<bool>(),
        proptest::collection::vec("[a-z]{1,10}", 0..4),
        proptest::option::of("[a-z]{1,10}"),
        any::<u64>(),
        proptest::option::of(prop_oneof![Just(Lang::Zh), Just(Lang::En)]),
        proptest::option::of(prop_oneof![Just(Theme::Light), Just(Theme::Dark)]),
        (
            prop_oneof![Just(-1), 0i32..=100_000],
            proptest::option::of(any::<u32>().prop_map(u64::from)),
            any::<bool>(),
            1_000u64..=1_000_000_000_000,
        ),
    )
        .prop_map(
            |(subject, seed, gomaxprocs, race, views, view, step, lang, theme, gc)| ShareState {
                subject,
                seed,
                gomaxprocs,
                race,
                views,
                view,
                step,
                lang,
                theme,
                gc: GcSettings {
                    gogc: gc.0,
                    memlimit: gc.1,
                    barrier: gc.2,
                },
                slice_ns: gc.3,
            },
        )
}

fn inflate(packed: &[u8]) -> Vec<u8> {
    miniz_oxide::inflate::decompress_to_vec(packed).expect("valid raw deflate")
}

#[test]
fn deflate_compresses_programs_nearly_as_well_as_miniz() {
    let (mut src_total, mut ours_total, mut miniz_total) = (0, 0, 0);
    for e in crate::examples::EXAMPLES {
        let src = e.source.as_bytes();
        let ours = pack::deflate(src);
        assert_eq!(inflate(&ours), src, "{}", e.id);
        let miniz = miniz_oxide::deflate::compress_to_vec(src, 9).len();
        println!(
            "{}: {} bytes, ours {}, miniz {miniz}",
            e.id,
            src.len(),
            ours.len()
        );
        (src_total, ours_total, miniz_total) = (
            src_total + src.len(),
            ours_total + ours.len(),
            miniz_total + miniz,
        );
    }
    println!("all: {src_total} bytes, ours {ours_total}, miniz {miniz_total}");
    assert!(
        ours_total * 100 < src_total * 80,
        "{ours_total} of {src_total}"
    );
    assert!(
        ours_total * 100 < miniz_total * 125,
        "ours {ours_total} miniz {miniz_total}"
    );
    // Long runs use the longest match length (258) and far distances.
    let mut long = vec![b'x'; 70_000];
    long.extend((0..40_000u32).map(|i| (i * 7 % 251) as u8));
    long.extend_from_slice(&long[1000..40_000].to_vec());
    assert_eq!(inflate(&pack::deflate(&long)), long);
    assert_eq!(inflate(&pack::deflate(b"")), b"");
}

proptest! {
    #[test]
    fn deflate_round_trips_through_miniz(data in proptest::collection::vec(any::<u8>(), 0..3000), reps in 0usize..4) {
        let mut data = data;
        for _ in 0..reps {
            let copy = data.clone();
            data.extend_from_slice(&copy[copy.len() / 3..]);
        }
        prop_assert_eq!(inflate(&pack::deflate(&data)), data);
    }

    #[test]
    fn inflate_reads_what_miniz_writes_at_every_level(data in proptest::collection::vec(any::<u8>(), 0..3000), reps in 0usize..4, level in 0u8..=10) {
        let mut data = data;
        for _ in 0..reps {
            let copy = data.clone();
            data.extend_from_slice(&copy[copy.len() / 3..]);
        }
        let packed = miniz_oxide::deflate::compress_to_vec(&data, level);
        prop_assert_eq!(pack::inflate(&packed, MAX_BODY), Ok(data.clone()));
        prop_assert_eq!(pack::inflate(&pack::deflate(&data), MAX_BODY), Ok(data));
    }

    #[test]
    fn inflate_never_panics_on_garbage(data in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = pack::inflate(&data, 10_000);
    }

    #[test]
    fn base64url_agrees_with_the_base64_crate(data in proptest::collection::vec(any::<u8>(), 0..200)) {
        let ours = pack::base64url(&data);
        prop_assert_eq!(&ours, &URL_SAFE_NO_PAD.encode(&data));
        prop_assert_eq!(pack::from_base64url(&ours), Some(data));
    }

    #[test]
    fn every_state_round_trips(state in arb_state()) {
        let payload = encode(&state);
        prop_assert!(payload.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)));
        prop_assert_eq!(decode(&payload), Ok(state));
    }

    #[test]
    fn any_text_decodes_or_errors_without_panicking(text in any::<String>()) {
        let _ = decode(&text);
        let _ = from_fragment(&text);
    }

    #[test]
    fn mutated_payloads_never_panic(state in arb_state(), at in any::<usize>(), byte in any::<u8>()) {
        let mut payload = encode(&state).into_bytes();
        let i = at % payload.len();
        payload[i] = byte;
        let _ = decode(&String::from_utf8_lossy(&payload));
    }
}

#[test]
fn a_lab_link_carries_its_parameters_and_step_as_plain_parameters() {
    // The operator widget's script: `|`-separated commands with spaces and a path.
    let params = vec![
        (
            "commands".to_owned(),
            "kubectl apply -f crd.yaml|kubectl scale database/demo --replicas=5".to_owned(),
        ),
        (
            "body".to_owned(),
            r#"{"name": "书 & 笔", "n": 1+2}"#.to_owned(),
        ),
    ];
    let link = lab_link("operator", &params, 17);
    assert!(
        link.starts_with("#/labs/operator?lab=operator&p.commands=kubectl%20apply"),
        "{link}"
    );
    assert_eq!(lab_params(&link), Some((params.clone(), 17)));
    // The full reader agrees (the Saga lab's page reads links with it).
    let state = from_fragment(&link).unwrap().unwrap();
    assert_eq!(state.step, 17);
    assert_eq!(
        state.subject,
        Subject::Lab {
            id: "operator".into(),
            params
        }
    );
    // An ordinary visit carries none.
    assert_eq!(lab_params("#/labs/operator"), None);
    assert_eq!(lab_params("#/labs/api?step=3"), None);
    assert_eq!(lab_params("#/labs/api?lab=api"), Some((Vec::new(), 0)));
}
