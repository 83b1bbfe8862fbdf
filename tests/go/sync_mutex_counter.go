package main

import (
	"fmt"
	"sync"
)

type Counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *Counter) Inc(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n[key]++
}

func main() {
	c := Counter{n: make(map[string]int)}
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				c.Inc("hits")
			}
		}()
	}
	wg.Wait()
	fmt.Println("hits:", c.n["hits"])
	var mu sync.Mutex
	fmt.Println(mu.TryLock(), mu.TryLock())
	mu.Unlock()
	var rw sync.RWMutex
	total := 0
	for i := 0; i < 10; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			rw.Lock()
			total += i
			rw.Unlock()
		}()
		go func() {
			defer wg.Done()
			rw.RLock()
			_ = total
			rw.RUnlock()
		}()
	}
	wg.Wait()
	fmt.Println("total:", total)
}
