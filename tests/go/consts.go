package main

import "fmt"

const (
	A = iota
	B
	C
	_
	E
)

const (
	KB = 1 << (10 * (iota + 1))
	MB
	GB
)

const Pi = 3.14159
const Big = 1 << 100
const Name string = "goscope"
const typed int = 7

func main() {
	fmt.Println(A, B, C, E)
	fmt.Println(KB, MB, GB)
	fmt.Println(Big>>98, Big/(1<<90))
	fmt.Println(Pi*2, Name, typed*6)
	const local = 10
	x := local / 4
	y := local / 4.0
	fmt.Println(x, y)
	var f float64 = 1
	fmt.Println(f/3, 10/3, 10/3.0, 'a'+1, 'a'*2)
	fmt.Println(1e3, 2.5e-3, 1_000_000, 0x_ff, 0o17, 0b101, 017)
	h := 'x'
	fmt.Println(h, h+1)
}
