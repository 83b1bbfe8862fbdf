package main

// sync.WaitGroup.Go (Go 1.25): Add(1), run f in a new goroutine, Done when it returns.

import (
	"fmt"
	"sync"
)

type result struct {
	id, square int
}

func main() {
	var wg sync.WaitGroup
	results := make(chan result, 8)
	for i := 1; i <= 8; i++ {
		wg.Go(func() {
			results <- result{i, i * i}
		})
	}
	wg.Wait()
	close(results)
	sum := 0
	for r := range results {
		sum += r.square
	}
	fmt.Println("sum of squares:", sum)

	// Nested: a goroutine started by Go starts more with the same WaitGroup.
	var mu sync.Mutex
	var seen []int
	var wg2 sync.WaitGroup
	wg2.Go(func() {
		for j := 0; j < 3; j++ {
			wg2.Go(func() {
				mu.Lock()
				seen = append(seen, j)
				mu.Unlock()
			})
		}
	})
	wg2.Wait()
	fmt.Println("nested goroutines:", len(seen))

	// A method value of the right shape works too.
	c := &counter{}
	var wg3 sync.WaitGroup
	for k := 0; k < 5; k++ {
		wg3.Go(c.inc)
	}
	wg3.Wait()
	fmt.Println("counter:", c.n)
}

type counter struct {
	mu sync.Mutex
	n  int
}

func (c *counter) inc() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}
