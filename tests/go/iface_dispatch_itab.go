package main

import (
	"errors"
	"fmt"
)

// Shape's methods sort as Area, Name, Perimeter: the itab's fun[] order.
type Shape interface {
	Perimeter() float64
	Area() float64
	Name() string
}

type Namer interface{ Name() string }

type Circle struct{ R float64 }

func (c Circle) Area() float64      { return 3 * c.R * c.R }
func (c Circle) Perimeter() float64 { return 6 * c.R }
func (c Circle) Name() string       { return "circle" }

type Square struct{ S float64 }

func (s *Square) Area() float64      { return s.S * s.S }
func (s *Square) Perimeter() float64 { return 4 * s.S }
func (s *Square) Name() string       { return "square" }

type Labeled struct {
	Namer
	Label string
}

func describe(x any) string {
	switch v := x.(type) {
	case nil:
		return "nil"
	case int, int64:
		return fmt.Sprintf("integer %v", v)
	case string:
		return "string " + v
	case Shape:
		return fmt.Sprintf("shape %s area %.1f", v.Name(), v.Area())
	case error:
		return "error " + v.Error()
	default:
		return fmt.Sprintf("other %T", v)
	}
}

func main() {
	shapes := []Shape{Circle{1}, &Square{2}, Circle{2}}
	total := 0.0
	for _, s := range shapes {
		total += s.Area() + s.Perimeter()
		fmt.Printf("%T %s\n", s, s.Name())
	}
	fmt.Println("total", total)

	// Interface to interface: Shape to Namer (getitab at run time in Go).
	var n Namer = shapes[1]
	fmt.Println(n.Name())
	l := Labeled{Namer: shapes[0], Label: "x"}
	fmt.Println(l.Name(), l.Label)
	f := n.Name
	fmt.Println(f())

	for _, x := range []any{nil, 7, int64(8), "hi", Circle{3}, &Square{1}, errors.New("boom"), 2.5, Square{1}} {
		fmt.Println(describe(x))
	}

	var e any = &Square{3}
	if s, ok := e.(Shape); ok {
		fmt.Println("ok", s.Area())
	}
	if _, ok := e.(Circle); !ok {
		fmt.Println("not a circle")
	}
	if nm, ok := e.(Namer); ok {
		fmt.Println(nm.Name())
	}
	var sq any = Square{1}
	_, ok := sq.(Namer)
	fmt.Println("Square value is a Namer:", ok)
}
