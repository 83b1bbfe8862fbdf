package main

import (
	"errors"
	"fmt"
)

type Stringer interface{ String() string }

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

// describe walks its cases in order: a concrete case compares the
// dynamic type's hash, then the type; an interface case asks getitab.
func describe(x any) string {
	switch v := x.(type) {
	case nil:
		return "nil"
	case int:
		return fmt.Sprint("int ", v)
	case string:
		return "string " + v
	case error:
		return "error " + v.Error()
	case Stringer:
		return "Stringer " + v.String()
	default:
		return fmt.Sprintf("other %T", v)
	}
}

func main() {
	values := []any{42, "go", Celsius(21.5), errors.New("boom"), 2.5, nil}
	for _, x := range values {
		fmt.Println(describe(x))
	}

	// Assertions: to a concrete type compares one word; to an
	// interface type builds (or finds) an itab.
	var x any = Celsius(-3)
	if c, ok := x.(Celsius); ok {
		fmt.Println("Celsius", float64(c))
	}
	if _, ok := x.(error); !ok {
		fmt.Println("Celsius is not an error")
	}
	s := x.(Stringer)
	fmt.Println(s.String())
}
