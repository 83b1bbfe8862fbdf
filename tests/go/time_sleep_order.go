package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	var wg sync.WaitGroup
	results := make(chan string, 3)
	for i, d := range []time.Duration{300 * time.Millisecond, 100 * time.Millisecond, 200 * time.Millisecond} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(d)
			results <- fmt.Sprint("worker ", i, " slept ", d)
		}()
	}
	wg.Wait()
	close(results)
	for r := range results {
		fmt.Println(r)
	}
	time.Sleep(time.Second)
	fmt.Println("slept:", time.Since(start) >= time.Second, time.Since(start) < 2*time.Second)
}
