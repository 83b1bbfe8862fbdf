package main

import "fmt"

type T struct {
	A int
	B []string
}

func main() {
	s := fmt.Sprintf("%5d|%-5d|%05d|%x|%X|%o|%b", 42, 42, 42, 255, 255, 8, 5)
	fmt.Println(s)
	fmt.Println(fmt.Sprintf("%8.3f|%-8.2f|%e|%g", 3.14159, 2.5, 1234.5678, 0.000012))
	fmt.Println(fmt.Sprintf("%s|%q|%v|%10s|%-10s|", "go", "go", "go", "right", "left"))
	fmt.Println(fmt.Sprintf("%t %v %c %U", true, false, 'G', 'G'))
	fmt.Println(fmt.Sprintf("%v|%+v|%#v", T{1, []string{"a"}}, T{1, nil}, T{2, []string{"b"}}))
	fmt.Println(fmt.Sprintf("%d %s", 1))
	fmt.Println(fmt.Sprintf("%d", 1, 2))
	fmt.Println(fmt.Sprint("a", 1, 2, "b", "c", 3.5, true))
	fmt.Print("x", 1, "\n")
	fmt.Println(fmt.Sprintln("a", 1) == "a 1\n")
}
