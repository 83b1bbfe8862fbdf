package main

import "fmt"

func main() {
	a := 3.14
	b := 2.0
	fmt.Println(a, b, a*b, a/b, a+b, a-b, -a)
	fmt.Println(1e6, 1e21, 123456789.0, 0.0001, 0.00001, 100.0, 1.0/3.0)
	fmt.Printf("%f %.2f %8.3f %e %E %g %.3g\n", a, a, b, 1234.5678, 1234.5678, 0.000012, 1234.5678)
	var z float64
	fmt.Println(z, 1/(z+1), float64(7)/2, int(a*100), int(-a))
	x := 10
	fmt.Println(float64(x)/4, x/4)
	fmt.Println(a < b, a == 3.14, b >= 2)
	f := 0.1 + 0.2
	fmt.Println(f, f == 0.3)
}
