package main

import "fmt"

func main() {
	inc := make(chan int)
	get := make(chan chan int)
	go func() {
		count := 0
		for {
			r, ok := <-inc
			if !ok {
				reply := <-get
				reply <- count
				return
			}
			count += r
		}
	}()
	finished := make(chan bool)
	for w := 0; w < 5; w++ {
		go func() {
			for i := 0; i < 20; i++ {
				inc <- 1
			}
			finished <- true
		}()
	}
	for w := 0; w < 5; w++ {
		<-finished
	}
	close(inc)
	reply := make(chan int)
	get <- reply
	fmt.Println("count:", <-reply)
}
