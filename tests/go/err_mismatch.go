package main

import "fmt"

func main() {
	a := 1
	b := "s"
	fmt.Println(a + b)
	var c int = "x"
	a = "y"
	var d bool = 1
	fmt.Println(1 + "a", c, d, a == b, -b, !a)
	fmt.Println(a + 1.5)
}
