package main

import (
	"fmt"
	"time"
)

func main() {
	defer fmt.Println("deferred runs")
	var t *time.Timer
	fmt.Println(time.Duration(-5) * time.Second)
	t.Stop()
}
