package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

// work burns CPU: a goroutine that never blocks keeps its P until it is preempted.
func work(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i % 7
	}
	return s
}

func main() {
	runtime.GOMAXPROCS(2)
	const workers = 6
	var wg sync.WaitGroup
	var mu sync.Mutex
	waited := make([]time.Duration, workers)
	for i := 0; i < workers; i++ {
		wg.Add(1)
		created := time.Now()
		go func(id int) {
			defer wg.Done()
			// Runnable -> running: how long this goroutine waited for a P
			// (what pprof's scheduler latency profile measures).
			d := time.Since(created)
			mu.Lock()
			waited[id] = d
			mu.Unlock()
			work(30000)
		}(i)
	}
	wg.Wait()
	worst := time.Duration(0)
	for _, d := range waited {
		if d > worst {
			worst = d
		}
	}
	fmt.Println("goroutines:", workers, "Ps:", runtime.GOMAXPROCS(0))
	fmt.Println("worst wait for a P:", worst)
}
