package main

import "fmt"

func main() {
	fmt.Print("a", "b", 1, 2, "c", 3, true, false, "\n")
	fmt.Print(1, 2, 3)
	fmt.Print("\n")
	fmt.Println("a", "b", 1, 2, true)
	fmt.Println()
	s := fmt.Sprint("x", 1, 2, "y")
	t := fmt.Sprintln("x", 1, 2, "y")
	fmt.Print(s, "|", t)
	fmt.Println(len(s), len(t))
	n, err := fmt.Println("counted")
	fmt.Println(n, err)
	fmt.Println("tab\tand unicode 世界 and emoji 😀")
}
