package main

func main() {
	c := make(<-chan int)
	c <- 1
	d := make(chan<- int)
	<-d
	close(c)
	var x int
	x <- 1
	<-x
}
