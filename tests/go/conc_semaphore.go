package main

import "fmt"

func main() {
	sem := make(chan struct{}, 3)
	done := make(chan int)
	maxSeen := make(chan int, 1)
	maxSeen <- 0
	for i := 0; i < 10; i++ {
		go func(i int) {
			sem <- struct{}{}
			m := <-maxSeen
			if len(sem) > m {
				m = len(sem)
			}
			maxSeen <- m
			<-sem
			done <- i
		}(i)
	}
	total := 0
	for i := 0; i < 10; i++ {
		total += <-done
	}
	m := <-maxSeen
	fmt.Println("total", total, "within limit", m <= 3, m >= 1)
}
