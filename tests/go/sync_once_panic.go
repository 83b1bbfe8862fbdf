package main

// If f panics, Once.Do considers it returned: the panic goes on up the caller's stack, a
// caller waiting in Do is released, and no later Do calls its f (sync/once.go's deferred
// done.Store(1) and Unlock).

import (
	"fmt"
	"sync"
)

func main() {
	var once sync.Once
	var wg sync.WaitGroup
	started := make(chan bool)
	release := make(chan bool)

	wg.Add(1)
	go func() {
		defer wg.Done()
		defer func() { fmt.Println("first caller recovered:", recover()) }()
		once.Do(func() {
			started <- true
			<-release
			panic("init failed")
		})
		fmt.Println("not reached")
	}()

	<-started
	secondReturned := false
	wg.Add(1)
	go func() {
		defer wg.Done()
		once.Do(func() { fmt.Println("second f must not run") })
		secondReturned = true
	}()
	release <- true
	wg.Wait()
	fmt.Println("second caller returned:", secondReturned)

	once.Do(func() { fmt.Println("third f must not run") })
	fmt.Println("done")
}
