package main

// ctx.Deadline() for every kind of context, and how a child's deadline relates to its
// parent's: a later deadline than the parent's is ignored (WithDeadline returns
// WithCancel(parent)), a sooner one wins.

import (
	"context"
	"errors"
	"fmt"
	"time"
)

type key string

func show(name string, ctx context.Context, start time.Time) {
	d, ok := ctx.Deadline()
	if !ok {
		fmt.Printf("%-10s no deadline, err=%v\n", name, ctx.Err())
		return
	}
	fmt.Printf("%-10s deadline in %v, err=%v\n", name, d.Sub(start).Round(time.Millisecond), ctx.Err())
}

func main() {
	start := time.Now()
	bg := context.Background()
	show("background", bg, start)
	show("todo", context.TODO(), start)

	cctx, cancel := context.WithCancel(bg)
	defer cancel()
	show("cancel", cctx, start)

	tctx, tcancel := context.WithTimeout(cctx, 300*time.Millisecond)
	defer tcancel()
	show("timeout", tctx, start)

	vctx := context.WithValue(tctx, key("user"), "gopher")
	show("value", vctx, start)
	fmt.Println("value:", vctx.Value(key("user")), vctx.Value(key("none")))

	later, lcancel := context.WithDeadline(vctx, start.Add(time.Hour))
	defer lcancel()
	show("later", later, start)

	sooner, scancel := context.WithTimeout(vctx, 100*time.Millisecond)
	defer scancel()
	show("sooner", sooner, start)

	<-sooner.Done()
	show("sooner", sooner, start)
	fmt.Println(errors.Is(sooner.Err(), context.DeadlineExceeded), tctx.Err(), later.Err())

	<-later.Done()
	show("later", later, start)
	show("timeout", tctx, start)
	show("value", vctx, start)
	fmt.Println("parent still live:", cctx.Err() == nil)
	fmt.Println("elapsed >= 300ms:", time.Since(start) >= 300*time.Millisecond)

	past, pcancel := context.WithDeadline(bg, start.Add(-time.Second))
	defer pcancel()
	show("past", past, start)
}
