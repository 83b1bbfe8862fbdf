package main

import (
	"fmt"
	"runtime"
	"sync"
)

// say prints three lines, yielding its P after each one.
func say(name string, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 0; i < 3; i++ {
		fmt.Println(name, i)
		// Gosched puts this goroutine on the global run queue and lets the P
		// run another one: with one P, the two goroutines take turns.
		runtime.Gosched()
	}
}

func main() {
	runtime.GOMAXPROCS(1)
	var wg sync.WaitGroup
	wg.Add(2)
	go say("ping", &wg)
	go say("pong", &wg)
	wg.Wait()
}
