//! Interface values (`runtime::itab`, `runtime::iface_event`, `runtime::values`): itab method
//! order and hashes, dispatch through `fun[i]`, assertion and type-switch events, and the
//! values view model at an interface call. Go's exact panic texts are checked against the real
//! toolchain by the corpus (`tests/go/iface_assert_panics.go`, `iface_dispatch_itab.go`).

use expect_test::expect;
use runtime::iface_event::IfaceEvent;
use runtime::inspect::{Inspection, start_machine};
use runtime::itab::{Itab, type_hash};
use runtime::values::{DataWord, switch_cases};
use runtime::{Event, Machine, RunConfig};
use sim::{Chooser, Recorder};

const SHAPES: &str = r#"package main

import "fmt"

type Shape interface {
	Perimeter() float64
	Area() float64
	Name() string
}

type Circle struct{ R float64 }

func (c Circle) Area() float64      { return 3 * c.R * c.R }
func (c Circle) Perimeter() float64 { return 6 * c.R }
func (c Circle) Name() string       { return "circle" }

type Square struct{ S float64 }

func (s *Square) Area() float64      { return s.S * s.S }
func (s *Square) Perimeter() float64 { return 4 * s.S }
func (s *Square) Name() string       { return "square" }

func main() {
	var s Shape = Circle{1}
	var q Shape = &Square{2}
	var e any = 7
	fmt.Println(s.Area(), q.Area(), e)
}
"#;

fn record(src: &str) -> Recorder<Machine> {
    let m = start_machine("prog.go", src, &RunConfig::default())
        .unwrap_or_else(|out| panic!("does not compile:\n{}", out.stderr));
    let mut r = Recorder::new(m, Chooser::new(1), 64);
    r.run(1_000_000);
    assert!(r.status().is_finished());
    r
}

fn iface_events(r: &Recorder<Machine>) -> Vec<(usize, IfaceEvent)> {
    r.events()
        .iter()
        .enumerate()
        .filter_map(|(i, e)| match e {
            Event::Iface(x) => Some((i, x.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn itab_fun_follows_the_sorted_method_order_and_hashes_are_stable() {
    let r = record(SHAPES);
    let m = r.current();
    let tabs: Vec<&Itab> = m.itabs().entries().collect();
    assert_eq!(tabs.len(), 2, "one itab per (Shape, concrete type)");
    let p = m.program();
    for tab in &tabs {
        assert_eq!(&tab.methods[..], ["Area", "Name", "Perimeter"]);
        assert!(tab.ok());
        assert_eq!(tab.hash, type_hash(&p.rtype(tab.typ).name));
    }
    // Hashes are a pure function of the type's name: same in every build and run.
    expect!["0x9fd29c8a 0x524088c9 0x95e97e5e"].assert_eq(&format!(
        "{:#010x} {:#010x} {:#010x}",
        type_hash("main.Circle"),
        type_hash("*main.Square"),
        type_hash("int")
    ));
    // Two conversions built two itabs; no lookup hit yet.
    assert_eq!((m.itabs().misses, m.itabs().hits), (2, 0));
}

#[test]
fn dispatch_events_name_the_concrete_function() {
    let r = record(SHAPES);
    let dispatches: Vec<String> = iface_events(&r)
        .into_iter()
        .filter(|(_, e)| matches!(e, IfaceEvent::Dispatch { .. }))
        .map(|(_, e)| e.to_string())
        .collect();
    assert_eq!(
        dispatches,
        [
            "g1 dispatch main.Shape.Area: itab(main.Shape,main.Circle).fun[0] = main.Circle.Area",
            "g1 dispatch main.Shape.Area: itab(main.Shape,*main.Square).fun[0] = main.(*Square).Area",
        ]
    );
}

#[test]
fn the_values_view_shows_eface_and_iface_words_at_an_interface_call() {
    let r = record(SHAPES);
    let (i, _) = iface_events(&r)
        .into_iter()
        .find(|(_, e)| matches!(e, IfaceEvent::Dispatch { typ, .. } if &**typ == "*main.Square"))
        .expect("a dispatch to *Square");
    let step = r.event_step(i);
    let view = Inspection::of(&r.state_at(step));
    assert_eq!(view.frames_g, 1);
    // The call pushed (*Square).Area's frame, its receiver set; main's frame is below it.
    assert_eq!(view.frames[0].func, "main.(*Square).Area");
    let recv = &view.frames[0].locals[0];
    assert_eq!(
        (recv.name.as_str(), recv.ty.as_str()),
        ("s", "*main.Square")
    );
    let main = &view.frames[1];
    assert_eq!(main.func, "main.main");
    let local = |n: &str| main.locals.iter().find(|l| l.name == n).expect(n);
    let s = local("s").iface.as_ref().expect("s is an interface");
    assert!(!s.eface);
    let tab = s.itab.as_ref().expect("an iface has an itab");
    assert_eq!(
        (tab.inter.as_str(), tab.typ.as_str()),
        ("main.Shape", "main.Circle")
    );
    let fun: Vec<(&str, &str)> = tab
        .fun
        .iter()
        .map(|f| (f.method.as_str(), f.func.as_str()))
        .collect();
    assert_eq!(
        fun,
        [
            ("Area", "main.Circle.Area"),
            ("Name", "main.Circle.Name"),
            ("Perimeter", "main.Circle.Perimeter"),
        ]
    );
    assert_eq!(s.data, Some(DataWord::Boxed("{1}".into())));
    let q = local("q").iface.as_ref().expect("q");
    assert!(matches!(q.data, Some(DataWord::Direct(ref a)) if a.starts_with("0xc0000")));
    let e = local("e").iface.as_ref().expect("e");
    assert!(e.eface && e.itab.is_none());
    let d = e.dynamic.as_ref().expect("e holds an int");
    assert_eq!((d.name.as_str(), d.kind, d.size), ("int", "int", 8));
}

const SWITCH: &str = r#"package main

import "fmt"

type Stringer interface{ String() string }

type T struct{}

func (T) String() string { return "T" }

func kind(x any) string {
	switch x.(type) {
	case int:
		return "int"
	case string:
		return "string"
	case Stringer:
		return "Stringer"
	}
	return "other"
}

func main() {
	fmt.Println(kind("a"), kind(T{}), kind(1.5))
	var s Stringer = T{}
	_, ok := s.(T)
	var e any = 3
	_, ok2 := e.(Stringer)
	fmt.Println(ok, ok2)
}
"#;

#[test]
fn type_switch_and_assertion_events() {
    let r = record(SWITCH);
    let lines: Vec<String> = iface_events(&r)
        .into_iter()
        .map(|(_, e)| e.to_string())
        .collect();
    expect![[r#"
        g1 case 0 int: hash 0x17c16538 != 0x95e97e5e
        g1 case 1 string: hash 0x17c16538 = 0x17c16538, type = -> matched
        g1 case 0 int: hash 0x5d7e65f2 != 0x95e97e5e
        g1 case 1 string: hash 0x5d7e65f2 != 0x17c16538
        g1 itab main.Stringer,main.T miss: built fun[1]
        g1 case 2 main.Stringer: main.T implements main.Stringer -> matched
        g1 case 0 int: hash 0x7c980e47 != 0x95e97e5e
        g1 case 1 string: hash 0x7c980e47 != 0x17c16538
        g1 itab main.Stringer,float64 miss: built, missing method String
        g1 case 2 main.Stringer: float64 does not implement main.Stringer
        g1 itab main.Stringer,main.T hit fun[1]
        g1 assert main.Stringer.(main.T): main.T == main.T
        g1 itab main.Stringer,int miss: built, missing method String
        g1 assert interface {}.(main.Stringer): int does not implement main.Stringer
    "#]]
    .assert_eq(&(lines.join("\n") + "\n"));
    // The view's list of the second switch's comparisons, read back from the trace.
    let (i, _) = iface_events(&r)
        .into_iter()
        .find(|(_, e)| {
            matches!(
                e,
                IfaceEvent::Case {
                    matched: true,
                    case: 2,
                    ..
                }
            )
        })
        .expect("the Stringer case matched");
    let cases = switch_cases(r.events(), i + 1, runtime::goroutine::GoId(1));
    let n: Vec<u32> = cases
        .iter()
        .map(|c| match c {
            IfaceEvent::Case { case, .. } => *case,
            _ => 99,
        })
        .collect();
    assert_eq!(n, [0, 1, 2]);
}

#[test]
fn a_plain_run_builds_the_same_itabs() {
    // Recording off changes which events exist, never the machine's decisions.
    let on = record(SWITCH);
    let mut e = runtime::Execution::start("prog.go", SWITCH, &RunConfig::default())
        .expect("compiles")
        .without_trace();
    while !e.advance(10_000) {}
    let out = e.finish();
    assert_eq!(out.stdout, "string Stringer other\ntrue false\n");
    assert!(on.current().itabs().misses >= 3);
}

#[test]
fn locals_are_shown_only_in_scope() {
    let src = "package main\n\nfunc main() {\n\tfor i := 0; i < 2; i++ {\n\t\t_ = i\n\t}\n\tvar e any = 1\n\tswitch v := e.(type) {\n\tcase string:\n\t\t_ = v\n\tcase int:\n\t\tprintln(v)\n\t}\n}\n";
    let r = record(src);
    let names_at = |i: usize| -> Vec<String> {
        let view = Inspection::of(&r.state_at(r.event_step(i)));
        view.frames[0]
            .locals
            .iter()
            .map(|l| format!("{} {}", l.name, l.text))
            .collect()
    };
    let matched = r
        .events()
        .iter()
        .position(|e| matches!(e, Event::Iface(IfaceEvent::Case { matched: true, .. })))
        .expect("case int matches");
    // The loop's i is gone; the int clause's v is not declared yet.
    assert_eq!(names_at(matched), ["e 1"]);
    let printed = r
        .events()
        .iter()
        .position(|e| matches!(e, Event::Stderr { .. }))
        .expect("println");
    // Inside the int clause: its own v, not the string clause's.
    assert_eq!(names_at(printed), ["e 1", "v 1"]);
}
