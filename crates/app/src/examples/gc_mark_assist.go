package main

import "fmt"

// Mark assist: the collector makes a goroutine that allocates during the mark phase pay
// for it with marking work of its own, so a fast allocator cannot outrun the collector.
// The live list below is what every cycle must mark; the loop allocates garbage as fast
// as it can. In the GC view, watch the allocating goroutine's assist credit go negative
// and its shadings (cause: assist) appear, and the timeline stretch while it assists.

type node struct {
	next *node
	pad  [6]int
}

var live *node
var garbage []byte // escapes through this global, so real Go heap-allocates it too

func count(n *node) int {
	c := 0
	for ; n != nil; n = n.next {
		c++
	}
	return c
}

func main() {
	for i := 0; i < 40000; i++ {
		live = &node{next: live}
	}
	total := 0
	for i := 0; i < 150000; i++ {
		garbage = make([]byte, 64)
		total += len(garbage)
	}
	fmt.Println(count(live), total)
}
