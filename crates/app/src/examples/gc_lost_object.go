// The lost object: why Go's garbage collector needs a write barrier.
//
// The collector marks concurrently with the program. Here main's stack is scanned
// (black) early, while the only other path to the node {42} runs through a.f,
// which the collector reaches late: it first works through a long list. main then
// copies a.f into a local and clears a.f. Go's hybrid write barrier shades the
// overwritten pointer, so the node survives. With the barrier switched off in
// goscope, nothing tells the collector: the node is freed while p still points
// to it, its slot is reused, and p.val reads someone else's object.
package main

import (
	"fmt"
	"runtime"
)

type Node struct {
	val  int
	next *Node
}

type Holder struct {
	f *Node
}

var a *Holder // declared first: the collector queues a, then junk, and works on junk first
var junk *Node
var buf []byte
var keep [4]*Node

func main() {
	// A long list the collector must walk before it reaches a.
	for i := 0; i < 50000; i++ {
		junk = &Node{val: i, next: junk}
	}
	a = &Holder{f: &Node{val: 42}}
	// Crossing the heap trigger starts a GC cycle.
	buf = make([]byte, 3<<20)
	// Let the background worker scan main's stack.
	spin := 0
	for i := 0; i < 20000; i++ {
		spin += i
	}
	p := a.f  // the node is now on main's (already scanned) stack...
	a.f = nil // ...and no longer in the heap: the barrier shades it here.
	for i := 0; i < 2000; i++ {
		spin++
	}
	runtime.GC() // finishes this cycle, runs another and sweeps

	for i := range keep {
		keep[i] = &Node{val: 7}
	}
	fmt.Println("p.val =", p.val, spin > 0)
}
