package main

import (
	"fmt"
	"syscall"
	"time"
)

func main() {
	ts := syscall.NsecToTimespec(int64(1500 * time.Millisecond))
	fmt.Println(ts.Sec, ts.Nsec, ts.Nano())
	fmt.Printf("%v %+v\n", ts, ts)
	neg := syscall.NsecToTimespec(-1)
	fmt.Println(neg.Sec, neg.Nsec, neg.Nano())
	p := &syscall.Timespec{Nsec: 2000}
	p.Nsec *= 2
	fmt.Println(syscall.Nanosleep(p, nil), p.Nano())
	// nanosleep(2) rejects a nanosecond field outside [0, 1e9) and a negative second.
	fmt.Println(syscall.Nanosleep(&syscall.Timespec{Nsec: 1_000_000_000}, nil))
	fmt.Println(syscall.Nanosleep(&syscall.Timespec{Sec: -1}, nil))
	fmt.Println(syscall.Nanosleep(nil, nil))
	var zero syscall.Timespec
	fmt.Println(syscall.Nanosleep(&zero, nil) == nil)
}
