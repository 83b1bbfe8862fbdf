package main

import "foo"

func main() {
}
