package main

import "fmt"

func cleanup(m map[string]int) {
	defer delete(m, "tmp")
	m["tmp"] = 1
	fmt.Println("inside", len(m))
}

func main() {
	m := map[string]int{"a": 1}
	cleanup(m)
	fmt.Println("after", len(m))
	defer println("deferred println", 42)
	defer print("deferred print\n")
	s := []int{1, 2}
	defer fmt.Println("deferred fmt", s)
	s[0] = 99
	fmt.Println("main done")
}
