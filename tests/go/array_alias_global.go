package main

import "fmt"

var table [4]string

func set(s []string) {
	for i := range s {
		s[i] = fmt.Sprint("v", i)
	}
}

type Buf struct {
	data [3]int
}

func main() {
	set(table[1:3])
	fmt.Printf("%q\n", table)
	p := new([3]int)
	s := p[1:]
	s[1] = 7
	fmt.Println(*p, len(s), cap(s))
	q := &[2]bool{}
	q[:][0] = true
	fmt.Println(*q)
	arr := [3]int{1, 2, 3}
	copy(arr[:], []int{9, 9})
	fmt.Println(arr)
	for i, v := range arr[1:] {
		fmt.Print(i, v, " ")
	}
	fmt.Println()
	b := Buf{}
	b.data[0] = 5
	fmt.Println(b)
}
