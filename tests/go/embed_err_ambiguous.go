package main

import "fmt"

type A struct{ X int }
type B struct{ X int }

type C struct {
	A
	B
}

func main() {
	c := C{}
	fmt.Println(c.X)
}
