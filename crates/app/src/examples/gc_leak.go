package main

import (
	"fmt"
	"runtime"
)

// A leak the collector cannot fix: each worker blocks forever on a channel nobody will
// ever send on, and its stack keeps its 64 KB buffer reachable. Blocked goroutines are
// roots, so no cycle frees their buffers: the heap only grows. In the GC view the buffers
// stay black cycle after cycle, each rooted in a goroutine stack.

func worker(id int, never chan int) {
	buf := make([]byte, 64<<10)
	buf[0] = byte(id)
	<-never // blocks forever
	fmt.Println(buf[0])
}

func main() {
	for i := 0; i < 100; i++ {
		go worker(i, make(chan int))
	}
	for i := 0; i < 5; i++ {
		runtime.Gosched()
	}
	runtime.GC()
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
