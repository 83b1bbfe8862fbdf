package main

// Method values of package types: wg.Done as an AfterFunc callback, mu.Lock/mu.Unlock,
// promoted s.Lock through an embedded sync.Mutex, d.String (receiver copied when
// evaluated), once.Do, ctx.Done/ctx.Err, t.Stop.

import (
	"context"
	"fmt"
	"sync"
	"time"
)

type Server struct {
	sync.Mutex
	hits int
}

func main() {
	var wg sync.WaitGroup
	wg.Add(3)
	for i := 0; i < 3; i++ {
		time.AfterFunc(time.Duration(i+1)*time.Millisecond, wg.Done)
	}
	wait := wg.Wait
	wait()
	fmt.Println("all timers fired")

	var mu sync.Mutex
	lock, unlock := mu.Lock, mu.Unlock
	n := 0
	var wg2 sync.WaitGroup
	for i := 0; i < 5; i++ {
		wg2.Go(func() {
			lock()
			defer unlock()
			n++
		})
	}
	wg2.Wait()
	fmt.Println("n =", n)

	s := &Server{}
	inc := func(l, u func()) { l(); s.hits++; u() }
	inc(s.Lock, s.Unlock)
	fmt.Println("hits:", s.hits)

	d := 1500 * time.Millisecond
	str := d.String
	d = time.Second
	fmt.Println(str(), d.String())

	var once sync.Once
	do := once.Do
	do(func() { fmt.Println("once") })
	do(func() { fmt.Println("twice?") })

	ctx, cancel := context.WithCancel(context.Background())
	done := ctx.Done
	errf := ctx.Err
	time.AfterFunc(time.Millisecond, cancel)
	<-done()
	fmt.Println(errf())

	t := time.NewTimer(time.Hour)
	stop := t.Stop
	fmt.Println(stop(), stop())
}
