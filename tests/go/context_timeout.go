package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

func slow() <-chan string {
	c := make(chan string, 1)
	go func() {
		time.Sleep(200 * time.Millisecond)
		c <- "result"
	}()
	return c
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	select {
	case <-ctx.Done():
		fmt.Println(ctx.Err())
	case r := <-slow():
		fmt.Println(r)
	}
	fmt.Println(errors.Is(ctx.Err(), context.DeadlineExceeded))
	var c context.CancelFunc
	_ = c
	dctx, c2 := context.WithDeadline(context.Background(), time.Now())
	c = c2
	defer c()
	<-dctx.Done()
	fmt.Println("child:", dctx.Err())
}
