package main

import "fmt"

func work(id int, out chan<- [2]int) {
	s := 0
	for i := 0; i < 20000; i++ {
		s += i % (id + 2)
	}
	out <- [2]int{id, s}
}

func main() {
	out := make(chan [2]int, 8)
	for i := 0; i < 8; i++ {
		go work(i, out)
	}
	res := make([]int, 8)
	for i := 0; i < 8; i++ {
		r := <-out
		res[r[0]] = r[1]
	}
	fmt.Println(res)
}
