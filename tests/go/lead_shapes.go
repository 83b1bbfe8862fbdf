package main

import (
	"errors"
	"fmt"
	"strings"
)

type Shape interface {
	Area() float64
	Name() string
}

type Rect struct{ W, H float64 }
type Circle struct{ R float64 }

func (r Rect) Area() float64    { return r.W * r.H }
func (r Rect) Name() string     { return "rect" }
func (c *Circle) Area() float64 { return 3 * c.R * c.R }
func (c *Circle) Name() string  { return "circle" }

var ErrNotFound = errors.New("not found")

func find(m map[string]int, k string) (int, error) {
	v, ok := m[k]
	if !ok {
		return 0, fmt.Errorf("find %q: %w", k, ErrNotFound)
	}
	return v, nil
}

func main() {
	shapes := []Shape{Rect{2, 3}, &Circle{1}}
	for i, s := range shapes {
		fmt.Printf("%d %s %.1f %T\n", i, s.Name(), s.Area(), s)
	}
	m := map[string]int{"a": 1, "b": 2, "c": 3}
	fmt.Println(m, len(m))
	_, err := find(m, "z")
	fmt.Println(err, errors.Is(err, ErrNotFound))
	var xs []int
	for i := range 10 {
		xs = append(xs, i*i)
		fmt.Print(cap(xs), " ")
	}
	fmt.Println()
	fmt.Println(xs[2:5], strings.Join([]string{"x", "y"}, "-"))
	funcs := []func() int{}
	for i := 0; i < 3; i++ {
		funcs = append(funcs, func() int { return i })
	}
	for _, f := range funcs {
		fmt.Print(f())
	}
	fmt.Println()
	defer fmt.Println("deferred")
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("recovered:", r)
		}
	}()
	p := struct{ X, Y int }{1, 2}
	fmt.Printf("%v %+v\n", p, p)
	var arr [3]int
	idx := 5
	fmt.Println(arr[idx%len(arr)])
	fmt.Println(xs[idx*3])
}
