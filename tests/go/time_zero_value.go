package main

// The zero time.Time: printing, IsZero, Unix, comparisons, a context without a deadline, a
// deadline at the zero time, and Sub saturating at the largest Duration.

import (
	"context"
	"fmt"
	"time"
)

func main() {
	var zero time.Time
	fmt.Println(zero, zero.IsZero(), zero.Unix(), zero.UnixMilli())
	fmt.Println(time.Now().IsZero(), time.Now().After(zero), zero.Before(time.Now()))
	_, ok := context.Background().Deadline()
	d, _ := context.Background().Deadline()
	fmt.Println(ok, d.IsZero(), d)
	ctx, cancel := context.WithDeadline(context.Background(), zero)
	defer cancel()
	fmt.Println(ctx.Err())
	fmt.Println(time.Now().Sub(zero))
	t := time.Time{}
	fmt.Println(t == zero, t.String())
}
