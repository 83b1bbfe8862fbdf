package main

import "fmt"

func main() {
	if v := 3; true {
	}
	for i := 0; i < 3; i++ {
		j := i
	}
	var a, b = 1, 2
	a = b
	const c = 5
	x, _ := 1, 2
	fmt.Println(x)
}
