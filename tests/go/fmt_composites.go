package main

import "fmt"

type Inner struct {
	A int
	B string
}

type Outer struct {
	Name  string
	In    Inner
	P     *Inner
	Tags  []string
	M     map[string]int
	Err   error
	Any   interface{}
}

func main() {
	o := Outer{Name: "x", In: Inner{1, "b"}, Tags: []string{"t1", "t2"}, M: map[string]int{"z": 26, "a": 1}}
	fmt.Printf("%v\n", o)
	fmt.Printf("%+v\n", o)
	fmt.Printf("%#v\n", Inner{2, "q"})
	fmt.Printf("%#v\n", []int{1, 2})
	fmt.Printf("%#v\n", map[string]bool{"b": true, "a": false})
	fmt.Printf("%#v %#v %#v\n", "s", 42, []string(nil))
	fmt.Println(&Inner{3, "c"}, []*Inner{nil})
	fmt.Printf("%T %T %T %T %T %T\n", o, &o, []int{}, map[string]int{}, func() {}, nil)
	var ip *int
	var e error
	fmt.Println(ip, e, []int(nil), map[int]int(nil))
	fmt.Printf("%v %d\n", [3]int{1, 2, 3}, []int{4, 5})
}
