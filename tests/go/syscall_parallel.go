package main

// Four goroutines each block in a syscall. With one P they still sleep at the same time:
// each syscall keeps its own M, and the P moves on to start the next goroutine.

import (
	"fmt"
	"runtime"
	"sync"
	"syscall"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := time.Duration(0)
	start := time.Now()
	for i := 1; i <= 4; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			d := time.Duration(id) * 10 * time.Millisecond
			ts := syscall.NsecToTimespec(d.Nanoseconds())
			if err := syscall.Nanosleep(&ts, nil); err != nil {
				fmt.Println(err)
				return
			}
			mu.Lock()
			total += d
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	elapsed := time.Since(start)
	fmt.Println("slept in total:", total)
	fmt.Println("in parallel:", elapsed >= 40*time.Millisecond && elapsed < total)
}
