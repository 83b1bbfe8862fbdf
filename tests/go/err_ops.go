package main

func main() {
	var x int
	x = x + "a"
	y := 1.5
	y = 2
	var s string
	s = s + 1
	println(x < "a", y, s)
	z := 1
	z = z << 1.5
	return 5
}
