package main

import "fmt"

type Color int

func (c Color) String() string {
	switch c {
	case 0:
		return "red"
	case 1:
		return "green"
	}
	return "other"
}

type Point struct{ X, Y int }

func (p *Point) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }

type E struct{ msg string }

func (e E) Error() string { return "E:" + e.msg }

func main() {
	var c Color = 1
	fmt.Println(c, Color(0), Color(7))
	fmt.Printf("%v %s %d %q\n", c, c, c, c)
	p := &Point{1, 2}
	fmt.Println(p)
	fmt.Printf("%v %+v\n", p, *p)
	var err error = E{"boom"}
	fmt.Println(err)
	fmt.Printf("[%10s] [%-6v]\n", c, c)
	s := fmt.Sprint(c, " and ", Color(0))
	fmt.Println(s)
}
