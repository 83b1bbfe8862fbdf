package main

import (
	"context"
	"errors"
	"fmt"
)

func worker(ctx context.Context, out chan<- int, stopped chan<- bool) {
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
			stopped <- true
			return
		case out <- i:
		}
	}
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan int)
	stopped := make(chan bool)
	go worker(ctx, out, stopped)
	for i := 0; i < 3; i++ {
		fmt.Println("got", <-out)
	}
	cancel()
	<-stopped
	fmt.Println("worker stopped:", ctx.Err())
	fmt.Println(errors.Is(ctx.Err(), context.Canceled))
	cancel()
	fmt.Println(ctx.Err() == context.Canceled)
}
