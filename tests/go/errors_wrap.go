package main

import (
	"errors"
	"fmt"
)

var ErrBase = errors.New("base")

type MyErr struct{ Code int }

func (e *MyErr) Error() string { return fmt.Sprintf("my error %d", e.Code) }

func main() {
	e1 := fmt.Errorf("layer1: %w", ErrBase)
	e2 := fmt.Errorf("layer2: %w", e1)
	fmt.Println(e2)
	fmt.Println(errors.Is(e2, ErrBase), errors.Is(e2, errors.New("base")))
	fmt.Println(errors.Unwrap(e2) == e1, errors.Unwrap(ErrBase) == nil)
	var me error = &MyErr{42}
	e3 := fmt.Errorf("ctx: %w", me)
	fmt.Println(e3)
	var target *MyErr
	if errors.As(e3, &target) {
		fmt.Println("as:", target.Code)
	}
	fmt.Println(errors.As(e2, &target))
	e4 := fmt.Errorf("no wrap: %v", ErrBase)
	fmt.Println(errors.Is(e4, ErrBase), errors.Unwrap(e4))
	j := errors.Join(ErrBase, me)
	fmt.Println(errors.Is(j, ErrBase))
	fmt.Println(j)
}
