package main

import (
	"errors"
	"fmt"
)

type Level int

func (l Level) String() string {
	switch l {
	case 0:
		return "low"
	case 1:
		return "high"
	}
	return fmt.Sprintf("Level(%d)", int(l))
}

type Temp struct{ C int }

func (t *Temp) String() string { return fmt.Sprintf("%d°C", t.C) }

type Code struct{ N int }

func (c Code) Error() string { return fmt.Sprintf("code-%d", c.N) }

type Reading struct {
	Lvl    Level
	lvl    Level
	T      Temp
	PT     *Temp
	Err    error
	Codes  []Code
	ByName map[string]Level
}

type Wrapper struct {
	Inner Reading
	Any   interface{}
}

func main() {
	r := Reading{
		Lvl:    1,
		lvl:    1,
		T:      Temp{20},
		PT:     &Temp{30},
		Err:    errors.New("plain"),
		Codes:  []Code{{1}, {2}},
		ByName: map[string]Level{"a": 0, "b": 5},
	}
	fmt.Println(r.Lvl, r.Codes)
	fmt.Printf("%v\n", []Level{0, 1, 2})
	fmt.Printf("%+v\n", Wrapper{Any: Level(1)})
	fmt.Println(map[Level]Code{1: {7}})
	s := fmt.Sprint([2]Level{1, 0}, " ", []*Temp{{5}, nil})
	fmt.Println(s)
	fmt.Printf("%s|%d\n", []Level{1}, []Level{1})
	fmt.Println([]error{Code{3}, nil})
	var lv []Level
	fmt.Println(lv, len(r.ByName))
	fmt.Println(r.Err, r.T.C, r.PT.C)
	panic(fmt.Sprint(Code{9}))
}
