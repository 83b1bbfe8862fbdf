package main

import (
	"fmt"
	"sync"
	"time"
)

// A buffered channel of capacity 2 is a counting semaphore: at most two
// workers hold a slot at any moment; the third blocks on the send.
func main() {
	sem := make(chan struct{}, 2)
	var wg sync.WaitGroup
	var mu sync.Mutex
	running, most := 0, 0
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			sem <- struct{}{} // acquire
			mu.Lock()
			running++
			if running > most {
				most = running
			}
			mu.Unlock()
			time.Sleep(10 * time.Millisecond)
			mu.Lock()
			running--
			mu.Unlock()
			<-sem // release
		}(i)
	}
	wg.Wait()
	fmt.Println("most workers at once:", most)
}
