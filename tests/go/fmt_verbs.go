package main

import "fmt"

func main() {
	fmt.Printf("%d %s %v %q %5d|%-4s|%x\n", 42, "go", 3 > 2, "hi", 7, "ab", 255)
	fmt.Printf("[%5s][%-5s][%.2s][%5.1s]\n", "abc", "abc", "abc", "abc")
	fmt.Printf("[%05d][%-5d][%+d][% d][%x][%X][%#x][%o][%#o][%b]\n", 42, 42, 42, 42, -255, 255, 255, 8, 8, 5)
	fmt.Printf("%t %v %t\n", true, false, 1 < 2)
	fmt.Printf("%c%c%c %U %q\n", 'G', 'o', '!', 0x1F600, 'x')
	fmt.Printf("%q %+q %x % x %X\n", "héllo\n", "héllo", "hi", "hi", "hi")
	fmt.Printf("%d%%\n", 50)
	fmt.Printf("%d\n", "str")
	fmt.Printf("%s\n", 12)
	fmt.Printf("%d %d\n", 1)
	fmt.Printf("%d\n", 1, 2, "x")
	fmt.Printf("%!\n")
	fmt.Printf("%v|%6v|%-6v|\n", "s", 12, true)
	fmt.Printf("%3c|%-3c|\n", 'a', 'b')
	fmt.Printf("%T %T %T %T\n", 1, "s", true, 2.5)
	fmt.Printf("%*d|%-*d|\n", 5, 1, 4, 2)
	fmt.Printf("%.3d %8.3d\n", 7, -7)
	n, err := fmt.Printf("12345\n")
	fmt.Println(n, err)
	s := fmt.Sprintf("%d-%s", 1, "a")
	fmt.Println(s, len(s))
}
