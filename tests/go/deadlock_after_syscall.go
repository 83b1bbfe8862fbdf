package main

// A goroutine in a syscall is not asleep: checkdead waits for it. When it returns and exits
// without sending, main is the last goroutine and it is blocked forever.

import (
	"fmt"
	"syscall"
)

func main() {
	ch := make(chan int)
	go func() {
		err := syscall.Nanosleep(&syscall.Timespec{Sec: 0, Nsec: 200_000_000}, nil)
		fmt.Println("syscall returned:", err)
	}()
	<-ch
}
