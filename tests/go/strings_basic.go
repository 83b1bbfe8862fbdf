package main

import (
	"fmt"
	"strings"
)

func main() {
	s := "  Hello, World  "
	fmt.Println(strings.TrimSpace(s))
	fmt.Println(strings.ToUpper("héllo"), strings.ToLower("ABC"))
	fmt.Println(strings.Split("a,b,,c", ","), len(strings.Split("", ",")))
	fmt.Println(strings.Fields("  a b\tc\n d "))
	fmt.Println(strings.Index("chicken", "ken"), strings.Index("x", "y"), strings.LastIndex("go gopher", "go"))
	fmt.Println(strings.Contains("seafood", "foo"), strings.HasPrefix("golang", "go"), strings.HasSuffix("golang", "ng"))
	fmt.Println(strings.Repeat("ab", 3), strings.Count("cheese", "e"), strings.Count("five", ""))
	fmt.Println(strings.Replace("oink oink oink", "k", "ky", 2), strings.ReplaceAll("oink oink", "oink", "moo"))
	fmt.Println(strings.Trim("xxhixx", "x"), strings.TrimPrefix("prefix-body", "prefix-"), strings.TrimSuffix("a.go", ".go"))
	fmt.Println(strings.Join([]string{"a", "b", "c"}, ", "), strings.Join(nil, "-"))
	fmt.Printf("%q\n", strings.Split("héllo", ""))
}
