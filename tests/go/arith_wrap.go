package main

import "fmt"

func main() {
	max := 9223372036854775807
	min := -9223372036854775808
	fmt.Println(max+1, min-1, max*2, -min)
	fmt.Println(min/-1, min%-1)
	fmt.Println(7/2, -7/2, 7/-2, -7/-2)
	fmt.Println(7%3, -7%3, 7%-3, -7%-3)
	x := 1
	for i := 0; i < 70; i++ {
		x *= 3
	}
	fmt.Println(x)
	s := 3
	fmt.Println(1<<s, 1<<62, -1>>s, -8>>1, 5&3, 5|3, 5^3, 5&^3, ^5)
	var big = 1 << 62
	fmt.Println(big<<1, big<<2, big>>61)
	n := 64
	fmt.Println(1<<n, -1>>n, 255>>n)
	y := 10
	y -= 3
	y *= 4
	y /= 3
	y %= 5
	y <<= 3
	y >>= 1
	y |= 1
	y &= 13
	y ^= 6
	y &^= 2
	fmt.Println(y)
	a, b := 17, 5
	fmt.Println(a/b*b+a%b == a, -a/b*b+-a%b == -a)
}
