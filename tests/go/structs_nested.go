package main

import "fmt"

type Addr struct {
	City string
	Zip  int
}

type User struct {
	Name string
	Addr Addr
	Tags []string
}

func rename(u User) { u.Name = "changed" }
func renameP(u *User) { u.Name = "changed" }

func main() {
	u := User{"ann", Addr{"Paris", 75000}, nil}
	v := u
	v.Addr.City = "Lyon"
	fmt.Println(u, v)
	rename(u)
	fmt.Println(u.Name)
	renameP(&u)
	fmt.Println(u.Name)
	p := &u.Addr
	p.Zip++
	fmt.Printf("%+v\n", u)
	fmt.Println(u.Addr == Addr{"Paris", 75001}, Addr{"a", 1} == Addr{"a", 1})
	anon := struct {
		A, B int
	}{1, 2}
	fmt.Printf("%v %+v %T\n", anon, anon, anon)
}
