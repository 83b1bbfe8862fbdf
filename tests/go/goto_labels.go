package main

import "fmt"

func main() {
	i := 0
loop:
	if i < 5 {
		fmt.Print(i, " ")
		i++
		goto loop
	}
	fmt.Println()
	goto end
	fmt.Println("skipped")
end:
	fmt.Println("end")
}
