package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Go(func() {
		var m map[string]int
		m["x"] = 1
	})
	wg.Wait()
	fmt.Println("not reached")
}
