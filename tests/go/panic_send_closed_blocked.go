package main

import "fmt"

func main() {
	ch := make(chan int)
	done := make(chan bool)
	go func() {
		fmt.Println("closing")
		close(ch)
		done <- true
	}()
	ch <- 1
	<-done
}
