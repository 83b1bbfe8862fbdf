package main

import "fmt"

func main() {
	c := make(chan int, 1)
	select {
	case v := <-c:
		fmt.Println("received", v)
	default:
		fmt.Println("no value ready")
	}
	c <- 7
	select {
	case v, ok := <-c:
		fmt.Println("received", v, ok)
	default:
		fmt.Println("no value ready")
	}
	select {
	case c <- 1:
		fmt.Println("sent")
	default:
		fmt.Println("full")
	}
	select {
	case c <- 2:
		fmt.Println("sent")
	default:
		fmt.Println("full")
	}
	var nilc chan int
	select {
	case <-nilc:
		fmt.Println("impossible")
	default:
		fmt.Println("nil channel never ready")
	}
	var x int
	select {
	case x = <-c:
		fmt.Println("assigned", x)
	}
}
