package main

import "fmt"

var x = 1

func show(label string, v int) {
	fmt.Println(label, v)
}

func main() {
	show("global", x)
	x := 2
	show("local", x)
	{
		x := 3
		show("block", x)
		x++
		show("block after ++", x)
	}
	show("local again", x)
	if x := 10; x > 5 {
		show("if", x)
	} else {
		show("else", x)
	}
	for x := 0; x < 2; x++ {
		x := x * 100
		show("loop", x)
	}
	show("end", x)
	var fmt = "shadowed package name"
	println(fmt)
}
