package main

import "fmt"

func player(name string, table chan int, done chan bool, rounds int) {
	for {
		ball, ok := <-table
		if !ok {
			done <- true
			return
		}
		if ball >= rounds {
			fmt.Println("game over at", ball, len(name))
			close(table)
			done <- true
			return
		}
		if ball%2 == 0 {
			fmt.Println("ping", ball)
		} else {
			fmt.Println("pong", ball)
		}
		table <- ball + 1
	}
}

func main() {
	table := make(chan int)
	done := make(chan bool)
	go player("a", table, done, 10)
	go player("b", table, done, 10)
	table <- 0
	<-done
	<-done
}
