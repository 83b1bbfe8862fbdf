package main

import (
	"fmt"
	"time"
)

func main() {
	d := 1*time.Hour + 15*time.Minute + 30*time.Second + 918273645*time.Nanosecond
	fmt.Println(d, d.String())
	fmt.Println(d.Hours(), d.Minutes(), d.Seconds())
	fmt.Println(d.Milliseconds(), d.Microseconds(), d.Nanoseconds())
	for _, m := range []time.Duration{time.Nanosecond, time.Microsecond, time.Second, 2 * time.Second, time.Minute, 15 * time.Minute, time.Hour, 0} {
		fmt.Printf("Round(%v) = %v, Truncate(%v) = %v\n", m, d.Round(m), m, d.Truncate(m))
	}
	neg := -1500 * time.Millisecond
	fmt.Println(neg, neg.Abs(), neg.Round(time.Second), neg.Truncate(time.Second), neg.Seconds())
	fmt.Println((90 * time.Second).Minutes(), (2 * time.Millisecond).Seconds())
	p := &d
	fmt.Println(p.Round(time.Hour))
	fmt.Printf("%s|%v|%d|%.2f\n", time.Duration(1500)*time.Microsecond, 20*time.Microsecond, 3*time.Millisecond, (time.Second / 3).Seconds())
	timeout := 250 * time.Millisecond
	fmt.Println("timeout in ms:", timeout.Milliseconds(), "as text:", timeout.String())
}
