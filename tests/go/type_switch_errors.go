package main

import (
	"errors"
	"fmt"
	"strconv"
)

type NotFound struct{ Key string }

func (e NotFound) Error() string { return "not found: " + e.Key }

func lookup(k string) error {
	if k == "a" {
		return nil
	}
	if _, err := strconv.Atoi(k); err == nil {
		return errors.New("numeric key")
	}
	return NotFound{k}
}

func main() {
	for _, k := range []string{"a", "1", "zz"} {
		err := lookup(k)
		switch e := err.(type) {
		case nil:
			fmt.Println(k, "ok")
		case NotFound:
			fmt.Println(k, "missing", e.Key, e)
		default:
			fmt.Println(k, "other", e)
		}
	}
	var nf NotFound
	fmt.Println(errors.As(fmt.Errorf("w: %w", NotFound{"q"}), &nf), nf.Key)
}
