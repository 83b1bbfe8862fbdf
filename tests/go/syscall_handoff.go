package main

// A blocking system call holds its thread (M) in the kernel, but not the P: after at
// most one sysmon tick the runtime hands the only P to another M, so the other goroutine
// runs while main is still in the syscall.

import (
	"fmt"
	"runtime"
	"syscall"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	done := make(chan string, 1)
	go func() {
		done <- "worker ran while main was in the syscall"
	}()
	start := time.Now()
	// 100 ms in nanosleep(2); time.Sleep would park only the goroutine instead.
	if err := syscall.Nanosleep(&syscall.Timespec{Sec: 0, Nsec: 100_000_000}, nil); err != nil {
		fmt.Println("error:", err)
	}
	select {
	case s := <-done:
		fmt.Println(s)
	default:
		fmt.Println("worker did not run")
	}
	fmt.Println(time.Since(start) >= 100*time.Millisecond)
}
