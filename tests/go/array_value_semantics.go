package main

import "fmt"

func main() {
	a := [3]int{1, 2, 3}
	b := a
	b[0] = 100
	fmt.Println(a, b, a == [3]int{1, 2, 3})
	var grid [2][3]int
	grid[1][2] = 5
	fmt.Println(grid, len(grid), len(grid[0]))
	for i, v := range a {
		fmt.Print(i, ":", v, " ")
	}
	fmt.Println()
}
