package main

type T struct{ X int }

func main() {
	t := T{}
	_ = t.Y
}
