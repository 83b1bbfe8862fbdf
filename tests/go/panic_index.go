package main

import "fmt"

func main() {
	s := "abc"
	i := 5
	fmt.Println(s[0])
	fmt.Println(s[i])
}
