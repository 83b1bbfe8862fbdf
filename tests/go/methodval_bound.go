package main

import "fmt"

type Counter struct{ n int }

func (c *Counter) Inc() int { c.n++; return c.n }
func (c Counter) Get() int  { return c.n }

type Greeter struct{ name string }

func (g Greeter) Greet(greeting string) string { return greeting + ", " + g.name }

type Speaker interface{ Greet(string) string }

func apply(f func(string) string, s string) string { return f(s) }

func main() {
	c := Counter{}
	inc := c.Inc
	get := c.Get
	inc()
	inc()
	fmt.Println(c.n, get(), c.Get())
	g := Greeter{"gopher"}
	hello := g.Greet
	g.name = "changed"
	fmt.Println(hello("hi"), apply(g.Greet, "yo"))
	var s Speaker = Greeter{"iface"}
	sf := s.Greet
	s = Greeter{"other"}
	fmt.Println(sf("hey"))
	f := Greeter.Greet
	fmt.Println(f(Greeter{"expr"}, "hello"))
	pf := (*Counter).Inc
	pc := &Counter{10}
	fmt.Println(pf(pc), pc.n)
	gf := (*Counter).Get
	fmt.Println(gf(pc))
	fs := []func() int{c.Get, c.Inc}
	for _, fn := range fs {
		fmt.Println(fn())
	}
	fmt.Printf("%T\n", f)
}
