package main

import "fmt"

type Inner struct {
	X, Y int
}

func (Inner) Name() string { return "inner" }

type Mid struct {
	Inner
	Y int
}

func (Mid) Name() string { return "mid" }

type Outer struct {
	Mid
	Z int
}

type Stringer interface{ String() string }

type Point struct{ X, Y int }

func (p Point) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }

type Named struct {
	Point
	Label string
}

func main() {
	o := Outer{Mid{Inner{1, 2}, 3}, 4}
	fmt.Println(o.X, o.Y, o.Mid.Inner.Y, o.Z, o.Name(), o.Inner.Name())
	fmt.Printf("%+v\n", o)
	fmt.Printf("%v\n", o)
	n := Named{Point{1, 2}, "a"}
	fmt.Println(n)
	fmt.Printf("%v %s %+v\n", n, n, n.Label)
	var s Stringer = n
	fmt.Println(s.String())
}
