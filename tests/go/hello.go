package main

import "fmt"

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	fmt.Println("hello, 世界")
	total := 0
	for i := 0; i < 10; i++ {
		if i%2 == 0 {
			continue
		}
		total += i
	}
	var s string = "sum"
	fmt.Println(s, total, fib(20), 7/2, -7%3, 1<<10, true && !false)
	fmt.Printf("%d %s %v %q %5d|%-4s|%x\n", 42, "go", 3 > 2, "hi", 7, "ab", 255)
}
