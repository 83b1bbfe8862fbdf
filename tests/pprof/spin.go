// A CPU profile's first lesson: one hot function. spin and warm run the same loop, spin
// three times as long, so spin should hold about three quarters of the samples.
package main

import "fmt"

func spin(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i % 7
	}
	return s
}

func warm(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i % 7
	}
	return s
}

func main() {
	total := 0
	for round := 0; round < 10; round++ {
		total += spin(30000)
		total += warm(10000)
	}
	fmt.Println(total)
}
