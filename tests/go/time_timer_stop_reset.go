package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(time.Second)
	fmt.Println("stop pending:", t.Stop())
	fmt.Println("stop again:", t.Stop())
	t.Reset(50 * time.Millisecond)
	<-t.C
	fmt.Println("fired after reset")
	fmt.Println("reset fired:", t.Reset(20*time.Millisecond))
	select {
	case <-t.C:
		fmt.Println("fired again")
	case <-time.After(time.Second):
		fmt.Println("timeout")
	}
	done := make(chan bool)
	go func() {
		for i := 0; i < 2; i++ {
			<-time.Tick(10 * time.Millisecond)
		}
		done <- true
	}()
	timeout := time.NewTimer(time.Second)
	select {
	case <-done:
		fmt.Println("ticks done, stop timeout:", timeout.Stop())
	case <-timeout.C:
		fmt.Println("timed out")
	}
}
