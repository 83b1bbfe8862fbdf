package main

import (
	"fmt"
	"sync"
)

type Counter struct {
	sync.Mutex
	n int
}

func (c *Counter) Inc() {
	c.Lock()
	defer c.Unlock()
	c.n++
}

type Cache struct {
	sync.RWMutex
	data map[string]int
}

func (c *Cache) Get(k string) (int, bool) {
	c.RLock()
	defer c.RUnlock()
	v, ok := c.data[k]
	return v, ok
}

type Service struct {
	*Cache
	name string
}

func main() {
	var c Counter
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.Inc()
		}()
	}
	wg.Wait()
	fmt.Println(c.n)
	s := Service{&Cache{data: map[string]int{"a": 1}}, "svc"}
	s.Lock()
	s.data["b"] = 2
	s.Unlock()
	v, ok := s.Get("b")
	fmt.Println(v, ok, s.name)
}
