// Tight arithmetic loop: the interpreter's raw instruction rate.
package main

import "fmt"

func main() {
	sum := 0
	x := 1
	for i := 0; i < 3000000; i++ {
		x = (x*1103515245 + 12345) % 2147483648
		sum += x % 1000
	}
	fmt.Println("checksum", sum)
}
