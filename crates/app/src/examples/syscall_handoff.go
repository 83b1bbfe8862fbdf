package main

import (
	"fmt"
	"runtime"
	"syscall"
)

// A blocking system call takes its thread (M) into the kernel but not the P: step to the
// hand-off to watch sysmon give the only P to another M, which runs the worker; when the
// syscall returns there is no idle P, so main waits in the global queue.
func main() {
	runtime.GOMAXPROCS(1)
	done := make(chan int)
	go func() {
		sum := 0
		for i := 0; i < 30000; i++ {
			sum += i
		}
		done <- sum
	}()
	// 50 µs in nanosleep(2). time.Sleep would park only the goroutine, keeping M and P.
	syscall.Nanosleep(&syscall.Timespec{Nsec: 50000}, nil)
	fmt.Println("back from the syscall")
	fmt.Println("worker's sum:", <-done)
}
