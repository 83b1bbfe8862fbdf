package main

import (
	"errors"
	"fmt"
)

var ErrDisk = errors.New("disk full")

type OpErr struct {
	Op  string
	Err error
}

func (e OpErr) Error() string { return e.Op + ": " + e.Err.Error() }
func (e OpErr) Unwrap() error { return e.Err }

type Timeout struct{}

func (Timeout) Error() string        { return "timeout" }
func (Timeout) Is(target error) bool { return target == ErrDisk }

func main() {
	var err error = OpErr{"write", ErrDisk}
	fmt.Println(err, errors.Is(err, ErrDisk))
	fmt.Println(errors.Unwrap(err))
	wrapped := fmt.Errorf("save: %w", err)
	fmt.Println(wrapped, errors.Is(wrapped, ErrDisk))
	var op OpErr
	fmt.Println(errors.As(wrapped, &op), op.Op)
	fmt.Println(errors.Is(Timeout{}, ErrDisk), errors.Is(Timeout{}, errors.New("x")))
}
