package main

import "time"

func main() {
	time.AfterFunc(time.Millisecond, func() {
		panic("in timer func")
	})
	time.Sleep(time.Second)
}
