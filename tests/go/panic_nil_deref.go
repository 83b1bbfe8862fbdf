package main

type T struct{ X int }

func main() {
	var p *T
	println(p.X)
}
