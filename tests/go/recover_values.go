package main

import (
	"errors"
	"fmt"
)

func try(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	f()
	return nil
}

func main() {
	fmt.Println(try(func() { panic("boom") }))
	fmt.Println(try(func() { panic(errors.New("an error")) }))
	fmt.Println(try(func() { var m map[string]int; m["a"] = 1 }))
	fmt.Println(try(func() { var p *struct{ X int }; _ = p.X }))
	fmt.Println(try(func() { a := []int{1}; i := 3; _ = a[i] }))
	fmt.Println(try(func() { var x interface{} = "s"; _ = x.(int) }))
	fmt.Println(try(func() { x := 0; _ = 10 / x }))
	fmt.Println(try(func() {}))
}
