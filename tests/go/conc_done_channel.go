package main

import "fmt"

func main() {
	done := make(chan struct{})
	data := make(chan int)
	go func() {
		defer close(done)
		for v := range data {
			fmt.Println("got", v)
		}
		fmt.Println("consumer finished")
	}()
	for i := 0; i < 3; i++ {
		data <- i * 10
	}
	close(data)
	<-done
	fmt.Println("main finished")
}
