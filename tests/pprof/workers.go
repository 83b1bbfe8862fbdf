// Goroutines on several Ps: each worker's samples carry its own stack, rooted at the
// worker function (a goroutine's stack starts at its go statement's function).
package main

import (
	"fmt"
	"sync"
)

func hash(x int) int {
	for i := 0; i < 50; i++ {
		x = (x*31 + 7) % 1000003
	}
	return x
}

func worker(id int, jobs <-chan int, results chan<- int, wg *sync.WaitGroup) {
	defer wg.Done()
	for j := range jobs {
		results <- hash(j + id)
	}
}

func main() {
	jobs := make(chan int, 100)
	results := make(chan int, 100)
	var wg sync.WaitGroup
	for w := 1; w <= 4; w++ {
		wg.Add(1)
		go worker(w, jobs, results, &wg)
	}
	for j := 0; j < 100; j++ {
		jobs <- j
	}
	close(jobs)
	wg.Wait()
	close(results)
	sum := 0
	for r := range results {
		sum += r
	}
	fmt.Println(sum > 0)
}
