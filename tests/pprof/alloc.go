// An allocation profile: build allocates a slice that grows by append and a map per
// round; label allocates one small string-to-bytes copy each time.
package main

import "fmt"

type point struct {
	x, y int
}

func build(n int) []*point {
	var ps []*point
	for i := 0; i < n; i++ {
		ps = append(ps, &point{i, i * i})
	}
	return ps
}

func label(i int) []byte {
	return []byte(fmt.Sprint("item-", i))
}

func main() {
	count := 0
	for round := 0; round < 20; round++ {
		ps := build(100)
		seen := make(map[int]bool)
		for _, p := range ps {
			seen[p.x%10] = true
		}
		count += len(ps) + len(seen) + len(label(round))
	}
	fmt.Println(count)
}
