package main

// context.WithCancelCause / Cause, and the Cause variants of WithTimeout/WithDeadline:
// Err() stays Canceled or DeadlineExceeded, Cause() says why; children inherit the cause.

import (
	"context"
	"errors"
	"fmt"
	"time"
)

var errShutdown = errors.New("server shutting down")

func main() {
	bg := context.Background()
	fmt.Println("background:", context.Cause(bg))

	ctx, cancel := context.WithCancelCause(bg)
	child, childCancel := context.WithCancel(ctx)
	defer childCancel()
	vctx := context.WithValue(child, "k", 1)
	fmt.Println("live:", ctx.Err(), context.Cause(ctx))
	cancel(errShutdown)
	<-child.Done()
	fmt.Println("parent:", ctx.Err(), "|", context.Cause(ctx))
	fmt.Println("child:", child.Err(), "|", context.Cause(child))
	fmt.Println("value:", vctx.Err(), "|", context.Cause(vctx))
	fmt.Println(errors.Is(context.Cause(child), errShutdown), errors.Is(child.Err(), context.Canceled))
	cancel(errors.New("too late")) // the first cause stays
	fmt.Println("again:", context.Cause(ctx))
	childCancel()
	fmt.Println("child after its own cancel:", context.Cause(child))

	// cancel(nil): the cause is Canceled.
	ctx2, cancel2 := context.WithCancelCause(bg)
	cancel2(nil)
	fmt.Println("nil cause:", context.Cause(ctx2), context.Cause(ctx2) == context.Canceled)

	// A plain CancelFunc: the cause is the error.
	ctx3, cancel3 := context.WithCancel(bg)
	cancel3()
	fmt.Println("plain:", context.Cause(ctx3))

	// Deadlines.
	tctx, tcancel := context.WithTimeout(bg, 10*time.Millisecond)
	defer tcancel()
	<-tctx.Done()
	fmt.Println("timeout:", tctx.Err(), "|", context.Cause(tctx))

	errSlow := errors.New("backend too slow")
	cctx, ccancel := context.WithTimeoutCause(bg, 20*time.Millisecond, errSlow)
	defer ccancel()
	<-cctx.Done()
	fmt.Println("timeout cause:", cctx.Err(), "|", context.Cause(cctx))

	dctx, dcancel := context.WithDeadlineCause(bg, time.Now().Add(-time.Second), errSlow)
	defer dcancel()
	fmt.Println("past deadline cause:", dctx.Err(), "|", context.Cause(dctx))

	ectx, ecancel := context.WithTimeoutCause(bg, time.Hour, errSlow)
	ecancel()
	fmt.Println("cancelled before the deadline:", ectx.Err(), "|", context.Cause(ectx))

	// A cause-cancelled parent cancels a timeout child with the parent's cause.
	pctx, pcancel := context.WithCancelCause(bg)
	kid, kidCancel := context.WithTimeout(pctx, time.Hour)
	defer kidCancel()
	go pcancel(errShutdown)
	<-kid.Done()
	fmt.Println("kid:", kid.Err(), "|", context.Cause(kid))
}
