// Worker pool: 1,000 goroutines take jobs from one channel and send results to another.
package main

import (
	"fmt"
	"sync"
)

func work(n int) int {
	s := 0
	for i := 0; i < 50; i++ {
		s += (n*i + 7) % 13
	}
	return s
}

func main() {
	const workers = 1000
	const jobs = 20000
	in := make(chan int, 100)
	out := make(chan int, 100)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range in {
				out <- work(n)
			}
		}()
	}
	go func() {
		for j := 0; j < jobs; j++ {
			in <- j
		}
		close(in)
	}()
	go func() {
		wg.Wait()
		close(out)
	}()
	sum := 0
	for r := range out {
		sum += r
	}
	fmt.Println("checksum", sum)
}
