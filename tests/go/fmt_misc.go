package main

import "fmt"

func two() (int, string) { return 7, "seven" }

func sum(a, b, c int) int { return a + b + c }

func three() (int, int, int) { return 1, 2, 3 }

func main() {
	fmt.Println(two())
	fmt.Println(sum(three()))
	größe := 3
	fmt.Println(größe)
	fmt.Printf("|%-6s|%6s|\n", "世界", "héé")
	fmt.Printf("%v %v\n", 1e100, -0.0)
	var x float64 = -0.0
	fmt.Println(x, 1/x > 0)
	fmt.Println("a" + "b" == "ab")
	s := fmt.Sprintln("x")
	fmt.Print(s)
	fmt.Println(fmt.Sprint(), fmt.Sprint(nil), fmt.Sprintf("%v", nil))
	fmt.Printf("%5t|%-7v|%3d|%-3d|\n", true, false, -1, -1)
	fmt.Printf("%08.3f|%-8.2f|%+.1e\n", 3.14159, 2.5, 12345.678)
	fmt.Printf("%x %X %o %b\n", 3735928559, 3735928559, -8, -5)
}
