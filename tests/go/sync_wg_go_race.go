package main

// Goroutines started by WaitGroup.Go are concurrent with each other: n++ races (Wait
// orders them only before what follows it).

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	n := 0
	for i := 0; i < 2; i++ {
		wg.Go(func() {
			n++
		})
	}
	wg.Wait()
	fmt.Println(n > 0)
}
