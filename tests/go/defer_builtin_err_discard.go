package main

import "fmt"

func main() {
	s := []int{1}
	defer len("x")
	defer append(s, 1)
	defer cap(s)
	fmt.Println(s)
}
