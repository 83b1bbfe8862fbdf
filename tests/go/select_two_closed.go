package main

import "fmt"

func produce(name string, n int, out chan<- string) {
	for i := 0; i < n; i++ {
		out <- fmt.Sprintf("%s%d", name, i)
	}
	close(out)
}

func main() {
	a := make(chan string)
	b := make(chan string)
	go produce("a", 3, a)
	go produce("b", 4, b)
	countA, countB := 0, 0
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				continue
			}
			countA++
			_ = v
		case v, ok := <-b:
			if !ok {
				b = nil
				continue
			}
			countB++
			_ = v
		}
	}
	fmt.Println("from a:", countA, "from b:", countB)
}
