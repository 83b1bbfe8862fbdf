package main

import "fmt"

func safe(id int, out chan<- string) {
	defer func() {
		if r := recover(); r != nil {
			out <- fmt.Sprint("worker ", id, " recovered: ", r)
		}
	}()
	if id%2 == 0 {
		panic(fmt.Sprintf("bad id %d", id))
	}
	out <- fmt.Sprint("worker ", id, " ok")
}

func main() {
	out := make(chan string)
	for i := 0; i < 4; i++ {
		go safe(i, out)
		fmt.Println(<-out)
	}
}
