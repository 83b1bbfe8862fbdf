package main

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"time"
)

// The seed's chapter 1 example, done right: the flag is an atomic, so the write in main
// happens before the worker's read that sees it, and the loop ends.
var done atomic.Bool

func worker(exited chan<- struct{}) {
	for !done.Load() {
		runtime.Gosched()
	}
	exited <- struct{}{}
}

func main() {
	exited := make(chan struct{})
	go worker(exited)
	time.Sleep(time.Millisecond)
	done.Store(true)
	<-exited
	fmt.Println("worker saw done and exited")
}
