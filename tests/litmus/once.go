// Once: f returns before any Do returns, so the value it set is visible.
package main

import (
	"fmt"
	"sync"
)

var once sync.Once
var value int

func setup() { value = 7 }

func main() {
	var wg sync.WaitGroup
	out := make([]int, 2)
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			once.Do(setup)
			out[i] = value
		}(i)
	}
	wg.Wait()
	fmt.Println(out)
}
