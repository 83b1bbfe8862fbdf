package main

// A watchdog: time.AfterFunc calls cancel in its own goroutine when the timer fires.
// Stopping the timer before it fires keeps the context alive.

import (
	"context"
	"fmt"
	"time"
)

func work(ctx context.Context, steps int) (int, error) {
	done := 0
	for i := 0; i < steps; i++ {
		select {
		case <-ctx.Done():
			return done, ctx.Err()
		case <-time.After(10 * time.Millisecond):
			done++
		}
	}
	return done, nil
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	watchdog := time.AfterFunc(55*time.Millisecond, cancel)
	n, err := work(ctx, 100)
	fmt.Println("steps:", n, "err:", err)
	fmt.Println("watchdog already fired, Stop:", watchdog.Stop())

	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	watchdog2 := time.AfterFunc(time.Second, cancel2)
	n, err = work(ctx2, 3)
	fmt.Println("steps:", n, "err:", err)
	fmt.Println("stopped in time:", watchdog2.Stop())
	time.Sleep(2 * time.Second)
	fmt.Println("ctx2 still live:", ctx2.Err() == nil)
}
