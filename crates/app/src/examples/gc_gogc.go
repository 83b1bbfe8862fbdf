package main

import (
	"fmt"
	"runtime/debug"
)

// GOGC trades memory for CPU: the next cycle starts when the heap has grown by GOGC
// percent over what the last cycle found live. Run this with 50, 100 and 200 side by
// side: 50 collects about twice as often as 100 and keeps the heap small; 200 half as
// often with a heap up to three times the live data.

type item struct {
	id   int
	data []int
}

var cache []*item
var last *item // the garbage escapes through it, so real Go heap-allocates it too

func main() {
	debug.SetGCPercent(100) // try 50 and 200
	// About 2 MB stays live...
	for i := 0; i < 2000; i++ {
		cache = append(cache, &item{id: i, data: make([]int, 128)})
	}
	// ...while a steady stream of short-lived items turns into garbage.
	sum := 0
	for i := 0; i < 60000; i++ {
		last = &item{id: i, data: make([]int, 16)}
		sum += last.id % 7
	}
	fmt.Println(len(cache), sum)
}
