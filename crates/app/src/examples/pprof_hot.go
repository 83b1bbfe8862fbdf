package main

// Chapter 2.2: profile before adding machines. spin is the hot function, collect the one
// that allocates; eight workers share four Ps, so some wait in a run queue before they run.

import (
	"fmt"
	"sync"
)

type item struct {
	id, score int
}

// spin burns CPU: the top of the CPU profile.
func spin(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s = (s*31 + i) % 1000003
	}
	return s
}

// collect allocates: an item per element and a backing array per growth.
func collect(n int) []*item {
	var items []*item
	for i := 0; i < n; i++ {
		items = append(items, &item{id: i, score: i % 7})
	}
	return items
}

func main() {
	var wg sync.WaitGroup
	results := make([]int, 8)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			results[w] = spin(5000) + len(collect(300))
		}(w)
	}
	wg.Wait()
	fmt.Println(len(results), results[0] > 0)
}
