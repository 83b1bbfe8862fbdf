package main

import "fmt"

type Base struct {
	ID int
}

func (b Base) Describe() string { return fmt.Sprintf("base %d", b.ID) }
func (b *Base) SetID(id int)     { b.ID = id }

type Other struct {
	Name string
}

func (o *Other) Hello() string { return "hello " + o.Name }

type D struct {
	Base
	*Other
	X int
}

type Describer interface{ Describe() string }

func main() {
	d := D{Base: Base{1}, Other: &Other{"go"}, X: 2}
	fmt.Println(d.ID, d.Name, d.X)
	fmt.Println(d.Describe(), d.Hello())
	d.SetID(7)
	fmt.Println(d.Base.ID, d.ID)
	var ds Describer = d
	fmt.Println(ds.Describe())
	e := D{Base{3}, nil, 4}
	fmt.Printf("%v %+v\n", e, e)
	e.ID = 5
	fmt.Println(e.Base)
	p := &e
	p.SetID(11)
	fmt.Println(p.ID, p.Describe())
}
