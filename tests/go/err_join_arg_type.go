package main

import "strings"

func main() {
	_ = strings.Join([]int{1}, ",")
}
