package main

import "fmt"

func f(a int, b string) int { return a }

func g() {}

func main() {
	f(1)
	f(1, "a", 3)
	f()
	x := g()
	fmt.Println(x, f(true, "b"))
	fmt.Printf()
}
