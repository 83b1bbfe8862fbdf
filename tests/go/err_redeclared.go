package main

import "fmt"

var g = 1
var g = 2

func main() {
	x := 1
	x := 2
	var y int
	var y string
	if x {
	}
	for 5 {
	}
	x()
	fmt.Println(x, y)
}
