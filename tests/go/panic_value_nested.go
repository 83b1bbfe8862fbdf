package main

import (
	"errors"
	"fmt"
)

type NotFound struct{ Key string }

func (e NotFound) Error() string { return "not found: " + e.Key }

func find(k string) error { return NotFound{k} }

func main() {
	defer func() {
		r := recover()
		fmt.Printf("recovered %T %v\n", r, r)
		var nf NotFound
		if err, ok := r.(error); ok && errors.As(err, &nf) {
			fmt.Println("key", nf.Key)
		}
		panic(fmt.Sprint("again: ", r))
	}()
	panic(find("k1"))
}
