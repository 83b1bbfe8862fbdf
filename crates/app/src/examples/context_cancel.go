package main

import (
	"context"
	"fmt"
	"time"
)

// worker ticks until its context is cancelled, then reports why it stopped.
func worker(ctx context.Context, id int, done chan<- string) {
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
			done <- fmt.Sprintf("worker %d stopped after %d ticks: %v", id, i, ctx.Err())
			return
		case <-time.After(10 * time.Millisecond):
		}
	}
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 35*time.Millisecond)
	defer cancel()
	done := make(chan string)
	for id := 1; id <= 2; id++ {
		go worker(ctx, id, done)
	}
	fmt.Println(<-done)
	fmt.Println(<-done)
}
