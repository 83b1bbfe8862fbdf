package main

import "fmt"

type Animal interface{ Sound() string }
type Dog struct{}
type Cat struct{ name string }

func (Dog) Sound() string  { return "woof" }
func (c *Cat) Sound() string { return c.name + " meows" }

func describe(x interface{}) string {
	switch v := x.(type) {
	case nil:
		return "nil"
	case int:
		return fmt.Sprintf("int %d", v)
	case string:
		return "string " + v
	case Animal:
		return "animal " + v.Sound()
	case []int:
		return fmt.Sprint("slice ", len(v))
	default:
		return fmt.Sprintf("other %T", v)
	}
}

func main() {
	for _, x := range []interface{}{nil, 1, "a", Dog{}, &Cat{"tom"}, []int{1, 2}, 2.5} {
		fmt.Println(describe(x))
	}
	var a Animal = Dog{}
	if d, ok := a.(Dog); ok {
		fmt.Println("dog", d.Sound())
	}
	_, ok := a.(*Cat)
	fmt.Println(ok)
}
