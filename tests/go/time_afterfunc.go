package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	events := make(chan string, 10)
	start := time.Now()
	for _, ms := range []int{30, 10, 20} {
		d := time.Duration(ms) * time.Millisecond
		time.AfterFunc(d, func() { events <- fmt.Sprint("after ", d) })
	}
	for i := 0; i < 3; i++ {
		fmt.Println(<-events)
	}
	fmt.Println(time.Since(start) >= 30*time.Millisecond)

	// Stop before it fires: true, and f never runs.
	var mu sync.Mutex
	ran := false
	t := time.AfterFunc(50*time.Millisecond, func() {
		mu.Lock()
		ran = true
		mu.Unlock()
	})
	fmt.Println("stop before firing:", t.Stop())
	fmt.Println("stop again:", t.Stop())
	time.Sleep(100 * time.Millisecond)
	mu.Lock()
	fmt.Println("ran:", ran)
	mu.Unlock()

	// Reset a stopped timer: false (it was not active); f runs after the new duration.
	done := make(chan bool)
	start = time.Now()
	t2 := time.AfterFunc(time.Hour, func() { done <- time.Since(start) >= 20*time.Millisecond })
	fmt.Println("stop:", t2.Stop())
	fmt.Println("reset:", t2.Reset(20*time.Millisecond))
	fmt.Println("fired late enough:", <-done)
	fmt.Println("stop after firing:", t2.Stop())
	fmt.Println("reset after firing:", t2.Reset(10*time.Millisecond))
	fmt.Println("fired again:", <-done)
	fmt.Println("C is nil:", t2.C == nil)

	// f runs in its own goroutine: it may block without stopping the timer machinery.
	unblock := make(chan struct{})
	finished := make(chan string)
	time.AfterFunc(time.Millisecond, func() {
		<-unblock
		finished <- "blocked f finished"
	})
	time.AfterFunc(5*time.Millisecond, func() { close(unblock) })
	fmt.Println(<-finished)
}
