package main

import (
	"fmt"
	"time"
)

func fetch(d time.Duration) <-chan string {
	out := make(chan string, 1) // buffered: the sender never leaks if nobody receives
	go func() {
		time.Sleep(d)
		out <- fmt.Sprint("answer after ", d)
	}()
	return out
}

func main() {
	for _, d := range []time.Duration{20 * time.Millisecond, 80 * time.Millisecond} {
		select {
		case v := <-fetch(d):
			fmt.Println(v)
		case <-time.After(50 * time.Millisecond):
			fmt.Println("timeout waiting", d)
		}
	}
}
