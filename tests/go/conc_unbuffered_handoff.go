package main

import "fmt"

func main() {
	ch := make(chan int)
	ack := make(chan int)
	go func() {
		for i := 0; i < 4; i++ {
			v := <-ch
			ack <- v * 2
		}
	}()
	for i := 1; i <= 4; i++ {
		ch <- i
		fmt.Println(i, "->", <-ack)
	}
}
