package main

import "fmt"

type K struct {
	A int
	B string
}

func main() {
	fmt.Println(map[int]string{10: "ten", -1: "neg", 3: "three"})
	fmt.Println(map[float64]int{2.5: 1, -1: 2, 0: 3})
	fmt.Println(map[bool]int{true: 1, false: 0})
	fmt.Println(map[K]int{{2, "a"}: 1, {1, "z"}: 2, {1, "b"}: 3})
	fmt.Println(map[string][]int{"b": {1}, "a": {2, 3}})
	m := map[string]int{}
	for i := 0; i < 5; i++ {
		m[fmt.Sprint("k", i)] = i * i
	}
	delete(m, "k2")
	fmt.Println(m, len(m))
	sum := 0
	for _, v := range m {
		sum += v
	}
	fmt.Println(sum)
}
