package main

import (
	"fmt"
	"time"
)

func main() {
	ticker := time.NewTicker(100 * time.Millisecond)
	start := time.Now()
	n := 0
	for t := range ticker.C {
		n++
		_ = t
		fmt.Println("tick", n)
		if n == 3 {
			ticker.Stop()
			break
		}
	}
	fmt.Println("stopped after", n, "ticks", time.Since(start) >= 300*time.Millisecond)
}
