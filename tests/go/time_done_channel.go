package main

import (
	"fmt"
	"time"
)

func worker(done <-chan struct{}, out chan<- int) {
	for i := 0; ; i++ {
		select {
		case <-done:
			close(out)
			return
		case out <- i:
			time.Sleep(10 * time.Millisecond)
		}
	}
}

func main() {
	done := make(chan struct{})
	out := make(chan int)
	go worker(done, out)
	for v := range out {
		if v == 5 {
			close(done)
			break
		}
	}
	time.Sleep(50 * time.Millisecond)
	fmt.Println("cancelled after 5 values")
}
