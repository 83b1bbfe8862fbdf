package main

import (
	"fmt"
	"time"
)

// Seed 2.4: read a value four ways and time each loop on the clock.
// goscope has no reflect package: the "reflection-style" lookup here scans
// a table of fields by name at run time, as reflect.Value.FieldByName does,
// and the cached variant looks the accessor up once, as a field cache does.

type Shape interface {
	Area() int
	Name() string
}

type Rect struct{ W, H int }

func (r Rect) Area() int    { return r.W * r.H }
func (r Rect) Name() string { return "rect" }

type Square struct{ S int }

func (s *Square) Area() int    { return s.S * s.S }
func (s *Square) Name() string { return "square" }

type field struct {
	name string
	get  func(Rect) int
}

var fields = []field{
	{"W", func(r Rect) int { return r.W }},
	{"H", func(r Rect) int { return r.H }},
}

// fieldByName finds a field's accessor by comparing names, every time.
func fieldByName(name string) func(Rect) int {
	for _, f := range fields {
		if f.name == name {
			return f.get
		}
	}
	return nil
}

const N = 200

func main() {
	r := Rect{W: 3, H: 4}

	// 1. Direct field access: the compiler knows the offset.
	start := time.Now()
	a := 0
	for i := 0; i < N; i++ {
		a += r.W
	}
	direct := time.Since(start)

	// 2. Interface dispatch: load itab.fun[i], call it indirectly.
	var s Shape = r
	start = time.Now()
	b := 0
	for i := 0; i < N; i++ {
		b += s.Area()
	}
	dispatch := time.Since(start)

	// 3. Lookup by name at run time, then an indirect call.
	start = time.Now()
	c := 0
	for i := 0; i < N; i++ {
		c += fieldByName("H")(r)
	}
	lookup := time.Since(start)

	// 4. The same lookup done once and cached.
	start = time.Now()
	get := fieldByName("H")
	d := 0
	for i := 0; i < N; i++ {
		d += get(r)
	}
	cached := time.Since(start)

	fmt.Println(a, b, c, d)
	fmt.Println("direct field:   ", direct/N, "per op")
	fmt.Println("interface call: ", dispatch/N, "per op")
	fmt.Println("lookup by name: ", lookup/N, "per op")
	fmt.Println("cached lookup:  ", cached/N, "per op")

	// Two dynamic types behind one interface: two itabs, same fun[] order.
	shapes := []Shape{r, &Square{S: 2}}
	for _, sh := range shapes {
		fmt.Println(sh.Name(), sh.Area())
	}
}
