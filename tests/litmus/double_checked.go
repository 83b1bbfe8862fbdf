// Double-checked locking: the unlocked first check races with the locked write.
package main

import (
	"fmt"
	"sync"
)

var mu sync.Mutex
var config map[string]int

func get() int {
	if config == nil {
		mu.Lock()
		if config == nil {
			config = map[string]int{"n": 1}
		}
		mu.Unlock()
	}
	return config["n"]
}

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	for i := 0; i < 2; i++ {
		go func() {
			defer wg.Done()
			_ = get()
		}()
	}
	wg.Wait()
	fmt.Println(get())
}
