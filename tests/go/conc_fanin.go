package main

import "fmt"

func worker(id int, n int, out chan<- int) {
	for i := 0; i < n; i++ {
		out <- id*100 + i
	}
	out <- -1
}

func main() {
	out := make(chan int)
	for w := 1; w <= 4; w++ {
		go worker(w, 5, out)
	}
	sum, count, done := 0, 0, 0
	for done < 4 {
		v := <-out
		if v < 0 {
			done++
			continue
		}
		sum += v
		count++
	}
	fmt.Println("values:", count, "sum:", sum)
}
