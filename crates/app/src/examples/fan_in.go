package main

import (
	"fmt"
	"time"
)

func producer(name string, every time.Duration, n int) <-chan string {
	out := make(chan string)
	go func() {
		for i := 0; i < n; i++ {
			time.Sleep(every)
			out <- fmt.Sprintf("%s %d", name, i)
		}
		close(out)
	}()
	return out
}

// Fan-in: one select loop merges two channels; a nil channel is never ready,
// so a finished input is switched off by setting it to nil.
func main() {
	fast := producer("fast", 10*time.Millisecond, 4)
	slow := producer("slow", 25*time.Millisecond, 2)
	for fast != nil || slow != nil {
		select {
		case v, ok := <-fast:
			if !ok {
				fast = nil
				continue
			}
			fmt.Println(v)
		case v, ok := <-slow:
			if !ok {
				slow = nil
				continue
			}
			fmt.Println(v)
		}
	}
}
