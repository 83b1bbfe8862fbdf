package main

import "fmt"

type request struct {
	n     int
	reply chan int
}

func server(reqs <-chan request) {
	for r := range reqs {
		r.reply <- r.n * r.n
	}
}

func main() {
	reqs := make(chan request)
	go server(reqs)
	for i := 1; i <= 5; i++ {
		reply := make(chan int)
		reqs <- request{i, reply}
		fmt.Println(i, <-reply)
	}
	close(reqs)
}
