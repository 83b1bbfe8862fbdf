package main

import "fmt"

func main() {
	fmt.Println("hi"
	if x := 1; x > 0 {
		fmt.Println(x)
	}
	for i := 0; i < 3; i++ {
	y := [
}
