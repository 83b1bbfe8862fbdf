package main

import "fmt"

func f() (result int) {
	defer func() { result *= 2 }()
	defer fmt.Println("deferred print", result)
	result = 21
	return result
}

func loop() {
	for i := 0; i < 3; i++ {
		defer fmt.Println("defer", i)
	}
}

func main() {
	fmt.Println(f())
	loop()
	x := 1
	defer fmt.Println("x at defer:", x)
	x = 2
	func() {
		defer fmt.Println("inner defer")
		fmt.Println("inner body")
	}()
}
