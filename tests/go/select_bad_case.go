package main

func main() {
	c := make(chan int)
	x := 1
	select {
	case x + 1 > 0:
	case c <- x:
	}
}
