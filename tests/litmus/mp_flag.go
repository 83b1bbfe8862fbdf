// Message passing through a plain flag: racy; the reader may see ready without data.
package main

import (
	"fmt"
	"runtime"
)

var data, ready int

func main() {
	go func() {
		data = 42
		ready = 1
	}()
	for ready == 0 {
		runtime.Gosched()
	}
	fmt.Println(data)
}
