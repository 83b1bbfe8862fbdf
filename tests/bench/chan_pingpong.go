// Channel ping-pong: two goroutines hand a counter back and forth over unbuffered channels.
package main

import "fmt"

func main() {
	ping := make(chan int)
	pong := make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
		close(pong)
	}()
	sum := 0
	for i := 0; i < 100000; i++ {
		ping <- i
		sum += <-pong
	}
	close(ping)
	fmt.Println("checksum", sum)
}
