package main

import (
	"fmt"
	"sort"
)

type Person struct {
	Name string
	Age  int
}

func main() {
	xs := []int{5, 2, 8, 1, 9, 3}
	sort.Ints(xs)
	fmt.Println(xs)
	ss := []string{"pear", "apple", "fig"}
	sort.Strings(ss)
	fmt.Println(ss)
	people := []Person{{"Alice", 30}, {"Bob", 25}, {"Carol", 35}, {"Dan", 25}}
	sort.Slice(people, func(i, j int) bool { return people[i].Age < people[j].Age })
	fmt.Println(people)
	big := []int{}
	for i := 0; i < 40; i++ {
		big = append(big, (i*37)%41)
	}
	sort.Slice(big, func(i, j int) bool { return big[i] > big[j] })
	fmt.Println(big)
	calls := 0
	small := []int{3, 1, 2}
	sort.Slice(small, func(i, j int) bool {
		calls++
		fmt.Println("less", i, j)
		return small[i] < small[j]
	})
	fmt.Println(small, calls)
}
