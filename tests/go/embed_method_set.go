package main

import "fmt"

type Counter struct{ n int }

func (c *Counter) Inc()      { c.n++ }
func (c Counter) Value() int { return c.n }

type Incer interface {
	Inc()
	Value() int
}

type Wrapped struct {
	*Counter
	label string
}

type ByValue struct {
	Counter
}

type Reader interface{ Read() string }
type Writer interface{ Write(s string) }
type ReadWriter interface {
	Reader
	Writer
}

type Buf struct{ data []string }

func (b *Buf) Read() string {
	if len(b.data) == 0 {
		return ""
	}
	s := b.data[0]
	b.data = b.data[1:]
	return s
}
func (b *Buf) Write(s string) { b.data = append(b.data, s) }

type Logged struct {
	ReadWriter
	n int
}

func main() {
	w := Wrapped{&Counter{}, "w"}
	var i Incer = w
	i.Inc()
	i.Inc()
	fmt.Println(i.Value(), w.n)
	bv := &ByValue{}
	i = bv
	i.Inc()
	fmt.Println(bv.Value(), bv.n)
	var rw ReadWriter = &Buf{}
	rw.Write("a")
	rw.Write("b")
	l := Logged{ReadWriter: rw}
	fmt.Println(l.Read(), l.Read(), l.Read() == "")
	var r Reader = l
	rw.Write("c")
	fmt.Println(r.Read())
	fmt.Printf("%T %T\n", i, r)
}
