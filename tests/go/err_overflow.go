package main

func main() {
	const big = 1 << 70
	var x int = big
	var y int = 1 << 63
	z := 9223372036854775808
	var w int = 2.5
	println(x, y, z, w, 1<<62*4)
}
