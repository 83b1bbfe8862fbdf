package main

import (
	"fmt"
	"time"
)

func slow(c chan<- string) {
	time.Sleep(2 * time.Second)
	c <- "slow result"
}

func fast(c chan<- string) {
	time.Sleep(10 * time.Millisecond)
	c <- "fast result"
}

func main() {
	c1 := make(chan string, 1)
	go slow(c1)
	select {
	case r := <-c1:
		fmt.Println(r)
	case <-time.After(500 * time.Millisecond):
		fmt.Println("timeout after 500ms")
	}
	c2 := make(chan string, 1)
	go fast(c2)
	select {
	case r := <-c2:
		fmt.Println(r)
	case <-time.After(time.Second):
		fmt.Println("timeout")
	}
}
