package main

import "fmt"

func fill(p *[4]int) {
	for i := range p {
		p[i] = i * 10
	}
}

func main() {
	arr := [5]int{1, 2, 3, 4, 5}
	s := arr[1:3]
	s[0] = 9
	fmt.Println(arr, s, len(s), cap(s))
	s = append(s, 100)
	fmt.Println(arr, s)
	p := &arr
	p[4] = 42
	t := p[:2]
	t[1] = 7
	fmt.Println(arr, t, len(p))
	var q [4]int
	fill(&q)
	fmt.Println(q)
	full := q[:]
	full[3] = -1
	fmt.Println(q, full)
	var g [3]int
	func() {
		view := g[:]
		view[1] = 8
	}()
	h := g
	h[0] = 1
	fmt.Println(g, h, g == [3]int{0, 8, 0})
}
