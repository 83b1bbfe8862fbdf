package main

import "fmt"

func spin(ch chan int) {
	for i := 0; ; i++ {
		ch <- i
	}
}

func main() {
	ch := make(chan int)
	go spin(ch)
	for i := 0; i < 3; i++ {
		fmt.Println(<-ch)
	}
	fmt.Println("main returns while spin is blocked")
}
