// The done flag of chapter 1: main may spin forever, or see done and stop.
package main

import (
	"fmt"
	"runtime"
)

var done bool

func main() {
	go func() {
		done = true
	}()
	for !done {
		runtime.Gosched()
	}
	fmt.Println("done")
}
