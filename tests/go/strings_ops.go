package main

import "fmt"

func main() {
	a := "hello"
	b := "world"
	c := a + ", " + b
	fmt.Println(c, len(c), len("世界"))
	fmt.Println(a < b, a > b, a == "hello", a != b, "abc" <= "abd", "" < "a")
	fmt.Println(c[0], c[1], c[len(c)-1])
	s := ""
	for i := 0; i < 5; i++ {
		s += "ab"
	}
	fmt.Println(s, len(s))
	const greeting = "héllo"
	fmt.Println(len(greeting), greeting[1], greeting[2])
	r := 'é'
	fmt.Println(r, string(r), string(rune(65)), string(rune(0x4e16)))
	raw := `raw\nstring`
	fmt.Println(raw, len(raw))
	fmt.Println("esc: \t|\x41|\u00e9|\101|\\|\"")
}
