package main

// Arming an AfterFunc timer happens before its function runs (Go releases on the timer
// when it is set and acquires when it fires): `before` is ordered, `after` races.

import (
	"fmt"
	"time"
)

func main() {
	before, after := 0, 0
	done := make(chan bool)
	before = 1
	time.AfterFunc(time.Millisecond, func() {
		before++
		after++
		done <- true
	})
	after = 1
	<-done
	fmt.Println(before, after)
}
