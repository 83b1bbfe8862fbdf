package main

import "fmt"

func main() {
	fmt.Println(a)
	b = 2
	undefinedFunc(3)
	fmt.Printn("x")
}
