package main

import "fmt"

const (
	a = iota * 10
	b
	c = "str"
	d
	e = iota
)

func main() {
	fmt.Println(a, b, c, d, e)
	const x = 7.0
	var i int = x
	fmt.Println(i, x/2, int(x)/2)
	var r rune = 'z'
	fmt.Println(r-'a', string(r))
	fmt.Println(len("") == 0, "" == "")
	n := 0
	for i := 0; i < 10; i++ {
		switch {
		case i%3 == 0:
			n += 1
		case i%3 == 1:
			n += 10
		default:
			n += 100
		}
	}
	fmt.Println(n)
	var big int64 = 1 << 40
	fmt.Println(big * big)
	var k int32 = 1 << 30
	k *= 4
	fmt.Println(k)
}
