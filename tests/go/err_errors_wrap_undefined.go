package main

import "errors"

func main() {
	_ = errors.Wrap(nil, "x")
}
