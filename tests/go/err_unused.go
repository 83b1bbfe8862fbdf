package main

import (
	"fmt"
	"os"
)

func main() {
	x := 1
	y := 2
	y++
	var z int
	z = 3
	fmt.Println(y)
}
