package main

import "fmt"

type T struct{ n int }

func (t *T) Inc() { t.n++ }

func main() {
	f := T.Inc
	fmt.Println(f)
}
