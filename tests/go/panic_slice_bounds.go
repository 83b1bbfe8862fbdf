package main

func main() {
	xs := []int{1, 2, 3}
	hi := 10
	_ = xs[1:hi]
}
