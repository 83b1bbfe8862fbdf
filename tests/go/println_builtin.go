package main

func main() {
	println("to stderr", 42, true, 2.5)
	print("no", "spaces", 1, 2, "\n")
	x := -3
	println(x, x*x)
}
