package main

import (
	"fmt"
	"runtime"
	"time"
)

// The seed's chapter 1 example as written there: done is a plain bool, so the write in main
// and the read in worker race. Run it with the race detector to see the report; under some
// seeds the worker never sees done = true and spins until main returns. (The seed sleeps a
// millisecond; a microsecond is a thousand steps of the simulated clock and races the same.)
var done bool

func worker() {
	for !done {
		runtime.Gosched()
	}
	fmt.Println("worker saw done")
}

func main() {
	go worker()
	time.Sleep(time.Microsecond)
	done = true
	time.Sleep(time.Microsecond)
	fmt.Println("main exits")
}
