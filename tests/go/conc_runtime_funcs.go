package main

import (
	"fmt"
	"runtime"
)

func main() {
	prev := runtime.GOMAXPROCS(2)
	fmt.Println(prev > 0, runtime.GOMAXPROCS(0))
	fmt.Println(runtime.NumCPU() > 0, runtime.NumGoroutine())
	start := make(chan bool)
	done := make(chan int)
	for i := 0; i < 3; i++ {
		go func(i int) {
			<-start
			done <- i
		}(i)
	}
	fmt.Println("goroutines:", runtime.NumGoroutine())
	close(start)
	sum := 0
	for i := 0; i < 3; i++ {
		sum += <-done
	}
	fmt.Println("sum", sum)
	runtime.GOMAXPROCS(1)
	results := make(chan int, 1)
	go func() {
		results <- 7
	}()
	for len(results) == 0 {
		runtime.Gosched()
	}
	fmt.Println("got", <-results, runtime.GOMAXPROCS(0))
}
