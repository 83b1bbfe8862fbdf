package main

import "fmt"

type Counter struct{ n int }

func (c *Counter) Inc() { c.n++ }

type Incer interface{ Inc() }

type Holder struct {
	Counter
}

func main() {
	var i Incer = Holder{}
	fmt.Println(i)
}
