package main

import "fmt"

// The seed's producer/consumer (chapter 2.3): a buffered channel decouples the two sides.
func main() {
	ch := make(chan int, 10)
	go func() {
		for i := 0; i < 5; i++ {
			ch <- i // blocks only when the buffer is full
		}
		close(ch) // lets the range below end
	}()
	for v := range ch {
		fmt.Println(v)
	}
}
