package main

import (
	"fmt"
	"strings"
)

func main() {
	parts := []string{}
	for i := 0; i < 5; i++ {
		parts = append(parts, strings.Repeat("*", i+1))
	}
	fmt.Println(strings.Join(parts, "\n"))
	csv := "name,age\nann,30\nbob,25"
	for i, line := range strings.Split(csv, "\n") {
		cols := strings.Split(line, ",")
		fmt.Println(i, len(cols), strings.ToUpper(cols[0]))
	}
}
