// A buffered channel of capacity 1 as a lock: the k-th receive happens before the
// (k+1)-th send completes, so the increments are ordered.
package main

import (
	"fmt"
	"sync"
)

func main() {
	sem := make(chan struct{}, 1)
	var wg sync.WaitGroup
	counter := 0
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			counter++
			<-sem
		}()
	}
	wg.Wait()
	fmt.Println(counter)
}
