package main

import "fmt"

type Item struct{ N int }

func (i Item) Show(prefix string) { fmt.Println(prefix, i.N) }

func f() {
	defer recover()
	defer fmt.Println("f deferred")
	panic("boom")
}

func g() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	defer panic("from defer")
	return nil
}

func main() {
	fmt.Println(g())
	it := Item{1}
	defer Item.Show(it, "method expr")
	it.N = 2
	defer it.Show("method")
	m := map[int]bool{1: true, 2: true}
	func() {
		defer delete(m, 1)
		defer copy([]int{0}, []int{1})
		fmt.Println(len(m))
	}()
	fmt.Println(len(m))
	f()
}
