// Store buffering: both goroutines store then load the other's variable without sync.
package main

import (
	"fmt"
	"sync"
)

var x, y int

func main() {
	var wg sync.WaitGroup
	var r1, r2 int
	wg.Add(2)
	go func() {
		defer wg.Done()
		x = 1
		r1 = y
	}()
	go func() {
		defer wg.Done()
		y = 1
		r2 = x
	}()
	wg.Wait()
	fmt.Println(r1, r2)
}
