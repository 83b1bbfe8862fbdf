package main

import "fmt"

func divmod(a, b int) (int, int) {
	return a / b, a % b
}

func named(x int) (sq, cube int) {
	sq = x * x
	cube = sq * x
	return
}

func early(x int) (result string) {
	result = "small"
	if x > 10 {
		result = "big"
		return
	}
	return result + "!"
}

func pair() (string, bool) { return "ok", true }

func main() {
	q, r := divmod(17, 5)
	fmt.Println(q, r)
	fmt.Println(divmod(-17, 5))
	s, c := named(3)
	fmt.Println(s, c)
	fmt.Println(early(5), early(50))
	a, b := 1, 2
	a, b = b, a
	fmt.Println(a, b)
	_, ok := pair()
	fmt.Println(ok)
	var x, y = divmod(9, 4)
	fmt.Println(x, y)
	x, y = y, x
	fmt.Println(x, y)
}
