package main

import (
	"errors"
	"fmt"
	"strconv"
)

var ErrEmpty = errors.New("empty")

func parse(s string) (int, error) {
	if s == "" {
		return 0, ErrEmpty
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("parse %q: %w", s, err)
	}
	return n, nil
}

func main() {
	for _, s := range []string{"42", "", "x1", "-7"} {
		n, err := parse(s)
		switch {
		case err == ErrEmpty:
			fmt.Println("empty!")
		case err != nil:
			fmt.Println("error:", err, errors.Unwrap(err) != nil)
		default:
			fmt.Println("ok", n)
		}
	}
	a, b := errors.New("x"), errors.New("x")
	fmt.Println(a == b, a.Error() == b.Error())
}
