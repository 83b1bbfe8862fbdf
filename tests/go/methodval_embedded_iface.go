package main

import (
	"fmt"
	"strings"
)

type Base struct{ name string }

func (b Base) Hello(n int) string { return strings.Repeat(b.name, n) }
func (b *Base) Rename(s string)   { b.name = s }

type Wrapper struct {
	*Base
	tag string
}

type Shape interface {
	Area() float64
	Name() string
}

type Square struct{ side float64 }

func (s Square) Area() float64 { return s.side * s.side }
func (s Square) Name() string  { return "square" }

func sum(xs ...int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

type Acc struct{ total int }

func (a *Acc) Add(xs ...int) int {
	for _, x := range xs {
		a.total += x
	}
	return a.total
}

func main() {
	w := Wrapper{&Base{"ab"}, "t"}
	h := w.Hello
	r := w.Rename
	r("xy")
	fmt.Println(h(2), w.Hello(2))
	area := Shape.Area
	name := Shape.Name
	var s Shape = Square{3}
	fmt.Println(area(s), name(s))
	fmt.Printf("%T %T\n", area, name)
	rename := (*Wrapper).Rename
	rename(&w, "zz")
	fmt.Println(w.name, Wrapper.Hello(w, 3))
	a := &Acc{}
	add := a.Add
	add(1, 2)
	fmt.Println(add(3), a.total, sum(1, 2))
	fmt.Printf("%T\n", (*Acc).Add)
	ops := map[string]func(...int) int{"add": a.Add, "sum": sum}
	fmt.Println(ops["add"](10), ops["sum"](10, 20))
	var nilShape Shape
	defer func() {
		fmt.Println("recovered:", recover())
	}()
	f := nilShape.Area
	fmt.Println("not reached", f)
}
