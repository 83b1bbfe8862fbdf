package main

import "fmt"

func main() {
	m := make(map[string][]int)
	m["a"] = append(m["a"], 1)
	m["a"] = append(m["a"], 2)
	m["b"] = append(m["b"], 3)
	fmt.Println(m, len(m))
	v, ok := m["zz"]
	fmt.Println(v, ok, v == nil)
	delete(m, "a")
	delete(m, "nope")
	fmt.Println(m)
	counts := map[rune]int{}
	for _, r := range "hello" {
		counts[r]++
	}
	fmt.Println(counts)
	nested := map[string]map[string]int{"x": {"y": 1}}
	nested["x"]["z"] = 2
	fmt.Println(nested)
}
