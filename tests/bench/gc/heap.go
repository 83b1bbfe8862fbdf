package main

import "fmt"

// The heap of the mark-rate benchmark (crates/runtime/examples/gc_bench.rs): a linked list,
// a binary tree, slices of pointers and maps — about 700,000 objects, all reachable.

type node struct {
	v    int
	next *node
}

type tree struct {
	l, r *tree
	v    int
}

var list *node
var root *tree
var index []*node
var table map[int]*node

func build(d int) *tree {
	if d == 0 {
		return nil
	}
	return &tree{l: build(d - 1), r: build(d - 1), v: d}
}

func main() {
	for i := 0; i < 300000; i++ {
		list = &node{v: i, next: list}
	}
	root = build(18)
	table = map[int]*node{}
	for n, i := list, 0; n != nil && i < 100000; n, i = n.next, i+1 {
		index = append(index, n)
		if i%10 == 0 {
			table[i] = n
		}
	}
	for i := 0; i < 100000; i++ {
		x := &node{v: i}
		index = append(index, x)
	}
	fmt.Println(len(index), len(table), root.v)
}
