package main

func main() {
	xs := []int{}
	append(xs, 1)
	_ = xs
}
