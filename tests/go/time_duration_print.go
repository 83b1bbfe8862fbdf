package main

import (
	"fmt"
	"time"
)

func main() {
	fmt.Println(1500 * time.Millisecond)
	fmt.Println(time.Hour + 30*time.Minute)
	fmt.Println(2 * time.Second)
	fmt.Println(time.Duration(0), time.Nanosecond, 1500*time.Microsecond)
	d := 90 * time.Second
	fmt.Printf("%v %d\n", d, d)
	fmt.Println(-3 * time.Millisecond)
	var total time.Duration
	for i := 0; i < 4; i++ {
		total += 250 * time.Millisecond
	}
	fmt.Println("total:", total, total == time.Second)
}
