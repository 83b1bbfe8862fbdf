package main

import "fmt"

func main() {
	var s []int
	prev := -1
	for i := 0; i < 2000; i++ {
		s = append(s, i)
		if cap(s) != prev {
			fmt.Print(cap(s), " ")
			prev = cap(s)
		}
	}
	fmt.Println(s[:3])
	var bs []byte
	for i := 0; i < 100; i++ {
		bs = append(bs, 'a')
	}
	fmt.Println(len(bs), cap(bs), string(bs[:2]))
	a := []int{1, 2, 3, 4, 5}
	b := a[1:3]
	b = append(b, 99)
	fmt.Println(a, b, len(b), cap(b))
	c := a[1:3:3]
	c = append(c, 77)
	fmt.Println(a, c)
	d := make([]int, 2, 10)
	copy(d, []int{7, 8, 9})
	fmt.Println(d, copy(d, []int{}))
}
