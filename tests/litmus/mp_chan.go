// Publication via a channel: the send happens before the receive completes.
package main

import "fmt"

var data int

func main() {
	done := make(chan bool)
	go func() {
		data = 42
		done <- true
	}()
	<-done
	fmt.Println(data)
}
