package main

import "fmt"

func main() {
	done := make(chan bool)
	go func() {
		var s []int
		fmt.Println("before")
		_ = s[3]
		done <- true
	}()
	<-done
	fmt.Println("unreachable")
}
