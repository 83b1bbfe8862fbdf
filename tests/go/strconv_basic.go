package main

import (
	"fmt"
	"strconv"
)

func main() {
	n, err := strconv.Atoi("123")
	fmt.Println(n+1, err)
	_, err = strconv.Atoi("12a")
	fmt.Println(err)
	_, err = strconv.Atoi("")
	fmt.Println(err)
	v, err := strconv.Atoi("99999999999999999999")
	fmt.Println(v, err)
	i, err := strconv.ParseInt("-ff", 16, 64)
	fmt.Println(i, err)
	i, err = strconv.ParseInt("300", 10, 8)
	fmt.Println(i, err)
	i, err = strconv.ParseInt("0x1F", 0, 64)
	fmt.Println(i, err)
	fmt.Println(strconv.Itoa(-45), strconv.FormatInt(255, 2), strconv.FormatInt(-255, 16))
	fmt.Println(strconv.Quote("hi \"there\"\n"))
	b, err := strconv.ParseBool("True")
	fmt.Println(b, err, strconv.FormatBool(false))
	_, err = strconv.ParseBool("yes")
	fmt.Println(err)
}
