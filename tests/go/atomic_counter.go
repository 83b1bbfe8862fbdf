package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type Stats struct {
	hits  atomic.Int64
	small atomic.Int32
	ready atomic.Bool
}

func main() {
	var ops int64
	var n32 int32
	var s Stats
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 100; j++ {
				atomic.AddInt64(&ops, 1)
				s.hits.Add(2)
			}
			atomic.AddInt32(&n32, 1)
			s.small.Add(1)
		}()
	}
	wg.Wait()
	fmt.Println("ops:", atomic.LoadInt64(&ops), "n32:", atomic.LoadInt32(&n32))
	fmt.Println("hits:", s.hits.Load(), "small:", s.small.Load())
	fmt.Println(atomic.CompareAndSwapInt64(&ops, 5000, 1), atomic.CompareAndSwapInt64(&ops, 5000, 2), ops)
	fmt.Println(atomic.SwapInt64(&ops, 42), atomic.LoadInt64(&ops))
	atomic.StoreInt64(&ops, 7)
	fmt.Println(ops, s.hits.Swap(3), s.hits.CompareAndSwap(3, 4), s.hits.Load())
	fmt.Println(s.ready.Load(), s.ready.CompareAndSwap(false, true), s.ready.Load(), s.ready.Swap(false))
	s.ready.Store(true)
	s.small.Store(-1)
	fmt.Println(s.ready.Load(), s.small.Load())
}
