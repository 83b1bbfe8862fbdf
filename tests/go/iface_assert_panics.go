package main

import "fmt"

type Shape interface {
	Area() float64
	Perimeter() float64
}

type Named interface{ Name() string }

type Circle struct{ R float64 }

func (c Circle) Area() float64      { return 3 * c.R * c.R }
func (c Circle) Perimeter() float64 { return 6 * c.R }

type Square struct{ S float64 }

func (s *Square) Area() float64      { return s.S * s.S }
func (s *Square) Perimeter() float64 { return 4 * s.S }

func try(f func()) {
	defer func() {
		r := recover()
		fmt.Println(r)
		if e, ok := r.(error); ok {
			fmt.Println("error:", e.Error())
		}
	}()
	f()
}

func main() {
	var s Shape = Circle{1}
	var e any = 42
	var n Shape
	var ne any
	try(func() { _ = s.(*Square) })
	try(func() { _ = e.(string) })
	try(func() { _ = s.(Named) })
	try(func() { _ = e.(Named) })
	try(func() { _ = n.(Circle) })
	try(func() { _ = ne.(Named) })
	try(func() { _ = ne.(int) })
	try(func() { _ = n.(Named) })
	var err error = fmt.Errorf("x")
	try(func() { _ = err.(Named) })
	fmt.Println("done")
	_ = s.(*Square)
}
