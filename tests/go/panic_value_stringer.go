package main

import "fmt"

type Color int

func (c Color) String() string { return "color" }

type Pair struct {
	A Color
	B []Color
}

func main() {
	fmt.Println(Pair{1, []Color{2, 3}})
	fmt.Printf("%v %+v\n", Pair{1, nil}, []Color{4})
	fmt.Println(map[Color]Color{1: 2})
	panic(Color(3))
}
