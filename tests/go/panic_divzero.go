package main

import "fmt"

func div(a, b int) int {
	return a / b
}

func main() {
	fmt.Println("before")
	zero := 0
	fmt.Println(div(10, 2))
	fmt.Println(div(1, zero))
	fmt.Println("after")
}
