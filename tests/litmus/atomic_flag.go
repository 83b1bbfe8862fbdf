// Message passing through an atomic flag: atomics synchronise.
package main

import (
	"fmt"
	"runtime"
	"sync/atomic"
)

func main() {
	data := 0
	var ready int32
	go func() {
		data = 42
		atomic.StoreInt32(&ready, 1)
	}()
	for atomic.LoadInt32(&ready) == 0 {
		runtime.Gosched()
	}
	fmt.Println(data)
}
