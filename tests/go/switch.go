package main

import "fmt"

func classify(n int) string {
	switch {
	case n < 0:
		return "negative"
	case n == 0:
		return "zero"
	case n < 10:
		return "small"
	default:
		return "large"
	}
}

func main() {
	for _, n := 0, 0; n < 1; n++ {
	}
	fmt.Println(classify(-5), classify(0), classify(7), classify(100))
	for i := 0; i < 6; i++ {
		switch i {
		case 0:
			fmt.Println("zero")
		case 1, 2:
			fmt.Println("one or two")
			fallthrough
		case 3:
			fmt.Println("three (or fell through)")
		case 4:
			if i == 4 {
				break
			}
			fmt.Println("unreachable")
		default:
			fmt.Println("default", i)
		}
	}
	switch x := 5; x * 2 {
	case 10:
		fmt.Println("ten")
	}
}
