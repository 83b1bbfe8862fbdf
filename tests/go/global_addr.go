package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

// Package-level variables whose address is taken: through a pointer, by atomics and by
// an initializer of another package-level variable.
var g int
var hits int64
var flag int32
var pg = &g

type counter struct{ n int }

func (c *counter) inc() { c.n++ }

var c counter

func bump(p *int) { *p += 10 }

func main() {
	p := &g
	*p = 3
	bump(&g)
	*pg += 100
	fmt.Println(g, *p, *pg)

	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			atomic.AddInt64(&hits, 2)
			atomic.StoreInt32(&flag, 1)
		}()
	}
	wg.Wait()
	fmt.Println(atomic.LoadInt64(&hits), atomic.LoadInt32(&flag))

	c.inc()
	c.inc()
	fmt.Println(c.n)
}
