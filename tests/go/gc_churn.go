// Objects survive every cycle while garbage is collected around them: a tree, a map of
// slices and closures stay reachable through globals, locals and a goroutine's stack while
// the program allocates far past the 4 MB first heap goal.
package main

import (
	"fmt"
	"runtime"
)

type tree struct {
	l, r *tree
	v    int
}

func build(d, v int) *tree {
	if d == 0 {
		return &tree{v: v}
	}
	return &tree{l: build(d-1, 2*v), r: build(d-1, 2*v+1), v: v}
}

func (t *tree) sum() int {
	if t == nil {
		return 0
	}
	return t.v + t.l.sum() + t.r.sum()
}

var global *tree
var byKey = map[int][]int{}

func main() {
	global = build(10, 1)
	local := build(8, 3)
	adders := []func() int{}
	for i := 0; i < 10; i++ {
		x := &tree{v: i}
		adders = append(adders, func() int { return x.v })
	}
	done := make(chan int)
	go func(t *tree) {
		s := 0
		for i := 0; i < 3; i++ {
			runtime.Gosched()
			s += t.sum()
		}
		done <- s
	}(build(6, 5))
	junk := 0
	for round := 0; round < 40; round++ {
		for i := 0; i < 2000; i++ {
			b := make([]int, 64)
			b[0] = i
			junk += b[0]
		}
		byKey[round%7] = append(byKey[round%7], round)
		if round%10 == 0 {
			runtime.GC()
		}
	}
	total := 0
	for _, f := range adders {
		total += f()
	}
	keys := 0
	for k, v := range byKey {
		keys += k * len(v)
	}
	fmt.Println(global.sum(), local.sum(), total, keys, junk, <-done)
}
