package main

import "fmt"

func main() {
	r := 'A'
	fmt.Println(r, r+2, string(r+2))
	fmt.Printf("%c %d %q %U %x\n", r, r, r, r, r)
	var b byte = 250
	b += 10
	fmt.Println(b)
	var c rune = '世'
	fmt.Println(c, string(c))
	s := "héllo"
	fmt.Println(s[0], s[1], len(s))
	fmt.Printf("%q %q %q\n", '\n', '\'', '"')
}
