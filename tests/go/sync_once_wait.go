package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var once sync.Once
	var wg sync.WaitGroup
	ready := false
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			once.Do(func() {
				time.Sleep(50 * time.Millisecond)
				ready = true
			})
			// Every caller returns only after f has returned.
			if !ready {
				fmt.Println("not ready!")
			}
		}()
	}
	wg.Wait()
	fmt.Println("ready:", ready)
	defer func() {
		r := recover()
		s, ok := r.(string)
		fmt.Println("recovered string:", ok, s)
	}()
	wg.Add(-1)
}
