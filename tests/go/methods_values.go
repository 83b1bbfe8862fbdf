package main

import "fmt"

type Counter struct{ n int }

func (c *Counter) Inc()     { c.n++ }
func (c Counter) Get() int  { return c.n }

type Getter interface{ Get() int }

func main() {
	var c Counter
	c.Inc()
	c.Inc()
	p := &c
	p.Inc()
	fmt.Println(c.Get(), p.Get())
	var g Getter = c
	c.Inc()
	fmt.Println(g.Get(), c.Get())
	g = p
	c.Inc()
	fmt.Println(g.Get())
	cs := []Counter{{1}, {2}}
	for i := range cs {
		cs[i].Inc()
	}
	fmt.Println(cs)
}
