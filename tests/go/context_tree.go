package main

import (
	"context"
	"fmt"
)

type key string

func show(ctx context.Context, k key) {
	fmt.Println(k, "=", ctx.Value(k))
}

func main() {
	root, cancel := context.WithCancel(context.Background())
	vctx := context.WithValue(root, key("user"), "gopher")
	child, cancelChild := context.WithCancel(vctx)
	defer cancelChild()
	grand := context.WithValue(child, key("id"), 42)
	show(grand, "user")
	show(grand, "id")
	show(grand, "missing")
	fmt.Println("before:", child.Err())
	cancel()
	<-grand.Done()
	fmt.Println("after:", child.Err(), grand.Err())
	fmt.Println(context.TODO().Err())
}
