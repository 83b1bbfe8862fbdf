package main

import "fmt"

func main() {
	for i := 0; i < 3; i++ {
		fmt.Print(i, " ")
	}
	fmt.Println()
	n := 0
	for n < 5 {
		n += 2
	}
	fmt.Println("n =", n)
	k := 0
	for {
		k++
		if k > 100 {
			break
		}
		if k%10 != 0 {
			continue
		}
		fmt.Print(k, ",")
	}
	fmt.Println()
outer:
	for i := 0; i < 4; i++ {
		for j := 0; j < 4; j++ {
			if j == 2 {
				continue outer
			}
			if i == 3 {
				break outer
			}
			fmt.Print(i, j, " ")
		}
	}
	fmt.Println()
	count := 0
	for i := 0; i < 10; i++ {
		for j := i; j < 10; j++ {
			count++
		}
	}
	fmt.Println("count", count)
	for i := 10; i > 0; i -= 3 {
		fmt.Print(i, ";")
	}
	fmt.Println()
}
