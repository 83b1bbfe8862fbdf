package main

// Stress: short syscalls of many goroutines started by WaitGroup.Go, GOMAXPROCS changed while
// others are in syscalls, AfterFunc timers firing meanwhile. The total is the same however
// they interleave.

import (
	"fmt"
	"runtime"
	"sync"
	"syscall"
	"time"
)

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for i := 0; i < 12; i++ {
		wg.Go(func() {
			for j := 0; j < 3; j++ {
				syscall.Nanosleep(&syscall.Timespec{Nsec: int64((i*7+j*13)%50) * 1000}, nil)
				mu.Lock()
				total++
				mu.Unlock()
				if j == 1 && i%4 == 0 {
					runtime.GOMAXPROCS(1 + i%3)
				}
				n := 0
				for k := 0; k < 300*i; k++ {
					n += k
				}
				_ = n
			}
		})
		if i%3 == 0 {
			time.AfterFunc(time.Duration(i)*time.Microsecond, func() {
				mu.Lock()
				total += 100
				mu.Unlock()
			})
		}
	}
	wg.Wait()
	time.Sleep(time.Millisecond)
	fmt.Println(total)
}
