package main

import "fmt"

var total = compute()
var base = 10
var counter int
var msg string
var flag bool

func compute() int {
	return 5 * 5
}

func bump() {
	counter++
}

func main() {
	fmt.Println(total, base, counter, msg == "", flag)
	for i := 0; i < 3; i++ {
		bump()
	}
	msg = "done"
	fmt.Println(counter, msg)
}
