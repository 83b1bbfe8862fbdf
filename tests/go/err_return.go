package main

func a() int {
	for {
		break
	}
}

func b(x int) int {
	if x > 0 {
		return 1
	}
}

func c() (int, string) {
	return 1
}

func d() {
	return 5
}

func e() int {
	return "s"
}

func main() {
	a()
	b(1)
	c()
	d()
	e()
}
